//! `responseHeaders`: a response declares the given headers (guideline
//! 189 for deprecated operations).
//!
//! # What it does
//!
//! Applied to a response object, reports every header of `names` that its
//! `headers` map does not declare (names compared without case): `Response
//! should declare the "Deprecation" header`. The finding is at the missing
//! `headers/<name>` (located at the response). Other inputs are skipped.
//!
//! # Options
//!
//! - `names` (list of strings, required): the headers the response needs.
//!
//! # Example
//!
//! ```yaml
//! "189":
//!   given: "$.paths[*][?(@.deprecated == true)].responses[?(@property.match(/^2/))]"
//!   then:
//!     function: responseHeaders
//!     functionOptions:
//!       names: [Deprecation]
//! ```

use super::oas::{header_names, is_object};
use crate::functions::{parse_options, Context, Input, Outcome, RuleFunction};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    names: Vec<String>,
}

struct ResponseHeaders {
    names: Vec<String>,
}

impl RuleFunction for ResponseHeaders {
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

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    if o.names.is_empty() {
        return Err("`names` must list at least one header".into());
    }
    Ok(Box::new(ResponseHeaders { names: o.names }))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    const SPEC: &str = r#"openapi: 3.0.3
r:
  ok:
    description: ok
    headers:
      deprecation: {schema: {type: string}}
      Sunset: {schema: {type: string}}
  bare:
    description: ok
"#;

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!({"names": ["Deprecation", "Sunset"]}), SPEC, "/r/ok"),
            (json!({"names": ["Deprecation"]}), SPEC, "/r/ok/description"),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![(
            json!({"names": ["Deprecation", "Sunset"]}),
            SPEC,
            "/r/bare",
            vec![
                outcome(
                    "Response should declare the \"Deprecation\" header",
                    &["headers", "Deprecation"],
                ),
                outcome(
                    "Response should declare the \"Sunset\" header",
                    &["headers", "Sunset"],
                ),
            ],
        )]
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
        assert_eq!(
            create(&json!({"names": []})).err().unwrap(),
            "`names` must list at least one header"
        );
    }
}
