//! `xor`: exactly one of some properties must be present.
//!
//! # What it does
//!
//! Reports an object in which none, or more than one, of `properties` is
//! present. A member counts as present whatever its value, `null`
//! included. Inputs that are not objects are skipped.
//!
//! # Options
//!
//! - `properties` (array of at least 2 strings, required): the members of
//!   which exactly one must be present.
//!
//! # Example
//!
//! ```yaml
//! examples-value-or-externalValue:
//!   description: Examples must have either "value" or "externalValue".
//!   given: $.components.examples[*]
//!   then:
//!     function: xor
//!     functionOptions:
//!       properties: [externalValue, value]
//! ```
//!
//! # Compared with Spectral
//!
//! Same semantics. For two properties the message is Spectral's
//! (`"a" and "b" must not be both defined or both undefined`); for three or
//! more it reads `exactly one of "a", "b" and "c" must be defined`, where
//! Spectral keeps saying "both".

use super::{parse_options, print_value, Context, Input, Outcome, RuleFunction};
use crate::tree::Value;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    properties: Vec<String>,
}

struct Xor {
    properties: Vec<String>,
    message: String,
}

/// `"a", "b" and "c"`.
fn and_list(names: &[String]) -> String {
    let quoted: Vec<String> = names
        .iter()
        .map(|n| print_value(&serde_json::Value::String(n.clone())))
        .collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

impl RuleFunction for Xor {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(Value::Object(entries)) = input.cursor().map(|c| c.value()) else {
            return;
        };
        let present = entries
            .iter()
            .filter(|e| self.properties.iter().any(|p| **p == *e.key))
            .count();
        if present != 1 {
            out.push(Outcome::new(self.message.clone()));
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    if o.properties.len() < 2 {
        return Err(format!(
            "`properties` must list at least 2 properties, not {}",
            o.properties.len()
        ));
    }
    let list = and_list(&o.properties);
    let message = if o.properties.len() == 2 {
        format!("{list} must not be both defined or both undefined")
    } else {
        format!("exactly one of {list} must be defined")
    };
    Ok(Box::new(Xor {
        properties: o.properties,
        message,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn pass_table() -> Vec<Pass> {
        let two = json!({"properties": ["value", "externalValue"]});
        let three = json!({"properties": ["a", "b", "c"]});
        vec![
            (two.clone(), Some(json!({"value": 1}))),
            (
                two.clone(),
                Some(json!({"externalValue": "x", "summary": "s"})),
            ),
            (two.clone(), Some(json!({"value": null}))),
            (three.clone(), Some(json!({"c": 1}))),
            // Not objects: skipped.
            (
                two.clone(),
                Some(json!([{"value": 1}, {"externalValue": 1}])),
            ),
            (two.clone(), Some(json!("value"))),
            (two.clone(), Some(json!(null))),
            (two, None),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let two = json!({"properties": ["value", "externalValue"]});
        let two_msg = r#""value" and "externalValue" must not be both defined or both undefined"#;
        let three = json!({"properties": ["a", "b", "c"]});
        let three_msg = r#"exactly one of "a", "b" and "c" must be defined"#;
        vec![
            (two.clone(), Some(json!({})), vec![outcome(two_msg, &[])]),
            (
                two.clone(),
                Some(json!({"summary": "s"})),
                vec![outcome(two_msg, &[])],
            ),
            (
                two,
                Some(json!({"value": 1, "externalValue": "x"})),
                vec![outcome(two_msg, &[])],
            ),
            (
                three.clone(),
                Some(json!({})),
                vec![outcome(three_msg, &[])],
            ),
            (
                three,
                Some(json!({"a": 1, "c": null})),
                vec![outcome(three_msg, &[])],
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
    fn keys_are_skipped() {
        let opts = json!({"properties": ["a", "b"]});
        assert!(testing::run_key(create, opts, "a").is_empty());
    }

    #[test]
    fn options() {
        let err = |o| testing::options_error(create, o);
        assert_eq!(err(json!(null)), "missing field `properties`");
        assert_eq!(
            err(json!({"properties": ["a"]})),
            "`properties` must list at least 2 properties, not 1"
        );
        assert_eq!(
            err(json!({"properties": ["a", 2]})),
            "`properties`: invalid type: integer `2`, expected a string"
        );
        assert!(err(json!({"properties": ["a", "b"], "x": 1})).contains("unknown field `x`"));
    }
}
