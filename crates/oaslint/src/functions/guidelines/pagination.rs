//! `pagination`: lists are paginated (guideline 159).
//!
//! # What it does
//!
//! Applied to the `paths` object, reports every `GET` on a collection
//! resource (a path whose last segment is not a `{variable}`) whose success
//! response body (JSON) is a list — an array, or an object with an `items`
//! array — and that has none of the pagination query `parameters`: `GET
//! "/orders" returns a list but supports no pagination (query parameters
//! cursor, offset, limit)`. The finding is at the operation. Other inputs
//! are skipped.
//!
//! # Options
//!
//! - `parameters` (list of strings, default `[cursor, offset, limit,
//!   page, page_size, per_page, page_token]`): query parameters that
//!   paginate (the non-conventional ones count here; guideline 137 has
//!   them renamed).
//!
//! # Example
//!
//! ```yaml
//! "159":
//!   given: $.paths
//!   then:
//!     function: pagination
//! ```

use super::collections::{gets, is_list, names_list};
use super::oas::is_root_member;
use crate::functions::{parse_options, Context, Input, Outcome, RuleFunction};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default = "default_parameters")]
    parameters: Vec<String>,
}

fn default_parameters() -> Vec<String> {
    [
        "cursor",
        "offset",
        "limit",
        "page",
        "page_size",
        "per_page",
        "page_token",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

struct Pagination {
    parameters: Vec<String>,
}

impl RuleFunction for Pagination {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(paths) = input.cursor() else { return };
        if !is_root_member(&paths, "paths") {
            return;
        }
        for get in gets(&paths) {
            let Some((_, body)) = &get.body else { continue };
            if get.is_collection() && is_list(body) && !get.has_query(&self.parameters) {
                out.push(
                    Outcome::new(format!(
                        "GET \"{}\" returns a list but supports no pagination (query parameters {})",
                        get.path,
                        names_list(&self.parameters[..self.parameters.len().min(3)])
                    ))
                    .at(get.at.clone()),
                );
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    if o.parameters.is_empty() {
        return Err("`parameters` must list at least one query parameter".into());
    }
    Ok(Box::new(Pagination {
        parameters: o.parameters,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    const SPEC: &str = r##"openapi: 3.0.3
paths:
  /orders:
    get:
      parameters: [{name: limit, in: query}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: array}}}}
  /orders/{id}:
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /items:
    parameters: [{name: cursor, in: query}]
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Page"}}}}
  /pets:
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Page"}}}}
  /tags:
    get:
      responses:
        "201": {description: ok, content: {application/json: {schema: {type: array}}}}
  /reports:
    get:
      responses:
        "200": {description: ok, content: {text/csv: {schema: {type: array}}}}
components:
  schemas:
    Page:
      type: object
      properties:
        items: {type: array, items: {type: string}}
"##;

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!(null), "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      parameters: [{name: limit, in: query}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {type: array}}}}}\n", "/paths"),
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
                    outcome("GET \"/pets\" returns a list but supports no pagination (query parameters cursor, offset, limit)", &["/pets", "get"]),
                    outcome("GET \"/tags\" returns a list but supports no pagination (query parameters cursor, offset, limit)", &["/tags", "get"]),
                ],
            ),
            (
                json!({"parameters": ["cursor"]}),
                SPEC,
                "/paths",
                vec![
                    outcome("GET \"/orders\" returns a list but supports no pagination (query parameters cursor)", &["/orders", "get"]),
                    outcome("GET \"/pets\" returns a list but supports no pagination (query parameters cursor)", &["/pets", "get"]),
                    outcome("GET \"/tags\" returns a list but supports no pagination (query parameters cursor)", &["/tags", "get"]),
                ],
            ),
            (
                json!(null),
                "swagger: '2.0'\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok, schema: {type: array}}}\n",
                "/paths",
                vec![outcome("GET \"/a\" returns a list but supports no pagination (query parameters cursor, offset, limit)", &["/a", "get"])],
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
        assert!(create(&json!({"parameters": []})).is_err());
    }
}
