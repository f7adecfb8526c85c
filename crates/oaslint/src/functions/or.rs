//! `or`: at least one of some properties must be present.
//!
//! # What it does
//!
//! Reports an object in which none of `properties` is present. A member
//! counts as present whatever its value, `null` included. Inputs that are
//! not objects are skipped.
//!
//! # Options
//!
//! - `properties` (array of at least 2 strings, required): the members of
//!   which at least one must be present.
//!
//! # Example
//!
//! ```yaml
//! schema-has-constraint:
//!   description: String schemas need a format, a pattern or an enum.
//!   given: $..[?(@.type === 'string')]
//!   then:
//!     function: or
//!     functionOptions:
//!       properties: [format, pattern, enum]
//! ```
//!
//! # Compared with Spectral
//!
//! Same semantics and message (`At least one of "a" or "b" must be
//! defined`; with more than four properties, the first three and
//! `or N other properties`). Spectral added `or` after 6.13; it is kept
//! here with the same option name.

use super::{parse_options, print_value, Context, Input, Outcome, RuleFunction};
use crate::tree::Value;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    properties: Vec<String>,
}

struct Or {
    properties: Vec<String>,
    message: String,
}

impl RuleFunction for Or {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(Value::Object(entries)) = input.cursor().map(|c| c.value()) else {
            return;
        };
        let any = entries
            .iter()
            .any(|e| self.properties.iter().any(|p| **p == *e.key));
        if !any {
            out.push(Outcome::new(self.message.clone()));
        }
    }
}

fn message(properties: &[String]) -> String {
    let quote = |p: &String| print_value(&serde_json::Value::String(p.clone()));
    if properties.len() > 4 {
        let shown: Vec<String> = properties[..3].iter().map(quote).collect();
        format!(
            "At least one of {} or {} other properties must be defined",
            shown.join(" or "),
            properties.len() - 3
        )
    } else {
        let shown: Vec<String> = properties.iter().map(quote).collect();
        format!("At least one of {} must be defined", shown.join(" or "))
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
    Ok(Box::new(Or {
        message: message(&o.properties),
        properties: o.properties,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn pass_table() -> Vec<Pass> {
        let three = json!({"properties": ["default", "pattern", "format"]});
        vec![
            (
                three.clone(),
                Some(json!({"type": "string", "format": "date"})),
            ),
            (
                three.clone(),
                Some(json!({"default": "x", "pattern": "^x$", "format": "date"})),
            ),
            (three.clone(), Some(json!({"pattern": null}))),
            (
                json!({"properties": ["a", "b", "c", "d", "e"]}),
                Some(json!({"e": 1})),
            ),
            // Not objects: skipped.
            (three.clone(), Some(json!(["default"]))),
            (three.clone(), Some(json!(null))),
            (three, None),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                json!({"properties": ["yada-yada", "whatever"]}),
                Some(json!({"title": "t"})),
                vec![outcome(
                    r#"At least one of "yada-yada" or "whatever" must be defined"#,
                    &[],
                )],
            ),
            (
                json!({"properties": ["a", "b", "c", "d"]}),
                Some(json!({})),
                vec![outcome(
                    r#"At least one of "a" or "b" or "c" or "d" must be defined"#,
                    &[],
                )],
            ),
            (
                json!({"properties": ["a", "b", "c", "d", "e"]}),
                Some(json!({"f": 1})),
                vec![outcome(
                    r#"At least one of "a" or "b" or "c" or 2 other properties must be defined"#,
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
    fn keys_are_skipped() {
        let opts = json!({"properties": ["a", "b"]});
        assert!(testing::run_key(create, opts, "c").is_empty());
    }

    #[test]
    fn options() {
        let err = |o| testing::options_error(create, o);
        assert_eq!(err(json!(null)), "missing field `properties`");
        assert_eq!(
            err(json!({"properties": []})),
            "`properties` must list at least 2 properties, not 0"
        );
        assert_eq!(
            err(json!({"properties": ["foo", {}]})),
            "`properties`: invalid type: map, expected a string"
        );
        assert!(err(json!({"properties": ["a", "b"], "foo": true})).contains("unknown field `foo`"));
    }
}
