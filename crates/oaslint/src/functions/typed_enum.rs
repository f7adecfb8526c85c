//! `typedEnum`: the values of a schema's `enum` must have the schema's
//! `type`.
//!
//! # What it does
//!
//! For a schema object with both `enum` (an array) and `type` (a string or
//! an array of strings), reports each enum value whose JSON type is not
//! allowed, at its index under `enum`. A number counts as `integer` when
//! it has no fraction and `integer` is among the types. `nullable: true`
//! (OpenAPI 3.0) and `x-nullable: true` (Swagger 2.0) add `null` to the
//! types. Other inputs are skipped.
//!
//! # Options
//!
//! None (`functionOptions` must be absent, `null` or `{}`).
//!
//! # Example
//!
//! ```yaml
//! typed-enum:
//!   description: Enum values must respect the specified type.
//!   message: "{{error}}"
//!   given: $..[?(@ && @.enum && @.type)]
//!   then:
//!     function: typedEnum
//! ```
//!
//! # Compared with Spectral
//!
//! Same semantics and message (`Enum value "a" must be "integer".`, with
//! several types joined by commas as Spectral prints them:
//! `"integer,null"`). Spectral documents it as a core function but ships it
//! in its OpenAPI ruleset.

use super::{no_options, print_value, Context, Input, Outcome, RuleFunction};
use crate::document::SpecFormat;
use crate::tree::{Number, Value};

struct TypedEnum;

/// The JSON Schema type of a value; numbers without a fraction are
/// `integer` only when `integers` is set.
fn type_of(v: &Value, integers: bool) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) => {
            let whole = match n {
                Number::Int(_) => true,
                Number::Float(f) => f.is_finite() && f.fract() == 0.0,
            };
            if integers && whole {
                "integer"
            } else {
                "number"
            }
        }
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

impl RuleFunction for TypedEnum {
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(schema) = input.cursor() else {
            return;
        };
        let (Some(values), Some(type_node)) = (schema.get("enum"), schema.get("type")) else {
            return;
        };
        if !matches!(values.value(), Value::Array(_)) {
            return;
        }
        let mut types: Vec<String> = match type_node.value() {
            Value::String(s) => vec![s.to_string()],
            Value::Array(_) => {
                let names: Option<Vec<String>> = type_node
                    .items()
                    .map(|t| t.as_str().map(str::to_string))
                    .collect();
                match names {
                    Some(n) => n,
                    None => return,
                }
            }
            _ => return,
        };
        let flag = |key: &str| {
            schema
                .get(key)
                .is_some_and(|v| matches!(v.value(), Value::Bool(true)))
        };
        if (ctx.format == SpecFormat::OpenApi30 && flag("nullable"))
            || (ctx.format == SpecFormat::Swagger2 && flag("x-nullable"))
        {
            types.push("null".into());
        }
        let integers = types.iter().any(|t| t == "integer");
        let shown = types.join(",");
        for (i, value) in values.items().enumerate() {
            let t = type_of(value.value(), integers);
            if !types.iter().any(|allowed| allowed == t) {
                out.push(
                    Outcome::new(format!(
                        "Enum value {} must be \"{shown}\".",
                        print_value(&value.to_json())
                    ))
                    .at(vec!["enum".into(), i.to_string()]),
                );
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    no_options("typedEnum", options)?;
    Ok(Box::new(TypedEnum))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::{json, Value as J};

    fn pass_table() -> Vec<Pass> {
        vec![
            (
                J::Null,
                Some(json!({"type": "integer", "enum": [1, 2, 3.0]})),
            ),
            (J::Null, Some(json!({"type": "number", "enum": [1, 2.5]}))),
            (J::Null, Some(json!({"type": "string", "enum": ["a", "b"]}))),
            (
                J::Null,
                Some(json!({"type": ["string", "null"], "enum": ["a", null]})),
            ),
            (
                J::Null,
                Some(json!({"type": "boolean", "enum": [true, false]})),
            ),
            (J::Null, Some(json!({"type": "object", "enum": [{}]}))),
            (J::Null, Some(json!({"type": "array", "enum": [[1]]}))),
            // OpenAPI 3.0 (the test format): `nullable` adds null.
            (
                J::Null,
                Some(json!({"type": "string", "nullable": true, "enum": ["a", null]})),
            ),
            // Incomplete schemas are skipped.
            (J::Null, Some(json!({"enum": [1, "a"]}))),
            (J::Null, Some(json!({"type": "string"}))),
            (J::Null, Some(json!({"type": "string", "enum": "a"}))),
            (J::Null, Some(json!({"type": 3, "enum": [1]}))),
            (J::Null, Some(json!({"type": ["string", 3], "enum": [1]}))),
            (J::Null, Some(json!("string"))),
            (J::Null, None),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                J::Null,
                Some(json!({"type": "integer", "enum": [1, "a string!", 3, "and another one!"]})),
                vec![
                    outcome(
                        r#"Enum value "a string!" must be "integer"."#,
                        &["enum", "1"],
                    ),
                    outcome(
                        r#"Enum value "and another one!" must be "integer"."#,
                        &["enum", "3"],
                    ),
                ],
            ),
            (
                J::Null,
                Some(json!({"type": "string", "enum": ["a", "b", null]})),
                vec![outcome(
                    r#"Enum value null must be "string"."#,
                    &["enum", "2"],
                )],
            ),
            (
                J::Null,
                Some(json!({"type": "integer", "enum": [1, 1.5]})),
                vec![outcome(
                    r#"Enum value 1.5 must be "integer"."#,
                    &["enum", "1"],
                )],
            ),
            (
                J::Null,
                Some(json!({"type": "number", "enum": [true, [1], {"a": 1}]})),
                vec![
                    outcome(r#"Enum value true must be "number"."#, &["enum", "0"]),
                    outcome(r#"Enum value Array[] must be "number"."#, &["enum", "1"]),
                    outcome(r#"Enum value Object{} must be "number"."#, &["enum", "2"]),
                ],
            ),
            (
                J::Null,
                Some(json!({"type": ["integer", "null"], "enum": [1, "x"]})),
                vec![outcome(
                    r#"Enum value "x" must be "integer,null"."#,
                    &["enum", "1"],
                )],
            ),
            (
                J::Null,
                Some(json!({"type": "string", "nullable": true, "enum": [1]})),
                vec![outcome(
                    r#"Enum value 1 must be "string,null"."#,
                    &["enum", "0"],
                )],
            ),
            // `x-nullable` is Swagger 2.0 only.
            (
                J::Null,
                Some(json!({"type": "string", "x-nullable": true, "enum": [null]})),
                vec![outcome(
                    r#"Enum value null must be "string"."#,
                    &["enum", "0"],
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
    fn nullable_depends_on_the_format() {
        let run = |input, format| testing::run_with_format(create, J::Null, Some(input), format);
        let x_nullable = json!({"type": "string", "x-nullable": true, "enum": [null]});
        assert!(run(x_nullable.clone(), SpecFormat::Swagger2).is_empty());
        assert_eq!(run(x_nullable, SpecFormat::OpenApi31).len(), 1);
        let nullable = json!({"type": "string", "nullable": true, "enum": [null]});
        assert!(run(nullable.clone(), SpecFormat::OpenApi30).is_empty());
        assert_eq!(run(nullable.clone(), SpecFormat::OpenApi31).len(), 1);
        assert_eq!(run(nullable, SpecFormat::Swagger2).len(), 1);
    }

    #[test]
    fn follows_refs_in_a_resolved_view() {
        let root = json!({
            "components": {"schemas": {
                "Kind": {"type": "integer", "enum": [{"$ref": "#/x"}, 2]},
            }},
            "x": "one",
        });
        let got = testing::run_at(
            create,
            J::Null,
            &root,
            &[],
            "/components/schemas/Kind",
            true,
        );
        assert_eq!(
            got,
            vec![outcome(
                r#"Enum value "one" must be "integer"."#,
                &["enum", "0"]
            )]
        );
    }

    #[test]
    fn options() {
        assert_eq!(
            testing::options_error(create, json!({"a": 1})),
            "`typedEnum` takes no functionOptions"
        );
    }
}
