//! Zally's traversals that the Zalando functions share (operations, leaf
//! properties, subschemas), whole-string regular expressions and the
//! plural test.

use super::METHODS;
use crate::document::SpecFormat;
use crate::functions::{Context, Input};
use crate::workspace::{Cursor, Loc};
use rustc_hash::{FxHashMap, FxHashSet};
use std::rc::Rc;

/// Zally's `PatternUtil.isPathVariable` (`\{.+}$`, whole segment): the
/// segment is a single `{…}` template expression.
pub(crate) fn is_path_variable(segment: &str) -> bool {
    segment.len() >= 3 && segment.starts_with('{') && segment.ends_with('}')
}

/// The document's root member named by a key input (`given: $[*]~`).
///
/// Functions that look at the whole document take the root's member keys
/// rather than the root: each finding is then located below the member it
/// is in, and the engine never has to print the whole document for a
/// finding's `{{value}}`.
pub(crate) fn root_member<'a>(
    input: &Input<'_>,
    ctx: &Context<'a>,
) -> Option<(String, Cursor<'a>)> {
    let Input::Key(key) = input else { return None };
    let member = ctx.view.cursor(ctx.view.root()).get(key)?;
    Some((key.to_string(), member))
}

/// The document root.
pub(crate) fn root<'a>(ctx: &Context<'a>) -> Cursor<'a> {
    ctx.view.cursor(ctx.view.root())
}

/// Zally's `getAllSchemas` within one root member, with their paths from
/// the member: component schemas, component parameter, response and
/// request body schemas, and the parameter, response and request body
/// schemas of operations (not of path-level parameters). Swagger 2.0: the
/// definitions, parameters (a non-body parameter is its own schema),
/// response schemas and the same in operations.
pub(crate) fn schema_roots<'a>(
    key: &str,
    member: Cursor<'a>,
    format: SpecFormat,
) -> Vec<(Vec<String>, Cursor<'a>)> {
    let mut out = Vec::new();
    let swagger = format == SpecFormat::Swagger2;
    // A parameter's schema: its `schema`, or itself for a Swagger 2.0
    // non-body parameter.
    let param = |base: Vec<String>, p: Cursor<'a>, out: &mut Vec<(Vec<String>, Cursor<'a>)>| {
        let body = p.get("in").and_then(|i| i.as_str()) == Some("body");
        if swagger && !body {
            out.push((base, p));
        } else if let Some(s) = p.get("schema") {
            out.push((join(&base, &["schema"]), s));
        }
    };
    let content =
        |base: Vec<String>, holder: Cursor<'a>, out: &mut Vec<(Vec<String>, Cursor<'a>)>| {
            if swagger {
                if let Some(s) = holder.get("schema") {
                    out.push((join(&base, &["schema"]), s));
                }
            } else if let Some(c) = holder.get("content") {
                for (mt, m) in c.entries() {
                    if let Some(s) = m.get("schema") {
                        out.push((join(&base, &["content", mt, "schema"]), s));
                    }
                }
            }
        };
    match (key, swagger) {
        ("components", false) => {
            let section = |name: &str| {
                member
                    .get(name)
                    .map(|m| m.entries().collect::<Vec<_>>())
                    .unwrap_or_default()
            };
            for (n, s) in section("schemas") {
                out.push((vec!["schemas".into(), n.into()], s));
            }
            for (n, p) in section("parameters") {
                if let Some(s) = p.get("schema") {
                    out.push((vec!["parameters".into(), n.into(), "schema".into()], s));
                }
            }
            for (n, r) in section("responses") {
                content(vec!["responses".into(), n.into()], r, &mut out);
            }
            for (n, r) in section("requestBodies") {
                content(vec!["requestBodies".into(), n.into()], r, &mut out);
            }
        }
        ("definitions", true) => {
            for (n, s) in member.entries() {
                out.push((vec![n.into()], s));
            }
        }
        ("parameters", true) => {
            for (n, p) in member.entries() {
                param(vec![n.into()], p, &mut out);
            }
        }
        ("responses", true) => {
            for (n, r) in member.entries() {
                content(vec![n.into()], r, &mut out);
            }
        }
        ("paths", _) => {
            for (path, item) in member.entries() {
                for method in METHODS {
                    let Some(op) = item.get(method) else { continue };
                    let base = vec![path.to_string(), method.to_string()];
                    if let Some(params) = op.get("parameters") {
                        for (i, p) in params.items().enumerate() {
                            param(join(&base, &["parameters", &i.to_string()]), p, &mut out);
                        }
                    }
                    if let Some(responses) = op.get("responses") {
                        for (code, r) in responses.entries() {
                            content(join(&base, &["responses", code]), r, &mut out);
                        }
                    }
                    if !swagger {
                        if let Some(body) = op.get("requestBody") {
                            content(join(&base, &["requestBody"]), body, &mut out);
                        }
                    }
                }
            }
        }
        _ => {}
    }
    out
}

/// One schema of Zally's walk ([`schema_walk`]) and its leaf properties.
pub(crate) struct WalkedSchema<'a> {
    /// The schema's path from the function's input.
    pub base: Vec<String>,
    pub schema: Cursor<'a>,
    /// [`leaf_properties`] of the schema, in document order.
    pub leaves: Vec<Leaf<'a>>,
}

/// A leaf property: its name, its path from the walked schema, itself.
pub(crate) struct Leaf<'a> {
    pub name: &'a str,
    pub path: Vec<&'a str>,
    pub prop: Cursor<'a>,
}

/// The schemas a function is given, each with its leaf properties: the
/// input node itself, or — given a root member key (`given: $[*]~`) — each
/// of Zally's schemas in that member (see [`schema_roots`]) once. Schemas
/// and leaves shared through `$ref`s are visited once per walk.
///
/// Five Zalando functions walk the same schemas; the walk of a root member
/// is made once per lint and shared through the context.
pub(crate) fn schema_walk<'a>(input: &Input<'a>, ctx: &Context<'a>) -> Rc<[WalkedSchema<'a>]> {
    match input {
        Input::Node(schema) => {
            let mut seen = Seen::default();
            Rc::from([walked(Vec::new(), *schema, &mut seen)])
        }
        Input::Key(key) => {
            if let Some(walk) = ctx.shared.schema_walks.borrow().get(*key) {
                return walk.clone();
            }
            let walk: Rc<[WalkedSchema<'a>]> = walk_member(input, ctx).into();
            ctx.shared
                .schema_walks
                .borrow_mut()
                .insert(key.to_string(), walk.clone());
            walk
        }
        Input::Undefined => Rc::from([]),
    }
}

/// Calls `f(base, leaf)` for every leaf property of [`schema_walk`], `base`
/// being the path of the leaf's schema.
pub(crate) fn for_each_leaf<'a>(
    input: &Input<'a>,
    ctx: &Context<'a>,
    mut f: impl FnMut(&[String], &Leaf<'a>),
) {
    for walked in schema_walk(input, ctx).iter() {
        for leaf in &walked.leaves {
            f(&walked.base, leaf);
        }
    }
}

fn walked<'a>(base: Vec<String>, schema: Cursor<'a>, seen: &mut Seen<'a>) -> WalkedSchema<'a> {
    let mut leaves = Vec::new();
    leaf_properties(schema, seen, &mut |name, path, prop| {
        leaves.push(Leaf {
            name,
            path: path.to_vec(),
            prop,
        })
    });
    WalkedSchema {
        base,
        schema,
        leaves,
    }
}

fn walk_member<'a>(input: &Input<'_>, ctx: &Context<'a>) -> Vec<WalkedSchema<'a>> {
    let mut out = Vec::new();
    let Some((key, member)) = root_member(input, ctx) else {
        return out;
    };
    let mut seen = Seen::default();
    // The named schemas are walked when the function is given their own
    // member (`components`, `definitions`); elsewhere a `$ref` to one of
    // them is not walked again.
    let named = if ctx.format == SpecFormat::Swagger2 {
        "definitions"
    } else {
        "components"
    };
    if key != named {
        let root = root(ctx);
        let schemas = match ctx.format {
            SpecFormat::Swagger2 => root.get("definitions"),
            _ => root.get("components").and_then(|c| c.get("schemas")),
        };
        for (_, schema) in schemas.iter().flat_map(|s| s.entries()) {
            seen.roots.insert(schema.loc());
            seen.schemas.insert(schema.loc());
        }
    }
    for (base, schema) in schema_roots(&key, member, ctx.format) {
        if seen.roots.insert(schema.loc()) {
            out.push(walked(base, schema, &mut seen));
        }
    }
    out
}

/// Every operation of a `paths` object: (path key, method, operation),
/// in swagger-parser's `readOperations()` order (that of [`METHODS`]).
pub(crate) fn operations<'a>(paths: Cursor<'a>) -> Vec<(&'a str, &'static str, Cursor<'a>)> {
    paths
        .entries()
        .flat_map(|(path, item)| {
            super::operations(&item).map(move |(method, op)| (path, method, op))
        })
        .collect()
}

/// The `paths` object a function is given: the root member `paths` as a
/// key (`given: $[*]~`), or the node itself.
pub(crate) fn paths_input<'a>(input: &Input<'a>, ctx: &Context<'a>) -> Option<Cursor<'a>> {
    match input {
        Input::Key(_) => match root_member(input, ctx) {
            Some((key, member)) if key == "paths" => Some(member),
            _ => None,
        },
        Input::Node(c) => Some(*c),
        Input::Undefined => None,
    }
}

/// The security schemes map and its path from the root:
/// `components.securitySchemes` (OpenAPI 3) or `securityDefinitions`
/// (Swagger 2.0).
pub(crate) fn security_schemes<'a>(
    root: Cursor<'a>,
    format: SpecFormat,
) -> (Vec<String>, Option<Cursor<'a>>) {
    if format == SpecFormat::Swagger2 {
        (
            vec!["securityDefinitions".into()],
            root.get("securityDefinitions"),
        )
    } else {
        (
            vec!["components".into(), "securitySchemes".into()],
            root.get("components")
                .and_then(|c| c.get("securitySchemes")),
        )
    }
}

/// Whether a security scheme is OAuth2.
pub(crate) fn is_oauth2(scheme: Cursor<'_>) -> bool {
    scheme.get("type").and_then(|t| t.as_str()) == Some("oauth2")
}

/// The `scopes` maps of an OAuth2 scheme with their paths below the
/// scheme: `flows.<flow>.scopes` (OpenAPI 3, flows in swagger-parser's
/// order) or `scopes` (Swagger 2.0).
pub(crate) fn oauth2_scopes<'a>(
    scheme: Cursor<'a>,
    format: SpecFormat,
) -> Vec<(Vec<String>, Cursor<'a>)> {
    if format == SpecFormat::Swagger2 {
        return scheme
            .get("scopes")
            .map(|s| vec![(vec!["scopes".to_string()], s)])
            .unwrap_or_default();
    }
    let mut out = Vec::new();
    if let Some(flows) = scheme.get("flows") {
        for flow in [
            "implicit",
            "password",
            "clientCredentials",
            "authorizationCode",
        ] {
            if let Some(scopes) = flows.get(flow).and_then(|f| f.get("scopes")) {
                out.push((join(&["flows".to_string()], &[flow, "scopes"]), scopes));
            }
        }
    }
    out
}

/// Every scope an OAuth2 scheme declares.
pub(crate) fn declared_scopes<'a>(scheme: Cursor<'a>, format: SpecFormat) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for (_, scopes) in oauth2_scopes(scheme, format) {
        for (name, _) in scopes.entries() {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// A schema's `type` when it names one type: a string, or (OpenAPI 3.1) a
/// list of one type besides `"null"`.
pub(crate) fn schema_type<'a>(schema: Cursor<'a>) -> Option<&'a str> {
    let t = schema.get("type")?;
    if let Some(s) = t.as_str() {
        return Some(s);
    }
    let mut types = t
        .items()
        .filter_map(|c| c.as_str())
        .filter(|s| *s != "null");
    match (types.next(), types.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// Whether `schema` has a non-empty `properties` map (Zally's "not
/// primitive").
pub(crate) fn has_properties(schema: Cursor<'_>) -> bool {
    schema
        .get("properties")
        .is_some_and(|p| p.entries().next().is_some())
}

/// Appends `segments` to `base`.
pub(crate) fn join(base: &[String], segments: &[&str]) -> Vec<String> {
    let mut p = base.to_vec();
    p.extend(segments.iter().map(|s| s.to_string()));
    p
}

/// What a walk over several schemas has visited, so that schemas shared
/// through `$ref`s are walked once.
#[derive(Default)]
struct Seen<'a> {
    roots: FxHashSet<Loc>,
    schemas: FxHashSet<Loc>,
    leaves: FxHashSet<(Loc, &'a str)>,
}

/// `base` followed by `path`, as an outcome path.
pub(crate) fn at(base: &[String], path: &[&str]) -> Vec<String> {
    let mut p = Vec::with_capacity(base.len() + path.len());
    p.extend(base.iter().cloned());
    p.extend(path.iter().map(|s| s.to_string()));
    p
}

/// Zally's `getAllProperties` below one schema: every *leaf* property (one
/// without `properties` of its own), found by following `properties` only
/// (not `items` or `allOf`). Calls `f(name, path, property)` with the path
/// from `schema`. Schemas already walked (`$ref` cycles, or shared with
/// other schemas walked with the same `seen`) are not walked again, and a
/// leaf is reported once per name.
fn leaf_properties<'a>(
    schema: Cursor<'a>,
    seen: &mut Seen<'a>,
    f: &mut dyn FnMut(&'a str, &[&'a str], Cursor<'a>),
) {
    if !seen.schemas.insert(schema.loc()) {
        return;
    }
    let mut stack: Vec<(Cursor<'a>, Vec<&'a str>)> = vec![(schema, Vec::new())];
    let mut path: Vec<&'a str> = Vec::new();
    while let Some((cur, base)) = stack.pop() {
        let Some(props) = cur.get("properties") else {
            continue;
        };
        let mut nested = Vec::new();
        let map = props.loc();
        let tree = props.view().tree(map.doc);
        for (name, prop) in props.entries() {
            path.clear();
            path.extend_from_slice(&base);
            path.push("properties");
            path.push(name);
            if has_properties(prop) {
                if seen.schemas.insert(prop.loc()) {
                    nested.push((prop, path.clone()));
                }
                continue;
            }
            // An inline property is reached only through its map, which is
            // walked once; a `$ref`'d one may be reached again.
            let inline =
                prop.loc().doc == map.doc && tree.parent(prop.loc().node) == Some(map.node);
            if inline || seen.leaves.insert((prop.loc(), name)) {
                f(name, &path, prop);
            }
        }
        // Depth first, in document order.
        stack.extend(nested.into_iter().rev());
    }
}

/// A name for a schema in messages: the key it is defined under
/// (`components/schemas` entry, property, …); for a parameter's `schema`,
/// or a Swagger 2.0 parameter that is its own schema, the parameter's
/// name; else `schema`.
pub(crate) fn schema_name(schema: Cursor<'_>) -> String {
    let own = |c: Cursor<'_>| {
        c.get("in")
            .and(c.get("name"))
            .and_then(|n| n.as_str())
            .map(str::to_string)
    };
    if let Some(n) = own(schema) {
        return n;
    }
    let view = schema.view();
    let loc = schema.loc();
    let tree = view.tree(loc.doc);
    match tree.key_of(loc.node) {
        Some(("schema", _)) => tree
            .parent(loc.node)
            .and_then(|p| tree.get(p, "name"))
            .and_then(|n| tree.as_str(n))
            .unwrap_or("schema")
            .to_string(),
        Some((key, _)) => key.to_string(),
        None => "schema".to_string(),
    }
}

/// A regular expression (ECMAScript syntax) that must match a *whole*
/// string, as Java's `String.matches` and Kotlin's `Regex.matches` do.
pub(crate) struct WholeMatch {
    pub source: String,
    regex: crate::js_regex::JsPattern,
}

impl WholeMatch {
    /// Compiles `source`; `option` names the option in errors.
    pub fn compile(option: &str, source: &str) -> Result<WholeMatch, String> {
        let regex =
            crate::js_regex::JsPattern::new(&format!("^(?:{source})$"), "").map_err(|e| {
                format!("`{option}` is not a valid regular expression: '{source}': {e}")
            })?;
        Ok(WholeMatch {
            source: source.to_string(),
            regex,
        })
    }

    /// Compiles a list of patterns.
    pub fn compile_all(option: &str, sources: &[String]) -> Result<Vec<WholeMatch>, String> {
        sources
            .iter()
            .map(|s| WholeMatch::compile(option, s))
            .collect()
    }

    /// Whether the pattern matches all of `text` (a cut-off evaluation
    /// counts as no match, see [`crate::js_regex`]).
    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }
}

/// `[a, b, c]`, as Kotlin prints a list.
pub(crate) fn kotlin_list<S: AsRef<str>>(items: &[S]) -> String {
    let parts: Vec<&str> = items.iter().map(|s| s.as_ref()).collect();
    format!("[{}]", parts.join(", "))
}

/// Whether `word` reads as a plural English noun: it is in `whitelist`,
/// or pluralising it (with `cruet`, which looks at the last word of a
/// `kebab-case` or `snake_case` compound) changes nothing.
pub(crate) fn is_plural(word: &str, whitelist: &[String]) -> bool {
    if whitelist.iter().any(|w| w == word) {
        return true;
    }
    // The inflector tries its rules one regex at a time; specs repeat the
    // same names thousands of times, so answers are remembered (per thread,
    // bounded).
    thread_local! {
        static PLURALS: std::cell::RefCell<FxHashMap<String, bool>> =
            std::cell::RefCell::new(FxHashMap::default());
    }
    let lower = word.to_lowercase();
    PLURALS.with(|memo| {
        if let Some(&known) = memo.borrow().get(&lower) {
            return known;
        }
        let plural = cruet::string::pluralize::to_plural(&lower) == lower;
        let mut memo = memo.borrow_mut();
        if memo.len() >= 65_536 {
            memo.clear();
        }
        memo.insert(lower, plural);
        plural
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_root_members_schema_walk_is_made_once_and_shared() {
        use crate::document::Document;
        use crate::parse::Limits;
        use crate::workspace::{MemoryResolver, Workspace};
        let doc = serde_json::json!({
            "openapi": "3.0.3",
            "paths": {"/a": {"get": {"responses": {"200": {"description": "ok",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}}}},
            "components": {"schemas": {
                "A": {"properties": {"id": {"type": "string"}, "b": {"$ref": "#/components/schemas/B"}}},
                "B": {"properties": {"name": {"type": "string"}, "id": {"type": "integer"}}}
            }}
        });
        let ws = Workspace::load(
            Document::from_json("api.json", &doc),
            &MemoryResolver::new(),
            &Limits::default(),
        );
        let ctx = Context::new(ws.view(true), SpecFormat::OpenApi30);
        let first = schema_walk(&Input::Key("components"), &ctx);
        let again = schema_walk(&Input::Key("components"), &ctx);
        assert!(
            Rc::ptr_eq(&first, &again),
            "the second call reads the first walk"
        );
        // A's leaves, then B's (walked as a nested schema of A and not again
        // as its own root): document order, each leaf with its path.
        let leaves: Vec<(Vec<String>, &str, Vec<&str>)> = first
            .iter()
            .flat_map(|w| {
                w.leaves
                    .iter()
                    .map(|l| (w.base.clone(), l.name, l.path.clone()))
            })
            .collect();
        assert_eq!(
            leaves,
            vec![
                (
                    vec!["schemas".into(), "A".into()],
                    "id",
                    vec!["properties", "id"]
                ),
                (
                    vec!["schemas".into(), "A".into()],
                    "name",
                    vec!["properties", "b", "properties", "name"]
                ),
                (
                    vec!["schemas".into(), "A".into()],
                    "id",
                    vec!["properties", "b", "properties", "id"]
                ),
            ]
        );
        // `paths` reaches A through a `$ref`: it is a named schema, walked
        // with `components` only.
        assert!(schema_walk(&Input::Key("paths"), &ctx).is_empty());
    }

    #[test]
    fn path_variables_are_whole_segments() {
        assert!(is_path_variable("{id}"));
        assert!(is_path_variable("{a}-{b}"));
        assert!(!is_path_variable("{}"));
        assert!(!is_path_variable("x{id}"));
        assert!(!is_path_variable("{id}.json"));
    }

    #[test]
    fn whole_match_anchors_the_pattern() {
        let re = WholeMatch::compile("p", "[a-z]+|x").unwrap();
        assert!(re.is_match("abc"));
        assert!(re.is_match("x"));
        assert!(!re.is_match("abc1"));
        assert!(!re.is_match("1x"));
        assert!(WholeMatch::compile("p", "(").is_err());
    }

    #[test]
    fn plurals() {
        let wl = vec!["vat".to_string()];
        for w in [
            "orders",
            "people",
            "children",
            "data",
            "order-items",
            "line_items",
            "vat",
            "addresses",
            "categories",
            "news",
        ] {
            assert!(is_plural(w, &wl), "{w}");
        }
        for w in [
            "order",
            "person",
            "child",
            "status",
            "address",
            "category",
            "order-item",
        ] {
            assert!(!is_plural(w, &wl), "{w}");
        }
    }
}
