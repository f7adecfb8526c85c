use crate::functions::oas::{has_type, is_nullable, key_of};
use crate::functions::{Context, Input, NativeFunction, Outcome};
use serde::Deserialize;

crate::declare_function! {
    /// Properties of a given type must not be nullable (guidelines 122 for
    /// booleans, 124 for arrays).
    ///
    /// # What it does
    ///
    /// Applied to a `properties` map, reports every property whose schema has
    /// the type `type` and allows `null`: `nullable: true` (OpenAPI 3.0),
    /// `"null"` among its types (`type: [boolean, "null"]`, OpenAPI 3.1) or
    /// `x-nullable: true` (Swagger 2.0's common extension). The message is
    /// `"accepted" is a nullable boolean`; the finding is at the property.
    /// Other inputs are skipped.
    ///
    /// # Why
    ///
    /// A nullable boolean has three values where its type promises two, and a
    /// nullable array two ways to say "nothing" (`null` and `[]`); the
    /// guideline forbids both, and if null carries meaning it asks for an
    /// enumeration of named values instead.
    ///
    /// # Options
    ///
    /// - `type` (string, required): the JSON Schema type, e.g. `boolean`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "122":
    ///     title: Do not use `null` for boolean properties
    ///     description: >-
    ///       "Schema based JSON properties that are by design booleans must not be
    ///       presented as nulls." If null carries meaning, use an enumeration of
    ///       named values (for example YES, NO, UNDEFINED) instead.
    ///     message: "{{error}}: a boolean property must not be null; use an enumeration of named values if null means something"
    ///     severity: must
    ///     given: $..properties
    ///     then:
    ///       function: nullableType
    ///       functionOptions:
    ///         type: boolean
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
    ///         gift: {type: boolean, nullable: true}
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
    ///         gift: {type: boolean}
    /// ```
    #[function("nullableType")]
    pub(crate) struct NullableType {
        ty: String,
    }
}

/// The options of [`NullableType`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// The JSON Schema type whose properties must not be nullable.
    #[serde(rename = "type")]
    ty: String,
}

impl NativeFunction for NullableType {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(NullableType { ty: o.ty })
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(map) = input.cursor() else { return };
        if key_of(&map) != Some("properties") {
            return;
        }
        for (name, schema) in map.entries() {
            if is_nullable(&schema, ctx.format) && has_type(&schema, &self.ty) {
                out.push(
                    Outcome::new(format!("\"{name}\" is a nullable {}", self.ty))
                        .at(vec![name.to_string()]),
                );
            }
        }
    }
}
