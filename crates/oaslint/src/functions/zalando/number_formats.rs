use super::super::{Context, Input, NativeFunction, Outcome};
use crate::functions::oas::zally::schema_type;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    #[serde(default = "default_formats")]
    formats: BTreeMap<String, Vec<String>>,
}

fn default_formats() -> BTreeMap<String, Vec<String>> {
    BTreeMap::from([
        (
            "integer".into(),
            ["int32", "int64", "bigint"].map(String::from).to_vec(),
        ),
        (
            "number".into(),
            ["float", "double", "decimal"].map(String::from).to_vec(),
        ),
    ])
}

crate::declare_function! {
    /// Numeric properties must have a known `format`
    /// (Zalando 171).
    ///
    /// # What it does
    ///
    /// Applied to a property schema (the rule's `given` selects the direct
    /// properties of Zally's schemas). When its `type` is a key of `formats`,
    /// its `format` must be one of that key's formats; a missing or other
    /// format is reported.
    ///
    /// # Why
    ///
    /// Without a format, a client does not know how large a number may get or
    /// how precise it is, and may parse an amount into a float or an id into a
    /// 32-bit integer that overflows.
    ///
    /// # Options
    ///
    /// - `formats` (map type → list of formats): default Zally's `integer:
    ///   [int32, int64, bigint]` and `number: [float, double, decimal]`.
    ///
    /// For example `functionOptions: {formats: {integer: [int32, int64], number:
    /// [float, double, decimal]}}`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// aliases:
    ///   Operation:
    ///     - "$.paths[*][get,put,post,delete,options,head,patch,trace]"
    ///   Schema:
    ///     - $.components.schemas[*]
    ///     - $.components.parameters[*].schema
    ///     - $.components.responses[*].content[*].schema
    ///     - $.components.requestBodies[*].content[*].schema
    ///     - "#Operation.parameters[*].schema"
    ///     - "#Operation.responses[*].content[*].schema"
    ///     - "#Operation.requestBody.content[*].schema"
    ///     - $.definitions[*]
    ///     - "$.parameters[?(@.in != 'body')]"
    ///     - $.parameters[*].schema
    ///     - $.responses[*].schema
    ///     - "#Operation.parameters[?(@.in != 'body' && @root.swagger)]"
    ///     - "#Operation.responses[*].schema"
    /// rules:
    ///   "171":
    ///     title: Define a format for number and integer types
    ///     description: >-
    ///       Numeric properties must have a format: `int32`, `int64` or `bigint`
    ///       for integers, `float`, `double` or `decimal` for numbers.
    ///     message: Numeric properties must have valid format specified
    ///     severity: must
    ///     given: "#Schema.properties[*]"
    ///     then:
    ///       function: zalandoNumberFormats
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
    ///         total: {type: number}
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
    ///         total: {type: number, format: decimal}
    /// ```
    #[function("zalandoNumberFormats")]
    pub(crate) struct NumberFormats {
        formats: BTreeMap<String, Vec<String>>,
    }
}

impl NativeFunction for NumberFormats {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(NumberFormats { formats: o.formats })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(schema) = input.cursor() else { return };
        let Some(allowed) = schema_type(schema).and_then(|t| self.formats.get(t)) else {
            return;
        };
        let format = schema.get("format").and_then(|f| f.as_str());
        if !format.is_some_and(|f| allowed.iter().any(|a| a == f)) {
            out.push(Outcome::new(match format {
                Some(f) => format!(
                    "format '{f}' is not one of {}",
                    crate::functions::oas::zally::kotlin_list(allowed)
                ),
                None => "format is missing".to_string(),
            }));
        }
    }
}
