use super::super::{Context, Input, NativeFunction, NoOptions, Outcome};
use super::{is_plain_object, js_to_number};
use crate::document::SpecFormat;

crate::declare_function! {
    /// An operation's `responses` must include a success or a redirection.
    ///
    /// # What it does
    ///
    /// Applied to an operation's `responses` object, reports it when none of
    /// its keys is a status code from 200 to 399 (a key counts when it reads
    /// as such a number, as JavaScript's `Number(key)` does). In OpenAPI 3
    /// the ranges `2XX` and `3XX` count too. Other inputs (a missing
    /// `responses`, a list) are skipped. Spectral's `oasOpSuccessResponse`.
    ///
    /// # Why
    ///
    /// A client generator needs at least one successful response to type
    /// the result of the call; an operation that only lists errors
    /// documents nothing a caller can rely on when it works.
    ///
    /// # Options
    ///
    /// None (`functionOptions` must be absent, `null` or `{}`).
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   operation-success-response:
    ///     description: Operation must have at least one "2xx" or "3xx" response.
    ///     given: $.paths[*][get,put,post,delete,options,head,patch,trace]
    ///     then:
    ///       field: responses
    ///       function: oasOpSuccessResponse
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         '404': {description: Not found}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         2XX: {description: OK}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// Same semantics and message (`Operation must define at least a single
    /// 2xx or 3xx response`).
    #[function("oasOpSuccessResponse")]
    pub(crate) struct OasOpSuccessResponse;
}

impl NativeFunction for OasOpSuccessResponse {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(OasOpSuccessResponse)
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(responses) = input.cursor().filter(is_plain_object) else {
            return;
        };
        let oas3 = ctx.format != SpecFormat::Swagger2;
        let success = super::super::oas::keys(&responses).any(|code| {
            if oas3 && (code == "2XX" || code == "3XX") {
                return true;
            }
            let n = js_to_number(code);
            (200.0..400.0).contains(&n)
        });
        if !success {
            out.push(Outcome::new(
                "Operation must define at least a single 2xx or 3xx response",
            ));
        }
    }
}
