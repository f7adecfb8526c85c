//! `deprecationDescription`: a deprecated element explains itself in its
//! description (guideline 187).
//!
//! # What it does
//!
//! Applied to an object with `deprecated: true` (an operation, parameter,
//! schema or property), reports a missing, empty or blank `description`:
//! `is deprecated but has no description`, at the missing `description`
//! (located at the object). Objects that are not deprecated, and other
//! inputs, are skipped.
//!
//! Use it on `$..deprecated^` (the objects that have a `deprecated`
//! member): selecting by member name is much cheaper than a `..[?(…)]`
//! filter over every node.
//!
//! # Options
//!
//! None.
//!
//! # Example
//!
//! ```yaml
//! "187":
//!   given: $..deprecated^
//!   then:
//!     function: deprecationDescription
//! ```

use super::oas::{is_true, str_member};
use crate::functions::{no_options, Context, Input, Outcome, RuleFunction};

struct DeprecationDescription;

impl RuleFunction for DeprecationDescription {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(c) = input.cursor() else { return };
        if !is_true(&c, "deprecated") {
            return;
        }
        if str_member(&c, "description").is_some_and(|d| !d.trim().is_empty()) {
            return;
        }
        out.push(
            Outcome::new("is deprecated but has no description").at(vec!["description".into()]),
        );
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    no_options("deprecationDescription", options)?;
    Ok(Box::new(DeprecationDescription))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    const SPEC: &str = r#"openapi: 3.0.3
x:
  documented: {deprecated: true, description: Use /v2 instead.}
  current: {deprecated: false}
  bare: {deprecated: true, summary: Old}
  blank: {deprecated: true, description: "  "}
  flag: {deprecated: "true"}
"#;

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!(null), SPEC, "/x/documented"),
            (json!(null), SPEC, "/x/current"),
            // Only the boolean `true` deprecates.
            (json!(null), SPEC, "/x/flag"),
            (json!(null), SPEC, "/x"),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let o = || {
            vec![outcome(
                "is deprecated but has no description",
                &["description"],
            )]
        };
        vec![
            (json!(null), SPEC, "/x/bare", o()),
            (json!(null), SPEC, "/x/blank", o()),
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
        assert!(create(&json!({"a": 1})).is_err());
    }
}
