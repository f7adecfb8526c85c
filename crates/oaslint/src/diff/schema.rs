//! Compares two schemas in one direction.
//!
//! What breaks a client depends on who writes the data: in a request the
//! client writes and the server reads, so anything the server accepts less
//! of (a new required property, a narrower type, a lower maximum, a removed
//! enum value) breaks; in a response the server writes and the client
//! reads, so anything the client may now get that it did not before (a
//! removed or optional property, a wider type, a new enum value unless the
//! enum is `x-extensible-enum`) breaks. This file finds the facts; the
//! request body, parameter and response files turn them into checks.
//!
//! Schemas are read after following `$ref`s (also into other files) with
//! `allOf` merged; `oneOf`/`anyOf` alternatives are matched by the name of
//! the component they reference, else by position. A pair of schemas is
//! compared once per direction and the result is kept, so a component used
//! by a thousand operations costs one comparison, and a recursive schema
//! stops where it meets itself.

use super::lifecycle::{is_deprecated, Removal, Stability};
use super::model::{Api, SchemaSrc, Side};
use super::DiffOptions;
use crate::workspace::Loc;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::rc::Rc;

/// Who writes the data the schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Direction {
    /// The client writes (parameters, request bodies).
    Request,
    /// The server writes (responses).
    Response,
}

/// How a type or format changed, seen from the reader of the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TypeChange {
    /// Neither wider nor narrower, or narrower in a request / wider in a
    /// response: breaks.
    Changed,
    /// Wider in a request (integer → number, a format dropped).
    Generalized,
    /// Narrower in a response (number → integer, a format added).
    Specialized,
}

/// The numeric limits, by the words oasdiff's ids use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Limit {
    Max,
    Min,
    MaxLength,
    MinLength,
    MaxItems,
    MinItems,
    /// `exclusiveMaximum`: OpenAPI 3.1's number, or 3.0's `maximum` with
    /// `exclusiveMaximum: true` (read as the same bound, so a migration
    /// from one form to the other changes nothing).
    ExclusiveMax,
    /// `exclusiveMinimum`, in either form.
    ExclusiveMin,
}

impl Limit {
    const ALL: [(Limit, &'static str); 8] = [
        (Limit::Max, "maximum"),
        (Limit::Min, "minimum"),
        (Limit::MaxLength, "maxLength"),
        (Limit::MinLength, "minLength"),
        (Limit::MaxItems, "maxItems"),
        (Limit::MinItems, "minItems"),
        (Limit::ExclusiveMax, "exclusiveMaximum"),
        (Limit::ExclusiveMin, "exclusiveMinimum"),
    ];

    /// The word in check ids: `max`, `min-length`, …
    pub(crate) fn id_word(self) -> &'static str {
        match self {
            Limit::Max => "max",
            Limit::Min => "min",
            Limit::MaxLength => "max-length",
            Limit::MinLength => "min-length",
            Limit::MaxItems => "max-items",
            Limit::MinItems => "min-items",
            Limit::ExclusiveMax => "exclusive-max",
            Limit::ExclusiveMin => "exclusive-min",
        }
    }

    pub(crate) fn keyword(self) -> &'static str {
        Limit::ALL[self as usize].1
    }
}

/// How a limit changed: `decreased`, `increased`, `set` (it had none),
/// `unset` (it has none now).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LimitChange {
    Decreased,
    Increased,
    Set,
    Unset,
}

impl LimitChange {
    pub(crate) fn id_word(self) -> &'static str {
        match self {
            LimitChange::Decreased => "decreased",
            LimitChange::Increased => "increased",
            LimitChange::Set => "set",
            LimitChange::Unset => "unset",
        }
    }
}

/// One difference between two schemas.
#[derive(Debug, Clone)]
pub(crate) enum Kind {
    TypeChanged {
        from: String,
        to: String,
        how: TypeChange,
    },
    BecameNullable,
    BecameNotNullable,
    EnumValueRemoved(String),
    EnumValueAdded(String),
    BecameEnum,
    ExtensibleEnumValueRemoved(String),
    ExtensibleEnumValueAdded(String),
    Limit {
        limit: Limit,
        change: LimitChange,
        from: Option<String>,
        to: Option<String>,
    },
    Pattern {
        from: Option<String>,
        to: Option<String>,
    },
    /// `const` added, removed or changed (JSON text of the values).
    Const {
        from: Option<String>,
        to: Option<String>,
    },
    /// `default` added, removed or changed (JSON text of the values).
    Default {
        from: Option<String>,
        to: Option<String>,
    },
    PropertyAdded {
        required: bool,
    },
    PropertyRemoved {
        required: bool,
        removal: Removal,
    },
    BecameRequired,
    BecameOptional,
    /// `additionalProperties: false` was set (it was absent, `true` or a
    /// schema): members the schema does not name are no longer allowed.
    AdditionalPropertiesDisallowed,
    /// `additionalProperties: false` was dropped (now absent, `true` or a
    /// schema): members the schema does not name are allowed.
    AdditionalPropertiesAllowed,
    Deprecated,
    Reactivated,
    StabilityDecreased {
        from: Stability,
        to: Stability,
    },
    AlternativeAdded {
        keyword: &'static str,
        name: String,
    },
    AlternativeRemoved {
        keyword: &'static str,
        name: String,
    },
}

/// A difference, where it is in both versions, and under which property.
#[derive(Debug, Clone)]
pub(crate) struct SchemaChange {
    pub kind: Kind,
    /// Property names (and `items`, `oneOf[…]`) from the compared schema
    /// down to the changed one; empty for the compared schema itself.
    pub path: Vec<String>,
    /// Where the change is in HEAD; for a removal, the nearest surviving
    /// parent.
    pub head: Loc,
    pub base: Option<Loc>,
    /// `head` is a surviving parent of what was removed.
    pub removal: bool,
}

type Key = (SchemaSrc, SchemaSrc, Direction);

/// Compares schemas of two versions, remembering every pair it compared.
pub(crate) struct SchemaDiffer<'a> {
    base: &'a Api<'a>,
    head: &'a Api<'a>,
    options: DiffOptions,
    memo: HashMap<Key, Rc<[SchemaChange]>>,
    active: HashSet<Key>,
}

/// A schema as read for comparing: its own keywords first, then those of
/// its `allOf` members.
#[derive(Default)]
struct View<'a> {
    node: Option<Loc>,
    types: Vec<&'a str>,
    type_node: Option<Loc>,
    nullable: Option<Loc>,
    format: Option<(&'a str, Loc)>,
    enum_values: Option<(Vec<(String, Loc)>, Loc)>,
    extensible_values: Option<(Vec<(String, Loc)>, Loc)>,
    extensible: bool,
    properties: Vec<Prop<'a>>,
    properties_node: Option<Loc>,
    required: Vec<(&'a str, Loc)>,
    required_node: Option<Loc>,
    items: Option<SchemaSrc>,
    /// `additionalProperties` when it is a schema (compared like a
    /// property called `additionalProperties`, as oasdiff does).
    additional: Option<SchemaSrc>,
    /// The `additionalProperties` member as written, whatever its value.
    additional_member: Option<Loc>,
    /// `additionalProperties: false`: no members beyond `properties`.
    closed: bool,
    limits: [Option<(f64, Loc)>; 8],
    pattern: Option<(&'a str, Loc)>,
    /// `const`: its JSON text and its member.
    constant: Option<(String, Loc)>,
    /// `default`: its JSON text and its member.
    default: Option<(String, Loc)>,
    read_only: bool,
    write_only: bool,
    one_of: Option<(Vec<Alt>, Loc)>,
    any_of: Option<(Vec<Alt>, Loc)>,
}

struct Prop<'a> {
    name: &'a str,
    /// The member of `properties` as written.
    member: Loc,
    schema: SchemaSrc,
}

struct Alt {
    name: String,
    member: Loc,
    schema: SchemaSrc,
}

impl View<'_> {
    fn property(&self, name: &str) -> Option<&Prop<'_>> {
        self.properties.iter().find(|p| p.name == name)
    }

    fn is_required(&self, name: &str) -> bool {
        self.required.iter().any(|(n, _)| *n == name)
    }

    fn required_item(&self, name: &str) -> Option<Loc> {
        self.required
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, l)| *l)
    }
}

/// `allOf` chains deeper than this are not merged further (a guard, not a
/// limit anyone meets).
const MAX_ALL_OF_DEPTH: usize = 32;

fn read_view<'a>(api: &Api<'a>, src: SchemaSrc) -> View<'a> {
    let side = api.side;
    match src {
        SchemaSrc::Form(i) => {
            let form = &api.forms[i as usize];
            let mut v = View {
                node: Some(form.node),
                types: vec!["object"],
                properties_node: Some(form.node),
                ..View::default()
            };
            for (_, member, node, required) in &form.fields {
                // The name as borrowed from the document (the view lives
                // as long as the document, not as the model).
                let name: &'a str = side
                    .get(*node, "name")
                    .and_then(|n| side.str(n))
                    .unwrap_or_default();
                v.properties.push(Prop {
                    name,
                    member: *member,
                    schema: SchemaSrc::Node(*node),
                });
                if *required {
                    v.required.push((name, *member));
                }
            }
            v
        }
        SchemaSrc::Node(node) => {
            let mut v = View {
                node: Some(node),
                ..View::default()
            };
            let mut seen = HashSet::default();
            merge(&side, node, &mut v, 0, &mut seen);
            v
        }
    }
}

/// Reads the keywords of `node` into `v` where `v` has none yet, then
/// those of its `allOf` members.
fn merge<'a>(side: &Side<'a>, node: Loc, v: &mut View<'a>, depth: usize, seen: &mut HashSet<Loc>) {
    if depth > MAX_ALL_OF_DEPTH || !seen.insert(node) {
        return;
    }
    if v.type_node.is_none() {
        if let Some(t) = side.get(node, "type") {
            v.type_node = side.member(node, "type");
            match side.str(t) {
                Some(s) => v.types.push(s),
                None => v.types.extend(side.items(t).filter_map(|i| side.str(i))),
            }
            if v.types.contains(&"null") {
                v.nullable = v.type_node;
                v.types.retain(|t| *t != "null");
            }
            // Swagger 2.0's `type: file` is OpenAPI 3's binary string.
            if let Some(file) = v.types.iter_mut().find(|t| **t == "file") {
                *file = "string";
                if let Some(t) = v.type_node {
                    v.format.get_or_insert(("binary", t));
                }
            }
            v.types.sort_unstable();
            v.types.dedup();
        }
    }
    if v.nullable.is_none() {
        for key in ["nullable", "x-nullable"] {
            if let Some(n) = side.member(node, key) {
                if side.bool(side.follow(n)) == Some(true) {
                    v.nullable = Some(n);
                }
            }
        }
    }
    if v.format.is_none() {
        if let Some(f) = side.member(node, "format") {
            if let Some(s) = side.str(side.follow(f)) {
                v.format = Some((s, f));
            }
        }
    }
    if v.enum_values.is_none() {
        if let Some(e) = side.member(node, "enum") {
            let list = side.follow(e);
            let values = side.items(list).map(|i| (side.json_text(i), i)).collect();
            v.enum_values = Some((values, e));
        }
    }
    if let Some(x) = side.member(node, "x-extensible-enum") {
        v.extensible = true;
        if v.extensible_values.is_none() {
            let list = side.follow(x);
            let values: Vec<_> = side.items(list).map(|i| (side.json_text(i), i)).collect();
            if !values.is_empty() {
                v.extensible_values = Some((values, x));
            }
        }
    }
    if let Some(props) = side.member(node, "properties") {
        v.properties_node.get_or_insert(props);
        for (name, member) in side.entries(side.follow(props)) {
            if v.property(name).is_none() {
                v.properties.push(Prop {
                    name,
                    member,
                    schema: SchemaSrc::Node(side.follow(member)),
                });
            }
        }
    }
    if let Some(req) = side.member(node, "required") {
        let list = side.follow(req);
        if matches!(side.value(list), crate::tree::Value::Array(_)) {
            v.required_node.get_or_insert(req);
            for item in side.items(list) {
                if let Some(name) = side.str(item) {
                    v.required.push((name, item));
                }
            }
        }
    }
    if v.items.is_none() {
        if let Some(items) = side.get(node, "items") {
            if matches!(side.value(items), crate::tree::Value::Object(_)) {
                v.items = Some(SchemaSrc::Node(items));
            }
        }
    }
    if v.additional_member.is_none() {
        if let Some(member) = side.member(node, "additionalProperties") {
            v.additional_member = Some(member);
            v.closed = side.bool(side.follow(member)) == Some(false);
        }
    }
    if v.additional.is_none() {
        if let Some(extra) = side.get(node, "additionalProperties") {
            if matches!(side.value(extra), crate::tree::Value::Object(_)) {
                v.additional = Some(SchemaSrc::Node(extra));
            }
        }
    }
    // OpenAPI 3.0 (JSON Schema draft 4): `exclusiveMaximum: true` makes
    // `maximum` exclusive; read the bound as 3.1's numeric form.
    let mut made_exclusive = [false; 2];
    for (i, (flag, plain, exclusive)) in [
        ("exclusiveMaximum", Limit::Max, Limit::ExclusiveMax),
        ("exclusiveMinimum", Limit::Min, Limit::ExclusiveMin),
    ]
    .into_iter()
    .enumerate()
    {
        if side.get(node, flag).and_then(|b| side.bool(b)) != Some(true)
            || v.limits[exclusive as usize].is_some()
            || v.limits[plain as usize].is_some()
        {
            continue;
        }
        if let Some(m) = side.member(node, plain.keyword()) {
            if let Some(x) = side.number(side.follow(m)) {
                v.limits[exclusive as usize] = Some((x, m));
                made_exclusive[i] = true;
            }
        }
    }
    for (limit, keyword) in Limit::ALL {
        if (limit == Limit::Max && made_exclusive[0]) || (limit == Limit::Min && made_exclusive[1])
        {
            continue;
        }
        let slot = &mut v.limits[limit as usize];
        if slot.is_none() {
            if let Some(m) = side.member(node, keyword) {
                if let Some(x) = side.number(side.follow(m)) {
                    *slot = Some((x, m));
                }
            }
        }
    }
    for (keyword, slot) in [("const", &mut v.constant), ("default", &mut v.default)] {
        if slot.is_none() {
            if let Some(c) = side.member(node, keyword) {
                *slot = Some((side.json_text(side.follow(c)), c));
            }
        }
    }
    if v.pattern.is_none() {
        if let Some(p) = side.member(node, "pattern") {
            if let Some(s) = side.str(side.follow(p)) {
                v.pattern = Some((s, p));
            }
        }
    }
    let flag = |key| side.get(node, key).and_then(|b| side.bool(b)) == Some(true);
    v.read_only |= flag("readOnly");
    v.write_only |= flag("writeOnly");
    for (keyword, slot) in [("oneOf", &mut v.one_of), ("anyOf", &mut v.any_of)] {
        if slot.is_some() {
            continue;
        }
        if let Some(list_member) = side.member(node, keyword) {
            let alts = side
                .items(side.follow(list_member))
                .enumerate()
                .map(|(i, member)| Alt {
                    name: side
                        .ref_target(member)
                        .map(|r| r.rsplit('/').next().unwrap_or(r).to_string())
                        .unwrap_or_else(|| format!("#{i}")),
                    member,
                    schema: SchemaSrc::Node(side.follow(member)),
                })
                .collect();
            *slot = Some((alts, list_member));
        }
    }
    if let Some(all_of) = side.get(node, "allOf") {
        for item in side.items(all_of) {
            merge(side, side.follow(item), v, depth + 1, seen);
        }
    }
}

/// `integer` is a `number`.
fn accepts(types: &[&str], t: &str) -> bool {
    types.contains(&t) || (t == "integer" && types.contains(&"number"))
}

fn type_text(types: &[&str], format: Option<&str>) -> String {
    let t = if types.is_empty() {
        "any".to_string()
    } else {
        types.join("|")
    };
    match format {
        Some(f) => format!("{t}/{f}"),
        None => t,
    }
}

impl<'a> SchemaDiffer<'a> {
    pub(crate) fn new(base: &'a Api<'a>, head: &'a Api<'a>, options: DiffOptions) -> Self {
        SchemaDiffer {
            base,
            head,
            options,
            memo: HashMap::default(),
            active: HashSet::default(),
        }
    }

    /// The differences from `base` to `head` read in `direction`.
    pub(crate) fn compare(
        &mut self,
        base: SchemaSrc,
        head: SchemaSrc,
        direction: Direction,
    ) -> Rc<[SchemaChange]> {
        let key = (base, head, direction);
        if let Some(done) = self.memo.get(&key) {
            return done.clone();
        }
        if !self.active.insert(key) {
            // A recursive schema meeting itself: the outer comparison
            // reports what differs.
            return Rc::from([]);
        }
        let mut out = Vec::new();
        self.compare_views(base, head, direction, &mut out);
        self.active.remove(&key);
        let out: Rc<[SchemaChange]> = out.into();
        self.memo.insert(key, out.clone());
        out
    }

    fn compare_views(
        &mut self,
        base_src: SchemaSrc,
        head_src: SchemaSrc,
        dir: Direction,
        out: &mut Vec<SchemaChange>,
    ) {
        let b = read_view(self.base, base_src);
        let h = read_view(self.head, head_src);
        let (Some(b_node), Some(h_node)) = (b.node, h.node) else {
            return;
        };
        let mut push = |kind, head: Loc, base: Option<Loc>, removal| {
            out.push(SchemaChange {
                kind,
                path: Vec::new(),
                head,
                base,
                removal,
            })
        };

        // Type and format.
        let b_format = b.format.map(|f| f.0);
        let h_format = h.format.map(|f| f.0);
        if !b.types.is_empty() && !h.types.is_empty() && b.types != h.types {
            let wider = b.types.iter().all(|t| accepts(&h.types, t));
            let narrower = h.types.iter().all(|t| accepts(&b.types, t));
            let how = match dir {
                Direction::Request if wider => TypeChange::Generalized,
                Direction::Response if narrower => TypeChange::Specialized,
                _ => TypeChange::Changed,
            };
            push(
                Kind::TypeChanged {
                    from: type_text(&b.types, b_format),
                    to: type_text(&h.types, h_format),
                    how,
                },
                h.type_node.unwrap_or(h_node),
                Some(b.type_node.unwrap_or(b_node)),
                false,
            );
        } else if b_format != h_format && (b.types == h.types || b.types.is_empty()) {
            let how = match (dir, b_format, h_format) {
                (Direction::Request, Some(_), None) => TypeChange::Generalized,
                (Direction::Response, None, Some(_)) => TypeChange::Specialized,
                _ => TypeChange::Changed,
            };
            push(
                Kind::TypeChanged {
                    from: type_text(&b.types, b_format),
                    to: type_text(&h.types, h_format),
                    how,
                },
                h.format.map(|f| f.1).or(h.type_node).unwrap_or(h_node),
                Some(b.format.map(|f| f.1).or(b.type_node).unwrap_or(b_node)),
                b_format.is_some() && h_format.is_none(),
            );
        }

        // Nullability.
        match (b.nullable, h.nullable) {
            (None, Some(n)) => push(Kind::BecameNullable, n, Some(b_node), false),
            (Some(n), None) => push(
                Kind::BecameNotNullable,
                h.type_node.unwrap_or(h_node),
                Some(n),
                true,
            ),
            _ => {}
        }

        // Enums.
        match (&b.enum_values, &h.enum_values) {
            (Some((bv, b_enum)), Some((hv, h_enum))) => {
                for (value, at) in bv {
                    if !hv.iter().any(|(v, _)| v == value) {
                        push(
                            Kind::EnumValueRemoved(value.clone()),
                            *h_enum,
                            Some(*at),
                            true,
                        );
                    }
                }
                for (value, at) in hv {
                    if !bv.iter().any(|(v, _)| v == value) {
                        let kind = if dir == Direction::Response && h.extensible {
                            Kind::ExtensibleEnumValueAdded(value.clone())
                        } else {
                            Kind::EnumValueAdded(value.clone())
                        };
                        push(kind, *at, Some(*b_enum), false);
                    }
                }
            }
            (None, Some((_, h_enum))) if b.extensible_values.is_none() => {
                push(Kind::BecameEnum, *h_enum, Some(b_node), false)
            }
            _ => {}
        }
        if let (Some((bv, b_list)), Some((hv, h_list))) =
            (&b.extensible_values, &h.extensible_values)
        {
            for (value, at) in bv {
                if !hv.iter().any(|(v, _)| v == value) {
                    push(
                        Kind::ExtensibleEnumValueRemoved(value.clone()),
                        *h_list,
                        Some(*at),
                        true,
                    );
                }
            }
            for (value, at) in hv {
                if !bv.iter().any(|(v, _)| v == value) {
                    push(
                        Kind::ExtensibleEnumValueAdded(value.clone()),
                        *at,
                        Some(*b_list),
                        false,
                    );
                }
            }
        }

        // Limits.
        for (limit, _) in Limit::ALL {
            let (bl, hl) = (b.limits[limit as usize], h.limits[limit as usize]);
            let change = match (bl, hl) {
                (Some((x, _)), Some((y, _))) if y < x => LimitChange::Decreased,
                (Some((x, _)), Some((y, _))) if y > x => LimitChange::Increased,
                (None, Some(_)) => LimitChange::Set,
                (Some(_), None) => LimitChange::Unset,
                _ => continue,
            };
            let text = |l: Option<(f64, Loc)>| l.map(|(x, _)| x.to_string());
            push(
                Kind::Limit {
                    limit,
                    change,
                    from: text(bl),
                    to: text(hl),
                },
                hl.map(|l| l.1).unwrap_or(h_node),
                Some(bl.map(|l| l.1).unwrap_or(b_node)),
                hl.is_none(),
            );
        }

        // Pattern.
        let (bp, hp) = (b.pattern, h.pattern);
        if bp.map(|p| p.0) != hp.map(|p| p.0) {
            push(
                Kind::Pattern {
                    from: bp.map(|p| p.0.to_string()),
                    to: hp.map(|p| p.0.to_string()),
                },
                hp.map(|p| p.1).unwrap_or(h_node),
                Some(bp.map(|p| p.1).unwrap_or(b_node)),
                hp.is_none(),
            );
        }

        // Const and default.
        for (bc, hc, is_const) in [
            (&b.constant, &h.constant, true),
            (&b.default, &h.default, false),
        ] {
            if bc.as_ref().map(|c| &c.0) == hc.as_ref().map(|c| &c.0) {
                continue;
            }
            let from = bc.as_ref().map(|c| c.0.clone());
            let to = hc.as_ref().map(|c| c.0.clone());
            push(
                if is_const {
                    Kind::Const { from, to }
                } else {
                    Kind::Default { from, to }
                },
                hc.as_ref().map(|c| c.1).unwrap_or(h_node),
                Some(bc.as_ref().map(|c| c.1).unwrap_or(b_node)),
                hc.is_none(),
            );
        }

        // `additionalProperties: false` set or dropped (absent, `true`
        // and a schema all allow members the schema does not name).
        match (b.closed, h.closed) {
            (false, true) => push(
                Kind::AdditionalPropertiesDisallowed,
                h.additional_member.unwrap_or(h_node),
                Some(b.additional_member.unwrap_or(b_node)),
                false,
            ),
            (true, false) => push(
                Kind::AdditionalPropertiesAllowed,
                h.additional_member.unwrap_or(h_node),
                Some(b.additional_member.unwrap_or(b_node)),
                h.additional_member.is_none(),
            ),
            _ => {}
        }

        self.compare_properties(&b, &h, dir, out);

        if let (Some(bi), Some(hi)) = (b.items, h.items) {
            let nested = self.compare(bi, hi, dir);
            extend_under(out, &nested, "items");
        }
        if let (Some(ba), Some(ha)) = (b.additional, h.additional) {
            let nested = self.compare(ba, ha, dir);
            extend_under(out, &nested, "additionalProperties");
        }

        for (keyword, bs, hs) in [
            ("one-of", &b.one_of, &h.one_of),
            ("any-of", &b.any_of, &h.any_of),
        ] {
            let (Some((b_alts, _)), Some((h_alts, h_list))) = (bs, hs) else {
                continue;
            };
            let word = if keyword == "one-of" {
                "oneOf"
            } else {
                "anyOf"
            };
            for ba in b_alts {
                match h_alts.iter().find(|ha| ha.name == ba.name) {
                    Some(ha) => {
                        let nested = self.compare(ba.schema, ha.schema, dir);
                        extend_under(out, &nested, &format!("{word}[{}]", ba.name));
                    }
                    None => out.push(SchemaChange {
                        kind: Kind::AlternativeRemoved {
                            keyword,
                            name: ba.name.clone(),
                        },
                        path: Vec::new(),
                        head: *h_list,
                        base: Some(ba.member),
                        removal: true,
                    }),
                }
            }
            for ha in h_alts {
                if !b_alts.iter().any(|ba| ba.name == ha.name) {
                    out.push(SchemaChange {
                        kind: Kind::AlternativeAdded {
                            keyword,
                            name: ha.name.clone(),
                        },
                        path: Vec::new(),
                        head: ha.member,
                        base: bs.as_ref().map(|b| b.1),
                        removal: false,
                    });
                }
            }
        }
    }

    /// Whether a property is out of the contract in this direction: a
    /// read-only property is never sent in a request, a write-only one
    /// never returned.
    fn hidden(view: &View<'_>, dir: Direction) -> bool {
        match dir {
            Direction::Request => view.read_only,
            Direction::Response => view.write_only,
        }
    }

    fn compare_properties(
        &mut self,
        b: &View<'_>,
        h: &View<'_>,
        dir: Direction,
        out: &mut Vec<SchemaChange>,
    ) {
        let (Some(b_node), Some(h_node)) = (b.node, h.node) else {
            return;
        };
        let base_side = self.base.side;
        let head_side = self.head.side;
        let include_unstable = self.options.include_unstable;
        let promised = |side: &Side<'_>, src: SchemaSrc| match src {
            SchemaSrc::Node(n) => Stability::of(side, n).unwrap_or(Stability::Stable),
            SchemaSrc::Form(_) => Stability::Stable,
        };
        for bp in &b.properties {
            let b_prop = read_view(self.base, bp.schema);
            let b_level = promised(&base_side, bp.schema);
            if !include_unstable && !b_level.is_promised() {
                continue;
            }
            let b_required = b.is_required(bp.name);
            let Some(hp) = h.property(bp.name) else {
                if Self::hidden(&b_prop, dir) {
                    continue;
                }
                let removal = match bp.schema {
                    SchemaSrc::Node(n) => Removal::of(&base_side, n, self.options.today),
                    SchemaSrc::Form(_) => Removal::NotDeprecated,
                };
                out.push(SchemaChange {
                    kind: Kind::PropertyRemoved {
                        required: b_required,
                        removal,
                    },
                    path: vec![bp.name.to_string()],
                    head: h.properties_node.unwrap_or(h_node),
                    base: Some(bp.member),
                    removal: true,
                });
                continue;
            };
            let h_prop = read_view(self.head, hp.schema);
            if Self::hidden(&h_prop, dir) || Self::hidden(&b_prop, dir) {
                continue;
            }
            let path = || vec![bp.name.to_string()];
            let h_required = h.is_required(bp.name);
            if h_required && !b_required {
                out.push(SchemaChange {
                    kind: Kind::BecameRequired,
                    path: path(),
                    head: h.required_item(bp.name).unwrap_or(hp.member),
                    base: Some(bp.member),
                    removal: false,
                });
            } else if b_required && !h_required {
                out.push(SchemaChange {
                    kind: Kind::BecameOptional,
                    path: path(),
                    head: h.required_node.unwrap_or(hp.member),
                    base: b.required_item(bp.name),
                    removal: true,
                });
            }
            if let (SchemaSrc::Node(bn), SchemaSrc::Node(hn)) = (bp.schema, hp.schema) {
                let (b_dep, h_dep) = (is_deprecated(&base_side, bn), is_deprecated(&head_side, hn));
                if h_dep && !b_dep {
                    out.push(SchemaChange {
                        kind: Kind::Deprecated,
                        path: path(),
                        head: head_side.member(hn, "deprecated").unwrap_or(hp.member),
                        base: Some(bp.member),
                        removal: false,
                    });
                } else if b_dep && !h_dep {
                    out.push(SchemaChange {
                        kind: Kind::Reactivated,
                        path: path(),
                        head: hp.member,
                        base: base_side.member(bn, "deprecated"),
                        removal: false,
                    });
                }
                if let (Ok(from), Ok(to)) =
                    (Stability::of(&base_side, bn), Stability::of(&head_side, hn))
                {
                    if to < from {
                        out.push(SchemaChange {
                            kind: Kind::StabilityDecreased { from, to },
                            path: path(),
                            head: head_side
                                .member(hn, "x-stability-level")
                                .unwrap_or(hp.member),
                            base: base_side
                                .member(bn, "x-stability-level")
                                .or(Some(bp.member)),
                            removal: false,
                        });
                    }
                }
            }
            let nested = self.compare(bp.schema, hp.schema, dir);
            extend_under(out, &nested, bp.name);
        }
        for hp in &h.properties {
            if b.property(hp.name).is_some() {
                continue;
            }
            let h_prop = read_view(self.head, hp.schema);
            if Self::hidden(&h_prop, dir)
                || (!include_unstable && !promised(&head_side, hp.schema).is_promised())
            {
                continue;
            }
            out.push(SchemaChange {
                kind: Kind::PropertyAdded {
                    required: h.is_required(hp.name),
                },
                path: vec![hp.name.to_string()],
                head: hp.member,
                base: Some(b.properties_node.unwrap_or(b_node)),
                removal: false,
            });
        }
    }
}

/// Adds `nested` to `out` with `segment` in front of each path.
fn extend_under(out: &mut Vec<SchemaChange>, nested: &[SchemaChange], segment: &str) {
    out.extend(nested.iter().map(|c| {
        let mut c = c.clone();
        c.path.insert(0, segment.to_string());
        c
    }));
}
