//! `zalandoPluralResources`: resource names in paths must be plurals
//! (Zalando 134).
//!
//! # What it does
//!
//! Tests a path key (`given: $.paths[*]~`), as Zally does: the path is
//! wrapped in slashes, every match of a `pathWhitelist` pattern is replaced
//! by `/`, and each remaining segment that is not a `{variable}` and not a
//! plural English noun is reported: `Resource '<segment>' appears to be
//! singular`, one finding per segment for the first 16 and then one
//! finding for the rest (`<n> more resources in this path appear to be
//! singular`: each finding carries the path in its pointer, so a finding
//! per segment of a huge path key is quadratic). A word counts as plural when it is
//! in `whitelist` or pluralising it changes nothing (`cruet`, looking at the
//! last word of a `kebab-case` segment).
//!
//! # Options
//!
//! - `pathWhitelist` (list of regular expressions, default Zally's
//!   `[/api/, /kpis/]`): parts of paths that are not resources.
//! - `whitelist` (list of strings, default Zally's `[vat, apis, self]`):
//!   words accepted as plural.
//!
//! # Example
//!
//! ```yaml
//! "134":
//!   functionOptions:
//!     pathWhitelist: [/api/, /kpis/, /health$]
//! ```

use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::plural_names::default_whitelist;
use super::util::{is_path_variable, is_plural};
use crate::js_regex::JsPattern;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    #[serde(default = "default_path_whitelist")]
    path_whitelist: Vec<String>,
    #[serde(default = "default_whitelist")]
    whitelist: Vec<String>,
}

fn default_path_whitelist() -> Vec<String> {
    vec!["/api/".into(), "/kpis/".into()]
}

/// The most segments of one path reported one by one; the rest are
/// counted in one more finding. Every finding carries the path in its
/// pointer, so one finding per segment of an 80 KB path key made the
/// report quadratic in the path's length (the corpus has at most 10
/// segments in a path).
const MAX_SEGMENT_FINDINGS: usize = 16;

struct PluralResources {
    path_whitelist: Vec<JsPattern>,
    whitelist: Vec<String>,
}

/// Collapses runs of `/` into one.
fn squash_slashes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

/// Replaces every match of `re` in `s` by `/`.
/// A cut-off evaluation (see [`crate::js_regex`]) ends the replacing.
fn replace_all(re: &JsPattern, s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let mut at = 0;
    while let Ok(Some(m)) = re.find_at(s, at) {
        if m.is_empty() {
            // Step over the character, as JavaScript's global matching does.
            match s[m.end..].chars().next() {
                Some(c) => at = m.end + c.len_utf8(),
                None => break,
            }
            continue;
        }
        out.push_str(&s[last..m.start]);
        out.push('/');
        last = m.end;
        at = m.end;
    }
    out.push_str(&s[last..]);
    out
}

impl RuleFunction for PluralResources {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(path) = input.as_str() else { return };
        let before = out.len();
        let mut sanitized = squash_slashes(&format!("/{path}/"));
        for re in &self.path_whitelist {
            sanitized = replace_all(re, &sanitized);
        }
        let mut more = 0;
        for segment in sanitized.split('/').filter(|s| !s.is_empty()) {
            if !is_path_variable(segment) && !is_plural(segment, &self.whitelist) {
                if out.len() - before < MAX_SEGMENT_FINDINGS {
                    out.push(Outcome::new(format!(
                        "Resource '{segment}' appears to be singular"
                    )));
                } else {
                    more += 1;
                }
            }
        }
        if more > 0 {
            out.push(Outcome::new(format!(
                "{more} more resources in this path appear to be singular"
            )));
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    let path_whitelist = o
        .path_whitelist
        .iter()
        .map(|p| {
            JsPattern::new(p, "").map_err(|e| {
                format!("`pathWhitelist` is not a valid regular expression: '{p}': {e}")
            })
        })
        .collect::<Result<_, String>>()?;
    Ok(Box::new(PluralResources {
        path_whitelist,
        whitelist: o.whitelist,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome};
    use super::*;
    use serde_json::json;

    #[test]
    fn pass() {
        for path in [
            "/orders",
            "/orders/{order-id}/items",
            "/api/orders",
            "/kpis/sales-figures",
            "/order-items//{id}",
            "/",
            "/apis/self",
        ] {
            assert!(
                testing::run_key(create, json!(null), path).is_empty(),
                "{path}"
            );
        }
        let o = json!({"pathWhitelist": ["/health$"]});
        assert!(testing::run_key(create, o, "/health").is_empty());
    }

    #[test]
    fn fail() {
        let rows: Vec<_> = [
            ("/order", vec!["order"]),
            ("/orders/{id}/item/status", vec!["item", "status"]),
            ("/api/order-item", vec!["order-item"]),
            ("/kpi/sales", vec!["kpi"]),
        ]
        .into_iter()
        .map(|(path, singular)| {
            let got = testing::run_key(create, json!(null), path);
            let want: Vec<Outcome> = singular
                .iter()
                .map(|s| outcome(&format!("Resource '{s}' appears to be singular"), &[]))
                .collect();
            assert_eq!(got, want, "{path}");
            json!({"input": path, "outcomes": testing::outcomes_json(&got)})
        })
        .collect();
        insta::assert_yaml_snapshot!(rows);
    }

    #[test]
    fn long_paths_report_sixteen_segments_and_count_the_rest() {
        let path: String = (0..1000).map(|i| format!("/item{i}")).collect();
        let got = testing::run_key(create, json!(null), &path);
        assert_eq!(got.len(), 17);
        for (i, o) in got[..16].iter().enumerate() {
            assert_eq!(
                o.message,
                format!("Resource 'item{i}' appears to be singular")
            );
        }
        assert_eq!(
            got[16].message,
            "984 more resources in this path appear to be singular"
        );
    }

    #[test]
    fn options() {
        let err = |o| testing::options_error(create, o);
        assert!(err(json!({"pathWhitelist": ["("]})).starts_with("`pathWhitelist` is not a valid"));
        assert!(err(json!({"words": []})).contains("unknown field `words`"));
    }
}
