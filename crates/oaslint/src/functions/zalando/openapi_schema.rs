use super::super::{Context, Input, NativeFunction, Outcome};
use super::validation;
use crate::document::SpecFormat;
use jsonschema::{Draft, Validator};
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    #[serde(default = "yes")]
    yaml: bool,
}

fn yes() -> bool {
    true
}

/// A bundled schema split for validating member by member.
struct Compiled {
    /// The schema without its root-level `required`/`anyOf`: validates
    /// `{member: value}` documents.
    members: Validator,
    /// Only the root-level `type`, `required` and `anyOf`.
    root: Validator,
}

impl Compiled {
    fn new(name: &str, text: &str, draft: Draft) -> Compiled {
        let full: serde_json::Value = serde_json::from_str(text).expect("bundled schema is JSON");
        let mut members = full.clone();
        let mut root = serde_json::Map::new();
        root.insert("type".into(), "object".into());
        if let serde_json::Value::Object(m) = &mut members {
            for key in ["required", "anyOf"] {
                if let Some(v) = m.remove(key) {
                    root.insert(key.into(), v);
                }
            }
        }
        let members_text = members.to_string();
        let root_text = serde_json::Value::Object(root).to_string();
        Compiled {
            members: validation::compile(name, &members_text, draft),
            root: validation::compile(name, &root_text, draft),
        }
    }
}

static SWAGGER_2_0: OnceLock<Compiled> = OnceLock::new();
static OPENAPI_3_0: OnceLock<Compiled> = OnceLock::new();
static OPENAPI_3_1: OnceLock<Compiled> = OnceLock::new();

/// The compiled schema for `format` and the name used in messages.
fn schema_for(format: SpecFormat) -> (&'static Compiled, &'static str) {
    match format {
        SpecFormat::Swagger2 => (
            SWAGGER_2_0.get_or_init(|| {
                Compiled::new(
                    "openapi-2.0.json",
                    include_str!("../../../rulesets/zalando/schemas/openapi-2.0.json"),
                    Draft::Draft4,
                )
            }),
            "swagger",
        ),
        SpecFormat::OpenApi30 => (
            OPENAPI_3_0.get_or_init(|| {
                Compiled::new(
                    "openapi-3.0.json",
                    include_str!("../../../rulesets/zalando/schemas/openapi-3.0.json"),
                    Draft::Draft4,
                )
            }),
            "openapi3",
        ),
        SpecFormat::OpenApi31 => (
            OPENAPI_3_1.get_or_init(|| {
                Compiled::new(
                    "openapi-3.1.json",
                    include_str!("../../../rulesets/zalando/schemas/openapi-3.1.json"),
                    Draft::Draft202012,
                )
            }),
            "openapi3.1",
        ),
    }
}

crate::declare_function! {
    /// The document must be a valid OpenAPI document of its
    /// version, written in YAML (Zalando 101).
    ///
    /// # What it does
    ///
    /// Applied, in a rule with `resolved: false`, to the document root and to
    /// each key of the root (`given: [$, "$[*]~"]`), which lets each finding be
    /// located below the member it is in:
    ///
    /// 1. validates the root document, as written, against the official JSON
    ///    Schema of its version — Swagger 2.0, OpenAPI 3.0 or OpenAPI 3.1
    ///    (bundled, see `rulesets/zalando/schemas/README.md`). Each error is
    ///    reported at the value it is about: `Does not match <swagger |
    ///    openapi3 | openapi3.1> schema: <problem>`, for example `… must have
    ///    required property "responses"` or `… property "foo" is not allowed`
    ///    at `/paths/~1a/get/foo`. Formats (`uri-reference`, `email`) are not
    ///    asserted. The root itself is checked for its required members (and
    ///    OpenAPI 3.1's `paths`, `components` or `webhooks`), each member
    ///    against the schema's rules for it. OpenAPI 3.2 documents are not
    ///    validated (no official schema is bundled yet);
    /// 2. with `yaml`, reports a document whose text is JSON (starts with `{`
    ///    and ends with `}`): `must use YAML format`, at the root.
    ///
    /// Referenced files are not validated on their own: they are fragments.
    ///
    /// # Why
    ///
    /// Every tool that reads the specification — code generators, gateways,
    /// documentation, this linter — relies on its structure; a document the
    /// official schema rejects is read differently by each, or not at all.
    ///
    /// # Options
    ///
    /// - `yaml` (boolean, default `true`): require YAML.
    ///
    /// To accept JSON too: `functionOptions: {yaml: false}`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "101":
    ///     title: Provide API specification using OpenAPI
    ///     description: >-
    ///       The API specification must be a valid OpenAPI document (Swagger 2.0,
    ///       OpenAPI 3.0 or 3.1, checked against the official JSON Schema of its
    ///       version) in a single YAML file.
    ///     message: "{{error}}"
    ///     severity: must
    ///     resolved: false
    ///     given: [$, "$[*]~"]
    ///     then:
    ///       function: zalandoOpenApi
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders}
    /// paths: {}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths: {}
    /// ```
    ///
    /// # Compared with Zally
    ///
    /// Zally validates OpenAPI 3.1 documents against the 3.0 schema, and its
    /// messages are those of the Java validator it uses; ours are short
    /// predicates on the failing value.
    #[function("zalandoOpenApi")]
    pub(crate) struct OpenApi {
        yaml: bool,
    }
}

impl NativeFunction for OpenApi {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(OpenApi { yaml: o.yaml })
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let root = ctx.view.cursor(ctx.view.root());
        let doc = ctx.view.ws.doc(root.loc().doc);
        let validate = !root
            .get("openapi")
            .and_then(|v| v.as_str())
            .is_some_and(|v| v.starts_with("3.2"));
        let (schema, name) = schema_for(ctx.format);
        let prefix = format!("Does not match {name} schema: ");
        match input {
            Input::Node(_) => {
                if validate {
                    // Only which members exist matters here.
                    let skeleton: serde_json::Map<String, serde_json::Value> = root
                        .entries()
                        .map(|(k, _)| (k.to_string(), serde_json::Value::Null))
                        .collect();
                    let instance = serde_json::Value::Object(skeleton);
                    validation::outcomes(&schema.root, &instance, &[], &prefix, out);
                }
                if self.yaml {
                    let text = doc.text.trim();
                    if text.starts_with('{') && text.ends_with('}') {
                        out.push(Outcome::new("must use YAML format"));
                    }
                }
            }
            Input::Key(key) if validate => {
                let Some(member) = root.get(key) else { return };
                // `{key: member}`, validated against the whole schema.
                let mut wrapped = serde_json::Map::new();
                wrapped.insert(key.to_string(), doc.tree.to_json(member.loc().node));
                let instance = serde_json::Value::Object(wrapped);
                let mut found = Vec::new();
                validation::outcomes(&schema.members, &instance, &[], &prefix, &mut found);
                for mut o in found {
                    if o.path.first().map(String::as_str) == Some(key) {
                        o.path.remove(0);
                        out.push(o);
                    }
                }
            }
            _ => {}
        }
    }
}
