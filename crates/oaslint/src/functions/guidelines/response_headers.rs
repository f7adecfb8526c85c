use crate::functions::oas::{header_names, is_object};
use crate::functions::{Context, Input, NativeFunction, Outcome};
use serde::Deserialize;

crate::declare_function! {
    /// A response declares the given headers (guideline 189 for deprecated
    /// operations).
    ///
    /// # What it does
    ///
    /// Applied to a response object, reports every header of `names` that its
    /// `headers` map does not declare (names compared without case): `Response
    /// should declare the "Deprecation" header`. The finding is at the missing
    /// `headers/<name>` (located at the response). Other inputs are skipped.
    ///
    /// # Why
    ///
    /// Headers a client must see only reach it reliably when the API documents
    /// them: the guideline wants the responses of a deprecated operation to
    /// carry `Deprecation` (and `Sunset`), so that clients notice the
    /// deprecation at run time.
    ///
    /// # Options
    ///
    /// - `names` (list of strings, required): the headers the response needs.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "189":
    ///     title: Add `Deprecation` and `Sunset` header to responses
    ///     description: >-
    ///       "During the deprecation phase, the producer should add a
    ///       `Deprecation: <timestamp>` and - if also planned - a `Sunset:
    ///       <date-time>` header on each response affected by a deprecated
    ///       element." The success responses of a deprecated operation should
    ///       declare `Deprecation`.
    ///     message: "{{error}} (the operation is deprecated)"
    ///     severity: should
    ///     given: "$.paths[*][?(@.deprecated == true)].responses[?(@property.match(/^2/))]"
    ///     then:
    ///       function: responseHeaders
    ///       functionOptions:
    ///         names: [Deprecation]
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths:
    ///   /orders:
    ///     get:
    ///       deprecated: true
    ///       responses: {"200": {description: OK}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths:
    ///   /orders:
    ///     get:
    ///       deprecated: true
    ///       responses:
    ///         "200":
    ///           description: OK
    ///           headers:
    ///             Deprecation: {schema: {type: string}}
    /// ```
    #[function("responseHeaders")]
    pub(crate) struct ResponseHeaders {
        names: Vec<String>,
    }
}

/// The options of [`ResponseHeaders`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// The headers the response must declare.
    names: Vec<String>,
}

impl NativeFunction for ResponseHeaders {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        if o.names.is_empty() {
            return Err("`names` must list at least one header".into());
        }
        Ok(ResponseHeaders { names: o.names })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(response) = input.cursor() else {
            return;
        };
        if !is_object(&response) {
            return;
        }
        let declared = header_names(&response);
        for name in &self.names {
            if !declared.iter().any(|d| d.eq_ignore_ascii_case(name)) {
                out.push(
                    Outcome::new(format!("Response should declare the \"{name}\" header"))
                        .at(vec!["headers".into(), name.clone()]),
                );
            }
        }
    }
}
