//! `totalCount`: pagination responses avoid a total result count
//! (guideline 254).
//!
//! # What it does
//!
//! Applied to the `paths` object, looks at the response page object of
//! every paginating `GET` (one with one of the query `parameters` and an
//! object as success response body) and reports each property named like
//! a total count (`names`, compared without case and separators): `"total"
//! provides a total result count; avoid it (offer it via "Prefer:
//! return=total-count" if clients need it)`. The finding is at the
//! property. Other inputs are skipped.
//!
//! # Options
//!
//! - `names` (list of strings, default `[total, total_count, count,
//!   total_items, total_elements, total_results, total_size, total_pages,
//!   result_count, num_results]`).
//! - `parameters` (list of strings, default `[cursor, offset, limit]`):
//!   the query parameters that make a `GET` paginated.
//!
//! # Example
//!
//! ```yaml
//! "254":
//!   given: $.paths
//!   then:
//!     function: totalCount
//! ```

use super::collections::{gets, is_object_schema, properties};
use super::oas::{has_type, is_root_member, squash};
use super::page_object::default_parameters;
use crate::functions::{parse_options, Context, Input, Outcome, RuleFunction};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default = "default_names")]
    names: Vec<String>,
    #[serde(default = "default_parameters")]
    parameters: Vec<String>,
}

fn default_names() -> Vec<String> {
    [
        "total",
        "total_count",
        "count",
        "total_items",
        "total_elements",
        "total_results",
        "total_size",
        "total_pages",
        "result_count",
        "num_results",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

struct TotalCount {
    names: Vec<String>,
    parameters: Vec<String>,
}

impl RuleFunction for TotalCount {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(paths) = input.cursor() else { return };
        if !is_root_member(&paths, "paths") {
            return;
        }
        for get in gets(&paths) {
            let Some((at, body)) = &get.body else {
                continue;
            };
            if !get.has_query(&self.parameters)
                || !is_object_schema(body)
                || has_type(body, "array")
            {
                continue;
            }
            for p in properties(body) {
                let name = p.name;
                if self.names.contains(&squash(name)) {
                    let mut path = at.clone();
                    path.extend(p.at);
                    out.push(
                        Outcome::new(format!(
                            "\"{name}\" provides a total result count; avoid it (offer it via \"Prefer: return=total-count\" if clients need it)"
                        ))
                        .at(path),
                    );
                }
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(TotalCount {
        names: o.names.iter().map(|n| squash(n)).collect(),
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
      parameters: [{name: cursor, in: query}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  next: {type: string, format: uri}
                  totalCount: {type: integer}
                  items: {type: array}
  /stats:
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object, properties: {count: {type: integer}}}}}}
"##;

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!({"names": ["total"]}), SPEC, "/paths"),
            (json!(null), SPEC, "/paths/~1orders"),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![(
            json!(null),
            SPEC,
            "/paths",
            vec![outcome(
                "\"totalCount\" provides a total result count; avoid it (offer it via \"Prefer: return=total-count\" if clients need it)",
                &["/orders", "get", "responses", "200", "content", "application/json", "schema", "properties", "totalCount"],
            )],
        )]
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
        assert!(create(&json!({"names": "total"})).is_err());
    }
}
