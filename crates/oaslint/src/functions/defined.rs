//! `defined`: the value must exist.
//!
//! # What it does
//!
//! Reports the input when it is undefined, i.e. when the rule's `field`
//! names a member that does not exist. Any present value passes, including
//! `null` (YAML `foo:`), `false` and `""`.
//!
//! # Options
//!
//! None (`functionOptions` must be absent, `null` or `{}`).
//!
//! # Example
//!
//! ```yaml
//! operation-summary-defined:
//!   description: Every operation must have a summary.
//!   given: $.paths[*][get,put,post,delete,options,head,patch,trace]
//!   then:
//!     field: summary
//!     function: defined
//! ```
//!
//! # Compared with Spectral
//!
//! Same semantics. The message is only the predicate (`must be defined`):
//! without a rule `message` or `description` the engine renders it after
//! the property (`"info.contact" must be defined`), where Spectral's function
//! writes `"info.contact" property must be defined` itself.

use super::{no_options, Context, Input, Outcome, RuleFunction};

const MESSAGE: &str = "must be defined";

struct Defined;

impl RuleFunction for Defined {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        if input.is_undefined() {
            out.push(Outcome::new(MESSAGE));
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    no_options("defined", options)?;
    Ok(Box::new(Defined))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::{json, Value};

    fn pass_table() -> Vec<Pass> {
        vec![
            (Value::Null, Some(json!(null))),
            (Value::Null, Some(json!(false))),
            (Value::Null, Some(json!(0))),
            (Value::Null, Some(json!(""))),
            (Value::Null, Some(json!({}))),
            (json!({}), Some(json!([1]))),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (Value::Null, None, vec![outcome(MESSAGE, &[])]),
            (json!({}), None, vec![outcome(MESSAGE, &[])]),
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
    }

    #[test]
    fn options() {
        assert_eq!(
            testing::options_error(create, json!({"x": 1})),
            "`defined` takes no functionOptions"
        );
    }
}
