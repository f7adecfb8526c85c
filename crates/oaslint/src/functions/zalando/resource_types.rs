//! `zalandoResourceTypes`: an API should not have too many resource types
//! (Zalando 146).
//!
//! # What it does
//!
//! Applied to `paths` (the root's key `paths`, `given: $[*]~`, or the
//! `paths` object; other inputs are skipped). Each path that matches no
//! `pathWhitelist`
//! pattern (as a whole) is reduced to its resource type as Zally does — a
//! trailing `/{variable}` is dropped, and so is a trailing
//! `/{variable}/sub-resource` — and the distinct types are counted. More
//! than `limit` types is one finding at `paths`: `Identified <n> resource
//! resource types, greater than recommended limit of <limit>` (Zally's
//! wording).
//!
//! # Options
//!
//! - `limit` (integer, default 8).
//! - `pathWhitelist` (list of regular expressions, default empty): paths
//!   that are not counted.
//!
//! # Example
//!
//! ```yaml
//! "146":
//!   functionOptions:
//!     limit: 12
//!     pathWhitelist: ['/internal/.*']
//! ```

use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::util::{is_path_variable, paths_input, WholeMatch};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    #[serde(default = "default_limit")]
    limit: usize,
    #[serde(default)]
    path_whitelist: Vec<String>,
}

fn default_limit() -> usize {
    8
}

struct ResourceTypes {
    limit: usize,
    path_whitelist: Vec<WholeMatch>,
}

/// Zally's `LimitNumberOfResourcesRule.resourceType`.
fn resource_type(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let n = parts.len();
    let keep = if n > 0 && is_path_variable(parts[n - 1]) {
        n - 1
    } else if n > 1 && is_path_variable(parts[n - 2]) {
        n - 2
    } else {
        n
    };
    format!("/{}", parts[..keep].join("/"))
}

impl RuleFunction for ResourceTypes {
    fn check<'a>(&self, input: Input<'a>, ctx: &Context<'a>, out: &mut Vec<Outcome>) {
        let Some(paths) = paths_input(&input, ctx) else {
            return;
        };
        let mut types: Vec<String> = Vec::new();
        for (path, _) in paths.entries() {
            if self.path_whitelist.iter().any(|re| re.is_match(path)) {
                continue;
            }
            let t = resource_type(path);
            if !types.contains(&t) {
                types.push(t);
            }
        }
        if types.len() > self.limit {
            out.push(Outcome::new(format!(
                "Identified {} resource resource types, greater than recommended limit of {}",
                types.len(),
                self.limit
            )));
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(ResourceTypes {
        limit: o.limit,
        path_whitelist: WholeMatch::compile_all("pathWhitelist", &o.path_whitelist)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn paths(keys: &[&str]) -> serde_json::Value {
        serde_json::Value::Object(keys.iter().map(|k| (k.to_string(), json!({}))).collect())
    }

    #[test]
    fn resource_types_are_zallys() {
        assert_eq!(resource_type("/orders"), "/orders");
        assert_eq!(resource_type("/orders/{id}"), "/orders");
        assert_eq!(resource_type("/orders/{id}/items"), "/orders");
        assert_eq!(
            resource_type("/orders/{id}/items/{item-id}"),
            "/orders/{id}/items"
        );
        assert_eq!(resource_type("//a//b"), "/a/b");
        assert_eq!(resource_type("/"), "/");
    }

    fn pass_table() -> Vec<Pass> {
        vec![
            (
                json!(null),
                Some(paths(&[
                    "/a",
                    "/a/{id}",
                    "/a/{id}/x",
                    "/b",
                    "/c",
                    "/d",
                    "/e",
                    "/f",
                    "/g",
                    "/h",
                ])),
            ),
            (json!({"limit": 2}), Some(paths(&["/a", "/b"]))),
            (
                json!({"limit": 1, "pathWhitelist": ["/internal/.*"]}),
                Some(paths(&["/a", "/internal/x"])),
            ),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                json!(null),
                Some(paths(&[
                    "/a", "/b", "/c", "/d", "/e", "/f", "/g", "/h", "/i/{id}",
                ])),
                vec![outcome(
                    "Identified 9 resource resource types, greater than recommended limit of 8",
                    &[],
                )],
            ),
            (
                json!({"limit": 1}),
                Some(paths(&["/a", "/a/{id}/b/{b-id}"])),
                vec![outcome(
                    "Identified 2 resource resource types, greater than recommended limit of 1",
                    &[],
                )],
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
        let err = |o| testing::options_error(create, o);
        assert!(err(json!({"limit": -1})).starts_with("`limit`"));
        assert!(err(json!({"pathWhitelist": ["("]})).starts_with("`pathWhitelist` is not a valid"));
    }
}
