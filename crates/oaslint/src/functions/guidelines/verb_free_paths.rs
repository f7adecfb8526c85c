//! `verbFreePaths`: URLs name resources, not actions (guideline 141).
//!
//! # What it does
//!
//! Applied to a path (a key of `paths`, or a string), splits every segment
//! that is not a `{variable}` into words (at `-`, `_`, `.` and camelCase
//! humps) and reports the path once when any word is one of `verbs`:
//! `Path "/orders/{order-id}/cancel" contains the verb "cancel"; name
//! resources (nouns) and express actions with HTTP methods`. Plural or
//! derived nouns (`cancellations`, `locks`) are not verbs.
//!
//! # Options
//!
//! - `verbs` (list of strings): the words that make a URL an action.
//!   Default: common API action verbs (`get`, `create`, `update`,
//!   `delete`, `cancel`, `approve`, `send`, `lock`, …; see the source);
//!   words that are as often nouns (`search`, `list`, `post`, `set`,
//!   `change`) are not in it.
//!
//! # Example
//!
//! ```yaml
//! "141":
//!   given: $.paths[*]~
//!   then:
//!     function: verbFreePaths
//!     functionOptions:
//!       verbs: [get, create, update, delete, cancel]
//! ```

use super::oas::words;
use crate::functions::{parse_options, Context, Input, Outcome, RuleFunction};
use serde::Deserialize;

/// Words that are verbs in API paths (words that are as often nouns —
/// `search`, `list`, `post`, `set`, `change`, `process`, `upload`,
/// `download` — are left out).
const VERBS: &[&str] = &[
    "accept",
    "activate",
    "add",
    "apply",
    "approve",
    "assign",
    "calculate",
    "cancel",
    "close",
    "compute",
    "confirm",
    "copy",
    "create",
    "deactivate",
    "decline",
    "delete",
    "disable",
    "do",
    "edit",
    "enable",
    "execute",
    "fetch",
    "find",
    "generate",
    "get",
    "insert",
    "invoke",
    "lock",
    "make",
    "merge",
    "modify",
    "move",
    "notify",
    "perform",
    "publish",
    "put",
    "register",
    "reject",
    "remove",
    "resend",
    "reset",
    "restore",
    "retrieve",
    "run",
    "save",
    "send",
    "start",
    "stop",
    "submit",
    "subscribe",
    "sync",
    "trigger",
    "unassign",
    "unblock",
    "unlock",
    "unpublish",
    "unregister",
    "unsubscribe",
    "update",
    "validate",
    "verify",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    verbs: Option<Vec<String>>,
}

struct VerbFreePaths {
    verbs: Vec<String>,
}

impl RuleFunction for VerbFreePaths {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(path) = input.as_str() else { return };
        if !path.starts_with('/') {
            return;
        }
        let mut found: Vec<String> = Vec::new();
        for segment in path.split('/') {
            if segment.starts_with('{') && segment.ends_with('}') {
                continue;
            }
            for word in words(segment) {
                if self.verbs.contains(&word) && !found.contains(&word) {
                    found.push(word);
                }
            }
        }
        if found.is_empty() {
            return;
        }
        let list: Vec<String> = found.iter().map(|v| format!("\"{v}\"")).collect();
        out.push(Outcome::new(format!(
            "Path \"{path}\" contains the verb{} {}; name resources (nouns) and express actions with HTTP methods",
            if found.len() == 1 { "" } else { "s" },
            list.join(", ")
        )));
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    let verbs = match o.verbs {
        Some(v) => v.iter().map(|s| s.to_lowercase()).collect(),
        None => VERBS.iter().map(|s| s.to_string()).collect(),
    };
    Ok(Box::new(VerbFreePaths { verbs }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self as core, outcome};
    use super::*;
    use serde_json::json;

    #[test]
    fn pass() {
        for path in [
            "/orders/{order-id}",
            "/cancellations",
            "/article-locks/{article-id}",
            "/orders/{get}",
            "/search-results",
            "x-extension",
        ] {
            assert!(
                core::run_key(create, json!(null), path).is_empty(),
                "{path}"
            );
        }
        assert!(
            core::run_key(create, json!({"verbs": ["cancel"]}), "/orders/{id}/approve").is_empty()
        );
        assert!(core::run(create, json!(null), Some(json!(1))).is_empty());
    }

    #[test]
    fn fail() {
        let rows = [
            (json!(null), "/orders/{order-id}/cancel"),
            (json!(null), "/getOrders"),
            (json!(null), "/articles/{id}/lock"),
            (json!(null), "/create-order/send_now"),
            (json!({"verbs": ["Approve"]}), "/orders/{id}/approve"),
        ];
        let expected = [
            "Path \"/orders/{order-id}/cancel\" contains the verb \"cancel\"; name resources (nouns) and express actions with HTTP methods",
            "Path \"/getOrders\" contains the verb \"get\"; name resources (nouns) and express actions with HTTP methods",
            "Path \"/articles/{id}/lock\" contains the verb \"lock\"; name resources (nouns) and express actions with HTTP methods",
            "Path \"/create-order/send_now\" contains the verbs \"create\", \"send\"; name resources (nouns) and express actions with HTTP methods",
            "Path \"/orders/{id}/approve\" contains the verb \"approve\"; name resources (nouns) and express actions with HTTP methods",
        ];
        let mut snapshot = Vec::new();
        for ((options, path), want) in rows.iter().zip(expected) {
            let got = core::run_key(create, options.clone(), path);
            assert_eq!(got, vec![outcome(want, &[])], "{path}");
            snapshot.push(
                json!({"options": options, "input": path, "outcomes": core::outcomes_json(&got)}),
            );
        }
        insta::assert_yaml_snapshot!(snapshot);
    }

    #[test]
    fn options() {
        assert!(create(&json!({"verbs": "get"})).is_err());
    }
}
