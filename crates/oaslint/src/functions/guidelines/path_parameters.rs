//! `pathParameters`: path parameters are required, and OpenAPI 3
//! parameters describe their value (Zally's rule Z001).
//!
//! # What it does
//!
//! Applied to a parameter object, reports with Zally's messages:
//!
//! - `Parameter with location "path" must have an attribute
//!   "required=true" set` — an `in: path` parameter whose `required` is
//!   not `true`;
//! - OpenAPI 3 only: `Parameter NAME should have either "schema" or
//!   "content" defined` — neither is present;
//! - OpenAPI 3 only: `Parameter NAME: "content" property should have
//!   exactly one entry` — `content` is empty or has several media types.
//!
//! The finding is at the parameter. Other inputs are skipped.
//!
//! # Options
//!
//! None.
//!
//! # Example
//!
//! ```yaml
//! Z001:
//!   given:
//!     - $.paths[*].parameters[*]
//!     - $.paths[*][get,put,post,delete,options,head,patch,trace].parameters[*]
//!     - $.components.parameters[*]
//!   then:
//!     function: pathParameters
//! ```

use super::oas::{is_true, str_member};
use crate::document::SpecFormat;
use crate::functions::{no_options, Context, Input, Outcome, RuleFunction};
use crate::tree::Value;

struct PathParameters;

impl RuleFunction for PathParameters {
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(p) = input.cursor() else { return };
        let Some(location) = str_member(&p, "in") else {
            return;
        };
        if location == "path" && !is_true(&p, "required") {
            out.push(Outcome::new(
                "Parameter with location \"path\" must have an attribute \"required=true\" set",
            ));
        }
        if ctx.format == SpecFormat::Swagger2 {
            return;
        }
        let name = str_member(&p, "name").unwrap_or("null");
        let content = p.get("content");
        if p.get("schema").is_none() && content.is_none() {
            out.push(Outcome::new(format!(
                "Parameter {name} should have either \"schema\" or \"content\" defined"
            )));
        }
        if let Some(c) = content {
            let n = match c.value() {
                Value::Object(entries) => entries.len(),
                _ => 0,
            };
            if n != 1 {
                out.push(Outcome::new(format!(
                    "Parameter {name}: \"content\" property should have exactly one entry"
                )));
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    no_options("pathParameters", options)?;
    Ok(Box::new(PathParameters))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    const OAS3: &str = r#"openapi: 3.0.3
components:
  parameters:
    Id: {name: id, in: path, required: true, schema: {type: string}}
    Filter: {name: filter, in: query, content: {application/json: {schema: {type: object}}}}
    Optional: {name: id, in: path, schema: {type: string}}
    Bare: {name: bare, in: query}
    Two: {name: two, in: query, content: {application/json: {}, text/plain: {}}}
    Empty: {name: empty, in: header, schema: {type: string}, content: {}}
"#;

    const SWAGGER: &str = r#"swagger: '2.0'
parameters:
  Id: {name: id, in: path, required: true, type: string}
  Query: {name: q, in: query, type: string}
  Optional: {name: id, in: path, type: string, required: false}
"#;

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!(null), OAS3, "/components/parameters/Id"),
            (json!(null), OAS3, "/components/parameters/Filter"),
            (json!(null), SWAGGER, "/parameters/Id"),
            // Swagger 2.0 parameters have no `schema`/`content` (except body).
            (json!(null), SWAGGER, "/parameters/Query"),
            (json!(null), OAS3, "/components"),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let required =
            "Parameter with location \"path\" must have an attribute \"required=true\" set";
        vec![
            (
                json!(null),
                OAS3,
                "/components/parameters/Optional",
                vec![outcome(required, &[])],
            ),
            (
                json!(null),
                SWAGGER,
                "/parameters/Optional",
                vec![outcome(required, &[])],
            ),
            (
                json!(null),
                OAS3,
                "/components/parameters/Bare",
                vec![outcome(
                    "Parameter bare should have either \"schema\" or \"content\" defined",
                    &[],
                )],
            ),
            (
                json!(null),
                OAS3,
                "/components/parameters/Two",
                vec![outcome(
                    "Parameter two: \"content\" property should have exactly one entry",
                    &[],
                )],
            ),
            (
                json!(null),
                OAS3,
                "/components/parameters/Empty",
                vec![outcome(
                    "Parameter empty: \"content\" property should have exactly one entry",
                    &[],
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
        assert!(create(&json!({"a": 1})).is_err());
    }
}
