//! `zalandoClosedEnums`: reports schemas that use a closed `enum`
//! (Zalando 107).
//!
//! # What it does
//!
//! Applied to a schema, or — given a key of the document root (`given:
//! $[*]~`) — to each of Zally's schemas in that member (`getAllSchemas`:
//! component schemas, parameter, request and response body schemas).
//! Looks at the schemas Zally's `getAllTransitiveSchemas` yields: the schema itself
//! when it has no `properties`, else its *leaf* properties, found by
//! following `properties` (not `items` or `allOf`). Each of them with a
//! non-empty `enum` is reported, where it is defined.
//!
//! # Options
//!
//! None. The rule's `message` says what to do instead (Zally recommended
//! `x-extensible-enum`, which the guidelines have deprecated; see
//! CHANGELOG.md).
//!
//! # Example
//!
//! ```yaml
//! "107":
//!   message: Property is a closed enum
//!   given: $[*]~
//!   then:
//!     function: zalandoClosedEnums
//! ```
//!
//! # Compared with Zally
//!
//! Zally reports structurally identical schemas once (it de-duplicates by a
//! hash of the schema); we report each schema where it is defined, once.

use super::super::{no_options, Context, Input, Outcome, RuleFunction};
use super::util::{at, has_properties, schema_walk};
use crate::workspace::Cursor;

struct ClosedEnums;

fn has_enum(schema: Cursor<'_>) -> bool {
    schema
        .get("enum")
        .is_some_and(|e| e.items().next().is_some())
}

impl RuleFunction for ClosedEnums {
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        for walked in schema_walk(&input, ctx).iter() {
            if !has_properties(walked.schema) {
                if has_enum(walked.schema) {
                    out.push(Outcome::new("schema has a closed enum").at(walked.base.clone()));
                }
                continue;
            }
            for leaf in &walked.leaves {
                if has_enum(leaf.prop) {
                    out.push(
                        Outcome::new(format!("property '{}' has a closed enum", leaf.name))
                            .at(at(&walked.base, &leaf.path)),
                    );
                }
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    no_options("zalandoClosedEnums", options)?;
    Ok(Box::new(ClosedEnums))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!(null), Some(json!({"type": "string"}))),
            (json!(null), Some(json!({"type": "string", "enum": []}))),
            (
                json!(null),
                Some(json!({"type": "string", "x-extensible-enum": ["A"]})),
            ),
            // Not a leaf: its own enum is not looked at, nor `items`.
            (
                json!(null),
                Some(json!({"enum": [{}], "properties": {"a": {"type": "string"}}})),
            ),
            (
                json!(null),
                Some(json!({"properties": {"a": {"type": "array", "items": {"enum": ["A"]}}}})),
            ),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                json!(null),
                Some(json!({"type": "string", "enum": ["A", "B"]})),
                vec![outcome("schema has a closed enum", &[])],
            ),
            (
                json!(null),
                Some(json!({"properties": {
                    "kind": {"type": "string", "enum": ["A"]},
                    "address": {"properties": {"country": {"enum": ["DE"]}}}
                }})),
                vec![
                    outcome("property 'kind' has a closed enum", &["properties", "kind"]),
                    outcome(
                        "property 'country' has a closed enum",
                        &["properties", "address", "properties", "country"],
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
        assert!(
            testing::options_error(create, json!({"a": 1})).contains("takes no functionOptions")
        );
    }
}
