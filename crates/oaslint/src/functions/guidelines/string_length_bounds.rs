//! `stringLengthBounds`: string properties should declare valid length
//! bounds (Zally's rule S007).
//!
//! # What it does
//!
//! Applied to a `properties` map, checks every leaf property (one without
//! own `properties`) of type `string`, unless its `format` is in
//! `formatWhitelist`, it has a `pattern` (when `patternImpliesLimits`), or
//! it has an `enum`. Reports, at the property, with Zally's messages:
//!
//! - `minLength > maxLength is invalid` when both are set and inverted;
//! - `No minLength defined` / `Negative minLength is invalid`;
//! - `No maxLength defined` / `Negative maxLength is invalid`.
//!
//! Other inputs are skipped.
//!
//! # Options
//!
//! - `formatWhitelist` (list of strings, default `[date, date-time, uuid,
//!   ipv4, ipv6]`): formats whose length is implied.
//! - `patternImpliesLimits` (boolean, default `true`): a `pattern` counts
//!   as a bound.
//!
//! # Example
//!
//! ```yaml
//! S007:
//!   given: $..properties
//!   then:
//!     function: stringLengthBounds
//!     functionOptions:
//!       formatWhitelist: [date, date-time, uuid, ipv4, ipv6, email]
//! ```

use super::oas::{has_type, int_member, is_leaf_property, key_of, str_member};
use crate::functions::{parse_options, Context, Input, Outcome, RuleFunction};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    #[serde(default = "default_whitelist")]
    format_whitelist: Vec<String>,
    #[serde(default = "default_true")]
    pattern_implies_limits: bool,
}

fn default_whitelist() -> Vec<String> {
    ["date", "date-time", "uuid", "ipv4", "ipv6"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn default_true() -> bool {
    true
}

struct StringLengthBounds {
    options: Options,
}

impl RuleFunction for StringLengthBounds {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(map) = input.cursor() else { return };
        if key_of(&map) != Some("properties") {
            return;
        }
        for (name, schema) in map.entries() {
            if !is_leaf_property(&schema) || !has_type(&schema, "string") {
                continue;
            }
            let whitelisted = str_member(&schema, "format")
                .is_some_and(|f| self.options.format_whitelist.iter().any(|w| w == f));
            if whitelisted
                || (schema.get("pattern").is_some() && self.options.pattern_implies_limits)
                || schema.get("enum").is_some()
            {
                continue;
            }
            let at = || vec![name.to_string()];
            let min = int_member(&schema, "minLength");
            let max = int_member(&schema, "maxLength");
            if let (Some(a), Some(b)) = (min, max) {
                if a > b {
                    out.push(Outcome::new("minLength > maxLength is invalid").at(at()));
                }
            }
            for (bound, value) in [("minLength", min), ("maxLength", max)] {
                match value {
                    None => out.push(Outcome::new(format!("No {bound} defined")).at(at())),
                    Some(v) if v < 0 => {
                        out.push(Outcome::new(format!("Negative {bound} is invalid")).at(at()))
                    }
                    Some(_) => {}
                }
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    Ok(Box::new(StringLengthBounds {
        options: parse_options(options)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    const SPEC: &str = r#"openapi: 3.0.3
components:
  schemas:
    Item:
      properties:
        bounded: {type: string, minLength: 1, maxLength: 10}
        day: {type: string, format: date}
        code: {type: string, pattern: "^[A-Z]{3}$"}
        status: {type: string, enum: [A, B]}
        open: {type: string}
        inverted: {type: string, minLength: 5, maxLength: 2}
        negative: {type: string, minLength: -1, maxLength: 3}
        mail: {type: string, format: email, maxLength: 100}
"#;

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!(null), SPEC, "/components/schemas/Item"),
            (
                json!({"formatWhitelist": ["email"]}),
                "openapi: 3.0.3\nx:\n  properties:\n    mail: {type: string, format: email}\n",
                "/x/properties",
            ),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                json!(null),
                SPEC,
                "/components/schemas/Item/properties",
                vec![
                    outcome("No minLength defined", &["open"]),
                    outcome("No maxLength defined", &["open"]),
                    outcome("minLength > maxLength is invalid", &["inverted"]),
                    outcome("Negative minLength is invalid", &["negative"]),
                    outcome("No minLength defined", &["mail"]),
                ],
            ),
            (
                json!({"patternImpliesLimits": false}),
                "openapi: 3.0.3\nx:\n  properties:\n    code: {type: string, pattern: '^a$', minLength: 1}\n",
                "/x/properties",
                vec![outcome("No maxLength defined", &["code"])],
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
        assert!(create(&json!({"formatWhitelist": "date"})).is_err());
        assert!(create(&json!({"x": 1})).is_err());
    }
}
