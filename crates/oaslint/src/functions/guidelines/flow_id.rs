//! `flowId`: every endpoint accepts the `X-Flow-ID` request header
//! (guideline 233).
//!
//! # What it does
//!
//! Applied to the `paths` object, looks for a header parameter named
//! `header` (compared without case) among each operation's parameters and
//! those of its path item:
//!
//! - when no operation declares it, reports once, at `paths`: `No
//!   operation declares the "X-Flow-ID" request header; every endpoint
//!   must support it`;
//! - otherwise reports every operation that does not: `The operation does
//!   not declare the "X-Flow-ID" request header`, at the operation.
//!
//! Other inputs are skipped.
//!
//! # Options
//!
//! - `header` (string, default `X-Flow-ID`).
//!
//! # Example
//!
//! ```yaml
//! "233":
//!   given: $.paths
//!   then:
//!     function: flowId
//! ```

use super::oas::{is_root_member, operations, parameters, str_member};
use crate::functions::{parse_options, Context, Input, Outcome, RuleFunction};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default = "default_header")]
    header: String,
}

fn default_header() -> String {
    "X-Flow-ID".into()
}

struct FlowId {
    header: String,
}

impl RuleFunction for FlowId {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(paths) = input.cursor() else { return };
        if !is_root_member(&paths, "paths") {
            return;
        }
        let mut missing: Vec<Vec<String>> = Vec::new();
        let mut any = false;
        for (path, item) in paths.entries() {
            for (method, op) in operations(&item) {
                let declares = parameters(&item, method, &op).iter().any(|(_, p)| {
                    str_member(p, "in") == Some("header")
                        && str_member(p, "name")
                            .is_some_and(|n| n.eq_ignore_ascii_case(&self.header))
                });
                if declares {
                    any = true;
                } else {
                    missing.push(vec![path.to_string(), method.to_string()]);
                }
            }
        }
        if missing.is_empty() {
            return;
        }
        if !any {
            out.push(Outcome::new(format!(
                "No operation declares the \"{}\" request header; every endpoint must support it",
                self.header
            )));
            return;
        }
        for at in missing {
            out.push(
                Outcome::new(format!(
                    "The operation does not declare the \"{}\" request header",
                    self.header
                ))
                .at(at),
            );
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(FlowId { header: o.header }))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn pass_table() -> Vec<Pass> {
        vec![
            (
                json!(null),
                "openapi: 3.0.3\npaths:\n  /a:\n    parameters: [{name: x-flow-id, in: header}]\n    get: {}\n    post: {}\n  /b:\n    get:\n      parameters: [{$ref: '#/p'}]\np: {name: X-Flow-ID, in: header}\n",
                "/paths",
            ),
            (json!(null), "openapi: 3.0.3\npaths: {}\n", "/paths"),
            (json!(null), "openapi: 3.0.3\nx:\n  /a: {get: {}}\n", "/x"),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                json!(null),
                "openapi: 3.0.3\npaths:\n  /a:\n    get: {}\n  /b:\n    put: {parameters: [{name: X-Flow-ID, in: query}]}\n",
                "/paths",
                vec![outcome(
                    "No operation declares the \"X-Flow-ID\" request header; every endpoint must support it",
                    &[],
                )],
            ),
            (
                json!({"header": "X-Correlation-ID"}),
                "swagger: '2.0'\npaths:\n  /a:\n    get: {parameters: [{name: X-Correlation-ID, in: header, type: string}]}\n    delete: {}\n",
                "/paths",
                vec![outcome(
                    "The operation does not declare the \"X-Correlation-ID\" request header",
                    &["/a", "delete"],
                )],
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
    fn options() {
        assert!(create(&json!({"header": 1})).is_err());
    }
}
