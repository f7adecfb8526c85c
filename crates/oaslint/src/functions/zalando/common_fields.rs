//! `zalandoCommonFields`: common field names must have their common types
//! (Zalando 174).
//!
//! # What it does
//!
//! Applied to a schema, or — given a key of the document root (`given:
//! $[*]~`) — to each of Zally's schemas in that member (`getAllSchemas`:
//! component schemas, parameter, request and response body schemas).
//! For each *leaf* property (found by following `properties`) named in
//! `fields`:
//!
//! - a different `type`: `field '<name>' has type '<type>' (expected type
//!   '<expected>')` (`null` when it has none);
//! - else, when the field has an expected `format` and the property another
//!   one: `field '<name>' has type '<type>' with format '<format>'
//!   (expected format '<expected>')`.
//!
//! # Options
//!
//! - `fields` (map name → `{type, format}`; `format` optional): default
//!   Zally's `id` (string), `created` and `modified` (string, date-time).
//!
//! # Example
//!
//! ```yaml
//! "174":
//!   functionOptions:
//!     fields:
//!       id: {type: string}
//!       created_at: {type: string, format: date-time}
//! ```
//!
//! # Compared with Zally
//!
//! A property that is a `$ref` to a non-object schema is reported where
//! that schema is defined; Zally reports it in the referring `properties`.

use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::util::{at, for_each_leaf, schema_type, Leaf};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct Field {
    #[serde(rename = "type")]
    kind: String,
    format: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default = "default_fields")]
    fields: BTreeMap<String, Field>,
}

fn default_fields() -> BTreeMap<String, Field> {
    let f = |kind: &str, format: Option<&str>| Field {
        kind: kind.into(),
        format: format.map(String::from),
    };
    BTreeMap::from([
        ("id".to_string(), f("string", None)),
        ("created".to_string(), f("string", Some("date-time"))),
        ("modified".to_string(), f("string", Some("date-time"))),
    ])
}

struct CommonFields {
    fields: BTreeMap<String, Field>,
}

impl RuleFunction for CommonFields {
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        for_each_leaf(&input, ctx, |base, leaf| self.check_leaf(base, leaf, out));
    }
}

impl CommonFields {
    fn check_leaf(&self, base: &[String], leaf: &Leaf<'_>, out: &mut Vec<Outcome>) {
        let (name, prop) = (leaf.name, leaf.prop);
        let Some(field) = self.fields.get(name) else {
            return;
        };
        let kind = schema_type(prop).unwrap_or("null");
        let format = prop.get("format").and_then(|f| f.as_str());
        let message = if kind != field.kind {
            format!(
                "field '{name}' has type '{kind}' (expected type '{}')",
                field.kind
            )
        } else {
            match &field.format {
                Some(want) if format != Some(want.as_str()) => format!(
                    "field '{name}' has type '{kind}' with format '{}' (expected format '{want}')",
                    format.unwrap_or("null")
                ),
                _ => return,
            }
        };
        out.push(Outcome::new(message).at(at(base, &leaf.path)));
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(CommonFields { fields: o.fields }))
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
        vec![
            (
                json!(null),
                Some(props(json!({
                    "id": {"type": "string", "format": "uuid"},
                    "created": {"type": "string", "format": "date-time"},
                    "modified": {"type": "string", "format": "date-time"},
                    "name": {"type": "integer"}
                }))),
            ),
            // Only leaf properties: an `id` object with properties is walked into.
            (
                json!(null),
                Some(props(
                    json!({"id": {"properties": {"value": {"type": "integer"}}}}),
                )),
            ),
            (
                json!({"fields": {"id": {"type": "integer"}}}),
                Some(props(json!({"id": {"type": "integer"}}))),
            ),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![(
            json!(null),
            Some(props(json!({
                "id": {"type": "integer"},
                "created": {"type": "string"},
                "meta": {"properties": {"modified": {"type": "string", "format": "date"}}},
                "deleted": {}
            }))),
            vec![
                outcome("field 'id' has type 'integer' (expected type 'string')", &["properties", "id"]),
                outcome(
                    "field 'created' has type 'string' with format 'null' (expected format 'date-time')",
                    &["properties", "created"],
                ),
                outcome(
                    "field 'modified' has type 'string' with format 'date' (expected format 'date-time')",
                    &["properties", "meta", "properties", "modified"],
                ),
            ],
        ), (
            json!(null),
            Some(props(json!({"id": {"format": "uuid"}}))),
            vec![outcome("field 'id' has type 'null' (expected type 'string')", &["properties", "id"])],
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
        assert!(
            testing::options_error(create, json!({"fields": {"id": {"format": "uuid"}}}))
                .contains("missing field `type`")
        );
    }
}
