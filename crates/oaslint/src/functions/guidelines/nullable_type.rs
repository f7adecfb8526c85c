//! `nullableType`: properties of a given type must not be nullable
//! (guidelines 122 for booleans, 124 for arrays).
//!
//! # What it does
//!
//! Applied to a `properties` map, reports every property whose schema has
//! the type `type` and allows `null`: `nullable: true` (OpenAPI 3.0),
//! `"null"` among its types (`type: [boolean, "null"]`, OpenAPI 3.1) or
//! `x-nullable: true` (Swagger 2.0's common extension). The message is
//! `"accepted" is a nullable boolean`; the finding is at the property.
//! Other inputs are skipped.
//!
//! # Options
//!
//! - `type` (string, required): the JSON Schema type, e.g. `boolean`.
//!
//! # Example
//!
//! ```yaml
//! "122":
//!   message: "{{error}}: a boolean must not be null"
//!   given: $..properties
//!   then:
//!     function: nullableType
//!     functionOptions:
//!       type: boolean
//! ```

use super::oas::{has_type, is_nullable, key_of};
use crate::functions::{parse_options, Context, Input, Outcome, RuleFunction};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(rename = "type")]
    ty: String,
}

struct NullableType {
    ty: String,
}

impl RuleFunction for NullableType {
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(map) = input.cursor() else { return };
        if key_of(&map) != Some("properties") {
            return;
        }
        for (name, schema) in map.entries() {
            if is_nullable(&schema, ctx.format) && has_type(&schema, &self.ty) {
                out.push(
                    Outcome::new(format!("\"{name}\" is a nullable {}", self.ty))
                        .at(vec![name.to_string()]),
                );
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(NullableType { ty: o.ty }))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    const OAS30: &str = r#"openapi: 3.0.3
x:
  properties:
    accepted: {type: boolean, nullable: true}
    active: {type: boolean}
    tags: {type: array, nullable: true, items: {type: string}}
    note: {type: string, nullable: true}
"#;
    const OAS31: &str = r#"openapi: 3.1.0
x:
  properties:
    accepted: {type: [boolean, "null"]}
    active: {type: boolean}
"#;
    const SWAGGER: &str = r#"swagger: "2.0"
x:
  properties:
    accepted: {type: boolean, x-nullable: true}
    active: {type: boolean, nullable: true}
"#;

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!({"type": "boolean"}), OAS30, "/x"),
            (json!({"type": "integer"}), OAS30, "/x/properties"),
            // `nullable` is not Swagger 2.0; only `x-nullable` counts there.
            (
                json!({"type": "boolean"}),
                "swagger: \"2.0\"\nx:\n  properties:\n    a: {type: boolean, nullable: true}\n",
                "/x/properties",
            ),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                json!({"type": "boolean"}),
                OAS30,
                "/x/properties",
                vec![outcome("\"accepted\" is a nullable boolean", &["accepted"])],
            ),
            (
                json!({"type": "array"}),
                OAS30,
                "/x/properties",
                vec![outcome("\"tags\" is a nullable array", &["tags"])],
            ),
            (
                json!({"type": "boolean"}),
                OAS31,
                "/x/properties",
                vec![outcome("\"accepted\" is a nullable boolean", &["accepted"])],
            ),
            (
                json!({"type": "boolean"}),
                SWAGGER,
                "/x/properties",
                vec![outcome("\"accepted\" is a nullable boolean", &["accepted"])],
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
            .contains("missing field `type`"));
    }
}
