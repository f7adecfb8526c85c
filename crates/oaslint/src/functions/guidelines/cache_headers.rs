//! `cacheHeaders`: cacheable responses are documented with `Cache-Control`,
//! `Vary` and `ETag`, never `Expires` (guideline 227).
//!
//! # What it does
//!
//! Applied to a response object (of a `GET`, `HEAD` or `POST` operation),
//! reports, at the header (or where it is missing):
//!
//! - an `Expires` header: `"Expires" must not be defined: the cache
//!   lifetime is given by Cache-Control`;
//! - a response that declares `Cache-Control` but not `Vary` or `ETag`:
//!   `A cacheable response declares Cache-Control and must also declare
//!   "Vary"`.
//!
//! Header names are compared without case. Other inputs are skipped.
//!
//! # Options
//!
//! None.
//!
//! # Example
//!
//! ```yaml
//! "227":
//!   given: "$.paths[*][get,head,post].responses[*]"
//!   then:
//!     function: cacheHeaders
//! ```

use super::oas::{header_names, is_object};
use crate::functions::{no_options, Context, Input, Outcome, RuleFunction};

struct CacheHeaders;

impl RuleFunction for CacheHeaders {
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

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    no_options("cacheHeaders", options)?;
    Ok(Box::new(CacheHeaders))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    const SPEC: &str = r#"openapi: 3.0.3
r:
  cached:
    description: ok
    headers:
      Cache-Control: {schema: {type: string}}
      vary: {schema: {type: string}}
      ETag: {schema: {type: string}}
  plain:
    description: ok
  partial:
    description: ok
    headers:
      cache-control: {schema: {type: string}}
      Expires: {schema: {type: string}}
"#;

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!(null), SPEC, "/r/cached"),
            (json!(null), SPEC, "/r/plain"),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![(
            json!(null),
            SPEC,
            "/r/partial",
            vec![
                outcome(
                    "\"Expires\" must not be defined: the cache lifetime is given by Cache-Control",
                    &["headers", "Expires"],
                ),
                outcome(
                    "A cacheable response declares Cache-Control and must also declare \"Vary\"",
                    &["headers", "Vary"],
                ),
                outcome(
                    "A cacheable response declares Cache-Control and must also declare \"ETag\"",
                    &["headers", "ETag"],
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
        assert!(create(&json!({"a": 1})).is_err());
    }
}
