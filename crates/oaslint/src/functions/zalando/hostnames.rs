use super::super::{Context, Input, NativeFunction, Outcome};
use crate::document::SpecFormat;
use crate::functions::oas::zally::{root, WholeMatch};
use crate::severity::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;

const MESSAGE: &str = "hostname has to follow the functional naming schema";

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    #[serde(default = "default_audiences")]
    #[schemars(with = "BTreeMap<String, String>")]
    audiences: BTreeMap<String, Severity>,
    #[serde(default = "default_patterns")]
    patterns: Vec<String>,
    #[serde(default = "default_audience_patterns")]
    audience_patterns: BTreeMap<String, Vec<String>>,
    #[serde(default = "default_exceptions")]
    exceptions: BTreeMap<String, Vec<String>>,
}

fn default_audiences() -> BTreeMap<String, Severity> {
    [
        ("external-public", Severity::Must),
        ("external-partner", Severity::Must),
        ("company-internal", Severity::Should),
        ("business-unit-internal", Severity::Should),
        ("component-internal", Severity::May),
    ]
    .into_iter()
    .map(|(a, s)| (a.to_string(), s))
    .collect()
}

fn default_patterns() -> Vec<String> {
    vec![r"(https://)?[a-z][a-z0-9]*-[a-z][a-z0-9-]*\.zalandoapis\.com.*".into()]
}

fn default_audience_patterns() -> BTreeMap<String, Vec<String>> {
    BTreeMap::from([(
        "component-internal".to_string(),
        vec![r"(https://)?[a-z][a-z0-9]*\.[a-z][a-z0-9]*\.zalan\.do.*".to_string()],
    )])
}

fn default_exceptions() -> BTreeMap<String, Vec<String>> {
    BTreeMap::from([(
        "external-partner".to_string(),
        vec![
            "api.merchants.zalando.com".to_string(),
            "api-sandbox.merchants.zalando.com".to_string(),
        ],
    )])
}

crate::declare_function! {
    /// Server hostnames must follow the functional naming
    /// schema, as strictly as the API's audience demands (Zalando 224).
    ///
    /// # What it does
    ///
    /// Applied to a server object (OpenAPI 3, `given: $.servers[*]`; its `url`
    /// is checked and reported) or to the `host` (Swagger 2.0, `given:
    /// $.host`). Reads the document's `info.x-audience`; when the audience is
    /// one of `audiences`, the URL is checked. A URL passes when it matches one of `patterns` or of the
    /// audience's `audiencePatterns` as a whole, or equals one of the
    /// audience's `exceptions`. Each finding carries the audience's severity
    /// (Zally: MUST for external, SHOULD for company and business-unit
    /// internal, MAY for component-internal APIs); a missing or unknown
    /// audience is rule 219's business, so nothing is reported then.
    ///
    /// # Why
    ///
    /// A hostname that names the function an API offers, not the team or
    /// application that implements it, stays valid when the implementation
    /// moves; a common domain also lets clients and gateways recognise the
    /// company's APIs.
    ///
    /// # Options
    ///
    /// - `audiences` (map audience → `must`/`should`/`may`/`hint`): which
    ///   audiences are checked, at which severity. Default as Zally.
    /// - `patterns` (list of regular expressions, whole-string match): hostnames
    ///   allowed for every audience. Default: Zally's functional naming
    ///   schema `(https://)?[a-z][a-z0-9]*-[a-z][a-z0-9-]*\.zalandoapis\.com.*`.
    /// - `audiencePatterns` (map audience → list of regular expressions): more
    ///   patterns for one audience. Default: the legacy
    ///   `(https://)?[a-z][a-z0-9]*\.[a-z][a-z0-9]*\.zalan\.do.*` for
    ///   `component-internal`.
    /// - `exceptions` (map audience → list of URLs): exact URLs allowed for
    ///   one audience. Default: Zally's two merchant hosts for
    ///   `external-partner`.
    ///
    /// A company ruleset sets its own domain with `patterns`. As each finding
    /// has the audience's severity, the rule's own `severity` only shows in
    /// rule listings; change `audiences` to change what is reported.
    ///
    /// For example, a company's own domain: `functionOptions: {patterns:
    /// ['(https://)?[a-z][a-z0-9-]*\.api\.acme\.com(/.*)?']}`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "224":
    ///     title: Follow naming convention for hostnames
    ///     description: >-
    ///       Server hostnames (Swagger 2.0: `host`) must follow the functional
    ///       naming schema `<functional-name>.zalandoapis.com`: a MUST for external
    ///       APIs, a SHOULD for company and business-unit internal ones, a MAY for
    ///       component-internal ones (which may also use `<app>.<team>.zalan.do`).
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: ["$.servers[*]", $.host]
    ///     then:
    ///       function: zalandoHostnames
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0, x-audience: external-public}
    /// servers:
    ///   - url: https://orders.example.com
    /// paths: {}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0, x-audience: external-public}
    /// servers:
    ///   - url: https://shop-orders.zalandoapis.com
    /// paths: {}
    /// ```
    #[function("zalandoHostnames")]
    pub(crate) struct Hostnames {
        audiences: BTreeMap<String, Severity>,
        patterns: Vec<WholeMatch>,
        audience_patterns: BTreeMap<String, Vec<WholeMatch>>,
        exceptions: BTreeMap<String, Vec<String>>,
    }
}

impl Hostnames {
    fn valid(&self, url: &str, audience: &str) -> bool {
        self.patterns.iter().any(|p| p.is_match(url))
            || self
                .audience_patterns
                .get(audience)
                .is_some_and(|ps| ps.iter().any(|p| p.is_match(url)))
            || self
                .exceptions
                .get(audience)
                .is_some_and(|urls| urls.iter().any(|u| u == url))
    }
}

impl NativeFunction for Hostnames {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        let mut audience_patterns = BTreeMap::new();
        for (audience, list) in &o.audience_patterns {
            audience_patterns.insert(
                audience.clone(),
                WholeMatch::compile_all("audiencePatterns", list)?,
            );
        }
        Ok(Hostnames {
            audiences: o.audiences,
            patterns: WholeMatch::compile_all("patterns", &o.patterns)?,
            audience_patterns,
            exceptions: o.exceptions,
        })
    }

    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(node) = input.cursor() else { return };
        let Some(audience) = root(ctx)
            .get("info")
            .and_then(|i| i.get("x-audience"))
            .and_then(|a| a.as_str())
        else {
            return;
        };
        let Some(&severity) = self.audiences.get(audience) else {
            return;
        };
        let (url, path) = if ctx.format == SpecFormat::Swagger2 {
            (node.as_str(), vec![])
        } else {
            (
                node.get("url").and_then(|u| u.as_str()),
                vec!["url".to_string()],
            )
        };
        if let Some(url) = url {
            if !self.valid(url, audience) {
                out.push(Outcome::new(MESSAGE).at(path).with_severity(severity));
            }
        }
    }
}
