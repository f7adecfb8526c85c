//! `zalandoNumberFormats`: numeric properties must have a known `format`
//! (Zalando 171).
//!
//! # What it does
//!
//! Applied to a property schema (the rule's `given` selects the direct
//! properties of Zally's schemas). When its `type` is a key of `formats`,
//! its `format` must be one of that key's formats; a missing or other
//! format is reported.
//!
//! # Options
//!
//! - `formats` (map type → list of formats): default Zally's `integer:
//!   [int32, int64, bigint]` and `number: [float, double, decimal]`.
//!
//! # Example
//!
//! ```yaml
//! "171":
//!   functionOptions:
//!     formats:
//!       integer: [int32, int64]
//!       number: [float, double, decimal]
//! ```

use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::util::schema_type;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default = "default_formats")]
    formats: BTreeMap<String, Vec<String>>,
}

fn default_formats() -> BTreeMap<String, Vec<String>> {
    BTreeMap::from([
        (
            "integer".into(),
            ["int32", "int64", "bigint"].map(String::from).to_vec(),
        ),
        (
            "number".into(),
            ["float", "double", "decimal"].map(String::from).to_vec(),
        ),
    ])
}

struct NumberFormats {
    formats: BTreeMap<String, Vec<String>>,
}

impl RuleFunction for NumberFormats {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(schema) = input.cursor() else { return };
        let Some(allowed) = schema_type(schema).and_then(|t| self.formats.get(t)) else {
            return;
        };
        let format = schema.get("format").and_then(|f| f.as_str());
        if !format.is_some_and(|f| allowed.iter().any(|a| a == f)) {
            out.push(Outcome::new(match format {
                Some(f) => format!(
                    "format '{f}' is not one of {}",
                    super::util::kotlin_list(allowed)
                ),
                None => "format is missing".to_string(),
            }));
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(NumberFormats { formats: o.formats }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn pass_table() -> Vec<Pass> {
        vec![
            (
                json!(null),
                Some(json!({"type": "integer", "format": "int64"})),
            ),
            (
                json!(null),
                Some(json!({"type": "number", "format": "decimal"})),
            ),
            (
                json!(null),
                Some(json!({"type": ["number", "null"], "format": "double"})),
            ),
            (json!(null), Some(json!({"type": "string"}))),
            (json!(null), Some(json!({"format": "int32"}))),
            (
                json!({"formats": {"integer": ["int8"]}}),
                Some(json!({"type": "integer", "format": "int8"})),
            ),
            (
                json!({"formats": {"integer": ["int8"]}}),
                Some(json!({"type": "number"})),
            ),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                json!(null),
                Some(json!({"type": "integer"})),
                vec![outcome("format is missing", &[])],
            ),
            (
                json!(null),
                Some(json!({"type": "number", "format": "int32"})),
                vec![outcome(
                    "format 'int32' is not one of [float, double, decimal]",
                    &[],
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
    fn options() {
        assert!(
            testing::options_error(create, json!({"formats": ["int32"]})).starts_with("`formats`")
        );
    }
}
