use super::super::{Context, Input, NativeFunction, Outcome};
use crate::functions::oas::zally::WholeMatch;
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::OnceLock;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    #[serde(default)]
    standard: Vec<String>,
    #[serde(default = "yes")]
    iana: bool,
    #[serde(default = "default_versioned")]
    versioned: String,
}

fn yes() -> bool {
    true
}

fn default_versioned() -> String {
    r"^\w+/[-+.\w]+;(v|version)=\d+$".into()
}

/// The bundled IANA registry, one media type per line.
fn iana() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../../rulesets/zalando/schemas/iana-media-types.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    })
}

crate::declare_function! {
    /// Prefer standard media types; custom ones only for
    /// versioning (Zalando 172).
    ///
    /// # What it does
    ///
    /// Tests a media type — a key of a `content` map (`given: …content[*]~`)
    /// or a string (Swagger 2.0 `consumes`/`produces` items). It passes when it
    /// is in the IANA media type registry (the list Zally ships, bundled; exact,
    /// case-sensitive comparison as in Zally), in `standard`, or a versioned
    /// media type matching `versioned` (`application/x.order+json;version=2`).
    /// Otherwise: `Custom media types should only be used for versioning`.
    ///
    /// # Why
    ///
    /// Custom media types make content negotiation something every client must
    /// learn; standard ones are understood by every HTTP tool. Guideline 172
    /// allows a custom type only to carry an API version.
    ///
    /// # Options
    ///
    /// - `standard` (list, default empty): more media types to accept.
    /// - `iana` (boolean, default `true`): accept the IANA registry.
    /// - `versioned` (regular expression, whole match, default Zally's
    ///   `^\w+/[-+.\w]+;(v|version)=\d+$`).
    ///
    /// For example `functionOptions: {standard: [text/plain, application/yaml]}`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// aliases:
    ///   Operation:
    ///     - "$.paths[*][get,put,post,delete,options,head,patch,trace]"
    /// rules:
    ///   "172":
    ///     title: Use standard media types
    ///     description: >-
    ///       Request and response media types should be registered with IANA;
    ///       custom media types only for versioning
    ///       (`application/x.order+json;version=2`).
    ///     message: Custom media types should only be used for versioning
    ///     severity: should
    ///     given:
    ///       - $.components.requestBodies[*].content[*]~
    ///       - $.components.responses[*].content[*]~
    ///       - "#Operation.requestBody.content[*]~"
    ///       - "#Operation.responses[*].content[*]~"
    ///       - $.consumes[*]
    ///       - $.produces[*]
    ///       - "#Operation.consumes[*]"
    ///       - "#Operation.produces[*]"
    ///     then:
    ///       function: zalandoMediaTypes
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders:
    ///     get:
    ///       responses:
    ///         "200":
    ///           description: OK
    ///           content:
    ///             application/x.orders+json: {}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths:
    ///   /orders:
    ///     get:
    ///       responses:
    ///         "200":
    ///           description: OK
    ///           content:
    ///             application/json: {}
    /// ```
    #[function("zalandoMediaTypes")]
    pub(crate) struct MediaTypes {
        standard: Vec<String>,
        iana: bool,
        versioned: WholeMatch,
    }
}

impl NativeFunction for MediaTypes {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        Ok(MediaTypes {
            standard: o.standard,
            iana: o.iana,
            versioned: WholeMatch::compile("versioned", &o.versioned)?,
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(media_type) = input.as_str() else {
            return;
        };
        let ok = (self.iana && iana().contains(media_type))
            || self.standard.iter().any(|s| s == media_type)
            || self.versioned.is_match(media_type);
        if !ok {
            out.push(Outcome::new(format!(
                "'{media_type}' is neither a registered nor a versioned media type"
            )));
        }
    }
}
