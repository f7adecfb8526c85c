use super::super::{Context, Input, NativeFunction, Outcome};
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    #[serde(default = "default_request")]
    request_headers: Vec<String>,
    #[serde(default = "default_response")]
    response_headers: Vec<String>,
    #[serde(default = "default_zalando")]
    zalando_headers: Vec<String>,
}

fn list(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn default_request() -> Vec<String> {
    list(&[
        "A-IM",
        "Accept",
        "Accept-Charset",
        "Accept-Encoding",
        "Accept-Language",
        "Accept-Datetime",
        "Access-Control-Request-Method",
        "Access-Control-Request-Headers",
        "Authorization",
        "Cache-Control",
        "Connection",
        "Content-Length",
        "Content-MD5",
        "Content-Type",
        "Cookie",
        "Date",
        "Expect",
        "Forwarded",
        "From",
        "Host",
        "Idempotency-Key",
        "If-Match",
        "If-Modified-Since",
        "If-None-Match",
        "If-Range",
        "If-Unmodified-Since",
        "Max-Forwards",
        "Origin",
        "Pragma",
        "Prefer",
        "Proxy-Authorization",
        "Range",
        "Referer",
        "TE",
        "User-Agent",
        "Upgrade",
        "Via",
        "Warning",
    ])
}

fn default_response() -> Vec<String> {
    list(&[
        "Access-Control-Allow-Origin",
        "Access-Control-Allow-Credentials",
        "Access-Control-Expose-Headers",
        "Access-Control-Max-Age",
        "Access-Control-Allow-Methods",
        "Access-Control-Allow-Headers",
        "Accept-Patch",
        "Accept-Ranges",
        "Age",
        "Allow",
        "Alt-Svc",
        "Cache-Control",
        "Connection",
        "Content-Disposition",
        "Content-Encoding",
        "Content-Language",
        "Content-Length",
        "Content-Location",
        "Content-MD5",
        "Content-Range",
        "Content-Type",
        "Date",
        "Delta-Base",
        "ETag",
        "Expires",
        "IM",
        "Last-Modified",
        "Link",
        "Location",
        "P3P",
        "Pragma",
        "Preference-Applied",
        "Proxy-Authenticate",
        "Public-Key-Pins",
        "Retry-After",
        "Server",
        "Set-Cookie",
        "Strict-Transport-Security",
        "Trailer",
        "Transfer-Encoding",
        "Tk",
        "Upgrade",
        "Vary",
        "Via",
        "Warning",
        "WWW-Authenticate",
    ])
}

fn default_zalando() -> Vec<String> {
    list(&[
        "X-Flow-ID",
        "X-Tenant-ID",
        "X-Sales-Channel",
        "X-Frontend-Type",
        "X-Device-Type",
        "X-Device-OS",
        "X-Mobile-Advertising-ID",
        "X-RateLimit-Limit",
        "X-RateLimit-Remaining",
        "X-RateLimit-Reset",
        "X-Consumer",
        "X-Consumer-Signature",
        "X-Consumer-Key-ID",
        "X-Zalando-Client-ID",
        "X-Zalando-Request-Host",
        "X-Zalando-Request-URI",
        "X-Zalando-Customer",
    ])
}

crate::declare_function! {
    /// Use only standard and the specified
    /// proprietary headers (Zalando 183).
    ///
    /// # What it does
    ///
    /// A header parameter (a parameter object with `in: header`) must be one of
    /// `requestHeaders` or `zalandoHeaders`: else `use only standardized or
    /// specified request headers`, at the parameter. A response header (a key
    /// of a response's `headers`, `given: …headers[*]~`) must be one of
    /// `responseHeaders` or `zalandoHeaders`: else `use only standardized or
    /// specified response headers`, at the header. Names are compared
    /// case-insensitively.
    ///
    /// # Why
    ///
    /// Proprietary headers are an interface every client and proxy has to
    /// know; guideline 183 keeps them to a small specified set so that
    /// infrastructure can pass them on and clients need not learn new ones per
    /// API.
    ///
    /// # Options
    ///
    /// - `requestHeaders`, `responseHeaders` (lists): default Zally's 38
    ///   standard request and 46 standard response headers.
    /// - `zalandoHeaders` (list): default Zally's 17 proprietary headers
    ///   (`X-Flow-ID`, `X-Tenant-ID`, `X-Sales-Channel`, …). A company ruleset
    ///   lists its own here.
    ///
    /// For example `functionOptions: {zalandoHeaders: [X-Flow-ID, X-Acme-Tenant]}`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// aliases:
    ///   Operation:
    ///     - "$.paths[*][get,put,post,delete,options,head,patch,trace]"
    /// rules:
    ///   "183":
    ///     title: Use only the specified proprietary Zalando headers
    ///     description: >-
    ///       Request and response headers should be standard HTTP headers or the
    ///       specified proprietary Zalando headers (`X-Flow-ID`, `X-Tenant-ID`,
    ///       `X-Sales-Channel`, …).
    ///     message: "{{error}}"
    ///     severity: should
    ///     given:
    ///       - "#Operation.parameters[?(@.in == 'header')]"
    ///       - "#Operation.responses[*].headers[*]~"
    ///     then:
    ///       function: zalandoProprietaryHeaders
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders:
    ///     get:
    ///       parameters:
    ///         - {name: X-Order-Source, in: header, schema: {type: string}}
    ///       responses:
    ///         "200": {description: OK}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders:
    ///     get:
    ///       parameters:
    ///         - {name: X-Flow-ID, in: header, schema: {type: string}}
    ///       responses:
    ///         "200": {description: OK}
    /// ```
    #[function("zalandoProprietaryHeaders")]
    pub(crate) struct ProprietaryHeaders {
        request: Vec<String>,
        response: Vec<String>,
    }
}

fn lower(lists: &[&Vec<String>]) -> Vec<String> {
    lists
        .iter()
        .flat_map(|l| l.iter().map(|s| s.to_lowercase()))
        .collect()
}

impl NativeFunction for ProprietaryHeaders {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(ProprietaryHeaders {
            request: lower(&[&o.request_headers, &o.zalando_headers]),
            response: lower(&[&o.response_headers, &o.zalando_headers]),
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        match input {
            Input::Key(name) => {
                if !self.response.contains(&name.to_lowercase()) {
                    out.push(Outcome::new(
                        "use only standardized or specified response headers",
                    ));
                }
            }
            Input::Node(param) => {
                if param.get("in").and_then(|v| v.as_str()) != Some("header") {
                    return;
                }
                let Some(name) = param.get("name").and_then(|v| v.as_str()) else {
                    return;
                };
                if !self.request.contains(&name.to_lowercase()) {
                    out.push(Outcome::new(
                        "use only standardized or specified request headers",
                    ));
                }
            }
            Input::Undefined => {}
        }
    }
}
