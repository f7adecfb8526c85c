use super::super::{Context, Input, NativeFunction, NoOptions, Outcome};
use super::{is_object, js_string};
use crate::tree::Value;
use crate::workspace::Cursor;

crate::declare_function! {
    /// An operation's parameters must not repeat, and it may have at most
    /// one body.
    ///
    /// # What it does
    ///
    /// Applied to an operation's `parameters` list (of two or more items),
    /// reports:
    ///
    /// - each parameter with the same `name` and `in` as an earlier one, at
    ///   the later one;
    /// - the list, when it has both an `in: body` and an `in: formData`
    ///   parameter;
    /// - each `in: body` parameter after the first.
    ///
    /// Parameters that are not objects, or still a `$ref` (one that does
    /// not resolve), are skipped. Spectral's `oasOpParams`.
    ///
    /// # Why
    ///
    /// Two parameters with the same name and location are one parameter
    /// described twice, and the tools that read the document keep either
    /// one; a request has one body, sent either as JSON or as a form.
    ///
    /// # Options
    ///
    /// None (`functionOptions` must be absent, `null` or `{}`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   operation-parameters:
    ///     description: Operation parameters are unique and non-repeating.
    ///     message: "{{error}}"
    ///     given: $.paths[*][get,put,post,delete,options,head,patch,trace].parameters
    ///     then:
    ///       function: oasOpParams
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - {name: limit, in: query, schema: {type: integer}}
    ///         - {name: limit, in: query, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - {name: limit, in: query, schema: {type: integer}}
    ///         - {name: limit, in: header, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and messages (`A parameter in this operation already
    /// exposes the same combination of "name" and "in" values.`, `Operation
    /// must not have both "in:body" and "in:formData" parameters.`,
    /// `Operation must not have more than a single instance of the "in:body"
    /// parameter.`).
    #[function("oasOpParams")]
    pub(crate) struct OasOpParams;
}

impl NativeFunction for OasOpParams {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(OasOpParams)
    }

    fn check<'a>(&self, input: Input<'a>, _ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(params) = input
            .cursor()
            .filter(|c| matches!(c.value(), Value::Array(_)))
        else {
            return;
        };
        let params: Vec<Cursor<'a>> = params.items().collect();
        if params.len() < 2 {
            return;
        }
        let mut fingerprints: Vec<String> = Vec::new();
        let mut duplicates: Vec<usize> = Vec::new();
        let mut bodies: Vec<usize> = Vec::new();
        let mut form_data = false;
        for (i, param) in params.iter().enumerate() {
            if !is_object(param) || param.get("$ref").is_some() {
                continue;
            }
            let part = |key: &str| {
                param
                    .get(key)
                    .map(|v| js_string(&v))
                    .unwrap_or_else(|| "undefined".into())
            };
            let fingerprint = format!("{}-{}", part("in"), part("name"));
            if fingerprints.contains(&fingerprint) {
                duplicates.push(i);
            } else {
                fingerprints.push(fingerprint);
            }
            match param.get("in").and_then(|l| l.as_str()) {
                Some("body") => bodies.push(i),
                Some("formData") => form_data = true,
                _ => {}
            }
        }
        for i in duplicates {
            out.push(
                Outcome::new(
                    "A parameter in this operation already exposes the same combination of \"name\" and \"in\" values.",
                )
                .at(vec![i.to_string()]),
            );
        }
        if !bodies.is_empty() && form_data {
            out.push(Outcome::new(
                "Operation must not have both \"in:body\" and \"in:formData\" parameters.",
            ));
        }
        for &i in bodies.iter().skip(1) {
            out.push(
                Outcome::new(
                    "Operation must not have more than a single instance of the \"in:body\" parameter.",
                )
                .at(vec![i.to_string()]),
            );
        }
    }
}
