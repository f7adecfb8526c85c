//! `zalandoSubResources`: paths should not nest sub-resources too deeply
//! (Zalando 147).
//!
//! # What it does
//!
//! Tests a path key (`given: $.paths[*]~`): the number of sub-resource
//! levels is the number of segments that are neither empty nor a
//! `{variable}`, minus one. More than `limit` is reported as `Number of
//! sub-resources should not exceed <limit>`.
//!
//! # Options
//!
//! - `limit` (integer, default 3).
//!
//! # Example
//!
//! ```yaml
//! "147":
//!   functionOptions:
//!     limit: 4
//! ```

use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::util::is_path_variable;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default = "default_limit")]
    limit: usize,
}

fn default_limit() -> usize {
    3
}

struct SubResources {
    limit: usize,
}

impl RuleFunction for SubResources {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(path) = input.as_str() else { return };
        let resources = path
            .split('/')
            .filter(|s| !s.is_empty() && !is_path_variable(s))
            .count();
        if resources.saturating_sub(1) > self.limit {
            out.push(Outcome::new(format!(
                "Number of sub-resources should not exceed {}",
                self.limit
            )));
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    Ok(Box::new(SubResources { limit: o.limit }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome};
    use super::*;
    use serde_json::json;

    #[test]
    fn pass() {
        for path in [
            "/a/{a}/b/{b}/c/{c}/d/{d}",
            "/",
            "/a//b/c/d",
            "/a/{x}/{y}/{z}/b",
        ] {
            assert!(
                testing::run_key(create, json!(null), path).is_empty(),
                "{path}"
            );
        }
        assert!(testing::run_key(create, json!({"limit": 4}), "/a/b/c/d/e").is_empty());
    }

    #[test]
    fn fail() {
        let rows: Vec<_> = [
            (json!(null), "/a/b/c/d/e"),
            (json!(null), "/a/{a}/b/{b}/c/{c}/d/{d}/e"),
            (json!({"limit": 0}), "/a/b"),
        ]
        .into_iter()
        .map(|(o, path)| {
            let got = testing::run_key(create, o.clone(), path);
            let limit = o.get("limit").and_then(|l| l.as_u64()).unwrap_or(3);
            assert_eq!(
                got,
                vec![outcome(
                    &format!("Number of sub-resources should not exceed {limit}"),
                    &[]
                )]
            );
            json!({"options": o, "input": path, "outcomes": testing::outcomes_json(&got)})
        })
        .collect();
        insta::assert_yaml_snapshot!(rows);
    }

    #[test]
    fn options() {
        assert!(testing::options_error(create, json!({"limit": "3"})).starts_with("`limit`"));
    }
}
