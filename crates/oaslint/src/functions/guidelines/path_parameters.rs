use crate::document::SpecFormat;
use crate::functions::oas::{is_true, str_member};
use crate::functions::{Context, Input, NativeFunction, NoOptions, Outcome};
use crate::tree::Value;

crate::declare_function! {
    /// Path parameters are required, and OpenAPI 3 parameters describe their
    /// value (Zally's rule Z001).
    ///
    /// # What it does
    ///
    /// Applied to a parameter object, reports with Zally's messages:
    ///
    /// - `Parameter with location "path" must have an attribute
    ///   "required=true" set` — an `in: path` parameter whose `required` is
    ///   not `true`;
    /// - OpenAPI 3 only: `Parameter NAME should have either "schema" or
    ///   "content" defined` — neither is present;
    /// - OpenAPI 3 only: `Parameter NAME: "content" property should have
    ///   exactly one entry` — `content` is empty or has several media types.
    ///
    /// The finding is at the parameter. Other inputs are skipped.
    ///
    /// # Why
    ///
    /// A path parameter is part of the URL, so it cannot be left out: OpenAPI
    /// requires `required: true` for it, and code generators and validators
    /// rely on it and on a `schema` (or a single `content` entry) to know the
    /// value's type. Zally's Z001 is the one Zally rule on by default.
    ///
    /// # Options
    ///
    /// None.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// aliases:
    ///   ZallyParameter:
    ///     - "$.paths[*].parameters[*]"
    ///     - "$.paths[*][get,put,post,delete,options,head,patch,trace].parameters[*]"
    ///     - "$.components.parameters[*]"
    ///     - "$.parameters[*]"
    /// rules:
    ///   Z001:
    ///     title: Path parameters validation
    ///     description: >-
    ///       Path parameters must be `required: true`; OpenAPI 3 parameters need
    ///       `schema` or `content`, and `content` exactly one media type.
    ///     message: "{{error}}"
    ///     severity: must
    ///     documentationUrl: https://github.com/zalando/zally/blob/main/server/rules.md#z001-path-parameters-validation
    ///     given: "#ZallyParameter"
    ///     then:
    ///       function: pathParameters
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths:
    ///   /orders/{order_id}:
    ///     get:
    ///       parameters:
    ///         - {name: order_id, in: path, schema: {type: string}}
    ///       responses: {"200": {description: OK}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths:
    ///   /orders/{order_id}:
    ///     get:
    ///       parameters:
    ///         - {name: order_id, in: path, required: true, schema: {type: string}}
    ///       responses: {"200": {description: OK}}
    /// ```
    #[function("pathParameters")]
    pub(crate) struct PathParameters;
}

impl NativeFunction for PathParameters {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(PathParameters)
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(p) = input.cursor() else { return };
        let Some(location) = str_member(&p, "in") else {
            return;
        };
        if location == "path" && !is_true(&p, "required") {
            out.push(Outcome::new(
                "Parameter with location \"path\" must have an attribute \"required=true\" set",
            ));
        }
        if ctx.format == SpecFormat::Swagger2 {
            return;
        }
        let name = str_member(&p, "name").unwrap_or("null");
        let content = p.get("content");
        if p.get("schema").is_none() && content.is_none() {
            out.push(Outcome::new(format!(
                "Parameter {name} should have either \"schema\" or \"content\" defined"
            )));
        }
        if let Some(c) = content {
            let n = match c.value() {
                Value::Object(entries) => entries.len(),
                _ => 0,
            };
            if n != 1 {
                out.push(Outcome::new(format!(
                    "Parameter {name}: \"content\" property should have exactly one entry"
                )));
            }
        }
    }
}
