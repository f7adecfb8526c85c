//! `zalandoDateTimeNames`: date and time properties should be named by
//! convention (Zalando 235).
//!
//! # What it does
//!
//! Applied to a schema, or — given a key of the document root (`given:
//! $[*]~`) — to each of Zally's schemas in that member (`getAllSchemas`:
//! component schemas, parameter, request and response body schemas).
//! For each *leaf* property (found by following `properties`, not `items` or
//! `allOf`) with `type: string` and a `format` in `formats`, the name must
//! match one of `patterns` as a whole, else: `Property "<name>" of type
//! "string" and format "<format>" should match one of the patterns
//! [<patterns>]`, at the property.
//!
//! # Options
//!
//! - `patterns` (list of regular expressions, default Zally's `.+_at`,
//!   `(.+_)*time(stamp)?(_.+)?`, `(.+_)*date(_.+)*`, `(.+_)*day(_.+)*`).
//! - `formats` (list, default `[date, time, date-time]`).
//!
//! # Example
//!
//! ```yaml
//! "235":
//!   functionOptions:
//!     patterns: ['.+_at', '.+_(date|time)']
//! ```

use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::util::{at, for_each_leaf, kotlin_list, schema_type, Leaf, WholeMatch};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
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

struct DateTimeNames {
    patterns: Vec<WholeMatch>,
    formats: Vec<String>,
    listed: String,
}

impl RuleFunction for DateTimeNames {
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

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(DateTimeNames {
        patterns: WholeMatch::compile_all("patterns", &o.patterns)?,
        listed: kotlin_list(&o.patterns),
        formats: o.formats,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn props(p: serde_json::Value) -> serde_json::Value {
        json!({ "type": "object", "properties": p })
    }

    fn pass_table() -> Vec<Pass> {
        let dt = json!({"type": "string", "format": "date-time"});
        vec![
            (
                json!(null),
                Some(props(
                    json!({"created_at": dt, "start_time": dt, "timestamp": dt,
                "arrival_date": dt, "day_of_week": dt}),
                )),
            ),
            (
                json!(null),
                Some(props(
                    json!({"created": {"type": "string"}, "modified": {"type": "integer", "format": "date"}}),
                )),
            ),
            (
                json!(null),
                Some(props(
                    json!({"expires": {"type": "string", "format": "duration"}}),
                )),
            ),
            // A schema that is itself a date is not a property.
            (
                json!(null),
                Some(json!({"type": "string", "format": "date"})),
            ),
            (
                json!({"patterns": [".+_on"]}),
                Some(props(json!({"created_on": dt}))),
            ),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let patterns = "[.+_at, (.+_)*time(stamp)?(_.+)?, (.+_)*date(_.+)*, (.+_)*day(_.+)*]";
        vec![(
            json!(null),
            Some(props(json!({
                "created": {"type": "string", "format": "date-time"},
                "period": {"properties": {"end": {"type": ["string", "null"], "format": "date"}}}
            }))),
            vec![
                outcome(
                    &format!("Property \"created\" of type \"string\" and format \"date-time\" should match one of the patterns {patterns}"),
                    &["properties", "created"],
                ),
                outcome(
                    &format!("Property \"end\" of type \"string\" and format \"date\" should match one of the patterns {patterns}"),
                    &["properties", "period", "properties", "end"],
                ),
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
        assert!(testing::options_error(create, json!({"patterns": ["("]}))
            .starts_with("`patterns` is not a valid"));
    }
}
