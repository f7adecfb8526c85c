//! `zalandoStatusCodes`: use official, well-understood HTTP status codes,
//! each for the methods it suits (Zalando 150, and 243 for official codes).
//!
//! # What it does
//!
//! Applied to `paths` (the root's key `paths`, `given: $[*]~`, or the
//! `paths` object; other inputs are skipped). For every response of every
//! operation, Zally's four checks:
//!
//! - the code is not in `standard`: `<code> is not a standardized response
//!   code`, at `standardSeverity` (MUST: guideline 243 requires official
//!   codes);
//! - the code is not in `wellUnderstood`: `<code> is not a well-understood
//!   response code`;
//! - `wellUnderstood` does not list the operation's method (or `ALL`) for
//!   the code: `Path <path> should not use <code> status code for <METHOD>
//!   operation`;
//! - a `204` response of a PUT, PATCH or DELETE operation defines content
//!   (Swagger 2.0: a `schema`): `204 response should have no payload
//!   defined`.
//!
//! The last three have the rule's severity. Findings are at the response
//! (where it is defined, when it is a `$ref`).
//!
//! # Options
//!
//! - `standard` (list of codes): default the codes of the IANA HTTP Status
//!   Code Registry (100–103, 200–208, 226, 300–305, 307, 308, 400–417,
//!   421–426, 428, 429, 431, 451, 500–508, 510, 511) and `default`.
//! - `wellUnderstood` (map code → list of methods or `ALL`): default Zally's
//!   table (200 ALL, 201 POST PUT, 202 POST PUT DELETE PATCH, 204 PUT
//!   DELETE PATCH, 207 POST, 301 ALL, 303 PATCH POST PUT DELETE, 304 GET
//!   HEAD, 400 401 403 404 405 406 408 ALL, 409 POST PUT DELETE PATCH, 410
//!   ALL, 412 PUT DELETE PATCH, 415 POST PUT DELETE PATCH, 423 PUT DELETE
//!   PATCH, 428 429 500 501 503 ALL, `default` ALL).
//! - `standardSeverity` (`must`/`should`/`may`/`hint`, default `must`).
//!
//! # Example
//!
//! ```yaml
//! "150":
//!   functionOptions:
//!     wellUnderstood:
//!       "200": [ALL]
//!       "204": [POST, PUT, PATCH, DELETE]
//!       default: [ALL]
//! ```

use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::util::paths_input;
use crate::document::SpecFormat;
use crate::severity::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    #[serde(default = "default_standard")]
    standard: Vec<String>,
    #[serde(default = "default_well_understood")]
    well_understood: BTreeMap<String, Vec<String>>,
    #[serde(default = "default_standard_severity")]
    standard_severity: Severity,
}

fn default_standard() -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    let ranges: &[(u16, u16)] = &[
        (100, 103),
        (200, 208),
        (226, 226),
        (300, 305),
        (307, 308),
        (400, 417),
        (421, 426),
        (428, 429),
        (431, 431),
        (451, 451),
        (500, 508),
        (510, 511),
    ];
    for &(from, to) in ranges {
        codes.extend((from..=to).map(|c| c.to_string()));
    }
    codes.push("default".into());
    codes
}

fn default_well_understood() -> BTreeMap<String, Vec<String>> {
    let all = "ALL";
    let table: &[(&str, &[&str])] = &[
        ("200", &[all]),
        ("201", &["POST", "PUT"]),
        ("202", &["POST", "PUT", "DELETE", "PATCH"]),
        ("204", &["PUT", "DELETE", "PATCH"]),
        ("207", &["POST"]),
        ("301", &[all]),
        ("303", &["PATCH", "POST", "PUT", "DELETE"]),
        ("304", &["GET", "HEAD"]),
        ("400", &[all]),
        ("401", &[all]),
        ("403", &[all]),
        ("404", &[all]),
        ("405", &[all]),
        ("406", &[all]),
        ("408", &[all]),
        ("409", &["POST", "PUT", "DELETE", "PATCH"]),
        ("410", &[all]),
        ("412", &["PUT", "DELETE", "PATCH"]),
        ("415", &["POST", "PUT", "DELETE", "PATCH"]),
        ("423", &["PUT", "DELETE", "PATCH"]),
        ("428", &[all]),
        ("429", &[all]),
        ("500", &[all]),
        ("501", &[all]),
        ("503", &[all]),
        ("default", &[all]),
    ];
    table
        .iter()
        .map(|(code, methods)| {
            (
                code.to_string(),
                methods.iter().map(|m| m.to_string()).collect(),
            )
        })
        .collect()
}

fn default_standard_severity() -> Severity {
    Severity::Must
}

struct StatusCodes {
    standard: Vec<String>,
    well_understood: BTreeMap<String, Vec<String>>,
    standard_severity: Severity,
}

const METHODS: [(&str, &str); 8] = [
    ("get", "GET"),
    ("put", "PUT"),
    ("post", "POST"),
    ("delete", "DELETE"),
    ("options", "OPTIONS"),
    ("head", "HEAD"),
    ("patch", "PATCH"),
    ("trace", "TRACE"),
];

impl RuleFunction for StatusCodes {
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(paths) = paths_input(&input, ctx) else {
            return;
        };
        for (path, item) in paths.entries() {
            for (key, method) in METHODS {
                let Some(responses) = item.get(key).and_then(|op| op.get("responses")) else {
                    continue;
                };
                for (code, response) in responses.entries() {
                    let at = vec![
                        path.to_string(),
                        key.to_string(),
                        "responses".to_string(),
                        code.to_string(),
                    ];
                    let allowed = self
                        .well_understood
                        .get(&code.to_lowercase())
                        .is_some_and(|m| m.iter().any(|m| m == method || m == "ALL"));
                    if !allowed {
                        out.push(
                            Outcome::new(format!(
                                "Path {path} should not use {code} status code for {method} operation"
                            ))
                            .at(at.clone()),
                        );
                    }
                    if !self.standard.iter().any(|c| c == code) {
                        out.push(
                            Outcome::new(format!("{code} is not a standardized response code"))
                                .at(at.clone())
                                .with_severity(self.standard_severity),
                        );
                    }
                    if !self.well_understood.contains_key(code) {
                        out.push(
                            Outcome::new(format!("{code} is not a well-understood response code"))
                                .at(at.clone()),
                        );
                    }
                    let payload = if ctx.format == SpecFormat::Swagger2 {
                        response.get("schema").is_some()
                    } else {
                        response
                            .get("content")
                            .is_some_and(|c| c.entries().next().is_some())
                    };
                    if code == "204" && matches!(method, "PUT" | "PATCH" | "DELETE") && payload {
                        out.push(
                            Outcome::new("204 response should have no payload defined").at(at),
                        );
                    }
                }
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(StatusCodes {
        standard: o.standard,
        well_understood: o.well_understood,
        standard_severity: o.standard_severity,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn op(method: &str, responses: serde_json::Value) -> serde_json::Value {
        json!({ "/a": { method: { "responses": responses } } })
    }

    fn pass_table() -> Vec<Pass> {
        let ok = json!({"description": "ok"});
        vec![
            (
                json!(null),
                Some(op(
                    "get",
                    json!({"200": ok, "304": ok, "404": ok, "default": ok}),
                )),
            ),
            (
                json!(null),
                Some(op(
                    "post",
                    json!({"201": ok, "207": ok, "409": ok, "429": ok}),
                )),
            ),
            (
                json!(null),
                Some(op("delete", json!({"204": ok, "412": ok}))),
            ),
            (
                json!({"wellUnderstood": {"204": ["POST"]}}),
                Some(op("post", json!({"204": ok}))),
            ),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let ok = json!({"description": "ok"});
        let at = |m: &str, c: &str| {
            vec![
                "/a".to_string(),
                m.to_string(),
                "responses".into(),
                c.to_string(),
            ]
        };
        let o = |msg: &str, path: Vec<String>| Outcome::new(msg).at(path);
        vec![
            (
                json!(null),
                Some(op("get", json!({"201": ok}))),
                vec![o(
                    "Path /a should not use 201 status code for GET operation",
                    at("get", "201"),
                )],
            ),
            (
                json!(null),
                Some(op("get", json!({"299": ok}))),
                vec![
                    o(
                        "Path /a should not use 299 status code for GET operation",
                        at("get", "299"),
                    ),
                    o("299 is not a standardized response code", at("get", "299"))
                        .with_severity(Severity::Must),
                    o(
                        "299 is not a well-understood response code",
                        at("get", "299"),
                    ),
                ],
            ),
            (
                json!(null),
                Some(op("post", json!({"422": ok}))),
                vec![
                    o(
                        "Path /a should not use 422 status code for POST operation",
                        at("post", "422"),
                    ),
                    o(
                        "422 is not a well-understood response code",
                        at("post", "422"),
                    ),
                ],
            ),
            (
                json!(null),
                Some(op(
                    "put",
                    json!({"204": {"description": "x", "content": {"application/json": {}}}}),
                )),
                vec![o(
                    "204 response should have no payload defined",
                    at("put", "204"),
                )],
            ),
            (
                json!({"standardSeverity": "should"}),
                Some(op("get", json!({"600": ok}))),
                vec![
                    o(
                        "Path /a should not use 600 status code for GET operation",
                        at("get", "600"),
                    ),
                    o("600 is not a standardized response code", at("get", "600"))
                        .with_severity(Severity::Should),
                    o(
                        "600 is not a well-understood response code",
                        at("get", "600"),
                    ),
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
    fn swagger_204_with_schema() {
        let got = testing::run_with_format(
            create,
            json!(null),
            Some(op(
                "patch",
                json!({"204": {"description": "x", "schema": {"type": "object"}}}),
            )),
            SpecFormat::Swagger2,
        );
        assert_eq!(
            got,
            vec![outcome(
                "204 response should have no payload defined",
                &["/a", "patch", "responses", "204"]
            )]
        );
    }

    #[test]
    fn options() {
        let err = |o| testing::options_error(create, o);
        assert!(err(json!({"standardSeverity": "error"})).contains("unknown variant"));
        assert!(err(json!({"wellUnderstood": {"200": "ALL"}})).starts_with("`wellUnderstood`"));
    }
}
