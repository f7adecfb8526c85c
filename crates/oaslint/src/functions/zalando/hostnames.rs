//! `zalandoHostnames`: server hostnames must follow the functional naming
//! schema, as strictly as the API's audience demands (Zalando 224).
//!
//! # What it does
//!
//! Applied to a server object (OpenAPI 3, `given: $.servers[*]`; its `url`
//! is checked and reported) or to the `host` (Swagger 2.0, `given:
//! $.host`). Reads the document's `info.x-audience`; when the audience is
//! one of `audiences`, the URL is checked. A URL passes when it matches one of `patterns` or of the
//! audience's `audiencePatterns` as a whole, or equals one of the
//! audience's `exceptions`. Each finding carries the audience's severity
//! (Zally: MUST for external, SHOULD for company and business-unit
//! internal, MAY for component-internal APIs); a missing or unknown
//! audience is rule 219's business, so nothing is reported then.
//!
//! # Options
//!
//! - `audiences` (map audience → `must`/`should`/`may`/`hint`): which
//!   audiences are checked, at which severity. Default as Zally.
//! - `patterns` (list of regular expressions, whole-string match): hostnames
//!   allowed for every audience. Default: Zally's functional naming
//!   schema `(https://)?[a-z][a-z0-9]*-[a-z][a-z0-9-]*\.zalandoapis\.com.*`.
//! - `audiencePatterns` (map audience → list of regular expressions): more
//!   patterns for one audience. Default: the legacy
//!   `(https://)?[a-z][a-z0-9]*\.[a-z][a-z0-9]*\.zalan\.do.*` for
//!   `component-internal`.
//! - `exceptions` (map audience → list of URLs): exact URLs allowed for
//!   one audience. Default: Zally's two merchant hosts for
//!   `external-partner`.
//!
//! A company ruleset sets its own domain with `patterns`. As each finding
//! has the audience's severity, the rule's own `severity` only shows in
//! rule listings; change `audiences` to change what is reported.
//!
//! # Example
//!
//! ```yaml
//! "224":
//!   given: [$.servers[*], $.host]
//!   then:
//!     function: zalandoHostnames
//!     functionOptions:
//!       patterns: ['(https://)?[a-z][a-z0-9-]*\.api\.acme\.com(/.*)?']
//! ```

use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::util::{root, WholeMatch};
use crate::document::SpecFormat;
use crate::severity::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;

const MESSAGE: &str = "hostname has to follow the functional naming schema";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    #[serde(default = "default_audiences")]
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

struct Hostnames {
    audiences: BTreeMap<String, Severity>,
    patterns: Vec<WholeMatch>,
    audience_patterns: BTreeMap<String, Vec<WholeMatch>>,
    exceptions: BTreeMap<String, Vec<String>>,
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

impl RuleFunction for Hostnames {
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

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    let mut audience_patterns = BTreeMap::new();
    for (audience, list) in &o.audience_patterns {
        audience_patterns.insert(
            audience.clone(),
            WholeMatch::compile_all("audiencePatterns", list)?,
        );
    }
    Ok(Box::new(Hostnames {
        audiences: o.audiences,
        patterns: WholeMatch::compile_all("patterns", &o.patterns)?,
        audience_patterns,
        exceptions: o.exceptions,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome};
    use super::super::util::test_support::{run_doc, On};
    use super::*;
    use serde_json::json;

    fn api(audience: &str, urls: &[&str]) -> serde_json::Value {
        let servers: Vec<_> = urls.iter().map(|u| json!({ "url": u })).collect();
        json!({"openapi": "3.0.3", "info": {"x-audience": audience}, "servers": servers})
    }

    /// Runs on every server, as `given: $.servers[*]` does.
    fn run(options: serde_json::Value, doc: serde_json::Value) -> Vec<Outcome> {
        let n = doc["servers"].as_array().map_or(0, |s| s.len());
        (0..n)
            .flat_map(|i| {
                let mut got = run_doc(
                    create,
                    options.clone(),
                    &doc,
                    On::Node(&format!("/servers/{i}")),
                );
                for o in &mut got {
                    o.path.splice(0..0, ["servers".to_string(), i.to_string()]);
                }
                got
            })
            .collect()
    }

    fn at(severity: Severity, path: &[&str]) -> Outcome {
        outcome(MESSAGE, path).with_severity(severity)
    }

    #[test]
    fn pass() {
        let none = json!(null);
        for doc in [
            api(
                "external-public",
                &["https://pay-checkout.zalandoapis.com/v"],
            ),
            api("external-public", &["shop-api.zalandoapis.com"]),
            api("component-internal", &["https://app.team.zalan.do"]),
            api("external-partner", &["api.merchants.zalando.com"]),
            // Missing or unknown audiences are rule 219's.
            api("galaxy-wide", &["https://x.example.com"]),
            json!({"openapi": "3.0.3", "servers": [{"url": "https://x.example.com"}]}),
        ] {
            assert!(run(none.clone(), doc.clone()).is_empty(), "{doc}");
        }
        let acme = json!({"patterns": ["https://[a-z]+\\.api\\.acme\\.com(/.*)?"]});
        assert!(run(
            acme,
            api("company-internal", &["https://orders.api.acme.com/v1"])
        )
        .is_empty());
        let only_public = json!({"audiences": {"external-public": "must"}});
        assert!(run(
            only_public,
            api("company-internal", &["https://x.example.com"])
        )
        .is_empty());
    }

    #[test]
    fn fail() {
        let rows: Vec<_> = [
            (
                json!(null),
                api(
                    "external-public",
                    &[
                        "https://api.example.com",
                        "https://pay-checkout.zalandoapis.com",
                    ],
                ),
                vec![at(Severity::Must, &["servers", "0", "url"])],
            ),
            (
                json!(null),
                api("company-internal", &["https://checkout.zalandoapis.com"]),
                vec![at(Severity::Should, &["servers", "0", "url"])],
            ),
            (
                json!(null),
                api("business-unit-internal", &["https://app.team.zalan.do"]),
                vec![at(Severity::Should, &["servers", "0", "url"])],
            ),
            (
                json!(null),
                api(
                    "component-internal",
                    &["http://pay-checkout.zalandoapis.com"],
                ),
                vec![at(Severity::May, &["servers", "0", "url"])],
            ),
            (
                json!(null),
                api("external-public", &["api.merchants.zalando.com"]),
                vec![at(Severity::Must, &["servers", "0", "url"])],
            ),
            (
                json!({"audiences": {"company-internal": "must"}}),
                api("company-internal", &["https://x.example.com"]),
                vec![at(Severity::Must, &["servers", "0", "url"])],
            ),
        ]
        .into_iter()
        .map(|(o, doc, want)| {
            let got = run(o.clone(), doc.clone());
            assert_eq!(got, want, "{doc}");
            json!({"options": o, "input": doc, "outcomes": testing::outcomes_json(&got)})
        })
        .collect();
        insta::assert_yaml_snapshot!(rows);
    }

    #[test]
    fn swagger_checks_the_host() {
        let run = |host: &str| {
            let doc =
                json!({"swagger": "2.0", "host": host, "info": {"x-audience": "external-partner"}});
            run_doc(create, json!(null), &doc, On::Node("/host"))
        };
        assert!(run("shop-api.zalandoapis.com").is_empty());
        assert!(run("api-sandbox.merchants.zalando.com").is_empty());
        assert_eq!(run("api.example.com"), vec![at(Severity::Must, &[])]);
    }

    #[test]
    fn options() {
        let err = |o| testing::options_error(create, o);
        assert!(err(json!({"patterns": ["("]})).starts_with("`patterns` is not a valid"));
        assert!(err(json!({"audiences": {"a": "sometimes"}})).contains("unknown variant"));
        assert!(err(json!({"hosts": []})).contains("unknown field `hosts`"));
    }
}
