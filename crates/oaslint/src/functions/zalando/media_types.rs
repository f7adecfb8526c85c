//! `zalandoMediaTypes`: prefer standard media types; custom ones only for
//! versioning (Zalando 172).
//!
//! # What it does
//!
//! Tests a media type — a key of a `content` map (`given: …content[*]~`)
//! or a string (Swagger 2.0 `consumes`/`produces` items). It passes when it
//! is in the IANA media type registry (the list Zally ships, bundled; exact,
//! case-sensitive comparison as in Zally), in `standard`, or a versioned
//! media type matching `versioned` (`application/x.order+json;version=2`).
//! Otherwise: `Custom media types should only be used for versioning`.
//!
//! # Options
//!
//! - `standard` (list, default empty): more media types to accept.
//! - `iana` (boolean, default `true`): accept the IANA registry.
//! - `versioned` (regular expression, whole match, default Zally's
//!   `^\w+/[-+.\w]+;(v|version)=\d+$`).
//!
//! # Example
//!
//! ```yaml
//! "172":
//!   functionOptions:
//!     standard: [text/plain, application/yaml]
//! ```

use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::util::WholeMatch;
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::OnceLock;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
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

struct MediaTypes {
    standard: Vec<String>,
    iana: bool,
    versioned: WholeMatch,
}

impl RuleFunction for MediaTypes {
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

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(MediaTypes {
        standard: o.standard,
        iana: o.iana,
        versioned: WholeMatch::compile("versioned", &o.versioned)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome};
    use super::*;
    use serde_json::json;

    #[test]
    fn pass() {
        for mt in [
            "application/json",
            "application/problem+json",
            "application/merge-patch+json",
            "multipart/form-data",
            "application/x.zalando.order+json;version=2",
            "application/vnd.acme+json;v=1",
        ] {
            assert!(testing::run_key(create, json!(null), mt).is_empty(), "{mt}");
        }
        assert!(testing::run(create, json!(null), Some(json!("image/png"))).is_empty());
        assert!(
            testing::run_key(create, json!({"standard": ["text/plain"]}), "text/plain").is_empty()
        );
        assert!(iana().len() > 1900);
    }

    #[test]
    fn fail() {
        let rows: Vec<_> = [
            (json!(null), "application/x.zalando.order+json"),
            (json!(null), "application/json; charset=utf-8"),
            (json!(null), "text/plain"),
            (json!(null), "*/*"),
            (json!({"iana": false}), "application/json"),
        ]
        .into_iter()
        .map(|(o, mt)| {
            let got = testing::run_key(create, o.clone(), mt);
            assert_eq!(
                got,
                vec![outcome(
                    &format!("'{mt}' is neither a registered nor a versioned media type"),
                    &[]
                )]
            );
            json!({"options": o, "input": mt, "outcomes": testing::outcomes_json(&got)})
        })
        .collect();
        insta::assert_yaml_snapshot!(rows);
    }

    #[test]
    fn options() {
        assert!(testing::options_error(create, json!({"versioned": "("}))
            .starts_with("`versioned` is not a valid"));
    }
}
