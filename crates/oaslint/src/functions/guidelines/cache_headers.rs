use crate::functions::oas::{header_names, is_object};
use crate::functions::{Context, Input, NativeFunction, NoOptions, Outcome};

crate::declare_function! {
    /// Cacheable responses are documented with `Cache-Control`, `Vary` and
    /// `ETag`, never `Expires` (guideline 227).
    ///
    /// # What it does
    ///
    /// Applied to a response object (of a `GET`, `HEAD` or `POST` operation),
    /// reports, at the header (or where it is missing):
    ///
    /// - an `Expires` header: `"Expires" must not be defined: the cache
    ///   lifetime is given by Cache-Control`;
    /// - a response that declares `Cache-Control` but not `Vary` or `ETag`:
    ///   `A cacheable response declares Cache-Control and must also declare
    ///   "Vary"`.
    ///
    /// Header names are compared without case. Other inputs are skipped.
    ///
    /// # Why
    ///
    /// Clients and intermediaries can only cache correctly what the API
    /// documents: the guideline asks cacheable endpoints to declare
    /// `Cache-Control`, `Vary` and `ETag`, and forbids `Expires`, whose
    /// absolute date conflicts with `Cache-Control`'s lifetime.
    ///
    /// # Options
    ///
    /// None.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "227":
    ///     title: Document cacheable `GET`, `HEAD`, and `POST` endpoints
    ///     description: >-
    ///       Cacheable endpoints are documented "by declaring the support of
    ///       Cache-Control, Vary, and ETag headers in response", and "you must not
    ///       define the Expires header".
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: "$.paths[*][get,head,post].responses[*]"
    ///     then:
    ///       function: cacheHeaders
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         "200":
    ///           description: OK
    ///           headers:
    ///             Cache-Control: {schema: {type: string}}
    ///             Expires: {schema: {type: string}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       responses:
    ///         "200":
    ///           description: OK
    ///           headers:
    ///             Cache-Control: {schema: {type: string}}
    ///             Vary: {schema: {type: string}}
    ///             ETag: {schema: {type: string}}
    /// ```
    #[function("cacheHeaders")]
    pub(crate) struct CacheHeaders;
}

impl NativeFunction for CacheHeaders {
    type Options = NoOptions;

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(CacheHeaders)
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(response) = input.cursor() else {
            return;
        };
        if !is_object(&response) {
            return;
        }
        let declared = header_names(&response);
        let find = |n: &str| declared.iter().find(|d| d.eq_ignore_ascii_case(n)).copied();
        if let Some(expires) = find("Expires") {
            out.push(
                Outcome::new(format!(
                    "\"{expires}\" must not be defined: the cache lifetime is given by Cache-Control"
                ))
                .at(vec!["headers".into(), expires.to_string()]),
            );
        }
        if find("Cache-Control").is_some() {
            for needed in ["Vary", "ETag"] {
                if find(needed).is_none() {
                    out.push(
                        Outcome::new(format!(
                            "A cacheable response declares Cache-Control and must also declare \"{needed}\""
                        ))
                        .at(vec!["headers".into(), needed.to_string()]),
                    );
                }
            }
        }
    }
}
