//! `zalandoEnumType`: enumerations should be strings (Zalando 125).
//!
//! # What it does
//!
//! Applied to a schema, or — given a key of the document root (`given:
//! $[*]~`) — to each of Zally's schemas in that member (`getAllSchemas`:
//! component schemas, parameter, request and response body schemas).
//! Looks at the schema itself and at its *leaf* properties, found by following
//! `properties` (not `items` or `allOf`). Each of them that has one of
//! `keywords` (a non-empty `enum`, or `x-extensible-enum`) but whose `type`
//! is not `string` (or is missing) is reported where it is defined:
//! `Enumeration value should have "type = string": <name>`, naming the
//! property, or the schema by the key it is defined under.
//!
//! # Options
//!
//! - `keywords` (list, default `[enum, x-extensible-enum]`): which
//!   enumerations are checked. Zally checked only `x-extensible-enum`;
//!   the guideline (125, now an alias of 240) says every enumeration
//!   should be a string.
//!
//! # Example
//!
//! ```yaml
//! "125":
//!   functionOptions:
//!     keywords: [x-extensible-enum]   # Zally's behaviour
//! ```

use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::util::{at, schema_name, schema_type, schema_walk};
use crate::workspace::Cursor;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default = "default_keywords")]
    keywords: Vec<String>,
}

fn default_keywords() -> Vec<String> {
    vec!["enum".into(), "x-extensible-enum".into()]
}

struct EnumType {
    keywords: Vec<String>,
}

impl EnumType {
    fn is_enum(&self, schema: Cursor<'_>) -> bool {
        self.keywords.iter().any(|k| match schema.get(k) {
            Some(v) if k == "enum" => v.items().next().is_some(),
            Some(_) => true,
            None => false,
        })
    }

    fn bad(&self, schema: Cursor<'_>) -> bool {
        self.is_enum(schema) && schema_type(schema) != Some("string")
    }
}

fn message(name: &str) -> String {
    format!("Enumeration value should have \"type = string\": {name}")
}

impl RuleFunction for EnumType {
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        for walked in schema_walk(&input, ctx).iter() {
            if self.bad(walked.schema) {
                out.push(
                    Outcome::new(message(&schema_name(walked.schema))).at(walked.base.clone()),
                );
            }
            for leaf in &walked.leaves {
                if self.bad(leaf.prop) {
                    out.push(Outcome::new(message(leaf.name)).at(at(&walked.base, &leaf.path)));
                }
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(EnumType {
        keywords: o.keywords,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn pass_table() -> Vec<Pass> {
        let zally = json!({"keywords": ["x-extensible-enum"]});
        vec![
            (json!(null), Some(json!({"type": "string", "enum": ["A"]}))),
            (
                json!(null),
                Some(json!({"type": ["string", "null"], "x-extensible-enum": ["A"]})),
            ),
            (json!(null), Some(json!({"type": "integer", "enum": []}))),
            (
                json!(null),
                Some(json!({"properties": {"a": {"type": "string", "x-extensible-enum": ["A"]}}})),
            ),
            (zally, Some(json!({"type": "integer", "enum": [1, 2]}))),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                json!(null),
                Some(json!({"type": "integer", "enum": [1, 2]})),
                vec![outcome(
                    "Enumeration value should have \"type = string\": schema",
                    &[],
                )],
            ),
            (
                json!({"keywords": ["x-extensible-enum"]}),
                Some(json!({"properties": {
                    "prio": {"type": "integer", "x-extensible-enum": [1, 2]},
                    "level": {"x-extensible-enum": ["A"]},
                    "kind": {"type": "integer", "enum": [1]}
                }})),
                vec![
                    outcome(
                        "Enumeration value should have \"type = string\": prio",
                        &["properties", "prio"],
                    ),
                    outcome(
                        "Enumeration value should have \"type = string\": level",
                        &["properties", "level"],
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
    fn named_by_their_definition() {
        let root = json!({"components": {"schemas": {"Prio": {"type": "integer", "enum": [1]}}},
            "paths": {"/a": {"get": {"parameters": [{"name": "level", "in": "query", "schema": {"type": "number", "enum": [1]}}]}}}});
        let run = |p| testing::run_at(create, json!(null), &root, &[], p, true);
        assert_eq!(
            run("/components/schemas/Prio"),
            vec![outcome(
                "Enumeration value should have \"type = string\": Prio",
                &[]
            )]
        );
        assert_eq!(
            run("/paths/~1a/get/parameters/0/schema"),
            vec![outcome(
                "Enumeration value should have \"type = string\": level",
                &[]
            )]
        );
    }

    #[test]
    fn options() {
        assert!(testing::options_error(create, json!({"keywords": "enum"})).contains("`keywords`"));
    }
}
