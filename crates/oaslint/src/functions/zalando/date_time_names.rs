use super::super::{Context, Input, NativeFunction, Outcome};
use crate::functions::oas::zally::{at, for_each_leaf, kotlin_list, schema_type, Leaf, WholeMatch};
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    #[serde(default = "default_patterns")]
    patterns: Vec<String>,
    #[serde(default = "default_formats")]
    formats: Vec<String>,
}

fn default_patterns() -> Vec<String> {
    [
        ".+_at",
        "(.+_)*time(stamp)?(_.+)?",
        "(.+_)*date(_.+)*",
        "(.+_)*day(_.+)*",
    ]
    .map(String::from)
    .to_vec()
}

fn default_formats() -> Vec<String> {
    ["date", "time", "date-time"].map(String::from).to_vec()
}

crate::declare_function! {
    /// Date and time properties should be named by
    /// convention (Zalando 235).
    ///
    /// # What it does
    ///
    /// Applied to a schema, or — given a key of the document root (`given:
    /// $[*]~`) — to each of Zally's schemas in that member (`getAllSchemas`:
    /// component schemas, parameter, request and response body schemas).
    /// For each *leaf* property (found by following `properties`, not `items` or
    /// `allOf`) with `type: string` and a `format` in `formats`, the name must
    /// match one of `patterns` as a whole, else: `Property "<name>" of type
    /// "string" and format "<format>" should match one of the patterns
    /// [<patterns>]`, at the property.
    ///
    /// # Why
    ///
    /// Names such as `created_at` or `delivery_date` tell a reader that a value
    /// is a point in time without looking up its format; a consistent suffix
    /// keeps an API landscape predictable.
    ///
    /// # Options
    ///
    /// - `patterns` (list of regular expressions, default Zally's `.+_at`,
    ///   `(.+_)*time(stamp)?(_.+)?`, `(.+_)*date(_.+)*`, `(.+_)*day(_.+)*`).
    /// - `formats` (list, default `[date, time, date-time]`).
    ///
    /// For example `functionOptions: {patterns: ['.+_at', '.+_(date|time)']}`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "235":
    ///     title: Use naming convention for date/time properties
    ///     description: >-
    ///       Names of date and time properties (`format: date`, `time`,
    ///       `date-time`) should end in `_at` or contain `date`, `day`, `time` or
    ///       `timestamp`.
    ///     message: "{{error}}"
    ///     severity: should
    ///     given: $[*]~
    ///     then:
    ///       function: zalandoDateTimeNames
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Order:
    ///       properties:
    ///         shipped: {type: string, format: date-time}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Order:
    ///       properties:
    ///         shipped_at: {type: string, format: date-time}
    /// ```
    #[function("zalandoDateTimeNames")]
    pub(crate) struct DateTimeNames {
        patterns: Vec<WholeMatch>,
        formats: Vec<String>,
        listed: String,
    }
}

impl NativeFunction for DateTimeNames {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(DateTimeNames {
            patterns: WholeMatch::compile_all("patterns", &o.patterns)?,
            listed: kotlin_list(&o.patterns),
            formats: o.formats,
        })
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        for_each_leaf(&input, ctx, |base, leaf| self.check_leaf(base, leaf, out));
    }
}

impl DateTimeNames {
    fn check_leaf(&self, base: &[String], leaf: &Leaf<'_>, out: &mut Vec<Outcome>) {
        let (name, prop) = (leaf.name, leaf.prop);
        if schema_type(prop) != Some("string") {
            return;
        }
        let Some(format) = prop.get("format").and_then(|f| f.as_str()) else {
            return;
        };
        if !self.formats.iter().any(|f| f == format) {
            return;
        }
        if !self.patterns.iter().any(|p| p.is_match(name)) {
            out.push(
                Outcome::new(format!(
                    "Property \"{name}\" of type \"string\" and format \"{format}\" should match one of the patterns {}",
                    self.listed
                ))
                .at(at(base, &leaf.path)),
            );
        }
    }
}
