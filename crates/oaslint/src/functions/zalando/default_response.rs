//! `zalandoDefaultResponse`: operations should define a `default` error
//! response with a Problem JSON body (Zalando 151).
//!
//! # What it does
//!
//! Applied to an operation, or to every operation of `paths` given the
//! root's key `paths` (`given: $[*]~`; other keys are skipped). Zally's
//! three checks:
//!
//! 1. no `default` response: `operation should contain the default
//!    response`, at the operation;
//! 2. a `default` media type other than `mediaTypes`: `media-type
//!    application/problem+json should be used as default response`, at the
//!    media type;
//! 3. for the `mediaTypes`, the schema must be a `$ref` to one of
//!    `problemRefs` (remote references are never fetched, so this is how
//!    the published Problem schema is recognised) or have Problem's shape —
//!    `type` (string, format `uri` or `uri-reference`), `title` (string),
//!    `status` (integer, int32), `detail` (string) and `instance` (string,
//!    `uri` or `uri-reference`) — else `problem+json should be used as
//!    default response`, at the media type.
//!
//! Swagger 2.0: the media types are the operation's `produces` (else the
//! document's); findings of checks 2 and 3 are at the `default` response,
//! whose `schema` check 3 looks at.
//!
//! # Options
//!
//! - `mediaTypes` (list, default `[application/json,
//!   application/problem+json]`).
//! - `problemRefs` (list of `$ref` values): default Zally's six URLs of the
//!   published Problem schema.
//!
//! # Example
//!
//! ```yaml
//! "151":
//!   message: "{{error}}"
//!   given: $[*]~
//!   then:
//!     function: zalandoDefaultResponse
//! ```

use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::util::{join, operations, paths_input, root};
use crate::document::SpecFormat;
use crate::workspace::Cursor;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    #[serde(default = "default_media_types")]
    media_types: Vec<String>,
    #[serde(default = "default_problem_refs")]
    problem_refs: Vec<String>,
}

fn default_media_types() -> Vec<String> {
    vec!["application/json".into(), "application/problem+json".into()]
}

fn default_problem_refs() -> Vec<String> {
    [
        "https://opensource.zalando.com/restful-api-guidelines/models/problem-1.0.1.yaml#/Problem",
        "https://opensource.zalando.com/restful-api-guidelines/problem-1.0.1.yaml#/Problem",
        "https://opensource.zalando.com/restful-api-guidelines/models/problem-1.0.0.yaml#/Problem",
        "https://opensource.zalando.com/restful-api-guidelines/problem-1.0.0.yaml#/Problem",
        "https://opensource.zalando.com/problem/schema.yaml#/Problem",
        "https://zalando.github.io/problem/schema.yaml#/Problem",
    ]
    .map(String::from)
    .to_vec()
}

const NO_DEFAULT: &str = "operation should contain the default response";
const NOT_PROBLEM_TYPE: &str =
    "media-type application/problem+json should be used as default response";
const NOT_PROBLEM: &str = "problem+json should be used as default response";

struct DefaultResponse {
    media_types: Vec<String>,
    problem_refs: Vec<String>,
}

fn str_of<'a>(c: Option<Cursor<'a>>, key: &str) -> Option<&'a str> {
    c.and_then(|c| c.get(key)).and_then(|v| v.as_str())
}

/// Zally's `isProblemJsonSchema`.
fn has_problem_shape(schema: Cursor<'_>) -> bool {
    let props = schema.get("properties");
    let prop = |name: &str| props.and_then(|p| p.get(name));
    let uri = |f: Option<&str>| matches!(f, Some("uri" | "uri-reference"));
    str_of(prop("type"), "type") == Some("string")
        && uri(str_of(prop("type"), "format"))
        && str_of(prop("title"), "type") == Some("string")
        && str_of(prop("status"), "type") == Some("integer")
        && str_of(prop("status"), "format") == Some("int32")
        && str_of(prop("detail"), "type") == Some("string")
        && str_of(prop("instance"), "type") == Some("string")
        && uri(str_of(prop("instance"), "format"))
}

impl DefaultResponse {
    fn is_problem(&self, schema: Option<Cursor<'_>>) -> bool {
        let Some(schema) = schema else { return false };
        // A remote `$ref` is never followed: the cursor is the `$ref` object.
        if str_of(Some(schema), "$ref").is_some_and(|r| self.problem_refs.iter().any(|p| p == r)) {
            return true;
        }
        has_problem_shape(schema)
    }
}

impl RuleFunction for DefaultResponse {
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        match input {
            Input::Node(op) => self.check_op(op, &[], ctx, out),
            Input::Key(_) => {
                if let Some(paths) = paths_input(&input, ctx) {
                    for (path, method, op) in operations(paths) {
                        self.check_op(op, &[path.to_string(), method.to_string()], ctx, out);
                    }
                }
            }
            Input::Undefined => {}
        }
    }
}

impl DefaultResponse {
    fn check_op(&self, op: Cursor<'_>, base: &[String], ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(default) = op.get("responses").and_then(|r| r.get("default")) else {
            out.push(Outcome::new(NO_DEFAULT).at(base.to_vec()));
            return;
        };
        let at = |rest: &[&str]| {
            let mut p = join(base, &["responses", "default"]);
            p.extend(rest.iter().map(|s| s.to_string()));
            p
        };
        if ctx.format == SpecFormat::Swagger2 {
            let produces = op.get("produces").or_else(|| root(ctx).get("produces"));
            let types: Vec<&str> = produces
                .map(|p| p.items().filter_map(|t| t.as_str()).collect())
                .unwrap_or_default();
            if types
                .iter()
                .any(|t| !self.media_types.iter().any(|m| m == t))
            {
                out.push(Outcome::new(NOT_PROBLEM_TYPE).at(at(&[])));
            }
            let checked = types.is_empty()
                || types
                    .iter()
                    .any(|t| self.media_types.iter().any(|m| m == t));
            if checked && !self.is_problem(default.get("schema")) {
                out.push(Outcome::new(NOT_PROBLEM).at(at(&[])));
            }
            return;
        }
        let Some(content) = default.get("content") else {
            return;
        };
        for (media_type, entry) in content.entries() {
            if !self.media_types.iter().any(|m| m == media_type) {
                out.push(Outcome::new(NOT_PROBLEM_TYPE).at(at(&["content", media_type])));
            } else if !self.is_problem(entry.get("schema")) {
                out.push(Outcome::new(NOT_PROBLEM).at(at(&["content", media_type])));
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(DefaultResponse {
        media_types: o.media_types,
        problem_refs: o.problem_refs,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome, Fail, Pass};
    use super::super::util::test_support::{run_doc, On};
    use super::*;
    use serde_json::json;

    fn problem() -> serde_json::Value {
        json!({"type": "object", "properties": {
            "type": {"type": "string", "format": "uri-reference"},
            "title": {"type": "string"},
            "status": {"type": "integer", "format": "int32"},
            "detail": {"type": "string"},
            "instance": {"type": "string", "format": "uri"}
        }})
    }

    fn op(default: serde_json::Value) -> serde_json::Value {
        json!({"responses": {"200": {"description": "ok"}, "default": default}})
    }

    fn with(media_type: &str, schema: serde_json::Value) -> serde_json::Value {
        op(json!({"description": "error", "content": { media_type: { "schema": schema } }}))
    }

    fn pass_table() -> Vec<Pass> {
        let published = json!({"$ref": "https://opensource.zalando.com/restful-api-guidelines/models/problem-1.0.1.yaml#/Problem"});
        vec![
            (
                json!(null),
                Some(with("application/problem+json", published.clone())),
            ),
            (json!(null), Some(with("application/json", problem()))),
            (json!(null), Some(op(json!({"description": "error"})))),
            (
                json!({"problemRefs": ["https://example.com/problem.yaml"]}),
                Some(with(
                    "application/problem+json",
                    json!({"$ref": "https://example.com/problem.yaml"}),
                )),
            ),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let content = |m: &str| {
            ["responses", "default", "content", m]
                .map(String::from)
                .to_vec()
        };
        vec![
            (
                json!(null),
                Some(json!({"responses": {"200": {}}})),
                vec![outcome(NO_DEFAULT, &[])],
            ),
            (
                json!(null),
                Some(with("text/plain", json!({"type": "string"}))),
                vec![Outcome::new(NOT_PROBLEM_TYPE).at(content("text/plain"))],
            ),
            (
                json!(null),
                Some(with(
                    "application/problem+json",
                    json!({"type": "object", "properties": {"title": {"type": "string"}}}),
                )),
                vec![Outcome::new(NOT_PROBLEM).at(content("application/problem+json"))],
            ),
            (
                json!(null),
                Some(with(
                    "application/json",
                    json!({"$ref": "https://example.com/problem.yaml#/Problem"}),
                )),
                vec![Outcome::new(NOT_PROBLEM).at(content("application/json"))],
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
    fn swagger() {
        let run =
            |doc| testing::run_with_format(create, json!(null), Some(doc), SpecFormat::Swagger2);
        let default = |schema: serde_json::Value| json!({"description": "e", "schema": schema});
        assert!(run(
            json!({"produces": ["application/json"], "responses": {"default": default(problem())}})
        )
        .is_empty());
        assert!(run(json!({"responses": {"default": default(problem())}})).is_empty());
        assert_eq!(
            run(
                json!({"produces": ["application/xml"], "responses": {"default": default(json!({"type": "string"}))}})
            ),
            vec![outcome(NOT_PROBLEM_TYPE, &["responses", "default"])]
        );
        assert_eq!(
            run(json!({"responses": {"default": default(json!({"type": "string"}))}})),
            vec![outcome(NOT_PROBLEM, &["responses", "default"])]
        );
    }

    #[test]
    fn every_operation_of_paths() {
        let doc = json!({"openapi": "3.0.3", "paths": {"/a": {
            "get": op(json!({"description": "e", "content": {"text/plain": {}}})),
            "post": {"responses": {"201": {"description": "ok"}}},
            "parameters": []
        }}});
        assert_eq!(
            run_doc(create, json!(null), &doc, On::Key("paths")),
            vec![
                outcome(
                    NOT_PROBLEM_TYPE,
                    &["/a", "get", "responses", "default", "content", "text/plain"]
                ),
                outcome(NO_DEFAULT, &["/a", "post"]),
            ]
        );
        assert!(run_doc(create, json!(null), &doc, On::Key("openapi")).is_empty());
    }

    #[test]
    fn options() {
        assert!(
            testing::options_error(create, json!({"mediaTypes": "x"})).starts_with("`mediaTypes`")
        );
    }
}
