//! `oasSchema`: Spectral's `schema` function with the JSON Schema dialect
//! of the document's OpenAPI version (rule `duplicated-entry-in-enum`; the
//! example rules call it through `oasExample`).

use super::{subschema_slot, SubschemaSlot};
use crate::document::SpecFormat;
use crate::functions::ajv_messages::{AjvError, Subject};
use crate::functions::schema::{compile, draft_of_uri, subject_of, validate, MISSING};
use crate::functions::{Context, Input, NativeFunction, Outcome};
use jsonschema::{Draft, Validator};
use serde::Deserialize;
use serde_json::Value as J;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The options of [`OasSchema`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// The JSON Schema (an object).
    schema: serde_json::Map<String, J>,
}

crate::declare_function! {
    /// A value must be valid against a JSON Schema written in the
    /// document's own OpenAPI dialect.
    ///
    /// # What it does
    ///
    /// Like `schema`, with the dialect the document's version implies:
    /// OpenAPI 2.0 and 3.0 schemas are draft 4 with `nullable: true` (and
    /// 2.0's `x-nullable: true`) allowing `null`; OpenAPI 3.1 schemas are
    /// draft 2020-12, or the draft the document's `jsonSchemaDialect` names.
    /// Messages are `schema`'s (Spectral's): `"enum" property must not have
    /// duplicate items (items ## 0 and 2 are identical)`; a `type` error of a
    /// nullable schema reads `must be string,null`.
    ///
    /// # Why
    ///
    /// A value written for an OpenAPI schema (an example, a default, an
    /// `enum`) must be checked with OpenAPI's rules, not those of another
    /// JSON Schema draft.
    ///
    /// # Options
    ///
    /// - `schema` (object, required): the JSON Schema.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   duplicated-entry-in-enum:
    ///     description: Enum values must not have duplicate entry.
    ///     message: "{{error}}"
    ///     given: $..[?(@property !== 'properties' && @ && @.enum)]
    ///     then:
    ///       field: enum
    ///       function: oasSchema
    ///       functionOptions:
    ///         schema:
    ///           type: array
    ///           uniqueItems: true
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Size:
    ///       type: string
    ///       enum: [s, m, s]
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths: {}
    /// components:
    ///   schemas:
    ///     Size:
    ///       type: string
    ///       enum: [s, m, l]
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// As `schema`. A schema that cannot be compiled (an unresolvable
    /// `$ref`, an invalid keyword) gives no finding where Spectral reports
    /// Ajv's exception for the invalid ones.
    #[function("oasSchema")]
    pub(crate) struct OasSchema {
        schema: J,
        compiled: Compiled,
    }
}

/// The dialect Spectral's `oasSchema` validates with for a document of
/// `format` whose `jsonSchemaDialect` is `dialect`.
pub(crate) fn draft_for(format: SpecFormat, dialect: Option<&str>) -> Draft {
    match format {
        SpecFormat::Swagger2 | SpecFormat::OpenApi30 => Draft::Draft4,
        SpecFormat::OpenApi31 => dialect.and_then(draft_of_uri).unwrap_or(Draft::Draft202012),
    }
}

/// The document's `jsonSchemaDialect`.
pub(crate) fn document_dialect(ctx: &Context<'_>) -> Option<String> {
    let root = ctx.view.cursor(ctx.view.root());
    root.get("jsonSchemaDialect")
        .and_then(|c| c.as_str())
        .map(str::to_string)
}

/// `schema` as the validator must see it for `format`: in OpenAPI 2.0,
/// `x-nullable: true` becomes `nullable: true`; and a `type` with
/// `nullable: true` also allows `null` (Ajv's `nullable`, in every
/// dialect), written as a list so that the message names both
/// (`string,null`, what Spectral's `oasSchema` makes of Ajv's message in
/// 2.0 and 3.0; [`check_value`] takes `,null` off again in 3.1).
pub(crate) fn openapi_schema(schema: &J, format: SpecFormat) -> J {
    let mut schema = schema.clone();
    rewrite_nullable(&mut schema, format == SpecFormat::Swagger2);
    schema
}

/// Keywords whose values are data, not schemas.
const DATA_KEYWORDS: [&str; 5] = ["enum", "const", "example", "examples", "default"];

fn rewrite_nullable(schema: &mut J, x_nullable: bool) {
    match schema {
        J::Object(map) => {
            if x_nullable && map.get("x-nullable") == Some(&J::Bool(true)) {
                map.remove("x-nullable");
                map.insert("nullable".into(), J::Bool(true));
            }
            if map.get("nullable") == Some(&J::Bool(true)) {
                if let Some(J::String(t)) = map.get("type") {
                    let t = t.clone();
                    map.insert("type".into(), J::Array(vec![J::String(t), "null".into()]));
                }
            }
            for (key, value) in map.iter_mut() {
                if !DATA_KEYWORDS.contains(&key.as_str()) {
                    rewrite_nullable(value, x_nullable);
                }
            }
        }
        J::Array(items) => items
            .iter_mut()
            .for_each(|v| rewrite_nullable(v, x_nullable)),
        _ => {}
    }
}

/// Validators compiled from schemas met in documents, by schema and draft:
/// many examples share a schema.
#[derive(Default)]
pub(crate) struct Compiled {
    cache: Mutex<ValidatorCache>,
}

/// Compiled validators by schema text and draft (`None`: the schema does
/// not compile).
type ValidatorCache = HashMap<(String, u8), Option<Arc<Validator>>>;

/// A bound on the cache, so that a huge document cannot grow it forever.
const CACHE_LIMIT: usize = 4096;

impl Compiled {
    /// The validator of `schema` for `draft`, or `None` when it does not
    /// compile.
    pub(crate) fn get(&self, schema: &J, draft: Draft) -> Option<Arc<Validator>> {
        let key = (schema.to_string(), draft as u8);
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = cache.get(&key) {
            return v.clone();
        }
        let compiled = compile(schema, draft).ok().map(Arc::new);
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(key, compiled.clone());
        compiled
    }
}

/// Spectral's `oasSchema` on one value: `schema` (already made an
/// [`openapi_schema`] for `format`) validated with `draft`, its errors as
/// outcomes.
pub(crate) fn check_value(
    compiled: &Compiled,
    schema: &J,
    format: SpecFormat,
    draft: Draft,
    instance: &J,
    subject: Subject<'_>,
    out: &mut Vec<Outcome>,
) {
    if has_nullable_without_type(schema) {
        // Ajv refuses to compile such a schema; Spectral reports its words.
        out.push(Outcome::new("\"nullable\" cannot be used without \"type\""));
        return;
    }
    let Some(validator) = compiled.get(schema, draft) else {
        return;
    };
    // Spectral adds `,null` to the type errors of nullable schemas only in
    // 2.0 and 3.0 documents.
    let keep_null = format != SpecFormat::OpenApi31;
    let prepare = |errors: &mut Vec<AjvError>| {
        if keep_null {
            return;
        }
        for e in errors.iter_mut().filter(|e| e.keyword == "type") {
            let parent = e.schema_path.rsplit_once('/').map_or("", |(p, _)| p);
            if schema.pointer(parent).and_then(|s| s.get("nullable")) == Some(&J::Bool(true)) {
                if let Some(stripped) = e.message.strip_suffix(",null") {
                    e.message = stripped.to_string();
                }
            }
        }
    };
    validate(&validator, schema, false, instance, subject, prepare, out);
}

/// Whether a (sub)schema has `nullable` but no `type`, which Ajv refuses.
fn has_nullable_without_type(schema: &J) -> bool {
    let J::Object(map) = schema else {
        return false;
    };
    if map.contains_key("nullable") && !map.contains_key("type") {
        return true;
    }
    map.iter()
        .any(|(key, value)| match (subschema_slot(key), value) {
            (Some(SubschemaSlot::Map), J::Object(subs)) => {
                subs.values().any(has_nullable_without_type)
            }
            (Some(SubschemaSlot::List | SubschemaSlot::OneOrList), J::Array(subs)) => {
                subs.iter().any(has_nullable_without_type)
            }
            (Some(SubschemaSlot::One | SubschemaSlot::OneOrList), value) => {
                has_nullable_without_type(value)
            }
            _ => false,
        })
}

impl NativeFunction for OasSchema {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(OasSchema {
            schema: J::Object(o.schema),
            compiled: Compiled::default(),
        })
    }

    fn check(&self, input: Input<'_>, ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(instance) = input.to_json() else {
            out.push(Outcome::new(MISSING));
            return;
        };
        let draft = draft_for(ctx.format, document_dialect(ctx).as_deref());
        let schema = openapi_schema(&self.schema, ctx.format);
        check_value(
            &self.compiled,
            &schema,
            ctx.format,
            draft,
            &instance,
            subject_of(&input, ctx),
            out,
        );
    }
}
