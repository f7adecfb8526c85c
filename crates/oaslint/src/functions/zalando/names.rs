//! `zalandoNames`: a parameter or header name must match one of the
//! allowed cases (Zalando 130, 132).
//!
//! # What it does
//!
//! Checks a name against `allow`, regular expressions that must match the
//! *whole* name (as Zally's `CaseChecker` does); a name matching none is
//! reported. The name is the key itself when the input is a key (a
//! response header: `…headers[*]~`), else the input object's `name`
//! (a parameter), reported at the object. Inputs without a name are
//! skipped.
//!
//! # Options
//!
//! - `allow` (list of regular expressions, required): the accepted cases.
//!   Zally's are snake_case `[a-z][a-z0-9]*(?:_[a-z0-9]+)*` for query
//!   parameters and Hyphenated-Pascal-Case
//!   `[A-Z]+[a-z0-9]*(?:-[A-Z0-9]+[a-z0-9]*)*` for headers.
//!
//! # Example
//!
//! ```yaml
//! "130":
//!   message: Query parameter has to be snake_case
//!   given: "$.paths[*][*].parameters[?(@.in == 'query')]"
//!   then:
//!     function: zalandoNames
//!     functionOptions:
//!       allow: ['[a-z][a-z0-9]*(?:_[a-z0-9]+)*']
//! ```

use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::util::{kotlin_list, WholeMatch};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    allow: Vec<String>,
}

struct Names {
    allow: Vec<WholeMatch>,
}

impl RuleFunction for Names {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let name = match input {
            Input::Key(k) => k,
            Input::Node(c) => match c.get("name").and_then(|n| n.as_str()) {
                Some(n) => n,
                None => return,
            },
            Input::Undefined => return,
        };
        if !self.allow.iter().any(|re| re.is_match(name)) {
            let patterns: Vec<&str> = self.allow.iter().map(|re| re.source.as_str()).collect();
            out.push(Outcome::new(format!(
                "'{name}' does not match any of {}",
                kotlin_list(&patterns)
            )));
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    if o.allow.is_empty() {
        return Err("`allow` needs at least one pattern".into());
    }
    Ok(Box::new(Names {
        allow: WholeMatch::compile_all("allow", &o.allow)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    const SNAKE: &str = "[a-z][a-z0-9]*(?:_[a-z0-9]+)*";
    const PASCAL: &str = "[A-Z]+[a-z0-9]*(?:-[A-Z0-9]+[a-z0-9]*)*";

    fn pass_table() -> Vec<Pass> {
        let snake = json!({ "allow": [SNAKE] });
        let pascal = json!({ "allow": [PASCAL] });
        vec![
            (
                snake.clone(),
                Some(json!({"name": "order_id", "in": "query"})),
            ),
            (snake.clone(), Some(json!({"name": "limit", "in": "query"}))),
            (
                pascal.clone(),
                Some(json!({"name": "X-Flow-ID", "in": "header"})),
            ),
            (
                pascal.clone(),
                Some(json!({"name": "ETag", "in": "header"})),
            ),
            (
                pascal.clone(),
                Some(json!({"name": "Content-MD5", "in": "header"})),
            ),
            // Nothing to check.
            (snake.clone(), Some(json!({"in": "query"}))),
            (snake.clone(), Some(json!("text"))),
            (snake, None),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        let snake = json!({ "allow": [SNAKE] });
        let pascal = json!({ "allow": [PASCAL] });
        let msg = |n: &str, p: &str| format!("'{n}' does not match any of [{p}]");
        vec![
            (
                snake.clone(),
                Some(json!({"name": "orderId", "in": "query"})),
                vec![outcome(&msg("orderId", SNAKE), &[])],
            ),
            (
                snake.clone(),
                Some(json!({"name": "_sort", "in": "query"})),
                vec![outcome(&msg("_sort", SNAKE), &[])],
            ),
            (
                pascal.clone(),
                Some(json!({"name": "x-flow-id", "in": "header"})),
                vec![outcome(&msg("x-flow-id", PASCAL), &[])],
            ),
            (
                pascal,
                Some(json!({"name": "X_Flow_Id", "in": "header"})),
                vec![outcome(&msg("X_Flow_Id", PASCAL), &[])],
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
    fn keys() {
        let o = json!({ "allow": [PASCAL, "_links"] });
        assert!(testing::run_key(create, o.clone(), "Retry-After").is_empty());
        assert!(testing::run_key(create, o.clone(), "_links").is_empty());
        assert_eq!(testing::run_key(create, o, "retry-after").len(), 1);
    }

    #[test]
    fn options() {
        let err = |o| testing::options_error(create, o);
        assert!(err(json!({})).contains("missing field `allow`"));
        assert_eq!(
            err(json!({"allow": []})),
            "`allow` needs at least one pattern"
        );
        assert!(err(json!({"allow": ["("]})).starts_with("`allow` is not a valid"));
    }
}
