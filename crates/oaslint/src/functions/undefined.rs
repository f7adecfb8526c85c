//! `undefined`: the value must not exist.
//!
//! # What it does
//!
//! Reports the input whenever it exists. Only a missing member (the rule's
//! `field` names nothing) passes. A YAML `foo:` with no value is `null`,
//! which exists and is reported; use `falsy` to allow it.
//!
//! # Options
//!
//! None (`functionOptions` must be absent, `null` or `{}`).
//!
//! # Example
//!
//! ```yaml
//! oas2-anyOf:
//!   message: '"anyOf" keyword must not be used in OpenAPI v2 document.'
//!   given: $..anyOf
//!   then:
//!     function: undefined
//! ```
//!
//! # Compared with Spectral
//!
//! Same semantics. The message is only the predicate (`must be undefined`):
//! without a rule `message` or `description` the engine renders it after
//! the property (`"info.contact" must be undefined`), where Spectral's function
//! writes `"info.contact" property must be undefined` itself.

use super::{no_options, Context, Input, Outcome, RuleFunction};

const MESSAGE: &str = "must be undefined";

struct Undefined;

impl RuleFunction for Undefined {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        if !input.is_undefined() {
            out.push(Outcome::new(MESSAGE));
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    no_options("undefined", options)?;
    Ok(Box::new(Undefined))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::{json, Value};

    fn pass_table() -> Vec<Pass> {
        vec![(Value::Null, None), (json!({}), None)]
    }

    fn fail_table() -> Vec<Fail> {
        let f = || vec![outcome(MESSAGE, &[])];
        vec![
            // YAML `foo:` is null, which is defined.
            (Value::Null, Some(json!(null)), f()),
            (Value::Null, Some(json!(false)), f()),
            (Value::Null, Some(json!(0)), f()),
            (Value::Null, Some(json!("")), f()),
            (Value::Null, Some(json!({})), f()),
            (Value::Null, Some(json!(["a"])), f()),
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
    fn keys() {
        assert_eq!(
            testing::run_key(create, Value::Null, "anyOf"),
            vec![outcome(MESSAGE, &[])]
        );
    }

    #[test]
    fn options() {
        assert_eq!(
            testing::options_error(create, json!({"x": 1})),
            "`undefined` takes no functionOptions"
        );
    }
}
