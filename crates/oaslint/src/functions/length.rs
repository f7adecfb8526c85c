//! `length`: the size of a value must be within bounds.
//!
//! # What it does
//!
//! Measures the input and compares it with `min` and `max` (both
//! inclusive):
//!
//! - a string or a key: its number of characters (Unicode scalar values);
//! - an array: its number of items;
//! - an object: its number of members;
//! - a number: the number itself.
//!
//! Booleans, `null` and undefined values are skipped.
//!
//! # Options
//!
//! - `min` (number, optional): the smallest allowed size.
//! - `max` (number, optional): the largest allowed size.
//!
//! At least one is required, and `min` must not be greater than `max`.
//!
//! # Example
//!
//! ```yaml
//! operation-tags-count:
//!   description: Operations have one to three tags.
//!   given: $.paths[*][*]
//!   then:
//!     field: tags
//!     function: length
//!     functionOptions:
//!       min: 1
//!       max: 3
//! ```
//!
//! # Compared with Spectral
//!
//! - Strings are measured in characters; Spectral counts UTF-16 code units,
//!   so an emoji counts 2 there and 1 here.
//! - Messages name the bound exactly and the unit (`must be at least 3
//!   characters long`, `must have at most 1 item`); Spectral writes
//!   `must be longer than 3` for `min: 3`, although a length of 3 passes.
//! - `min` greater than `max` is a ruleset error (every value would fail).

use super::{parse_options, Context, Input, Outcome, RuleFunction};
use crate::tree::Value;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    min: Option<f64>,
    max: Option<f64>,
}

struct Length {
    min: Option<f64>,
    max: Option<f64>,
}

/// What was measured, for the message.
#[derive(Clone, Copy)]
enum Unit {
    Characters,
    Items,
    Properties,
    Number,
}

/// A bound as JavaScript prints it (`3`, not `3.0`).
fn show(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn message(unit: Unit, bound: &str, n: f64) -> String {
    let one = n == 1.0;
    let v = show(n);
    match unit {
        Unit::Characters => {
            let s = if one { "character" } else { "characters" };
            format!("must be {bound} {v} {s} long")
        }
        Unit::Items => {
            let s = if one { "item" } else { "items" };
            format!("must have {bound} {v} {s}")
        }
        Unit::Properties => {
            let s = if one { "property" } else { "properties" };
            format!("must have {bound} {v} {s}")
        }
        Unit::Number => format!("must be {bound} {v}"),
    }
}

impl RuleFunction for Length {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let (size, unit) = match input {
            Input::Key(k) => (k.chars().count() as f64, Unit::Characters),
            Input::Node(c) => match c.value() {
                Value::String(s) => (s.chars().count() as f64, Unit::Characters),
                Value::Array(items) => (items.len() as f64, Unit::Items),
                Value::Object(entries) => (entries.len() as f64, Unit::Properties),
                Value::Number(n) => (n.as_f64(), Unit::Number),
                Value::Null | Value::Bool(_) => return,
            },
            Input::Undefined => return,
        };
        if let Some(min) = self.min {
            if size < min {
                out.push(Outcome::new(message(unit, "at least", min)));
            }
        }
        if let Some(max) = self.max {
            if size > max {
                out.push(Outcome::new(message(unit, "at most", max)));
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    match (o.min, o.max) {
        (None, None) => {
            return Err("`length` needs at least one of the options `min` and `max`".into())
        }
        (Some(min), Some(max)) if min > max => {
            return Err(format!(
                "`min` ({}) must not be greater than `max` ({})",
                show(min),
                show(max)
            ))
        }
        _ => {}
    }
    Ok(Box::new(Length {
        min: o.min,
        max: o.max,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn pass_table() -> Vec<Pass> {
        let r = json!({"min": 2, "max": 3});
        vec![
            (r.clone(), Some(json!("ab"))),
            (r.clone(), Some(json!("abc"))),
            (r.clone(), Some(json!("äöü"))),
            (r.clone(), Some(json!([1, 2]))),
            (r.clone(), Some(json!({"a": 1, "b": 2, "c": 3}))),
            (r.clone(), Some(json!(2))),
            (r.clone(), Some(json!(2.5))),
            (json!({"min": 0}), Some(json!(""))),
            (json!({"max": 0}), Some(json!([]))),
            (json!({"min": 1.5}), Some(json!("ab"))),
            // Not measurable.
            (r.clone(), Some(json!(true))),
            (r.clone(), Some(json!(null))),
            (r, None),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let r = json!({"min": 2, "max": 3});
        vec![
            (
                r.clone(),
                Some(json!("a")),
                vec![outcome("must be at least 2 characters long", &[])],
            ),
            (
                r.clone(),
                Some(json!("abcd")),
                vec![outcome("must be at most 3 characters long", &[])],
            ),
            (
                r.clone(),
                Some(json!("😀😀😀😀")),
                vec![outcome("must be at most 3 characters long", &[])],
            ),
            (
                r.clone(),
                Some(json!([1])),
                vec![outcome("must have at least 2 items", &[])],
            ),
            (
                json!({"max": 1}),
                Some(json!(["a", "b"])),
                vec![outcome("must have at most 1 item", &[])],
            ),
            (
                r.clone(),
                Some(json!({})),
                vec![outcome("must have at least 2 properties", &[])],
            ),
            (
                json!({"max": 1}),
                Some(json!({"a": 1, "b": 2})),
                vec![outcome("must have at most 1 property", &[])],
            ),
            (
                r.clone(),
                Some(json!(1)),
                vec![outcome("must be at least 2", &[])],
            ),
            (r, Some(json!(3.5)), vec![outcome("must be at most 3", &[])]),
            (
                json!({"min": 1}),
                Some(json!("")),
                vec![outcome("must be at least 1 character long", &[])],
            ),
            (
                json!({"min": 0.5}),
                Some(json!(0.25)),
                vec![outcome("must be at least 0.5", &[])],
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
    fn keys() {
        let opts = json!({"max": 5});
        assert!(testing::run_key(create, opts.clone(), "/pets").is_empty());
        assert_eq!(
            testing::run_key(create, opts, "/users"),
            vec![outcome("must be at most 5 characters long", &[])]
        );
    }

    #[test]
    fn options() {
        let err = |o| testing::options_error(create, o);
        assert_eq!(
            err(json!(null)),
            "`length` needs at least one of the options `min` and `max`"
        );
        assert_eq!(
            err(json!({"min": 3, "max": 2})),
            "`min` (3) must not be greater than `max` (2)"
        );
        assert_eq!(
            err(json!({"min": "3"})),
            "`min`: invalid type: string \"3\", expected f64"
        );
        assert!(err(json!({"minimum": 3})).contains("unknown field `minimum`"));
    }
}
