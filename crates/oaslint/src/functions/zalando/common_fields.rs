use super::super::{Context, Input, NativeFunction, Outcome};
use crate::functions::oas::zally::{at, for_each_leaf, schema_type, Leaf};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize, Clone, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Field {
    #[serde(rename = "type")]
    kind: String,
    format: Option<String>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
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

crate::declare_function! {
    /// Common field names must have their common types
    /// (Zalando 174).
    ///
    /// # What it does
    ///
    /// Applied to a schema, or — given a key of the document root (`given:
    /// $[*]~`) — to each of Zally's schemas in that member (`getAllSchemas`:
    /// component schemas, parameter, request and response body schemas).
    /// For each *leaf* property (found by following `properties`) named in
    /// `fields`:
    ///
    /// - a different `type`: `field '<name>' has type '<type>' (expected type
    ///   '<expected>')` (`null` when it has none);
    /// - else, when the field has an expected `format` and the property another
    ///   one: `field '<name>' has type '<type>' with format '<format>'
    ///   (expected format '<expected>')`.
    ///
    /// # Why
    ///
    /// A field such as `id` or `created` means the same everywhere in an API
    /// landscape; one API with a numeric `id` or a `created` date that is not a
    /// date-time breaks the clients that rely on the convention.
    ///
    /// # Options
    ///
    /// - `fields` (map name → `{type, format}`; `format` optional): default
    ///   Zally's `id` (string), `created` and `modified` (string, date-time).
    ///
    /// For example `functionOptions: {fields: {id: {type: string}, created_at:
    /// {type: string, format: date-time}}}`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "174":
    ///     title: Use common field names and semantics
    ///     description: >-
    ///       Common fields must have their common types: `id` a string, `created`
    ///       and `modified` date-time strings.
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: $[*]~
    ///     then:
    ///       function: zalandoCommonFields
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Order:
    ///       type: object
    ///       properties:
    ///         id: {type: integer}
    ///         created: {type: string, format: date-time}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Order:
    ///       type: object
    ///       properties:
    ///         id: {type: string}
    ///         created: {type: string, format: date-time}
    /// ```
    ///
    /// # Compared with Zally
    ///
    /// A property that is a `$ref` to a non-object schema is reported where
    /// that schema is defined; Zally reports it in the referring `properties`.
    #[function("zalandoCommonFields")]
    pub(crate) struct CommonFields {
        fields: BTreeMap<String, Field>,
    }
}

impl NativeFunction for CommonFields {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(CommonFields { fields: o.fields })
    }

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
