use super::super::{Context, Input, NativeFunction, Outcome};
use crate::document::SpecFormat;
use crate::functions::oas::zally::{join, operations, paths_input, root};
use crate::workspace::Cursor;
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
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

crate::declare_function! {
    /// Operations should define a `default` error
    /// response with a Problem JSON body (Zalando 151).
    ///
    /// # What it does
    ///
    /// Applied to an operation, or to every operation of `paths` given the
    /// root's key `paths` (`given: $[*]~`; other keys are skipped). Zally's
    /// three checks:
    ///
    /// 1. no `default` response: `operation should contain the default
    ///    response`, at the operation;
    /// 2. a `default` media type other than `mediaTypes`: `media-type
    ///    application/problem+json should be used as default response`, at the
    ///    media type;
    /// 3. for the `mediaTypes`, the schema must be a `$ref` to one of
    ///    `problemRefs` (remote references are never fetched, so this is how
    ///    the published Problem schema is recognised) or have Problem's shape —
    ///    `type` (string, format `uri` or `uri-reference`), `title` (string),
    ///    `status` (integer, int32), `detail` (string) and `instance` (string,
    ///    `uri` or `uri-reference`) — else `problem+json should be used as
    ///    default response`, at the media type.
    ///
    /// Swagger 2.0: the media types are the operation's `produces` (else the
    /// document's); findings of checks 2 and 3 are at the `default` response,
    /// whose `schema` check 3 looks at.
    ///
    /// # Why
    ///
    /// Clients need to know what every error looks like, including the ones an
    /// operation does not list: a `default` response with a Problem JSON body
    /// gives them one format to parse for all of them.
    ///
    /// # Options
    ///
    /// - `mediaTypes` (list, default `[application/json,
    ///   application/problem+json]`).
    /// - `problemRefs` (list of `$ref` values): default Zally's six URLs of the
    ///   published Problem schema.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "151":
    ///     title: Specify success and error responses
    ///     description: >-
    ///       Every operation must specify its responses, including a `default`
    ///       error response with a Problem JSON body (`application/problem+json`,
    ///       the published Problem schema or a schema of its shape).
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: $[*]~
    ///     then:
    ///       function: zalandoDefaultResponse
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders:
    ///     get:
    ///       responses:
    ///         "200": {description: OK}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders:
    ///     get:
    ///       responses:
    ///         "200": {description: OK}
    ///         default:
    ///           description: An error.
    ///           content:
    ///             application/problem+json:
    ///               schema:
    ///                 type: object
    ///                 properties:
    ///                   type: {type: string, format: uri-reference}
    ///                   title: {type: string}
    ///                   status: {type: integer, format: int32}
    ///                   detail: {type: string}
    ///                   instance: {type: string, format: uri-reference}
    /// ```
    #[function("zalandoDefaultResponse")]
    pub(crate) struct DefaultResponse {
        media_types: Vec<String>,
        problem_refs: Vec<String>,
    }
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

impl NativeFunction for DefaultResponse {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(DefaultResponse {
            media_types: o.media_types,
            problem_refs: o.problem_refs,
        })
    }

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
