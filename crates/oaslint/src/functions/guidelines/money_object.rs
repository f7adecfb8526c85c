//! `moneyObject`: money is the common, closed money object (guideline
//! 173).
//!
//! # What it does
//!
//! Applied to a `properties` map that has both `amount` and `currency` —
//! a money object — reports, at the offending property:
//!
//! - every other property: `Money is a closed type: "discounted_amount"
//!   must not be added to it (compose money objects instead)`;
//! - an `amount` that is not `type: number`, or whose `format` is not
//!   `decimal`: `"amount" must be type number with format decimal`;
//! - a `currency` that is not `type: string`.
//!
//! Untyped `amount`/`currency` (for example `$ref`s that cannot be
//! resolved) are not judged. Other inputs are skipped.
//!
//! # Options
//!
//! None.
//!
//! # Example
//!
//! ```yaml
//! "173":
//!   given: $..properties
//!   then:
//!     function: moneyObject
//! ```

use super::oas::{has_type, key_of, keys, str_member, types};
use crate::functions::{no_options, Context, Input, Outcome, RuleFunction};

struct MoneyObject;

impl RuleFunction for MoneyObject {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(map) = input.cursor() else { return };
        if key_of(&map) != Some("properties") {
            return;
        }
        let (Some(amount), Some(currency)) = (map.get("amount"), map.get("currency")) else {
            return;
        };
        for name in keys(&map) {
            if name != "amount" && name != "currency" {
                out.push(
                    Outcome::new(format!(
                        "Money is a closed type: \"{name}\" must not be added to it (compose money objects instead)"
                    ))
                    .at(vec![name.to_string()]),
                );
            }
        }
        if !types(&amount).is_empty()
            && (!has_type(&amount, "number") || str_member(&amount, "format") != Some("decimal"))
        {
            out.push(
                Outcome::new("\"amount\" must be type number with format decimal")
                    .at(vec!["amount".into()]),
            );
        }
        if !types(&currency).is_empty() && !has_type(&currency, "string") {
            out.push(
                Outcome::new("\"currency\" must be type string (an ISO 4217 code)")
                    .at(vec!["currency".into()]),
            );
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    no_options("moneyObject", options)?;
    Ok(Box::new(MoneyObject))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    const SPEC: &str = r#"openapi: 3.0.3
money:
  properties:
    amount: {type: number, format: decimal}
    currency: {type: string, format: iso-4217}
extended:
  properties:
    amount: {type: number, format: double}
    currency: {type: integer}
    discounted_amount: {type: number, format: decimal}
price:
  properties:
    amount: {type: integer}
    unit: {type: string}
"#;

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!(null), SPEC, "/money/properties"),
            // Not a money object without `currency`.
            (json!(null), SPEC, "/price/properties"),
            (json!(null), SPEC, "/money"),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![(
            json!(null),
            SPEC,
            "/extended/properties",
            vec![
                outcome(
                    "Money is a closed type: \"discounted_amount\" must not be added to it (compose money objects instead)",
                    &["discounted_amount"],
                ),
                outcome("\"amount\" must be type number with format decimal", &["amount"]),
                outcome("\"currency\" must be type string (an ISO 4217 code)", &["currency"]),
            ],
        )]
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
