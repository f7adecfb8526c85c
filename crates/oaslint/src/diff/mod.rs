//! Compares two versions of an API description and lists what changed for
//! its clients: guideline 106 ("MUST not break backward compatibility")
//! needs two versions of a spec, which a pull request has.
//!
//! Each [`Change`] has a check id (oasdiff's where oasdiff detects the same
//! change, see [`CHECKS`]), a [`Level`], a message, where the change is in
//! HEAD and where it was in the base. Both versions are read into one
//! operation model, so Swagger 2.0 and OpenAPI 3.x compare with each other;
//! schemas are compared through `$ref`s (also into other files) and
//! `allOf`/`oneOf`/`anyOf`, in the direction the data flows.
//!
//! ```
//! use oaslint::diff::{compare, Date, DiffOptions, Level, Version};
//! use oaslint::{Limits, NoFiles};
//!
//! let base = "openapi: 3.0.3\ninfo: {title: Pets, version: 1.0.0}\npaths:\n  /pets:\n    get:\n      responses: {'200': {description: ok}}\n  /toys:\n    get:\n      responses: {'200': {description: ok}}\n";
//! let head = "openapi: 3.0.3\ninfo: {title: Pets, version: 1.1.0}\npaths:\n  /pets:\n    get:\n      responses: {'200': {description: ok}}\n";
//! let base = Version::load("api.yaml", base, &NoFiles, &Limits::default())?;
//! let head = Version::load("api.yaml", head, &NoFiles, &Limits::default())?;
//! let today = Date::new(2026, 1, 1).unwrap();
//! let changes = compare(&base, &head, &DiffOptions::new(today));
//! // In the order of their places in HEAD: `info` comes before `paths`.
//! // A breaking change without a new MAJOR version is a finding of its own.
//! assert_eq!(changes[0].check, "api-major-version-not-bumped");
//! assert_eq!(changes[1].check, "api-path-removed-without-deprecation");
//! assert_eq!(changes[1].level, Level::Breaking);
//! // A removal is located at the nearest part of HEAD that still exists.
//! assert_eq!(changes[1].head.pointer, "/paths");
//! assert_eq!(changes[1].base.as_ref().unwrap().pointer, "/paths/~1toys/get");
//! # Ok::<(), oaslint::Error>(())
//! ```

mod checks;
mod lifecycle;
mod model;
mod parameters;
mod paths;
mod request_body;
mod responses;
mod schema;
mod security;
mod version;

pub use checks::{check_info, CheckInfo, Level, CHECKS};
pub use lifecycle::Date;

use crate::document::{Document, SpecFormat, Text};
use crate::error::Error;
use crate::parse::Limits;
use crate::report::{BaseLocation, Finding};
use crate::source::Range;
use crate::workspace::{Loc, Resolver, Workspace};
use model::{Api, Operation};
use rustc_hash::FxHashSet as HashSet;
use schema::{Direction, Kind, SchemaChange, SchemaDiffer};
use serde::Serialize;

/// One version of an API description: the root document and every file
/// its `$ref`s reach, read through a [`Resolver`].
#[derive(Debug)]
pub struct Version {
    ws: Workspace,
    format: SpecFormat,
}

impl Version {
    /// Parses `text` (YAML or JSON) as the root called `name` and loads
    /// the files it references. A root that cannot be parsed or is not
    /// Swagger 2.0 / OpenAPI 3.x is an error; `$ref`s that cannot be
    /// resolved are listed in [`Version::errors`] and compare as if absent.
    pub fn load(
        name: &str,
        text: impl Into<Text>,
        resolver: &dyn Resolver,
        limits: &Limits,
    ) -> Result<Version, Error> {
        let doc = Document::parse(name, text, limits)?;
        let format = SpecFormat::detect(&doc)?;
        let ws = Workspace::load(doc, resolver, limits);
        Ok(Version { ws, format })
    }

    /// `$ref`s that could not be resolved.
    pub fn errors(&self) -> &[Error] {
        &self.ws.errors
    }

    /// The format of the root.
    pub fn format(&self) -> SpecFormat {
        self.format
    }

    /// The documents read: the root first, then the `$ref`'d files.
    pub fn documents(&self) -> &[Document] {
        self.ws.docs()
    }
}

/// What to compare and report.
#[derive(Debug, Clone, Copy)]
pub struct DiffOptions {
    /// The day the comparison is made, for `x-sunset` dates: the engine has
    /// no clock of its own.
    pub today: Date,
    /// Also report changes to operations and properties whose
    /// `x-stability-level` in the base is `draft` or `alpha`: nothing is
    /// promised about those, so by default they are left out.
    pub include_unstable: bool,
}

impl DiffOptions {
    /// The defaults, on `today`.
    pub fn new(today: Date) -> DiffOptions {
        DiffOptions {
            today,
            include_unstable: false,
        }
    }
}

/// A place in one version: a file, an RFC 6901 pointer into it, and the
/// text range (1-based lines, UTF-16 columns, `end` exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Location {
    /// The file, as named in that version.
    pub file: String,
    /// Where in the file.
    pub pointer: String,
    /// The member's key through its scalar value, or just its key.
    pub range: Range,
}

/// One change between the two versions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Change {
    /// The check id (see [`CHECKS`]).
    pub check: &'static str,
    /// How much it matters to clients.
    pub level: Level,
    /// The guideline: `106`, or `116` for the version checks.
    pub rule: &'static str,
    /// What changed, for people: the operation, the part, the change; a
    /// removal also names where the removed part was in the base.
    pub message: String,
    /// The operation (`GET /pets/{id}`, HEAD's path when it has it).
    pub operation: Option<String>,
    /// Where the change is in HEAD; for a removal, the nearest part of HEAD
    /// that still exists (the schema's `properties`, the operation's
    /// `responses`, `/paths`, …), in the file that holds it.
    pub head: Location,
    /// Where the changed or removed part is in the base.
    pub base: Option<Location>,
}

/// Where the rules of [`Change::rule`] are explained; a finding links to
/// `#106` or `#116` there.
pub const GUIDELINES_URL: &str = "https://opensource.zalando.com/restful-api-guidelines/";

impl Change {
    /// The change as a finding: rule `106` (or `116`), the severity of its
    /// level (breaking → MUST, warning → SHOULD, info → HINT), located
    /// where the change is in HEAD, with the check id and the base
    /// location in [`Finding::check`] and [`Finding::base`].
    pub fn to_finding(&self) -> Finding {
        Finding {
            rule: self.rule.to_string(),
            severity: self.level.severity(),
            message: self.message.clone(),
            file: self.head.file.clone(),
            pointer: self.head.pointer.clone(),
            range: self.head.range,
            link: Some(format!("{GUIDELINES_URL}#{}", self.rule)),
            spectral: None,
            check: Some(self.check.to_string()),
            base: self.base.as_ref().map(|b| BaseLocation {
                file: b.file.clone(),
                pointer: b.pointer.clone(),
                range: b.range,
            }),
        }
    }
}

impl Serialize for Level {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// Compares `base` with `head`. Changes come in a fixed order: by HEAD
/// file (root first), then position in it, then check id and message.
pub fn compare(base: &Version, head: &Version, options: &DiffOptions) -> Vec<Change> {
    let base_api = Api::read(&base.ws, base.format);
    let head_api = Api::read(&head.ws, head.format);
    let mut ctx = Ctx {
        base: &base_api,
        head: &head_api,
        options: *options,
        schemas: SchemaDiffer::new(&base_api, &head_api, *options),
        out: Vec::new(),
        seen: HashSet::default(),
    };
    paths::compare(&mut ctx);
    security::compare_root(&mut ctx);
    version::compare(&mut ctx);
    ctx.finish()
}

/// A change before its locations are turned into text.
struct Raw {
    info: &'static CheckInfo,
    detail: String,
    operation: Option<String>,
    head: Loc,
    base: Option<Loc>,
    removal: bool,
}

/// The state of one comparison.
pub(crate) struct Ctx<'a> {
    pub base: &'a Api<'a>,
    pub head: &'a Api<'a>,
    pub options: DiffOptions,
    pub schemas: SchemaDiffer<'a>,
    out: Vec<Raw>,
    /// (check, operation, detail, head): the same change reached twice
    /// (two media types with one schema) is reported once.
    seen: HashSet<(&'static str, Option<String>, String, Loc)>,
}

/// Where a compared schema sits in an operation.
#[derive(Clone, Copy)]
pub(crate) enum Site<'s> {
    Body {
        media: &'s str,
    },
    Param {
        location: &'s str,
        name: &'s str,
    },
    Response {
        status: &'s str,
        media: &'s str,
    },
    /// A response header's schema.
    Header {
        status: &'s str,
        name: &'s str,
    },
}

impl Site<'_> {
    fn describe(&self) -> String {
        match self {
            Site::Body { media } => format!("request body {media}"),
            Site::Param { location, name } => format!("{location} parameter `{name}`"),
            Site::Response { status, media } => format!("response {status} {media}"),
            Site::Header { status, name } => format!("response {status} header `{name}`"),
        }
    }

    fn direction(&self) -> Direction {
        match self {
            Site::Response { .. } | Site::Header { .. } => Direction::Response,
            _ => Direction::Request,
        }
    }

    /// The first words of the check ids for the compared schema itself.
    fn root_prefix(&self) -> &'static str {
        match self {
            Site::Body { .. } => "request-body",
            Site::Param { .. } => "request-parameter",
            Site::Response { .. } => "response-body",
            Site::Header { .. } => "response-header",
        }
    }
}

impl Ctx<'_> {
    /// Reports check `id` if the table has it (ids built from a schema
    /// change that no check covers are not reported).
    pub(crate) fn report(
        &mut self,
        id: &str,
        operation: Option<&Operation>,
        detail: String,
        head: Loc,
        base: Option<Loc>,
        removal: bool,
    ) {
        let Some(info) = check_info(id) else {
            return;
        };
        let operation = operation.map(Operation::label);
        if !self
            .seen
            .insert((info.id, operation.clone(), detail.clone(), head))
        {
            return;
        }
        self.out.push(Raw {
            info,
            detail,
            operation,
            head,
            base,
            removal,
        });
    }

    /// Whether a breaking change of guideline 106 was reported.
    pub(crate) fn has_breaking(&self) -> bool {
        self.out
            .iter()
            .any(|r| r.info.level == Level::Breaking && r.info.rule == "106")
    }

    /// Compares the schemas of one site of an operation and reports the
    /// differences, each under its check id.
    pub(crate) fn compare_schemas(
        &mut self,
        op: &Operation,
        site: Site<'_>,
        base: model::SchemaSrc,
        head: model::SchemaSrc,
    ) {
        let direction = site.direction();
        let changes = self.schemas.compare(base, head, direction);
        for c in changes.iter() {
            let (id, detail) = schema_check(site, direction, c);
            self.report(
                &id,
                Some(op),
                format!("{}: {detail}", site.describe()),
                c.head,
                c.base,
                c.removal,
            );
        }
    }

    fn finish(self) -> Vec<Change> {
        let location = |api: &Api<'_>, at: Loc| {
            let doc = api.side.ws.doc(at.doc);
            Location {
                file: doc.name.clone(),
                pointer: doc.tree.pointer(at.node),
                range: doc.node_range(at.node),
            }
        };
        let mut raws = self.out;
        raws.sort_by(|a, b| {
            (a.head, a.info.id, &a.operation, &a.detail).cmp(&(
                b.head,
                b.info.id,
                &b.operation,
                &b.detail,
            ))
        });
        raws.into_iter()
            .map(|r| {
                let base = r.base.map(|b| location(self.base, b));
                let mut message = match &r.operation {
                    Some(op) => format!("{op}: {}", r.detail),
                    None => r.detail,
                };
                if let (true, Some(b)) = (r.removal, &base) {
                    message.push_str(&format!(
                        " (base: {}:{} {})",
                        b.file, b.range.start.line, b.pointer
                    ));
                }
                Change {
                    check: r.info.id,
                    level: r.info.level,
                    rule: r.info.rule,
                    message,
                    operation: r.operation,
                    head: location(self.head, r.head),
                    base,
                }
            })
            .collect()
    }
}

/// The check id and the words for one schema difference at `site`.
fn schema_check(site: Site<'_>, direction: Direction, c: &SchemaChange) -> (String, String) {
    let nested = !c.path.is_empty();
    let side = match direction {
        Direction::Request => "request",
        Direction::Response => "response",
    };
    let property = format!("{side}-property");
    let prefix = if nested {
        property.as_str()
    } else {
        site.root_prefix()
    };
    let path = c.path.join("/");
    // What the words are about: a property, or the compared schema itself
    // (then the site says which).
    let at = if nested {
        format!("property `{path}`: ")
    } else {
        String::new()
    };
    match &c.kind {
        Kind::TypeChanged { from, to, how } => {
            let word = match how {
                schema::TypeChange::Changed => "changed",
                schema::TypeChange::Generalized => "generalized",
                schema::TypeChange::Specialized => "specialized",
            };
            (
                format!("{prefix}-type-{word}"),
                format!("{at}type changed from `{from}` to `{to}`"),
            )
        }
        Kind::BecameNullable => (
            format!("{prefix}-became-nullable"),
            format!("{at}became nullable"),
        ),
        Kind::BecameNotNullable => (
            format!("{prefix}-became-not-nullable"),
            format!("{at}no longer nullable"),
        ),
        Kind::EnumValueRemoved(v) => (
            if !nested && direction == Direction::Response {
                "response-mediatype-enum-value-removed".into()
            } else {
                format!("{prefix}-enum-value-removed")
            },
            format!("{at}enum value `{v}` removed"),
        ),
        Kind::EnumValueAdded(v) => (
            format!("{prefix}-enum-value-added"),
            format!("{at}enum value `{v}` added"),
        ),
        Kind::BecameEnum => (
            format!("{prefix}-became-enum"),
            format!("{at}restricted to an enum"),
        ),
        Kind::ExtensibleEnumValueRemoved(v) => (
            format!("{prefix}-x-extensible-enum-value-removed"),
            format!("{at}x-extensible-enum value `{v}` removed"),
        ),
        Kind::ExtensibleEnumValueAdded(v) => (
            format!("{prefix}-x-extensible-enum-value-added"),
            format!("{at}extensible enum value `{v}` added"),
        ),
        Kind::Limit {
            limit,
            change,
            from,
            to,
        } => {
            let keyword = limit.keyword();
            let from = from.as_deref().unwrap_or("none");
            let to = to.as_deref().unwrap_or("none");
            let words = match change {
                schema::LimitChange::Decreased => format!("{keyword} lowered from {from} to {to}"),
                schema::LimitChange::Increased => format!("{keyword} raised from {from} to {to}"),
                schema::LimitChange::Set => format!("{keyword} {to} added"),
                schema::LimitChange::Unset => format!("{keyword} {from} removed"),
            };
            (
                format!("{prefix}-{}-{}", limit.id_word(), change.id_word()),
                format!("{at}{words}"),
            )
        }
        Kind::Pattern { from, to } => match (from, to) {
            (None, Some(to)) => (
                format!("{prefix}-pattern-added"),
                format!("{at}pattern `{to}` added"),
            ),
            (Some(from), None) => (
                format!("{prefix}-pattern-removed"),
                format!("{at}pattern `{from}` removed"),
            ),
            (from, to) => (
                format!("{prefix}-pattern-changed"),
                format!(
                    "{at}pattern changed from `{}` to `{}`",
                    from.as_deref().unwrap_or_default(),
                    to.as_deref().unwrap_or_default()
                ),
            ),
        },
        Kind::Const { from, to } => match (from, to) {
            (None, Some(to)) => (
                format!("{prefix}-const-added"),
                format!("{at}const `{to}` added"),
            ),
            (Some(from), None) => (
                format!("{prefix}-const-removed"),
                format!("{at}const `{from}` removed"),
            ),
            (from, to) => (
                format!("{prefix}-const-changed"),
                format!(
                    "{at}const changed from `{}` to `{}`",
                    from.as_deref().unwrap_or_default(),
                    to.as_deref().unwrap_or_default()
                ),
            ),
        },
        Kind::Default { from, to } => match (from, to) {
            (None, Some(to)) => (
                format!("{prefix}-default-value-added"),
                format!("{at}default `{to}` added"),
            ),
            (Some(from), None) => (
                format!("{prefix}-default-value-removed"),
                format!("{at}default `{from}` removed"),
            ),
            (from, to) => (
                format!("{prefix}-default-value-changed"),
                format!(
                    "{at}default changed from `{}` to `{}`",
                    from.as_deref().unwrap_or_default(),
                    to.as_deref().unwrap_or_default()
                ),
            ),
        },
        Kind::PropertyAdded { required } => {
            let word = if *required { "required" } else { "optional" };
            let id = match direction {
                Direction::Request => format!("new-{word}-request-property"),
                Direction::Response => format!("response-{word}-property-added"),
            };
            (id, format!("{word} property `{path}` added"))
        }
        Kind::PropertyRemoved { required, removal } => {
            let word = if *required { "required" } else { "optional" };
            use lifecycle::Removal as R;
            let (id, why) = match removal {
                R::NotDeprecated => (
                    match direction {
                        Direction::Request => "request-property-removed".to_string(),
                        Direction::Response => format!("response-{word}-property-removed"),
                    },
                    String::new(),
                ),
                R::Announced => (
                    format!("{property}-removed-with-deprecation"),
                    ", deprecated without a sunset date".to_string(),
                ),
                R::AfterSunset(d) => (
                    format!("{property}-removed-with-deprecation"),
                    format!(", deprecated, sunset {d} passed"),
                ),
                R::BeforeSunset(d) => (
                    format!("{property}-removed-before-sunset"),
                    format!(" before its sunset {d}"),
                ),
                R::UnreadableSunset(t) => (
                    format!("{property}-sunset-parse"),
                    format!(", deprecated with x-sunset `{t}`, which is not a date"),
                ),
            };
            (id, format!("{word} property `{path}` removed{why}"))
        }
        Kind::BecameRequired => (
            format!("{property}-became-required"),
            format!("property `{path}` became required"),
        ),
        Kind::BecameOptional => (
            format!("{property}-became-optional"),
            format!("property `{path}` became optional"),
        ),
        Kind::AdditionalPropertiesDisallowed => (
            format!("{prefix}-additional-properties-disallowed"),
            format!("{at}additionalProperties became false: members not named in `properties` are rejected"),
        ),
        Kind::AdditionalPropertiesAllowed => (
            format!("{prefix}-additional-properties-allowed"),
            format!("{at}additionalProperties is no longer false: members not named in `properties` may appear"),
        ),
        Kind::Deprecated => (
            format!("{property}-deprecated"),
            format!("property `{path}` deprecated"),
        ),
        Kind::Reactivated => (
            format!("{property}-reactivated"),
            format!("property `{path}` is no longer deprecated"),
        ),
        Kind::StabilityDecreased { from, to } => (
            format!("{property}-stability-decreased"),
            format!(
                "property `{path}`: x-stability-level lowered from {} to {}",
                from.name(),
                to.name()
            ),
        ),
        Kind::AlternativeAdded { keyword, name } => (
            format!("{prefix}-{keyword}-added"),
            format!("{at}{} alternative `{name}` added", keyword_name(keyword)),
        ),
        Kind::AlternativeRemoved { keyword, name } => (
            format!("{prefix}-{keyword}-removed"),
            format!("{at}{} alternative `{name}` removed", keyword_name(keyword)),
        ),
    }
}

fn keyword_name(id_word: &str) -> &'static str {
    if id_word == "one-of" {
        "oneOf"
    } else {
        "anyOf"
    }
}
