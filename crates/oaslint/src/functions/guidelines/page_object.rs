//! `pageObject`: paginated lists are returned in a response page object
//! (guideline 248).
//!
//! # What it does
//!
//! Applied to the `paths` object, looks at every `GET` that paginates — it
//! has one of the query `parameters` — and whose success response body
//! (JSON) is an object (arrays are guideline 110's concern). The page
//! object (its properties and those of its `allOf` members) should hold:
//!
//! - the page content in an array property (`items`, or a resource name):
//!   else `The response page object should hold the page content in an
//!   array property such as "items"`, at the body schema;
//! - each of `fields`: else `The response page object should provide the
//!   pagination field "next"`, at the missing property.
//!
//! Other inputs are skipped.
//!
//! # Options
//!
//! - `parameters` (list of strings, default `[cursor, offset, limit]`):
//!   the query parameters that make a `GET` paginated.
//! - `fields` (list of strings, default `[next]`): the pagination fields
//!   every page object needs (`self`, `first`, `prev`, `next`, `last` are
//!   the guideline's).
//!
//! # Example
//!
//! ```yaml
//! "248":
//!   given: $.paths
//!   then:
//!     function: pageObject
//!     functionOptions:
//!       fields: [self, next]
//! ```

use super::collections::{gets, is_object_schema, properties};
use super::oas::{has_type, is_root_member};
use crate::functions::{parse_options, Context, Input, Outcome, RuleFunction};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default = "default_parameters")]
    parameters: Vec<String>,
    #[serde(default = "default_fields")]
    fields: Vec<String>,
}

pub(crate) fn default_parameters() -> Vec<String> {
    ["cursor", "offset", "limit"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn default_fields() -> Vec<String> {
    vec!["next".to_string()]
}

struct PageObject {
    options: Options,
}

impl RuleFunction for PageObject {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(paths) = input.cursor() else { return };
        if !is_root_member(&paths, "paths") {
            return;
        }
        for get in gets(&paths) {
            let Some((at, body)) = &get.body else {
                continue;
            };
            if !get.has_query(&self.options.parameters)
                || !is_object_schema(body)
                || has_type(body, "array")
            {
                continue;
            }
            let props = properties(body);
            if !props.iter().any(|p| has_type(&p.schema, "array")) {
                out.push(
                    Outcome::new(
                        "The response page object should hold the page content in an array property such as \"items\"",
                    )
                    .at(at.clone()),
                );
            }
            for field in &self.options.fields {
                if !props.iter().any(|p| p.name == field) {
                    let mut missing = at.clone();
                    missing.extend(["properties".to_string(), field.clone()]);
                    out.push(
                        Outcome::new(format!(
                            "The response page object should provide the pagination field \"{field}\""
                        ))
                        .at(missing),
                    );
                }
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    Ok(Box::new(PageObject {
        options: parse_options(options)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    const SPEC: &str = r##"openapi: 3.0.3
paths:
  /good:
    get:
      parameters: [{name: cursor, in: query}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Page"}}}}
  /composed:
    get:
      parameters: [{name: limit, in: query}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                allOf:
                  - {$ref: "#/components/schemas/Links"}
                  - {properties: {orders: {type: array}}}
  /bare:
    get:
      parameters: [{name: offset, in: query}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object, properties: {orders: {type: array}}}}}}
  /flat:
    get:
      parameters: [{name: cursor, in: query}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object, properties: {next: {type: string}}}}}}
  /array:
    get:
      parameters: [{name: cursor, in: query}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: array}}}}
  /unpaginated:
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
components:
  schemas:
    Links:
      type: object
      properties: {self: {type: string, format: uri}, next: {type: string, format: uri}}
    Page:
      type: object
      properties:
        next: {type: string, format: uri}
        items: {type: array}
"##;

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!(null), "openapi: 3.0.3\npaths: {}\n", "/paths"),
            (json!(null), SPEC, "/components"),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                json!(null),
                SPEC,
                "/paths",
                vec![
                    outcome(
                        "The response page object should provide the pagination field \"next\"",
                        &["/bare", "get", "responses", "200", "content", "application/json", "schema", "properties", "next"],
                    ),
                    outcome(
                        "The response page object should hold the page content in an array property such as \"items\"",
                        &["/flat", "get", "responses", "200", "content", "application/json", "schema"],
                    ),
                ],
            ),
            (
                json!({"fields": ["self", "next"]}),
                SPEC,
                "/paths",
                vec![
                    outcome(
                        "The response page object should provide the pagination field \"self\"",
                        &["/good", "get", "responses", "200", "content", "application/json", "schema", "properties", "self"],
                    ),
                    outcome(
                        "The response page object should provide the pagination field \"self\"",
                        &["/bare", "get", "responses", "200", "content", "application/json", "schema", "properties", "self"],
                    ),
                    outcome(
                        "The response page object should provide the pagination field \"next\"",
                        &["/bare", "get", "responses", "200", "content", "application/json", "schema", "properties", "next"],
                    ),
                    outcome(
                        "The response page object should hold the page content in an array property such as \"items\"",
                        &["/flat", "get", "responses", "200", "content", "application/json", "schema"],
                    ),
                    outcome(
                        "The response page object should provide the pagination field \"self\"",
                        &["/flat", "get", "responses", "200", "content", "application/json", "schema", "properties", "self"],
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
    fn options() {
        assert!(create(&json!({"fields": "next"})).is_err());
    }
}
