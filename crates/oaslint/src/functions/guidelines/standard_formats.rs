//! `standardFormats`: data formats are spelled as the standard names them
//! (guideline 238).
//!
//! # What it does
//!
//! Applied to the value of a `format` member, reports a known non-standard
//! spelling of a standard format, naming the standard one: `format
//! "datetime" is not a standard data format; use "date-time"`. Standard
//! formats (those of the guideline's tables) differing only in case
//! (`UUID`) are reported too. Other formats are not judged: the
//! guideline's list "is not exhaustive". Non-strings are skipped.
//!
//! # Options
//!
//! - `replacements` (map of non-standard format → standard format,
//!   compared without case): replaces the default map (`datetime`,
//!   `date_time`, `iso8601`, `timestamp` → `date-time`; `guid` → `uuid`;
//!   `url` → `uri`; `e-mail` → `email`; `base64` → `byte`; `iso-639` →
//!   `iso-639-1`; `iso-3166`, `iso-3166-1-alpha-2`, `country-code` →
//!   `iso-3166-alpha-2`; `currency`, `iso4217` → `iso-4217`; `bcp-47`,
//!   `locale` → `bcp47`; `gtin`, `ean`, `ean-13` → `gtin-13`; see the
//!   source for all).
//!
//! # Example
//!
//! ```yaml
//! "238":
//!   given: $..format
//!   then:
//!     function: standardFormats
//! ```

use crate::functions::{parse_options, Context, Input, Outcome, RuleFunction};
use serde::Deserialize;

/// The string formats of the guideline's tables (and the numeric ones,
/// so that case variants of them are recognised).
const STANDARD: &[&str] = &[
    "int32",
    "int64",
    "bigint",
    "float",
    "double",
    "decimal",
    "byte",
    "binary",
    "date",
    "date-time",
    "time",
    "duration",
    "period",
    "password",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "uri-template",
    "iri",
    "iri-reference",
    "uuid",
    "json-pointer",
    "relative-json-pointer",
    "regex",
    "iso-639-1",
    "bcp47",
    "iso-3166-alpha-2",
    "iso-4217",
    "gtin-13",
];

const REPLACEMENTS: &[(&str, &str)] = &[
    ("datetime", "date-time"),
    ("date_time", "date-time"),
    ("iso8601", "date-time"),
    ("iso-8601", "date-time"),
    ("iso8601-date-time", "date-time"),
    ("rfc3339", "date-time"),
    ("rfc-3339", "date-time"),
    ("timestamp", "date-time"),
    ("utc-date-time", "date-time"),
    ("iso-date", "date"),
    ("full-date", "date"),
    ("iso8601-duration", "duration"),
    ("guid", "uuid"),
    ("url", "uri"),
    ("e-mail", "email"),
    ("mail", "email"),
    ("base64", "byte"),
    ("iso-639", "iso-639-1"),
    ("iso639-1", "iso-639-1"),
    ("iso-639-1-alpha-2", "iso-639-1"),
    ("language-code", "iso-639-1"),
    ("iso-3166", "iso-3166-alpha-2"),
    ("iso3166", "iso-3166-alpha-2"),
    ("iso-3166-1", "iso-3166-alpha-2"),
    ("iso-3166-1-alpha-2", "iso-3166-alpha-2"),
    ("iso3166-1-alpha-2", "iso-3166-alpha-2"),
    ("country-code", "iso-3166-alpha-2"),
    ("iso4217", "iso-4217"),
    ("currency", "iso-4217"),
    ("currency-code", "iso-4217"),
    ("bcp-47", "bcp47"),
    ("locale", "bcp47"),
    ("language-tag", "bcp47"),
    ("gtin", "gtin-13"),
    ("gtin13", "gtin-13"),
    ("ean", "gtin-13"),
    ("ean13", "gtin-13"),
    ("ean-13", "gtin-13"),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    replacements: Option<serde_json::Map<String, serde_json::Value>>,
}

struct StandardFormats {
    /// (lower-case non-standard spelling, standard format).
    replacements: Vec<(String, String)>,
}

impl RuleFunction for StandardFormats {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(format) = input.as_str() else { return };
        if STANDARD.contains(&format) {
            return;
        }
        let lower = format.to_lowercase();
        let standard = STANDARD
            .iter()
            .find(|s| **s == lower)
            .map(|s| s.to_string())
            .or_else(|| {
                self.replacements
                    .iter()
                    .find(|(k, _)| *k == lower)
                    .map(|(_, v)| v.clone())
            });
        if let Some(s) = standard {
            out.push(Outcome::new(format!(
                "format \"{format}\" is not a standard data format; use \"{s}\""
            )));
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    let replacements = match o.replacements {
        Some(map) => map
            .into_iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => Ok((k.to_lowercase(), s)),
                _ => Err(format!("`replacements.{k}` must be a format name")),
            })
            .collect::<Result<Vec<_>, _>>()?,
        None => REPLACEMENTS
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    Ok(Box::new(StandardFormats { replacements }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self as core, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!(null), Some(json!("date-time"))),
            (json!(null), Some(json!("iso-3166-alpha-2"))),
            (json!(null), Some(json!("date-timestamp"))),
            (json!(null), Some(json!("sku"))),
            (json!(null), Some(json!({"type": "string"}))),
            (
                json!({"replacements": {"sku": "gtin-13"}}),
                Some(json!("datetime")),
            ),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let row = |f: &str, s: &str| {
            (
                json!(null),
                Some(json!(f)),
                vec![outcome(
                    &format!("format \"{f}\" is not a standard data format; use \"{s}\""),
                    &[],
                )],
            )
        };
        vec![
            row("datetime", "date-time"),
            row("UUID", "uuid"),
            row("Date-Time", "date-time"),
            row("iso-3166", "iso-3166-alpha-2"),
            row("iso-639", "iso-639-1"),
            row("base64", "byte"),
            row("currency", "iso-4217"),
            (
                json!({"replacements": {"SKU": "gtin-13"}}),
                Some(json!("sku")),
                vec![outcome(
                    "format \"sku\" is not a standard data format; use \"gtin-13\"",
                    &[],
                )],
            ),
        ]
    }

    #[test]
    fn pass() {
        core::assert_passes(create, &pass_table());
    }

    #[test]
    fn fail() {
        insta::assert_yaml_snapshot!(core::assert_fails(create, &fail_table()));
    }

    #[test]
    fn options() {
        assert_eq!(
            create(&json!({"replacements": {"a": 1}})).err().unwrap(),
            "`replacements.a` must be a format name"
        );
    }
}
