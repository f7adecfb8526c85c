use crate::functions::oas::words;
use crate::functions::{Context, Input, NativeFunction, Outcome};
use serde::Deserialize;

crate::declare_function! {
    /// URLs name resources, not actions (guideline 141).
    ///
    /// # What it does
    ///
    /// Applied to a path (a key of `paths`, or a string), splits every segment
    /// that is not a `{variable}` into words (at `-`, `_`, `.` and camelCase
    /// humps) and reports the path once when any word is one of `verbs`:
    /// `Path "/orders/{order-id}/cancel" contains the verb "cancel"; name
    /// resources (nouns) and express actions with HTTP methods`. Plural or
    /// derived nouns (`cancellations`, `locks`) are not verbs.
    ///
    /// # Why
    ///
    /// "The API describes resources, so the only place where actions should
    /// appear is in the HTTP methods": a verb in the URL (`/orders/{id}/cancel`)
    /// hides the action from HTTP's semantics (safety, idempotency, caching)
    /// that clients and intermediaries rely on.
    ///
    /// # Options
    ///
    /// - `verbs` (list of strings): the words that make a URL an action.
    ///   Default: common API action verbs (`get`, `create`, `update`,
    ///   `delete`, `cancel`, `approve`, `send`, `lock`, …; see the source);
    ///   words that are as often nouns (`search`, `list`, `post`, `set`,
    ///   `change`) are not in it.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "141":
    ///     title: Keep URLs verb-free
    ///     description: >-
    ///       "The API describes resources, so the only place where actions should
    ///       appear is in the HTTP methods. In URLs, use only nouns." A path
    ///       segment with a word from a list of action verbs is reported.
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: $.paths[*]~
    ///     then:
    ///       function: verbFreePaths
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths:
    ///   /orders/{order-id}/cancel:
    ///     post:
    ///       responses: {"204": {description: Cancelled}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Shop, version: v1}
    /// paths:
    ///   /orders/{order-id}/cancellations:
    ///     post:
    ///       responses: {"201": {description: Cancelled}}
    /// ```
    #[function("verbFreePaths")]
    pub(crate) struct VerbFreePaths {
        verbs: Vec<String>,
    }
}

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

/// The options of [`VerbFreePaths`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// The words that make a URL an action; replaces the default list.
    verbs: Option<Vec<String>>,
}

impl NativeFunction for VerbFreePaths {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        let verbs = match o.verbs {
            Some(v) => v.iter().map(|s| s.to_lowercase()).collect(),
            None => VERBS.iter().map(|s| s.to_string()).collect(),
        };
        Ok(VerbFreePaths { verbs })
    }

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
