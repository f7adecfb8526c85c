//! `oasDocumentSchema`: the whole document against Spectral's OpenAPI
//! schema for its version (rules `oas2-schema` and `oas3-schema`).

use crate::document::SpecFormat;
use crate::functions::ajv_messages::{best_match, clean, js_json, AjvError};
use crate::functions::ajv_validator::SchemaSet;
use crate::functions::{Context, Input, NativeFunction, NoOptions, Outcome};
use serde_json::Value as J;
use std::sync::OnceLock;

crate::declare_function! {
    /// The document must be valid against the OpenAPI schema of its version.
    ///
    /// # What it does
    ///
    /// Validates the whole document (apply it to `$` of an unresolved rule)
    /// against Spectral's edition of the OpenAPI 2.0, 3.0 or 3.1 JSON Schema
    /// (bundled in `rulesets/spectral-oas/schemas/`), and reports every
    /// problem where it is, with Spectral's messages: `"email" property must
    /// match format "email"`, `Property "op" is not expected to be here` (at
    /// the unexpected member), `"200" property must have required property
    /// "description"`, `"in" property must be equal to one of the allowed
    /// values: "query", "header", "path", "cookie". Did you mean "query"?`,
    /// and the schema's own sentences such as `"schema" or "content" must be
    /// present` or `Parameter must have a valid "in" property`.
    ///
    /// # Why
    ///
    /// Tools that read OpenAPI documents (generators, gateways, portals) fail
    /// or silently ignore parts of a document that does not follow the
    /// specification's structure.
    ///
    /// # Options
    ///
    /// None.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   oas3-schema:
    ///     description: Validate structure of OpenAPI v3 specification.
    ///     message: "{{error}}."
    ///     resolved: false
    ///     given: $
    ///     then:
    ///       function: oasDocumentSchema
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses: {'200': {}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// - Spectral validates with Ajv; oaslint with its own validator that
    ///   reports Ajv's errors (`allErrors`, ajv-errors' `errorMessage`).
    ///   String formats are checked by the `jsonschema` crate's checkers,
    ///   which may differ from ajv-formats' at the edges.
    /// - OpenAPI 3.1: the Schema Objects are checked against Spectral's
    ///   draft 2020-12 edition and the official 2020-12 vocabularies.
    #[function("oasDocumentSchema")]
    pub(crate) struct OasDocumentSchema;
}

/// The `$id`s of the bundled schemas, by OpenAPI version.
const OAS2: &str = "http://swagger.io/v2/schema.json";
const OAS3_0: &str = "https://spec.openapis.org/oas/3.0/schema/2019-04-02";
const OAS3_1: &str = "https://spec.openapis.org/oas/3.1/schema/2021-09-28";

fn parse(text: &str) -> J {
    serde_json::from_str(text).expect("a bundled schema is JSON")
}

/// The bundled schemas, parsed once.
fn schemas() -> &'static SchemaSet {
    static SET: OnceLock<SchemaSet> = OnceLock::new();
    SET.get_or_init(|| {
        SchemaSet::new(
            [
                parse(include_str!(
                    "../../../rulesets/spectral-oas/schemas/oas/v2.0.json"
                )),
                parse(include_str!(
                    "../../../rulesets/spectral-oas/schemas/oas/v3.0.json"
                )),
                parse(include_str!(
                    "../../../rulesets/spectral-oas/schemas/oas/v3.1/index.json"
                )),
                parse(include_str!(
                    "../../../rulesets/spectral-oas/schemas/oas/v3.1/dialect.schema.json"
                )),
                parse(include_str!(
                    "../../../rulesets/spectral-oas/schemas/oas/v3.1/meta.schema.json"
                )),
                parse(include_str!(
                    "../../../rulesets/spectral-oas/schemas/json-schema/draft-04.json"
                )),
                parse(include_str!(
                    "../../../rulesets/spectral-oas/schemas/json-schema/draft-2020-12/index.json"
                )),
                parse(include_str!(
                "../../../rulesets/spectral-oas/schemas/json-schema/draft-2020-12/validation.json"
            )),
            ]
            .into_iter()
            .chain(official_2020_12()),
        )
    })
}

/// The official draft 2020-12 meta-schema and vocabularies (Ajv has them
/// built in; so does the `jsonschema` crate, whose copies these are).
fn official_2020_12() -> impl Iterator<Item = J> {
    use referencing::meta;
    [
        &meta::DRAFT202012,
        &meta::DRAFT202012_CORE,
        &meta::DRAFT202012_APPLICATOR,
        &meta::DRAFT202012_UNEVALUATED,
        &meta::DRAFT202012_VALIDATION,
        &meta::DRAFT202012_META_DATA,
        &meta::DRAFT202012_FORMAT_ANNOTATION,
        &meta::DRAFT202012_CONTENT,
    ]
    .into_iter()
    .map(|schema| J::clone(schema))
}

/// The messages of Ajv's `errors` of `document`, as Spectral's
/// `oasDocumentSchema` words them, at their paths.
fn outcomes(errors: Vec<AjvError>, document: &J, out: &mut Vec<Outcome>) {
    for error in errors {
        // `if` errors only say that a `then`/`else` failed; that branch's
        // own errors are reported.
        if error.keyword == "if" {
            continue;
        }
        let mut path = error.instance_path.clone();
        let property = path.last().cloned();
        let message = match error.keyword.as_str() {
            "additionalProperties" => {
                let name = error.additional_property.clone().unwrap_or_default();
                let message = format!("Property \"{name}\" is not expected to be here");
                path.push(name);
                message
            }
            "enum" => {
                let printed: Vec<String> = error.allowed_values.iter().map(js_json).collect();
                let mut message = format!(
                    "{}: {}",
                    cleaned(property.as_deref(), &error.message),
                    printed.join(", ")
                );
                let value = value_at(document, &error.instance_path);
                if let Some(J::String(value)) = value {
                    if let Some(best) = best_match(value, &error.allowed_values) {
                        message.push_str(&format!(". Did you mean \"{best}\"?"));
                    }
                }
                message
            }
            // Spectral fills `{{property}}` in these with the last segment
            // of the finding's path.
            "errorMessage" => error
                .message
                .replace("{{property}}", property.as_deref().unwrap_or_default()),
            _ => cleaned(property.as_deref(), &error.message),
        };
        let outcome = Outcome::new(message).at(path);
        // Spectral drops results identical in rule, path and message.
        if !out.contains(&outcome) {
            out.push(outcome);
        }
    }
}

/// `"<property>" property <Ajv's message cleaned>`, or the message alone
/// at the document root.
fn cleaned(property: Option<&str>, message: &str) -> String {
    match property {
        Some(p) => format!("\"{p}\" property {}", clean(message)),
        None => clean(message),
    }
}

fn value_at<'v>(root: &'v J, path: &[String]) -> Option<&'v J> {
    path.iter().try_fold(root, |at, seg| match at {
        J::Object(map) => map.get(seg),
        J::Array(items) => items.get(seg.parse::<usize>().ok()?),
        _ => None,
    })
}

impl NativeFunction for OasDocumentSchema {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(OasDocumentSchema)
    }

    fn check(&self, input: Input<'_>, ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(document) = input.to_json() else {
            return;
        };
        let id = match ctx.format {
            SpecFormat::Swagger2 => OAS2,
            SpecFormat::OpenApi30 => OAS3_0,
            SpecFormat::OpenApi31 => OAS3_1,
        };
        let errors = schemas().validate(id, &document);
        outcomes(errors, &document, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_schema_is_known_by_its_id() {
        for id in [OAS2, OAS3_0, OAS3_1] {
            assert!(
                !schemas().validate(id, &J::Null).is_empty(),
                "{id}: null is not a document"
            );
        }
    }
}
