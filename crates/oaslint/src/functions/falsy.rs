//! `falsy`: the value must be falsy in the JavaScript sense.
//!
//! # What it does
//!
//! Reports the input unless it is `false`, `0`, `""`, `null` or undefined
//! (a missing `field`). Objects and arrays, even empty ones, are truthy and
//! so are reported. A key (`field: "@key"`) is reported unless it is empty.
//!
//! # Options
//!
//! None (`functionOptions` must be absent, `null` or `{}`).
//!
//! # Example
//!
//! ```yaml
//! no-deprecated-operations:
//!   description: Operations must not be deprecated.
//!   given: $.paths[*][*]
//!   then:
//!     field: deprecated
//!     function: falsy
//! ```
//!
//! # Compared with Spectral
//!
//! Same semantics. The message is only the predicate (`must be falsy`):
//! without a rule `message` or `description` the engine renders it after
//! the property (`"info.contact" must be falsy`), where Spectral's function
//! writes `"info.contact" property must be falsy` itself.

use super::{no_options, Context, Input, Outcome, RuleFunction};

const MESSAGE: &str = "must be falsy";

struct Falsy;

impl RuleFunction for Falsy {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        if input.is_truthy() {
            out.push(Outcome::new(MESSAGE));
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    no_options("falsy", options)?;
    Ok(Box::new(Falsy))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::{json, Value};

    fn pass_table() -> Vec<Pass> {
        vec![
            (Value::Null, None),
            (Value::Null, Some(json!(null))),
            (Value::Null, Some(json!(false))),
            (Value::Null, Some(json!(0))),
            (Value::Null, Some(json!(0.0))),
            (json!({}), Some(json!(""))),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let f = || vec![outcome(MESSAGE, &[])];
        vec![
            (Value::Null, Some(json!(true)), f()),
            (Value::Null, Some(json!(2)), f()),
            (Value::Null, Some(json!("no")), f()),
            (Value::Null, Some(json!({})), f()),
            (Value::Null, Some(json!([])), f()),
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
        assert!(testing::run_key(create, Value::Null, "").is_empty());
        assert_eq!(
            testing::run_key(create, Value::Null, "x-a"),
            vec![outcome(MESSAGE, &[])]
        );
    }

    #[test]
    fn options() {
        assert_eq!(
            testing::options_error(create, json!({"x": 1})),
            "`falsy` takes no functionOptions"
        );
    }
}
