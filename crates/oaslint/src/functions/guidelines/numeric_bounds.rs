//! `numericBounds`: numeric properties should declare a minimum and a
//! maximum (Zally's rule S006).
//!
//! # What it does
//!
//! Applied to a `properties` map, checks every leaf property (one without
//! own `properties`, as Zally's `getAllProperties`) of type `integer` or
//! `number`: without `minimum` it reports `No minimum defined`, without
//! `maximum` `No maximum defined`, at the property. A numeric
//! `exclusiveMinimum`/`exclusiveMaximum` (JSON Schema 2019+, OpenAPI 3.1)
//! is a bound too. Other inputs are skipped.
//!
//! # Options
//!
//! None.
//!
//! # Example
//!
//! ```yaml
//! S006:
//!   given: $..properties
//!   then:
//!     function: numericBounds
//! ```
//!
//! # Compared with Zally
//!
//! Zally reads only `minimum`/`maximum`, and reports one of several
//! properties with the same name; here every property is checked.

use super::oas::{has_type, is_leaf_property, key_of, number_member};
use crate::functions::{no_options, Context, Input, Outcome, RuleFunction};

struct NumericBounds;

impl RuleFunction for NumericBounds {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(map) = input.cursor() else { return };
        if key_of(&map) != Some("properties") {
            return;
        }
        for (name, schema) in map.entries() {
            if !is_leaf_property(&schema)
                || !(has_type(&schema, "integer") || has_type(&schema, "number"))
            {
                continue;
            }
            let bound = |plain: &str, exclusive: &str| {
                schema.get(plain).is_some() || number_member(&schema, exclusive).is_some()
            };
            if !bound("minimum", "exclusiveMinimum") {
                out.push(Outcome::new("No minimum defined").at(vec![name.to_string()]));
            }
            if !bound("maximum", "exclusiveMaximum") {
                out.push(Outcome::new("No maximum defined").at(vec![name.to_string()]));
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    no_options("numericBounds", options)?;
    Ok(Box::new(NumericBounds))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    const SPEC: &str = r#"openapi: 3.1.0
components:
  schemas:
    Item:
      properties:
        bounded: {type: integer, minimum: 0, maximum: 10}
        exclusive: {type: number, exclusiveMinimum: 0, exclusiveMaximum: 1}
        nullable: {type: [integer, "null"], minimum: 1}
        open: {type: number}
        text: {type: string}
        nested:
          type: object
          properties:
            count: {type: integer, maximum: 5}
"#;

    fn pass_table() -> Vec<Pass> {
        vec![
            (
                json!(null),
                SPEC,
                "/components/schemas/Item/properties/nested/properties/count/type",
            ),
            (json!(null), SPEC, "/components/schemas/Item"),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                json!(null),
                SPEC,
                "/components/schemas/Item/properties",
                vec![
                    outcome("No maximum defined", &["nullable"]),
                    outcome("No minimum defined", &["open"]),
                    outcome("No maximum defined", &["open"]),
                ],
            ),
            (
                json!(null),
                SPEC,
                "/components/schemas/Item/properties/nested/properties",
                vec![outcome("No minimum defined", &["count"])],
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
