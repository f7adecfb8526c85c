//! `jsonPayload`: structured payloads are JSON; other structured formats
//! only in addition to JSON (guidelines 167 and 168).
//!
//! # What it does
//!
//! Applied to an OpenAPI 3 `content` map (of a request body or response)
//! or a Swagger 2.0 `produces`/`consumes` list, reports the first media
//! type that is a generic structured format other than JSON (`structured`)
//! when the same map or list offers no JSON media type (`application/json`,
//! `…+json`): `"application/xml" is offered without JSON: use JSON as
//! payload format (other structured formats only in addition, via content
//! negotiation)`. Data-specific formats (images, PDF, archives) are fine.
//! The finding is at the media type. Other inputs are skipped.
//!
//! # Options
//!
//! - `structured` (list of regular expressions, default
//!   `[^(application|text)/([^;]+\+)?xml\b, ^text/csv\b, ^(application|text)/(x-)?yaml\b]`,
//!   case-insensitive): generic structured media types.
//!
//! # Example
//!
//! ```yaml
//! "167":
//!   given:
//!     - $.paths[*][*].responses[*].content
//!     - $.produces
//!   then:
//!     function: jsonPayload
//! ```

use super::oas::{is_json_media_type, key_of, regex_list};
use crate::functions::pattern::JsRegex;
use crate::functions::{parse_options, Context, Input, Outcome, RuleFunction};
use crate::tree::Value;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    structured: Option<Vec<String>>,
}

struct JsonPayload {
    structured: Vec<JsRegex>,
}

impl RuleFunction for JsonPayload {
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

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
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
    Ok(Box::new(JsonPayload {
        structured: regex_list("structured", &patterns)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    const SPEC: &str = r#"openapi: 3.0.3
r:
  both:
    content:
      application/json: {}
      application/xml: {}
  xml:
    content:
      application/xml; charset=utf-8: {}
  feed:
    content:
      application/atom+xml: {}
  csv:
    content:
      text/csv: {}
      application/pdf: {}
  pdf:
    content:
      application/pdf: {}
      image/png: {}
  problem:
    content:
      application/problem+json: {}
      text/csv: {}
s:
  produces: [application/xml]
  consumes: [application/json, application/xml]
"#;

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!(null), SPEC, "/r/both/content"),
            (json!(null), SPEC, "/r/pdf/content"),
            (json!(null), SPEC, "/r/problem/content"),
            (json!(null), SPEC, "/s/consumes"),
            (json!(null), SPEC, "/r/xml"),
            (json!({"structured": ["^text/csv"]}), SPEC, "/r/xml/content"),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let msg = |m: &str| {
            format!("\"{m}\" is offered without JSON: use JSON as payload format (other structured formats only in addition, via content negotiation)")
        };
        vec![
            (
                json!(null),
                SPEC,
                "/r/xml/content",
                vec![outcome(
                    &msg("application/xml; charset=utf-8"),
                    &["application/xml; charset=utf-8"],
                )],
            ),
            (
                json!(null),
                SPEC,
                "/r/feed/content",
                vec![outcome(
                    &msg("application/atom+xml"),
                    &["application/atom+xml"],
                )],
            ),
            (
                json!(null),
                SPEC,
                "/r/csv/content",
                vec![outcome(&msg("text/csv"), &["text/csv"])],
            ),
            (
                json!(null),
                SPEC,
                "/s/produces",
                vec![outcome(&msg("application/xml"), &["0"])],
            ),
        ]
    }

    #[test]
    fn pass() {
        testing::assert_passes(create, &pass_table());
    }

    #[test]
    fn fail() {
        insta::assert_yaml_snapshot!(testing::assert_fails(create, &fail_table()));
    }

    #[test]
    fn options() {
        assert!(create(&json!({"structured": ["("]})).is_err());
    }
}
