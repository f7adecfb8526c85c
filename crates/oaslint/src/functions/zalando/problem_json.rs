//! `zalandoProblemJson`: error responses must use Problem JSON (Zalando
//! 176).
//!
//! # What it does
//!
//! Applied to `paths` (the root's key `paths`, `given: $[*]~`, or the
//! `paths` object; other inputs are skipped). For every `4xx`, `5xx` and
//! `default` response of every operation, as Zally does:
//!
//! - OpenAPI 3: the first media type that does not start with `mediaType`
//!   is reported (`… Media type have to be 'application/problem+json'`)
//!   and the response's schemas are not looked at;
//! - otherwise each media type's schema (Swagger 2.0: the response's
//!   `schema`), with `$ref`s followed, is validated against Zally's Problem
//!   meta-schema (bundled): an object whose `type`, `title`, `status`,
//!   `detail` and `instance` properties, when present, have Problem's types
//!   and formats. Each error is reported where it is, below the schema.
//!
//! Messages start with Zally's `Operations should return problem JSON when
//! any problem occurs during processing whether caused by client or
//! server.`
//!
//! # Options
//!
//! - `mediaType` (string, default `application/problem+json`).
//!
//! # Example
//!
//! ```yaml
//! "176":
//!   message: "{{error}}"
//!   given: $[*]~
//!   then:
//!     function: zalandoProblemJson
//! ```

use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::util::{join, operations, paths_input};
use super::validation;
use crate::document::SpecFormat;
use crate::workspace::{Cursor, Loc};
use jsonschema::{Draft, Validator};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::sync::OnceLock;

const DESCRIPTION: &str = "Operations should return problem JSON when any problem occurs during processing whether caused by client or server.";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    #[serde(default = "default_media_type")]
    media_type: String,
}

fn default_media_type() -> String {
    "application/problem+json".into()
}

fn meta_schema() -> &'static Validator {
    static META: OnceLock<Validator> = OnceLock::new();
    META.get_or_init(|| {
        validation::compile(
            "problem-meta-schema.json",
            include_str!("../../../rulesets/zalando/schemas/problem-meta-schema.json"),
            Draft::Draft4,
        )
    })
}

struct ProblemJson {
    media_type: String,
}

fn is_error_code(code: &str) -> bool {
    code == "default" || code.parse::<i64>().is_ok_and(|c| (400..=599).contains(&c))
}

/// Validates `schema` (once per physical schema) and pushes its outcomes
/// below `at`.
fn validate(
    schema: Cursor<'_>,
    at: &[String],
    cache: &mut HashMap<Loc, Vec<Outcome>>,
    out: &mut Vec<Outcome>,
) {
    let found = cache.entry(schema.loc()).or_insert_with(|| {
        let mut found = Vec::new();
        let prefix = format!("{DESCRIPTION} ");
        validation::outcomes(meta_schema(), &schema.to_json(), &[], &prefix, &mut found);
        found
    });
    for o in found.iter() {
        let mut path = at.to_vec();
        path.extend(o.path.iter().cloned());
        out.push(Outcome::new(o.message.clone()).at(path));
    }
}

impl RuleFunction for ProblemJson {
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(paths) = paths_input(&input, ctx) else {
            return;
        };
        let mut cache = HashMap::default();
        for (path, method, op) in operations(paths) {
            let Some(responses) = op.get("responses") else {
                continue;
            };
            for (code, response) in responses.entries() {
                if !is_error_code(code) {
                    continue;
                }
                let at = vec![
                    path.to_string(),
                    method.to_string(),
                    "responses".to_string(),
                    code.to_string(),
                ];
                if ctx.format == SpecFormat::Swagger2 {
                    if let Some(schema) = response.get("schema") {
                        validate(schema, &join(&at, &["schema"]), &mut cache, out);
                    }
                    continue;
                }
                let Some(content) = response.get("content") else {
                    continue;
                };
                let entries: Vec<(&str, Cursor)> = content.entries().collect();
                if let Some((media_type, _)) = entries
                    .iter()
                    .find(|(mt, _)| !mt.starts_with(self.media_type.as_str()))
                {
                    out.push(
                        Outcome::new(format!(
                            "{DESCRIPTION} Media type have to be '{}'",
                            self.media_type
                        ))
                        .at(join(&at, &["content", media_type])),
                    );
                    continue;
                }
                for (media_type, entry) in entries {
                    if let Some(schema) = entry.get("schema") {
                        validate(
                            schema,
                            &join(&at, &["content", media_type, "schema"]),
                            &mut cache,
                            out,
                        );
                    }
                }
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(ProblemJson {
        media_type: o.media_type,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, Fail, Pass};
    use super::super::util::test_support::{run_doc, On};
    use super::*;
    use serde_json::json;

    /// A `paths` object.
    fn api(code: &str, content: serde_json::Value) -> serde_json::Value {
        json!({"/a": {"get": {"responses": {
            "200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array"}}}},
            code: {"description": "error", "content": content}
        }}}})
    }

    fn problem() -> serde_json::Value {
        json!({"type": "object", "properties": {
            "type": {"type": "string", "format": "uri", "default": "about:blank"},
            "title": {"type": "string"},
            "status": {"type": "integer", "format": "int32", "minimum": 100, "maximum": 600, "exclusiveMaximum": true},
            "detail": {"type": "string"},
            "instance": {"type": "string", "format": "uri-reference"}
        }})
    }

    fn pass_table() -> Vec<Pass> {
        vec![
            (
                json!(null),
                Some(api(
                    "400",
                    json!({"application/problem+json": {"schema": problem()}}),
                )),
            ),
            (
                json!(null),
                Some(api(
                    "default",
                    json!({"application/problem+json;charset=utf-8": {}}),
                )),
            ),
            (
                json!(null),
                Some(api(
                    "503",
                    json!({"application/problem+json": {"schema": {"$ref": "https://opensource.zalando.com/restful-api-guidelines/models/problem-1.0.1.yaml#/Problem"}}}),
                )),
            ),
            (json!(null), Some(api("302", json!({"text/html": {}})))),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let at = |rest: &[&str]| {
            let mut p: Vec<String> = ["/a", "get", "responses"].map(String::from).to_vec();
            p.extend(rest.iter().map(|s| s.to_string()));
            p
        };
        vec![
            (
                json!(null),
                Some(api(
                    "404",
                    json!({"application/json": {"schema": problem()}, "application/problem+json": {"schema": {"type": "string"}}}),
                )),
                vec![Outcome::new(format!(
                    "{DESCRIPTION} Media type have to be 'application/problem+json'"
                ))
                .at(at(&["404", "content", "application/json"]))],
            ),
            (
                json!(null),
                Some(api(
                    "default",
                    json!({"application/problem+json": {"schema": {"type": "object", "properties": {
                        "status": {"type": "integer", "format": "int64"},
                        "title": {"type": "integer"}
                    }}}}),
                )),
                vec![
                    Outcome::new(format!(
                        "{DESCRIPTION} must have required property \"minimum\""
                    ))
                    .at(at(&[
                        "default",
                        "content",
                        "application/problem+json",
                        "schema",
                        "properties",
                        "status",
                    ])),
                    Outcome::new(format!(
                        "{DESCRIPTION} must have required property \"maximum\""
                    ))
                    .at(at(&[
                        "default",
                        "content",
                        "application/problem+json",
                        "schema",
                        "properties",
                        "status",
                    ])),
                    Outcome::new(format!(
                        "{DESCRIPTION} must have required property \"exclusiveMaximum\""
                    ))
                    .at(at(&[
                        "default",
                        "content",
                        "application/problem+json",
                        "schema",
                        "properties",
                        "status",
                    ])),
                    Outcome::new(format!("{DESCRIPTION} must be one of \"int32\"")).at(at(&[
                        "default",
                        "content",
                        "application/problem+json",
                        "schema",
                        "properties",
                        "status",
                        "format",
                    ])),
                    Outcome::new(format!("{DESCRIPTION} must be one of \"string\"")).at(at(&[
                        "default",
                        "content",
                        "application/problem+json",
                        "schema",
                        "properties",
                        "title",
                        "type",
                    ])),
                ],
            ),
        ]
    }

    #[test]
    fn pass() {
        testing::assert_passes(create, &pass_table());
    }

    #[test]
    fn fail() {
        insta::assert_yaml_snapshot!(testing::assert_fails(create, &fail_table()));
    }

    #[test]
    fn swagger_validates_the_schema() {
        let doc = json!({"swagger": "2.0", "paths": {"/a": {"get": {"responses": {
            "500": {"description": "e", "schema": {"type": "string"}}}}}}});
        let got = run_doc(create, json!(null), &doc, On::Key("paths"));
        assert_eq!(
            got,
            vec![
                Outcome::new(format!("{DESCRIPTION} must be one of \"object\"")).at([
                    "/a",
                    "get",
                    "responses",
                    "500",
                    "schema",
                    "type"
                ]
                .map(String::from)
                .to_vec())
            ]
        );
        assert!(run_doc(create, json!(null), &doc, On::Key("swagger")).is_empty());
    }

    #[test]
    fn options() {
        assert!(testing::options_error(create, json!({"mediaTypes": []})).contains("unknown field"));
    }
}
