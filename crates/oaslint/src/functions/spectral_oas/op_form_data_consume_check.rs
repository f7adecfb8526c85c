use super::super::{Context, Input, NativeFunction, NoOptions, Outcome};
use super::{is_object, is_plain_object, js_string};
use crate::tree::Value;

crate::declare_function! {
    /// A Swagger 2.0 operation with `formData` parameters must consume a
    /// form media type.
    ///
    /// # What it does
    ///
    /// Applied to an operation that has both a `consumes` list and a
    /// `parameters` list, reports the operation when one of its parameters
    /// is `in: formData` and no `consumes` entry contains
    /// `application/x-www-form-urlencoded` or `multipart/form-data`. An
    /// operation without either list is skipped. Spectral's
    /// `oasOpFormDataConsumeCheck`.
    ///
    /// # Why
    ///
    /// Form parameters are only sent in a form-encoded body; declaring them
    /// with a JSON body makes the operation impossible to call as
    /// documented.
    ///
    /// # Options
    ///
    /// None (`functionOptions` must be absent, `null` or `{}`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   oas2-operation-formData-consume-check:
    ///     description: Operations with formData parameters must consume a form media type.
    ///     given: $.paths[*][get,put,post,delete,options,head,patch,trace]
    ///     then:
    ///       function: oasOpFormDataConsumeCheck
    /// ```
    ///
    /// ```yaml fail
    /// swagger: '2.0'
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     post:
    ///       consumes: [application/json]
    ///       parameters:
    ///         - {name: name, in: formData, type: string}
    ///       responses:
    ///         '201': {description: Created}
    /// ```
    ///
    /// ```yaml pass
    /// swagger: '2.0'
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     post:
    ///       consumes: [multipart/form-data]
    ///       parameters:
    ///         - {name: name, in: formData, type: string}
    ///       responses:
    ///         '201': {description: Created}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and message (`Consumes must include urlencoded,
    /// multipart, or form-data media type when using formData parameter.`).
    #[function("oasOpFormDataConsumeCheck")]
    pub(crate) struct OasOpFormDataConsumeCheck;
}

/// The media types that carry form parameters.
const FORM_MEDIA_TYPES: [&str; 2] = ["application/x-www-form-urlencoded", "multipart/form-data"];

impl NativeFunction for OasOpFormDataConsumeCheck {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(OasOpFormDataConsumeCheck)
    }

    fn check<'a>(&self, input: Input<'a>, _ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(operation) = input.cursor().filter(is_plain_object) else {
            return;
        };
        let list = |key: &str| {
            operation
                .get(key)
                .filter(|c| matches!(c.value(), Value::Array(_)))
        };
        let (Some(consumes), Some(parameters)) = (list("consumes"), list("parameters")) else {
            return;
        };
        let has_form_data = parameters
            .items()
            .any(|p| is_object(&p) && p.get("in").and_then(|i| i.as_str()) == Some("formData"));
        // Spectral tests the entries joined by commas; no media type has a
        // comma, so testing each entry is the same.
        let consumes_form = consumes.items().any(|c| {
            let text = js_string(&c);
            FORM_MEDIA_TYPES.iter().any(|m| text.contains(m))
        });
        if has_form_data && !consumes_form {
            out.push(Outcome::new(
                "Consumes must include urlencoded, multipart, or form-data media type when using formData parameter.",
            ));
        }
    }
}
