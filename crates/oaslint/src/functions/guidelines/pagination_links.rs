//! `paginationLinks`: pagination fields are links (guideline 161), and
//! simple ones (guideline 165).
//!
//! # What it does
//!
//! Applied to the `paths` object, looks at the response page object of
//! every paginating `GET` (one with one of the query `parameters` and an
//! object as success response body, as `pageObject` does), at its
//! pagination fields `self`, `first`, `prev`, `next`, `last`:
//!
//! - `style: link` (guideline 161, "use pagination links"): a field that
//!   is a string without `format: uri` is a plain cursor: `Pagination field
//!   "next" should be a link (format: uri) rather than a plain cursor`; a
//!   cursor property instead of a link (`cursor`, `next_cursor`,
//!   `prev_cursor`, `next_page_token`, `next_token`, `continuation_token`)
//!   is reported too: `"next_cursor" should be a pagination link (next,
//!   prev, …) instead of a cursor`.
//! - `style: simple` (guideline 165, "use simple hypertext controls for
//!   pagination"): a field that is an object (a link object with `href`):
//!   `Pagination field "next" should be a simple URI string, not a link
//!   object`.
//!
//! The finding is at the field — or, when the field is a `$ref`, at the
//! page object's `properties` (the shared target is not the problem, its
//! use is). Other inputs are skipped.
//!
//! # Options
//!
//! - `style` (`link` or `simple`, required).
//! - `parameters` (list of strings, default `[cursor, offset, limit]`):
//!   the query parameters that make a `GET` paginated.
//!
//! # Example
//!
//! ```yaml
//! "161":
//!   given: $.paths
//!   then:
//!     function: paginationLinks
//!     functionOptions:
//!       style: link
//! ```

use super::collections::{gets, is_link_object, is_object_schema, properties};
use super::oas::{has_type, is_root_member, str_member};
use super::page_object::default_parameters;
use crate::functions::{parse_options, Context, Input, Outcome, RuleFunction};
use serde::Deserialize;

const FIELDS: [&str; 5] = ["self", "first", "prev", "next", "last"];
const CURSORS: [&str; 6] = [
    "cursor",
    "next_cursor",
    "prev_cursor",
    "next_page_token",
    "next_token",
    "continuation_token",
];

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Style {
    Link,
    Simple,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    style: Style,
    #[serde(default = "default_parameters")]
    parameters: Vec<String>,
}

struct PaginationLinks {
    options: Options,
}

impl RuleFunction for PaginationLinks {
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
            for p in properties(body) {
                let (name, field) = (p.name, &p.schema);
                let mut path = at.clone();
                path.extend(p.use_site());
                let message = match self.options.style {
                    Style::Link if FIELDS.contains(&name) => (has_type(field, "string")
                        && !matches!(str_member(field, "format"), Some("uri" | "iri")))
                    .then(|| {
                        format!(
                            "Pagination field \"{name}\" should be a link (format: uri) rather than a plain cursor"
                        )
                    }),
                    Style::Link if CURSORS.contains(&name) => Some(format!(
                        "\"{name}\" should be a pagination link (next, prev, …) instead of a cursor"
                    )),
                    Style::Simple if FIELDS.contains(&name) && is_link_object(field) => {
                        Some(format!(
                            "Pagination field \"{name}\" should be a simple URI string, not a link object"
                        ))
                    }
                    _ => None,
                };
                if let Some(m) = message {
                    out.push(Outcome::new(m).at(path));
                }
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    Ok(Box::new(PaginationLinks {
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
  /links:
    get:
      parameters: [{name: cursor, in: query}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/LinkPage"}}}}
  /cursors:
    get:
      parameters: [{name: cursor, in: query}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/CursorPage"}}}}
  /objects:
    get:
      parameters: [{name: limit, in: query}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/ObjectPage"}}}}
components:
  schemas:
    LinkPage:
      type: object
      properties:
        self: {type: string, format: uri}
        next: {type: string, format: uri}
        items: {type: array}
    CursorPage:
      type: object
      properties:
        next: {type: string}
        next_cursor: {type: string}
        items: {type: array}
    ObjectPage:
      type: object
      properties:
        next: {$ref: "#/components/schemas/Link"}
        items: {type: array}
    Link:
      type: object
      properties: {href: {type: string, format: uri}}
"##;

    fn pass_table() -> Vec<Pass> {
        vec![
            (
                json!({"style": "link"}),
                "openapi: 3.0.3\npaths: {}\n",
                "/paths",
            ),
            (json!({"style": "link"}), SPEC, "/components"),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let at = |p: &str, f: &str| {
            [
                p,
                "get",
                "responses",
                "200",
                "content",
                "application/json",
                "schema",
                "properties",
                f,
            ]
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
        };
        let o = |m: &str, path: Vec<String>| {
            let refs: Vec<&str> = path.iter().map(String::as_str).collect();
            outcome(m, &refs)
        };
        vec![
            (
                json!({"style": "link"}),
                SPEC,
                "/paths",
                vec![
                    o("Pagination field \"next\" should be a link (format: uri) rather than a plain cursor", at("/cursors", "next")),
                    o("\"next_cursor\" should be a pagination link (next, prev, …) instead of a cursor", at("/cursors", "next_cursor")),
                ],
            ),
            (
                json!({"style": "simple"}),
                SPEC,
                "/paths",
                // `next` is a `$ref`: reported at the page object's properties.
                vec![o(
                    "Pagination field \"next\" should be a simple URI string, not a link object",
                    at("/objects", "next")[..8].to_vec(),
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
        assert!(create(&json!(null))
            .err()
            .unwrap()
            .contains("missing field `style`"));
        assert!(create(&json!({"style": "fancy"}))
            .err()
            .unwrap()
            .contains("unknown variant `fancy`"));
    }
}
