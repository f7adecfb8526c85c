use crate::functions::oas::{key_of, keys, str_member, types, words};
use crate::functions::{Context, Input, NativeFunction, Outcome};
use serde::Deserialize;
use std::borrow::Cow;

crate::declare_function! {
    /// Properties whose name says what they hold must use the standard format
    /// for it (guidelines 126, 127, 128).
    ///
    /// # What it does
    ///
    /// Applied to a `properties` map, looks at every property whose name —
    /// compared in snake_case form, so `createdAt` reads as `created_at` —
    /// matches one of `names`, and whose schema declares one of `types`. Such a
    /// property must be `type: string` with one of `formats`; otherwise it is
    /// reported at the property: `"created_at" is a date/time property: it
    /// must be a string with format date-time or date, not type integer` (or
    /// `… not format datetime`, `… but has no format`). Untyped properties and
    /// properties of other types (objects, arrays) are skipped. Other inputs
    /// are skipped.
    ///
    /// # Why
    ///
    /// A property's name tells a client what it holds (`created_at` is a point
    /// in time); the guideline then fixes how such values are written (ISO 8601
    /// `date-time`, ISO 3166 country codes, …). A numeric timestamp or a string
    /// without the format leaves clients guessing the representation.
    ///
    /// # Options
    ///
    /// - `names` (list of strings, required): name patterns for the
    ///   snake_case property name, where `*` stands for any text: `*_at`,
    ///   `date`, `*_date`. (Globs rather than regular expressions: this runs on
    ///   every property of a document, several times.)
    /// - `formats` (list of strings, required): the allowed formats.
    /// - `what` (string, required): what such a property is, for the message
    ///   (`date/time`, `country code`).
    /// - `types` (list of strings, default `[string, integer, number]`): the
    ///   types a property must declare to be checked.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "126":
    ///     title: Use standard formats for date and time properties
    ///     description: >-
    ///       "You must use the `string` typed formats `date`, `date-time`, `time`,
    ///       `duration`, or `period` for the definition of date and time
    ///       properties"; numerical timestamps are discouraged. A property is a
    ///       date/time property by its name: `*_at`, `date`, `*_date`, `time`,
    ///       `*_time`, `timestamp`, `*_timestamp`, `datetime`.
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: $..properties
    ///     then:
    ///       function: formatByName
    ///       functionOptions:
    ///         names: [date, "*_date", datetime, "*_datetime", date_time, "*_date_time", time, "*_time", timestamp, "*_timestamp", "*_at"]
    ///         formats: [date-time, date, time, duration, period]
    ///         what: date/time
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Order:
    ///       type: object
    ///       properties:
    ///         created_at: {type: integer}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Order:
    ///       type: object
    ///       properties:
    ///         created_at: {type: string, format: date-time}
    /// ```
    #[function("formatByName")]
    pub(crate) struct FormatByName {
        names: Vec<Glob>,
        options: Options,
    }
}

/// The options of [`FormatByName`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// Name patterns (`*` = any text) for the snake_case property name.
    names: Vec<String>,
    /// The allowed formats.
    formats: Vec<String>,
    /// What such a property is, for the message (`date/time`).
    what: String,
    /// The declared types that make a property checked.
    #[serde(default = "default_types")]
    types: Vec<String>,
}

fn default_types() -> Vec<String> {
    ["string", "integer", "number"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// A name pattern where `*` matches any run of characters, split at the
/// stars once.
pub(crate) struct Glob {
    parts: Vec<String>,
}

impl Glob {
    pub fn new(pattern: &str) -> Glob {
        Glob {
            parts: pattern.split('*').map(str::to_string).collect(),
        }
    }

    pub fn matches(&self, text: &str) -> bool {
        let parts = &self.parts;
        let (first, last) = (parts[0].as_bytes(), parts[parts.len() - 1].as_bytes());
        let t = text.as_bytes();
        if parts.len() == 1 {
            return t == first;
        }
        // Most names fail on their last or first byte; check those before
        // comparing whole runs (this runs for every property, per pattern).
        if t.len() < first.len() + last.len()
            || last.last().is_some_and(|b| t.last() != Some(b))
            || first.first().is_some_and(|b| t.first() != Some(b))
        {
            return false;
        }
        if !t.starts_with(first) || !t.ends_with(last) {
            return false;
        }
        let mut rest = &text[first.len()..text.len() - last.len()];
        for middle in &parts[1..parts.len() - 1] {
            match rest.find(middle.as_str()) {
                Some(i) => rest = &rest[i + middle.len()..],
                None => return false,
            }
        }
        true
    }
}

#[cfg(test)]
fn glob(pattern: &str, text: &str) -> bool {
    Glob::new(pattern).matches(text)
}

/// The snake_case form of a name, without allocating when it is one.
fn snake(name: &str) -> Cow<'_, str> {
    if name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(words(name).join("_"))
    }
}

impl NativeFunction for FormatByName {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        if o.formats.is_empty() {
            return Err("`formats` must list at least one format".into());
        }
        if o.names.is_empty() {
            return Err("`names` must list at least one name pattern".into());
        }
        Ok(FormatByName {
            names: o.names.iter().map(|n| Glob::new(n)).collect(),
            options: o,
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(map) = input.cursor() else { return };
        if key_of(&map) != Some("properties") {
            return;
        }
        let formats = self.options.formats.join(" or ");
        for name in keys(&map) {
            let snake = snake(name);
            if !self.names.iter().any(|g| g.matches(&snake)) {
                continue;
            }
            let Some(schema) = map.get(name) else {
                continue;
            };
            let declared = types(&schema);
            if !declared
                .iter()
                .any(|t| self.options.types.iter().any(|o| o == t))
            {
                continue;
            }
            let what = &self.options.what;
            let problem = if !declared.contains(&"string") {
                Some(format!("not type {}", declared.join("/")))
            } else {
                match str_member(&schema, "format") {
                    Some(f) if self.options.formats.iter().any(|a| a == f) => None,
                    Some(f) => Some(format!("not format {f}")),
                    None => Some("but has no format".to_string()),
                }
            };
            if let Some(p) = problem {
                out.push(
                    Outcome::new(format!(
                        "\"{name}\" is a {what} property: it must be a string with format {formats}, {p}"
                    ))
                    .at(vec![name.to_string()]),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("*_at", "created_at"));
        assert!(glob("*_at", "_at"), "`*` also matches nothing");
        assert!(!glob("*_at", "format"));
        assert!(glob("date", "date"));
        assert!(!glob("date", "dates"));
        assert!(glob("a*b*c", "axxbyyc"));
        assert!(!glob("a*b*c", "axxc"));
        assert!(glob("*", ""));
        assert_eq!(snake("createdAt"), "created_at");
        assert!(matches!(snake("created_at"), Cow::Borrowed(_)));
    }
}
