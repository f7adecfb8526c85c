use crate::functions::oas::{has_type, is_leaf_property, key_of, number_member};
use crate::functions::{Context, Input, NativeFunction, NoOptions, Outcome};

crate::declare_function! {
    /// Numeric properties should declare a minimum and a maximum (Zally's rule
    /// S006).
    ///
    /// # What it does
    ///
    /// Applied to a `properties` map, checks every leaf property (one without
    /// own `properties`, as Zally's `getAllProperties`) of type `integer` or
    /// `number`: without `minimum` it reports `No minimum defined`, without
    /// `maximum` `No maximum defined`, at the property. A numeric
    /// `exclusiveMinimum`/`exclusiveMaximum` (JSON Schema 2019+, OpenAPI 3.1)
    /// is a bound too. Other inputs are skipped.
    ///
    /// # Why
    ///
    /// Bounds document the range a server accepts and returns, so clients can
    /// validate input and pick a fitting numeric type; Zally's S006 asks every
    /// integer and number property for a `minimum` and a `maximum`.
    ///
    /// # Options
    ///
    /// None.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   S006:
    ///     title: Define bounds for numeric properties
    ///     description: Integer and number properties should declare `minimum` and `maximum`.
    ///     message: "{{error}}"
    ///     severity: should
    ///     documentationUrl: https://github.com/zalando/zally/blob/main/server/rules.md#s006-define-bounds-for-numeric-properties
    ///     given: $..properties
    ///     then:
    ///       function: numericBounds
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
    ///         quantity: {type: integer}
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
    ///         quantity: {type: integer, minimum: 1, maximum: 100}
    /// ```
    ///
    /// # Compared with Zally
    ///
    /// Zally reads only `minimum`/`maximum`, and reports one of several
    /// properties with the same name; here every property is checked.
    #[function("numericBounds")]
    pub(crate) struct NumericBounds;
}

impl NativeFunction for NumericBounds {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(NumericBounds)
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(map) = input.cursor() else { return };
        if key_of(&map) != Some("properties") {
            return;
        }
        for (name, schema) in map.entries() {
            if !is_leaf_property(&schema)
                || !(has_type(&schema, "integer") || has_type(&schema, "number"))
            {
                continue;
            }
            let bound = |plain: &str, exclusive: &str| {
                schema.get(plain).is_some() || number_member(&schema, exclusive).is_some()
            };
            if !bound("minimum", "exclusiveMinimum") {
                out.push(Outcome::new("No minimum defined").at(vec![name.to_string()]));
            }
            if !bound("maximum", "exclusiveMaximum") {
                out.push(Outcome::new("No maximum defined").at(vec![name.to_string()]));
            }
        }
    }
}
