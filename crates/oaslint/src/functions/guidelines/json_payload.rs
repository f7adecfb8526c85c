use crate::functions::oas::{is_json_media_type, key_of, regex_list};
use crate::functions::pattern::JsRegex;
use crate::functions::{Context, Input, NativeFunction, Outcome};
use crate::tree::Value;
use serde::Deserialize;

crate::declare_function! {
    /// Structured payloads are JSON; other structured formats only in addition
    /// to JSON (guidelines 167 and 168).
    ///
    /// # What it does
    ///
    /// Applied to an OpenAPI 3 `content` map (of a request body or response)
    /// or a Swagger 2.0 `produces`/`consumes` list, reports the first media
    /// type that is a generic structured format other than JSON (`structured`)
    /// when the same map or list offers no JSON media type (`application/json`,
    /// `…+json`): `"application/xml" is offered without JSON: use JSON as
    /// payload format (other structured formats only in addition, via content
    /// negotiation)`. Data-specific formats (images, PDF, archives) are fine.
    /// The finding is at the media type. Other inputs are skipped.
    ///
    /// # Why
    ///
    /// JSON is the one payload format every client of the guideline's APIs can
    /// read; XML, CSV or YAML "may be provided, but only additionally to JSON",
    /// so a request or response that offers them alone shuts JSON clients out.
    ///
    /// # Options
    ///
    /// - `structured` (list of regular expressions, default
    ///   `[^(application|text)/([^;]+\+)?xml\b, ^text/csv\b, ^(application|text)/(x-)?yaml\b]`,
    ///   case-insensitive): generic structured media types.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// aliases:
    ///   Operation:
    ///     - "$.paths[*][get,put,post,delete,options,head,patch,trace]"
    /// rules:
    ///   "167":
    ///     title: Use JSON as payload data interchange format
    ///     description: >-
    ///       "Use JSON to represent structured (resource) data passed with HTTP
    ///       requests and responses as body payload"; generic structured formats
    ///       other than JSON (XML, CSV) "may be provided, but only additionally to
    ///       JSON" (guideline 168). A request or response offering XML, CSV or
    ///       YAML without JSON is reported.
    ///     message: "{{error}}"
    ///     severity: must
    ///     given:
    ///       - "#Operation.requestBody.content"
    ///       - "#Operation.responses[*].content"
    ///       - $.components.requestBodies[*].content
    ///       - $.components.responses[*].content
    ///       - $.produces
    ///       - $.consumes
    ///       - "#Operation.produces"
    ///       - "#Operation.consumes"
    ///     then:
    ///       function: jsonPayload
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
    ///           content:
    ///             application/xml: {schema: {type: object}}
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
    ///           content:
    ///             application/json: {schema: {type: object}}
    ///             application/xml: {schema: {type: object}}
    /// ```
    #[function("jsonPayload")]
    pub(crate) struct JsonPayload {
        structured: Vec<JsRegex>,
    }
}

/// The options of [`JsonPayload`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// Regular expressions of generic structured media types other than JSON.
    structured: Option<Vec<String>>,
}

impl NativeFunction for JsonPayload {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        let patterns = o.structured.unwrap_or_else(|| {
            [
                r"/^(application|text)\/([^;]+\+)?xml\b/i",
                r"/^text\/csv\b/i",
                r"/^(application|text)\/(x-)?yaml\b/i",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect()
        });
        Ok(JsonPayload {
            structured: regex_list("structured", &patterns)?,
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(c) = input.cursor() else { return };
        let media: Vec<(String, &str)> = match (c.value(), key_of(&c)) {
            (Value::Object(_), Some("content")) => {
                c.entries().map(|(k, _)| (k.to_string(), k)).collect()
            }
            (Value::Array(_), Some("produces" | "consumes")) => c
                .items()
                .enumerate()
                .filter_map(|(i, m)| m.as_str().map(|s| (i.to_string(), s)))
                .collect(),
            _ => return,
        };
        if media.iter().any(|(_, m)| is_json_media_type(m)) {
            return;
        }
        if let Some((at, m)) = media
            .iter()
            .find(|(_, m)| self.structured.iter().any(|re| re.is_match(m)))
        {
            out.push(
                Outcome::new(format!(
                    "\"{m}\" is offered without JSON: use JSON as payload format (other structured formats only in addition, via content negotiation)"
                ))
                .at(vec![at.clone()]),
            );
        }
    }
}
