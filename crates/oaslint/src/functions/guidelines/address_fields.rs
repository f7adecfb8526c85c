//! `addressFields`: address structures use the common field names
//! (guideline 249).
//!
//! # What it does
//!
//! Applied to a `properties` map that looks like an address — at least
//! two of its property names are address fields (`street`, `city`, `zip`,
//! `country_code`, `additional`, `care_of`, or one of the renamed fields
//! below) — reports every property whose name is a common alternative of
//! a field of the guideline's `address`/`addressee` model: `Address field
//! "postal_code" must be named "zip"`. Names are compared without case and
//! separators (`postalCode` is `postal_code`). The finding is at the
//! property. Other inputs are skipped.
//!
//! # Options
//!
//! - `renames` (map of alternative name → common field name): replaces the
//!   default (`postal_code`, `postcode`, `post_code`, `zip_code`,
//!   `zipcode` → `zip`; `country`, `country_iso` → `country_code`;
//!   `street_name`, `street_address`, `address_line_1`, `line1`,
//!   `address1` → `street`; `address_line_2`, `line2`, `address2` →
//!   `additional`; `town`, `locality` → `city`; `c_o` → `care_of`;
//!   `firstname`, `given_name` → `first_name`; `lastname`, `surname`,
//!   `family_name` → `last_name`; `company_name`, `company` →
//!   `business_name`).
//!
//! # Example
//!
//! ```yaml
//! "249":
//!   given: $..properties
//!   then:
//!     function: addressFields
//! ```

use super::oas::{key_of, keys, squash, squash_eq};
use crate::functions::{parse_options, Context, Input, Outcome, RuleFunction};
use serde::Deserialize;

/// The guideline's address fields.
const ADDRESS: [&str; 6] = [
    "street",
    "city",
    "zip",
    "country_code",
    "additional",
    "care_of",
];

const RENAMES: &[(&str, &str)] = &[
    ("postal_code", "zip"),
    ("postcode", "zip"),
    ("post_code", "zip"),
    ("zip_code", "zip"),
    ("zipcode", "zip"),
    ("country", "country_code"),
    ("country_iso", "country_code"),
    ("street_name", "street"),
    ("street_address", "street"),
    ("address_line_1", "street"),
    ("address_line1", "street"),
    ("line1", "street"),
    ("line_1", "street"),
    ("address1", "street"),
    ("address_line_2", "additional"),
    ("address_line2", "additional"),
    ("line2", "additional"),
    ("line_2", "additional"),
    ("address2", "additional"),
    ("town", "city"),
    ("locality", "city"),
    ("c_o", "care_of"),
    ("firstname", "first_name"),
    ("given_name", "first_name"),
    ("lastname", "last_name"),
    ("surname", "last_name"),
    ("family_name", "last_name"),
    ("company_name", "business_name"),
    ("company", "business_name"),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    renames: Option<serde_json::Map<String, serde_json::Value>>,
}

struct AddressFields {
    /// (squashed alternative, common name).
    renames: Vec<(String, String)>,
    /// Squashed names that mark an address.
    signals: Vec<String>,
}

impl RuleFunction for AddressFields {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(map) = input.cursor() else { return };
        if key_of(&map) != Some("properties") {
            return;
        }
        let signals = keys(&map)
            .filter(|k| self.signals.iter().any(|s| squash_eq(k, s)))
            .take(2)
            .count();
        if signals < 2 {
            return;
        }
        for name in keys(&map) {
            if let Some((_, common)) = self.renames.iter().find(|(alt, _)| squash_eq(name, alt)) {
                out.push(
                    Outcome::new(format!(
                        "Address field \"{name}\" must be named \"{common}\""
                    ))
                    .at(vec![name.to_string()]),
                );
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    let renames: Vec<(String, String)> = match o.renames {
        Some(map) => map
            .into_iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => Ok((squash(&k), s)),
                _ => Err(format!("`renames.{k}` must be a field name")),
            })
            .collect::<Result<_, _>>()?,
        None => RENAMES
            .iter()
            .map(|(k, v)| (squash(k), v.to_string()))
            .collect(),
    };
    let mut signals: Vec<String> = ADDRESS.iter().map(|s| squash(s)).collect();
    for (alt, common) in &renames {
        // Person names alone do not make an address.
        if ADDRESS.contains(&common.as_str()) {
            signals.push(alt.clone());
        }
    }
    Ok(Box::new(AddressFields { renames, signals }))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    const SPEC: &str = r#"openapi: 3.0.3
a:
  properties:
    street: {type: string}
    city: {type: string}
    postalCode: {type: string}
    country: {type: string}
    surname: {type: string}
b:
  properties:
    street: {type: string}
    city: {type: string}
    zip: {type: string}
    country_code: {type: string}
c:
  properties:
    country: {type: string}
    given_name: {type: string}
    family_name: {type: string}
"#;

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!(null), SPEC, "/b/properties"),
            // Not an address: one address-like field only.
            (json!(null), SPEC, "/c/properties"),
            (json!(null), SPEC, "/a"),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                json!(null),
                SPEC,
                "/a/properties",
                vec![
                    outcome(
                        "Address field \"postalCode\" must be named \"zip\"",
                        &["postalCode"],
                    ),
                    outcome(
                        "Address field \"country\" must be named \"country_code\"",
                        &["country"],
                    ),
                    outcome(
                        "Address field \"surname\" must be named \"last_name\"",
                        &["surname"],
                    ),
                ],
            ),
            (
                json!({"renames": {"town": "city"}}),
                "openapi: 3.0.3\na:\n  properties:\n    street: {}\n    town: {}\n",
                "/a/properties",
                vec![outcome(
                    "Address field \"town\" must be named \"city\"",
                    &["town"],
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
        assert_eq!(
            create(&json!({"renames": {"a": 1}})).err().unwrap(),
            "`renames.a` must be a field name"
        );
    }
}
