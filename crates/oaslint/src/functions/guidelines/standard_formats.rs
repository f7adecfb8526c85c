use crate::functions::{Context, Input, NativeFunction, Outcome};
use serde::Deserialize;

crate::declare_function! {
    /// Data formats are spelled as the standard names them (guideline 238).
    ///
    /// # What it does
    ///
    /// Applied to the value of a `format` member, reports a known non-standard
    /// spelling of a standard format, naming the standard one: `format
    /// "datetime" is not a standard data format; use "date-time"`. Standard
    /// formats (those of the guideline's tables) differing only in case
    /// (`UUID`) are reported too. Other formats are not judged: the
    /// guideline's list "is not exhaustive". Non-strings are skipped.
    ///
    /// # Why
    ///
    /// Validators and code generators understand the standard format names
    /// only: `datetime` or `guid` is silently ignored where `date-time` or
    /// `uuid` would be checked and mapped to the right type. The guideline says
    /// "you must use these formats, whenever applicable".
    ///
    /// # Options
    ///
    /// - `replacements` (map of non-standard format → standard format,
    ///   compared without case): replaces the default map (`datetime`,
    ///   `date_time`, `iso8601`, `timestamp` → `date-time`; `guid` → `uuid`;
    ///   `url` → `uri`; `e-mail` → `email`; `base64` → `byte`; `iso-639` →
    ///   `iso-639-1`; `iso-3166`, `iso-3166-1-alpha-2`, `country-code` →
    ///   `iso-3166-alpha-2`; `currency`, `iso4217` → `iso-4217`; `bcp-47`,
    ///   `locale` → `bcp47`; `gtin`, `ean`, `ean-13` → `gtin-13`; see the
    ///   source for all).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "238":
    ///     title: Use standard data formats
    ///     description: >-
    ///       OpenAPI and the guideline define standard formats for dates and
    ///       times, numbers, binary data, codes and more, and "you must use these
    ///       formats, whenever applicable". A format that is a known non-standard
    ///       spelling of a standard one (`datetime`, `guid`, `url`, `iso-3166`,
    ///       `base64`, …) is reported with the standard name.
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: $..format
    ///     then:
    ///       function: standardFormats
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Order:
    ///       type: object
    ///       properties:
    ///         created: {type: string, format: datetime}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Order:
    ///       type: object
    ///       properties:
    ///         created: {type: string, format: date-time}
    /// ```
    #[function("standardFormats")]
    pub(crate) struct StandardFormats {
        /// (lower-case non-standard spelling, standard format).
        replacements: Vec<(String, String)>,
    }
}

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

/// The options of [`StandardFormats`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// Non-standard format → standard format; replaces the default map.
    replacements: Option<serde_json::Map<String, serde_json::Value>>,
}

impl NativeFunction for StandardFormats {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
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
        Ok(StandardFormats { replacements })
    }

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
