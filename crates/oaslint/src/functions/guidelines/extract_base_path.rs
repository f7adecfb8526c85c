//! `extractBasePath`: a prefix shared by all paths could move to the
//! server URLs (Zally's rule H001).
//!
//! # What it does
//!
//! Applied to the `paths` object, computes the longest prefix of whole
//! segments that all paths share, stopping at the first `{variable}`
//! segment (Zally's `findCommonPrefix`). With at least two paths and a
//! non-empty prefix it reports, at `paths`: `All paths start with prefix
//! '/api' which could be part of servers' urls.` (OpenAPI 3) or `… which
//! could be part of basePath.` (Swagger 2.0). Members that are not paths
//! (`x-…` extensions) are ignored. Other inputs are skipped.
//!
//! # Options
//!
//! None.
//!
//! # Example
//!
//! ```yaml
//! H001:
//!   severity: hint
//!   given: $.paths
//!   then:
//!     function: extractBasePath
//! ```

use super::oas::is_root_member;
use crate::document::SpecFormat;
use crate::functions::{no_options, Context, Input, Outcome, RuleFunction};

struct ExtractBasePath;

/// The common leading segments of two paths, joined by `/`.
fn common_prefix(a: &str, b: &str) -> String {
    a.split('/')
        .zip(b.split('/'))
        .take_while(|(x, y)| !x.starts_with('{') && x == y)
        .map(|(x, _)| x)
        .collect::<Vec<_>>()
        .join("/")
}

impl RuleFunction for ExtractBasePath {
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(paths) = input.cursor() else { return };
        if !is_root_member(&paths, "paths") {
            return;
        }
        let keys: Vec<&str> = paths
            .entries()
            .map(|(k, _)| k)
            .filter(|k| !k.starts_with("x-"))
            .collect();
        if keys.len() < 2 {
            return;
        }
        let prefix = keys[1..]
            .iter()
            .fold(keys[0].to_string(), |acc, k| common_prefix(&acc, k));
        if prefix.is_empty() {
            return;
        }
        let target = match ctx.format {
            SpecFormat::Swagger2 => "basePath",
            _ => "servers' urls",
        };
        out.push(Outcome::new(format!(
            "All paths start with prefix '{prefix}' which could be part of {target}."
        )));
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    no_options("extractBasePath", options)?;
    Ok(Box::new(ExtractBasePath))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn pass_table() -> Vec<Pass> {
        vec![
            (
                json!(null),
                "openapi: 3.0.3\npaths:\n  /pets: {}\n  /owners: {}\n",
                "/paths",
            ),
            (
                json!(null),
                "openapi: 3.0.3\npaths:\n  /pets: {}\n",
                "/paths",
            ),
            (
                json!(null),
                "openapi: 3.0.3\npaths:\n  /{id}/a: {}\n  /{id}/b: {}\n",
                "/paths",
            ),
            (
                json!(null),
                "openapi: 3.0.3\npaths:\n  /a: {}\n  x-b: {}\n",
                "/paths",
            ),
            (
                json!(null),
                "openapi: 3.0.3\nx:\n  /a/b: {}\n  /a/c: {}\n",
                "/x",
            ),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                json!(null),
                "openapi: 3.0.3\npaths:\n  /api/v1/pets: {}\n  /api/v1/owners/{id}: {}\n  /api/v1/{x}: {}\n",
                "/paths",
                vec![outcome(
                    "All paths start with prefix '/api/v1' which could be part of servers' urls.",
                    &[],
                )],
            ),
            (
                json!(null),
                "swagger: '2.0'\npaths:\n  /pets: {}\n  /pets/{id}: {}\n",
                "/paths",
                vec![outcome(
                    "All paths start with prefix '/pets' which could be part of basePath.",
                    &[],
                )],
            ),
        ]
    }

    #[test]
    fn pass() {
        testing::assert_passes(create, &pass_table());
        assert_eq!(common_prefix("/a/b/c", "/a/b/d"), "/a/b");
        assert_eq!(common_prefix("/a", "/b"), "");
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
