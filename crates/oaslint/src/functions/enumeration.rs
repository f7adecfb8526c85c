//! `enumeration`: a value must be one of a fixed set.
//!
//! # What it does
//!
//! Reports a string, number, boolean or `null` value (or a key) that is not
//! among `values`. Comparison is strict: `"1"` is not `1`, but `1` and `1.0`
//! are the same number. Objects, arrays and undefined values are skipped.
//!
//! # Options
//!
//! - `values` (array of strings, numbers, booleans and `null`, required):
//!   the allowed values.
//!
//! # Example
//!
//! ```yaml
//! allowed-tags:
//!   description: Operations use a known tag.
//!   given: $.paths[*][*].tags[*]
//!   then:
//!     function: enumeration
//!     functionOptions:
//!       values: [users, articles, categories]
//! ```
//!
//! # Compared with Spectral
//!
//! Same semantics, except that an empty `values` list is a ruleset error
//! (every value would fail). The message is `must be one of the allowed values: "a",
//! "b"`; Spectral writes `"x" must be equal to one of the allowed values:
//! "a", "b"` (the value is available to rule messages as `{{value}}`).

use super::{parse_options, print_value, Context, Input, Outcome, RuleFunction};
use crate::tree::Value;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    values: Vec<serde_json::Value>,
}

struct Enumeration {
    values: Vec<serde_json::Value>,
    message: String,
}

/// Whether tree value `v` equals option value `allowed` (JavaScript `===`).
fn same(v: &Value, allowed: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (v, allowed) {
        (Value::Null, J::Null) => true,
        (Value::Bool(a), J::Bool(b)) => a == b,
        (Value::Number(a), J::Number(b)) => b.as_f64() == Some(a.as_f64()),
        (Value::String(a), J::String(b)) => **a == **b,
        _ => false,
    }
}

impl RuleFunction for Enumeration {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let allowed = match input {
            Input::Key(k) => self.values.iter().any(|a| a.as_str() == Some(k)),
            Input::Node(c) => match c.value() {
                Value::Array(_) | Value::Object(_) => return,
                v => self.values.iter().any(|a| same(v, a)),
            },
            Input::Undefined => return,
        };
        if !allowed {
            out.push(Outcome::new(self.message.clone()));
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    if let Some((i, bad)) = o
        .values
        .iter()
        .enumerate()
        .find(|(_, v)| v.is_array() || v.is_object())
    {
        return Err(format!(
            "`values` must hold only strings, numbers, booleans and null; item {i} is {}",
            if bad.is_array() {
                "an array"
            } else {
                "an object"
            }
        ));
    }
    if o.values.is_empty() {
        return Err("`values` must list at least one allowed value".into());
    }
    let list: Vec<String> = o.values.iter().map(print_value).collect();
    Ok(Box::new(Enumeration {
        message: format!("must be one of the allowed values: {}", list.join(", ")),
        values: o.values,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn pass_table() -> Vec<Pass> {
        let abc = json!({"values": ["a", "b", "c"]});
        let mixed = json!({"values": [1, 2.5, true, null, "x"]});
        vec![
            (abc.clone(), Some(json!("a"))),
            (abc.clone(), Some(json!("c"))),
            (mixed.clone(), Some(json!(1))),
            (mixed.clone(), Some(json!(1.0))),
            (mixed.clone(), Some(json!(2.5))),
            (mixed.clone(), Some(json!(true))),
            (mixed.clone(), Some(json!(null))),
            (mixed.clone(), Some(json!("x"))),
            // Only primitives are checked.
            (abc.clone(), Some(json!(["z"]))),
            (abc.clone(), Some(json!({"z": 1}))),
            (abc, None),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let abc = json!({"values": ["a", "b", "c"]});
        let abc_msg = r#"must be one of the allowed values: "a", "b", "c""#;
        let mixed = json!({"values": [1, 2.5, true, null, "x"]});
        let mixed_msg = r#"must be one of the allowed values: 1, 2.5, true, null, "x""#;
        vec![
            (abc.clone(), Some(json!("d")), vec![outcome(abc_msg, &[])]),
            (abc.clone(), Some(json!("A")), vec![outcome(abc_msg, &[])]),
            (abc.clone(), Some(json!(null)), vec![outcome(abc_msg, &[])]),
            (
                mixed.clone(),
                Some(json!("1")),
                vec![outcome(mixed_msg, &[])],
            ),
            (mixed.clone(), Some(json!(2)), vec![outcome(mixed_msg, &[])]),
            (
                mixed.clone(),
                Some(json!(false)),
                vec![outcome(mixed_msg, &[])],
            ),
            (mixed, Some(json!("")), vec![outcome(mixed_msg, &[])]),
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
        let opts = json!({"values": ["get", "put"]});
        assert!(testing::run_key(create, opts.clone(), "get").is_empty());
        assert_eq!(
            testing::run_key(create, opts, "post"),
            vec![outcome(
                r#"must be one of the allowed values: "get", "put""#,
                &[]
            )]
        );
    }

    #[test]
    fn options() {
        let err = |o| testing::options_error(create, o);
        assert_eq!(err(json!(null)), "missing field `values`");
        assert_eq!(
            err(json!({"values": "a"})),
            "`values`: invalid type: string \"a\", expected a sequence"
        );
        assert_eq!(
            err(json!({"values": ["a", {"b": 1}]})),
            "`values` must hold only strings, numbers, booleans and null; item 1 is an object"
        );
        assert_eq!(
            err(json!({"values": []})),
            "`values` must list at least one allowed value"
        );
        assert!(err(json!({"values": ["a"], "other": 1})).contains("unknown field `other`"));
    }
}
