use crate::functions::oas::{key_of, keys, squash, squash_eq};
use crate::functions::{Context, Input, NativeFunction, Outcome};
use serde::Deserialize;

crate::declare_function! {
    /// Address structures use the common field names (guideline 249).
    ///
    /// # What it does
    ///
    /// Applied to a `properties` map that looks like an address — at least
    /// two of its property names are address fields (`street`, `city`, `zip`,
    /// `country_code`, `additional`, `care_of`, or one of the renamed fields
    /// below) — reports every property whose name is a common alternative of
    /// a field of the guideline's `address`/`addressee` model: `Address field
    /// "postal_code" must be named "zip"`. Names are compared without case and
    /// separators (`postalCode` is `postal_code`). The finding is at the
    /// property. Other inputs are skipped.
    ///
    /// # Why
    ///
    /// The guideline says "all attributes that relate to address information
    /// must follow the naming and semantics defined" by its `address` and
    /// `addressee` models, so that clients handle addresses of every API the
    /// same way. The common alternatives (`postal_code`, `country`, `town`,
    /// …) are what an API written without the models tends to use.
    ///
    /// # Options
    ///
    /// - `renames` (map of alternative name → common field name): replaces the
    ///   default (`postal_code`, `postcode`, `post_code`, `zip_code`,
    ///   `zipcode` → `zip`; `country`, `country_iso` → `country_code`;
    ///   `street_name`, `street_address`, `address_line_1`, `line1`,
    ///   `address1` → `street`; `address_line_2`, `line2`, `address2` →
    ///   `additional`; `town`, `locality` → `city`; `c_o` → `care_of`;
    ///   `firstname`, `given_name` → `first_name`; `lastname`, `surname`,
    ///   `family_name` → `last_name`; `company_name`, `company` →
    ///   `business_name`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "249":
    ///     title: Use the common address fields
    ///     description: >-
    ///       "All attributes that relate to address information must follow the
    ///       naming and semantics defined" by the guideline's `address` and
    ///       `addressee` models (`street`, `additional`, `city`, `zip`,
    ///       `country_code`, `care_of`, `first_name`, `last_name`,
    ///       `business_name`, …); common alternatives in an address-like object
    ///       are reported.
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: $..properties
    ///     then:
    ///       function: addressFields
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Address:
    ///       type: object
    ///       properties:
    ///         street: {type: string}
    ///         city: {type: string}
    ///         postal_code: {type: string}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Address:
    ///       type: object
    ///       properties:
    ///         street: {type: string}
    ///         city: {type: string}
    ///         zip: {type: string}
    /// ```
    #[function("addressFields")]
    pub(crate) struct AddressFields {
        /// (squashed alternative, common name).
        renames: Vec<(String, String)>,
        /// Squashed names that mark an address.
        signals: Vec<String>,
    }
}

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

/// The options of [`AddressFields`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// Alternative name → common field name; replaces the default list.
    renames: Option<serde_json::Map<String, serde_json::Value>>,
}

impl NativeFunction for AddressFields {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
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
        Ok(AddressFields { renames, signals })
    }

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
