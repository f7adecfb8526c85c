//! `oasExample`: examples and defaults must be valid against their schema
//! (rules `oas2-valid-schema-example`, `oas2-valid-media-example`,
//! `oas3-valid-media-example`, `oas3-valid-schema-example`).

use super::oas_schema::{check_value, document_dialect, draft_for, openapi_schema, Compiled};
use super::{subschema_slot, SubschemaSlot};
use crate::document::SpecFormat;
use crate::functions::ajv_messages::Subject;
use crate::functions::{Context, Input, NativeFunction, Outcome};
use crate::tree::Segment;
use serde::Deserialize;
use serde_json::Value as J;

/// Which OpenAPI version's example fields to check (`oasVersion`).
#[derive(Deserialize, schemars::JsonSchema, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(try_from = "u8")]
#[schemars(with = "u8")]
pub(crate) enum OasVersion {
    /// OpenAPI 2.0 (`2`).
    V2,
    /// OpenAPI 3.x (`3`).
    V3,
}

impl TryFrom<u8> for OasVersion {
    type Error = String;
    fn try_from(v: u8) -> Result<Self, String> {
        match v {
            2 => Ok(OasVersion::V2),
            3 => Ok(OasVersion::V3),
            other => Err(format!("`oasVersion` must be 2 or 3, not {other}")),
        }
    }
}

/// What the input is (`type`).
#[derive(Deserialize, schemars::JsonSchema, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    /// A Media Type (3.x), a Response (2.0), a Parameter or a Header: its
    /// `example`/`examples` are checked against its `schemaField`.
    Media,
    /// A Schema Object: its `example` and `default` (and 2.0's `x-example`)
    /// are checked against itself.
    Schema,
}

/// The options of [`OasExample`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    /// `2` or `3`.
    oas_version: OasVersion,
    /// The member holding the schema, or `$` for the input itself.
    schema_field: String,
    /// `media` or `schema`.
    #[serde(rename = "type")]
    kind: Kind,
}

crate::declare_function! {
    /// Examples and defaults must be valid against their schema.
    ///
    /// # What it does
    ///
    /// With `type: schema`, checks a Schema Object's `example` and
    /// `default` (and OpenAPI 2.0's `x-example`) against the schema itself.
    /// With `type: media`, checks a Media Type's (or a Parameter's, a
    /// Header's) `example` — or, when it has none, each of its `examples`'
    /// `value` (those with an `externalValue` are skipped) — against its
    /// `schema`; in OpenAPI 2.0, each of a Response's `examples`. In a
    /// request body, `readOnly` properties are not required; in a response,
    /// `writeOnly` ones are not. Validation is `oasSchema`'s (the document's
    /// OpenAPI dialect), and each problem is reported where it is in the
    /// example: `"example" property type must be integer`, `"name" property
    /// type must be string`, `"value" property must have required property
    /// "id"`.
    ///
    /// # Why
    ///
    /// Examples are what readers copy and what mock servers return; an
    /// example that contradicts its schema misleads both.
    ///
    /// # Options
    ///
    /// - `oasVersion` (`2` or `3`, required).
    /// - `schemaField` (string, required): the member holding the schema,
    ///   or `$` for the input itself.
    /// - `type` (`media` or `schema`, required).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   oas3-valid-media-example:
    ///     description: Examples must be valid against their defined schema.
    ///     message: "{{error}}"
    ///     given: $..content..[?(@ && @.schema && (@.example !== void 0 || @.examples))]
    ///     then:
    ///       function: oasExample
    ///       functionOptions:
    ///         schemaField: schema
    ///         oasVersion: 3
    ///         type: media
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema: {type: integer}
    ///               example: two
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         '200':
    ///           description: OK
    ///           content:
    ///             application/json:
    ///               schema: {type: integer}
    ///               example: 2
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// As `oasSchema`. Whether a media type is in a request or a response is
    /// read from where its node is in its file (Spectral reads the path the
    /// rule matched, which differs for `$ref`'d media types in other files).
    #[function("oasExample")]
    pub(crate) struct OasExample {
        options: Options,
        compiled: Compiled,
    }
}

/// One value to check, at `path` below the input.
struct Item {
    value: J,
    path: Vec<String>,
}

/// The examples of a media input, as Spectral's `oasExample` picks them.
fn media_items(target: &serde_json::Map<String, J>, version: OasVersion) -> Vec<Item> {
    let mut items = Vec::new();
    if version == OasVersion::V3 {
        // A single `example` wins over `examples`.
        if let Some(value) = target.get("example") {
            items.push(Item {
                value: value.clone(),
                path: vec!["example".into()],
            });
            return items;
        }
    }
    if let Some(J::Object(examples)) = target.get("examples") {
        for (key, example) in examples {
            match version {
                OasVersion::V2 => items.push(Item {
                    value: example.clone(),
                    path: vec!["examples".into(), key.clone()],
                }),
                OasVersion::V3 => {
                    // Covered by oas3-examples-value-or-externalValue.
                    let J::Object(example) = example else {
                        continue;
                    };
                    if example.contains_key("externalValue") {
                        continue;
                    }
                    // A missing `value` is JavaScript's `undefined`: valid.
                    let Some(value) = example.get("value") else {
                        continue;
                    };
                    items.push(Item {
                        value: value.clone(),
                        path: vec!["examples".into(), key.clone(), "value".into()],
                    });
                }
            }
        }
    }
    items
}

/// The example fields of a schema input.
fn schema_items(target: &serde_json::Map<String, J>, version: OasVersion) -> Vec<Item> {
    let fields: &[&str] = match version {
        OasVersion::V2 => &["example", "x-example", "default"],
        OasVersion::V3 => &["example", "default"],
    };
    fields
        .iter()
        .filter_map(|f| {
            target.get(*f).map(|value| Item {
                value: value.clone(),
                path: vec![f.to_string()],
            })
        })
        .collect()
}

/// Whether `path` starts with one of `prefixes` (`*` matches any segment).
fn under(path: &[String], prefixes: &[&[&str]]) -> bool {
    prefixes.iter().any(|prefix| {
        prefix.len() <= path.len()
            && prefix
                .iter()
                .zip(path)
                .all(|(p, seg)| *p == "*" || p == seg)
    })
}

/// Spectral's request and response locations of media types.
fn is_request(path: &[String], version: OasVersion) -> bool {
    version == OasVersion::V3
        && under(
            path,
            &[
                &["components", "requestBodies"],
                &["paths", "*", "*", "requestBody"],
            ],
        )
}

fn is_response(path: &[String], version: OasVersion) -> bool {
    match version {
        OasVersion::V2 => under(path, &[&["responses"], &["paths", "*", "*", "responses"]]),
        OasVersion::V3 => under(
            path,
            &[
                &["components", "responses"],
                &["paths", "*", "*", "responses"],
            ],
        ),
    }
}

/// Makes the properties marked `flag` (`readOnly`, `writeOnly`) optional
/// wherever they are required, in `schema` and its subschemas.
fn relax_required(schema: &mut J, flag: &str) {
    let J::Object(map) = schema else { return };
    if let Some(J::Object(properties)) = map.get("properties") {
        let flagged: Vec<String> = properties
            .iter()
            .filter(|(_, p)| p.get(flag) == Some(&J::Bool(true)))
            .map(|(k, _)| k.clone())
            .collect();
        if !flagged.is_empty() {
            if let Some(J::Array(required)) = map.get_mut("required") {
                required.retain(|r| !r.as_str().is_some_and(|r| flagged.iter().any(|f| f == r)));
                if required.is_empty() {
                    map.remove("required");
                }
            }
        }
    }
    for (key, value) in map.iter_mut() {
        match (subschema_slot(key), value) {
            (Some(SubschemaSlot::Map), J::Object(subs)) => {
                subs.values_mut().for_each(|s| relax_required(s, flag))
            }
            (Some(SubschemaSlot::List | SubschemaSlot::OneOrList), J::Array(subs)) => {
                subs.iter_mut().for_each(|s| relax_required(s, flag))
            }
            (Some(SubschemaSlot::One | SubschemaSlot::OneOrList), value) => {
                relax_required(value, flag)
            }
            _ => {}
        }
    }
}

/// Where the input node is in its file, as member names and indexes.
fn input_path(input: &Input<'_>) -> Vec<String> {
    let Some(cursor) = input.cursor() else {
        return Vec::new();
    };
    let loc = cursor.loc();
    cursor
        .view()
        .tree(loc.doc)
        .segments(loc.node)
        .into_iter()
        .map(|s| match s {
            Segment::Key(k) => k.to_string(),
            Segment::Index(i) => i.to_string(),
        })
        .collect()
}

impl NativeFunction for OasExample {
    type Options = Options;

    fn new(options: Options) -> Result<Self, String> {
        Ok(OasExample {
            options,
            compiled: Compiled::default(),
        })
    }

    fn check(&self, input: Input<'_>, ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(J::Object(target)) = input.to_json() else {
            return;
        };
        let o = &self.options;
        let schema = if o.schema_field == "$" {
            J::Object(target.clone())
        } else {
            match target.get(&o.schema_field) {
                Some(s @ J::Object(_)) => s.clone(),
                _ => return,
            }
        };
        let items = match o.kind {
            Kind::Schema => schema_items(&target, o.oas_version),
            Kind::Media => media_items(&target, o.oas_version),
        };
        if items.is_empty() {
            return;
        }
        let mut schema = openapi_schema(&schema, ctx.format);
        if ctx.format == SpecFormat::Swagger2 {
            // A 2.0 parameter's boolean `required` is not JSON Schema's.
            if let J::Object(map) = &mut schema {
                if map.get("required").is_some_and(J::is_boolean) {
                    map.remove("required");
                }
            }
        }
        if o.kind == Kind::Media {
            let path = input_path(&input);
            if is_request(&path, o.oas_version) {
                relax_required(&mut schema, "readOnly");
            }
            if is_response(&path, o.oas_version) {
                relax_required(&mut schema, "writeOnly");
            }
        }
        let draft = draft_for(ctx.format, document_dialect(ctx).as_deref());
        for item in items {
            let name = item.path.last().cloned().unwrap_or_default();
            let mut found = Vec::new();
            check_value(
                &self.compiled,
                &schema,
                ctx.format,
                draft,
                &item.value,
                Subject::Named(&name),
                &mut found,
            );
            for outcome in found {
                let mut path = item.path.clone();
                path.extend(outcome.path.iter().cloned());
                out.push(outcome.at(path));
            }
        }
    }
}
