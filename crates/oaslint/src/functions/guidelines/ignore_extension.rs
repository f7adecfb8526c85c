//! `ignoreExtension`: in-spec ignore lists should be used sparingly
//! (Zally's rule H002).
//!
//! # What it does
//!
//! Applied to the value of an `x-zally-ignore` member, reports it with
//! Zally's message: `Ignores rules 118, 129` for a list, `Invalid ignores,
//! expected list but found single value "118"` for a scalar (printed as
//! JSON), `Invalid ignores, expected list but found {"a":1}` for an
//! object. Undefined inputs are skipped.
//!
//! # Options
//!
//! None.
//!
//! # Example
//!
//! ```yaml
//! H002:
//!   severity: hint
//!   resolved: false
//!   given: $..x-zally-ignore
//!   then:
//!     function: ignoreExtension
//! ```

use crate::functions::{no_options, Context, Input, Outcome, RuleFunction};
use crate::tree::Value;

struct IgnoreExtension;

impl RuleFunction for IgnoreExtension {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(c) = input.cursor() else { return };
        let message = match c.value() {
            Value::Array(_) => {
                let ids: Vec<String> = c
                    .items()
                    .map(|i| match i.value() {
                        Value::String(s) => s.to_string(),
                        Value::Number(n) => n.to_string(),
                        Value::Bool(b) => b.to_string(),
                        Value::Null => "null".into(),
                        _ => i.to_json().to_string(),
                    })
                    .collect();
                format!("Ignores rules {}", ids.join(", "))
            }
            Value::Object(_) => format!("Invalid ignores, expected list but found {}", c.to_json()),
            _ => format!(
                "Invalid ignores, expected list but found single value {}",
                c.to_json()
            ),
        };
        out.push(Outcome::new(message));
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    no_options("ignoreExtension", options)?;
    Ok(Box::new(IgnoreExtension))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self as core, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn pass_table() -> Vec<Pass> {
        vec![(json!(null), None)]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                json!(null),
                Some(json!([118, "M010", 1.5])),
                vec![outcome("Ignores rules 118, M010, 1.5", &[])],
            ),
            (
                json!(null),
                Some(json!("118")),
                vec![outcome(
                    "Invalid ignores, expected list but found single value \"118\"",
                    &[],
                )],
            ),
            (
                json!(null),
                Some(json!(118)),
                vec![outcome(
                    "Invalid ignores, expected list but found single value 118",
                    &[],
                )],
            ),
            (
                json!(null),
                Some(json!({"rules": [1]})),
                vec![outcome(
                    "Invalid ignores, expected list but found {\"rules\":[1]}",
                    &[],
                )],
            ),
        ]
    }

    #[test]
    fn pass() {
        core::assert_passes(create, &pass_table());
    }

    #[test]
    fn fail() {
        insta::assert_yaml_snapshot!(core::assert_fails(create, &fail_table()));
    }

    #[test]
    fn options() {
        assert!(create(&json!({"a": 1})).is_err());
    }
}
