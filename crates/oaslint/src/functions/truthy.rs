//! `truthy`: the value must be truthy in the JavaScript sense.
//!
//! # What it does
//!
//! Reports the input when it is `false`, `0`, `""`, `null` or undefined (a
//! missing `field`). Objects and arrays, even empty ones, are truthy. A key
//! (`field: "@key"`) is truthy unless it is the empty string.
//!
//! # Options
//!
//! None (`functionOptions` must be absent, `null` or `{}`).
//!
//! # Example
//!
//! ```yaml
//! info-contact:
//!   description: Info object must have a "contact" object.
//!   given: $
//!   then:
//!     field: info.contact
//!     function: truthy
//! ```
//!
//! # Compared with Spectral
//!
//! Same semantics. The message is only the predicate (`must be truthy`):
//! without a rule `message` or `description` the engine renders it after
//! the property (`"info.contact" must be truthy`), where Spectral's function
//! writes `"info.contact" property must be truthy` itself.

use super::{no_options, Context, Input, Outcome, RuleFunction};

const MESSAGE: &str = "must be truthy";

struct Truthy;

impl RuleFunction for Truthy {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        if !input.is_truthy() {
            out.push(Outcome::new(MESSAGE));
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    no_options("truthy", options)?;
    Ok(Box::new(Truthy))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::{json, Value};

    fn pass_table() -> Vec<Pass> {
        vec![
            (Value::Null, Some(json!(true))),
            (Value::Null, Some(json!(1))),
            (Value::Null, Some(json!(-0.5))),
            (Value::Null, Some(json!("a"))),
            (Value::Null, Some(json!("false"))),
            (Value::Null, Some(json!({}))),
            (Value::Null, Some(json!([]))),
            (json!({}), Some(json!({"a": 1}))),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let f = || vec![outcome(MESSAGE, &[])];
        vec![
            (Value::Null, None, f()),
            (Value::Null, Some(json!(null)), f()),
            (Value::Null, Some(json!(false)), f()),
            (Value::Null, Some(json!(0)), f()),
            (Value::Null, Some(json!(0.0)), f()),
            (Value::Null, Some(json!("")), f()),
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
        assert!(testing::run_key(create, Value::Null, "a").is_empty());
        assert_eq!(
            testing::run_key(create, Value::Null, ""),
            vec![outcome(MESSAGE, &[])]
        );
    }

    #[test]
    fn options() {
        assert_eq!(
            testing::options_error(create, json!({"x": 1})),
            "`truthy` takes no functionOptions"
        );
        assert_eq!(
            testing::options_error(create, json!(true)),
            "`truthy` takes no functionOptions"
        );
    }
}
