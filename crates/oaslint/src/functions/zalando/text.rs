//! `zalandoText`: a string must be present and pass checks, each with its
//! own message.
//!
//! # What it does
//!
//! Tests a string value or a key. When the value is missing (undefined,
//! `null`, not a string, or — with `blank` — empty or only whitespace) it
//! reports `missing`. Otherwise each entry of `checks` is tried and every
//! failing one reports its `message`. This is how rules with several
//! Zally checks keep Zally's message per check (116, 143, 215, 218, 219).
//!
//! # Options
//!
//! - `missing` (string, optional): the message for a missing value.
//!   Without it a missing value is skipped.
//! - `blank` (boolean, default `false`): an empty or whitespace-only string
//!   counts as missing.
//! - `trim` (boolean, default `false`): the checks see the value without
//!   surrounding whitespace.
//! - `checks` (list, default empty): each entry has exactly one of
//!   `match` (the value must match this ECMAScript regular expression),
//!   `notMatch` (it must not match) or `values` (it must be one of these
//!   strings), and a `message`. Patterns match anywhere unless anchored,
//!   and may be written as `/…/flags`, as in `pattern`.
//!
//! Messages may use `{value}` (the value), `{pattern}` (the check's
//! pattern as written) and `{values}` (the allowed values as `[a, b]`).
//!
//! # Example
//!
//! ```yaml
//! "219":
//!   message: "{{error}}"
//!   given: $
//!   then:
//!     field: info.x-audience
//!     function: zalandoText
//!     functionOptions:
//!       missing: API Audience must be provided
//!       checks:
//!         - values: [component-internal, company-internal, external-public]
//!           message: API Audience doesn't match {values}
//! ```

use super::super::pattern::JsRegex;
use super::super::{parse_options, Context, Input, Outcome, RuleFunction};
use super::util::kotlin_list;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Options {
    missing: Option<String>,
    #[serde(default)]
    blank: bool,
    #[serde(default)]
    trim: bool,
    #[serde(default)]
    checks: Vec<CheckOptions>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct CheckOptions {
    #[serde(rename = "match")]
    must_match: Option<String>,
    not_match: Option<String>,
    values: Option<Vec<String>>,
    message: String,
}

enum Test {
    Match(JsRegex),
    NotMatch(JsRegex),
    Values(Vec<String>),
}

struct Check {
    test: Test,
    message: String,
}

struct Text {
    missing: Option<String>,
    blank: bool,
    trim: bool,
    checks: Vec<Check>,
}

fn fill(template: &str, value: &str, pattern: &str, values: &str) -> String {
    template
        .replace("{value}", value)
        .replace("{pattern}", pattern)
        .replace("{values}", values)
}

impl RuleFunction for Text {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let value = input.as_str();
        let missing = match value {
            None => true,
            Some(v) => self.blank && v.trim().is_empty(),
        };
        let Some(value) = value.filter(|_| !missing) else {
            if let Some(m) = &self.missing {
                out.push(Outcome::new(fill(m, "", "", "")));
            }
            return;
        };
        let value = if self.trim { value.trim() } else { value };
        for check in &self.checks {
            let (ok, pattern, values) = match &check.test {
                Test::Match(re) => (re.is_match(value), re.source.as_str(), String::new()),
                Test::NotMatch(re) => (!re.is_match(value), re.source.as_str(), String::new()),
                Test::Values(list) => (list.iter().any(|v| v == value), "", kotlin_list(list)),
            };
            if !ok {
                out.push(Outcome::new(fill(&check.message, value, pattern, &values)));
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    let mut checks = Vec::new();
    for (i, c) in o.checks.into_iter().enumerate() {
        let test = match (c.must_match, c.not_match, c.values) {
            (Some(m), None, None) => Test::Match(JsRegex::compile("match", &m)?),
            (None, Some(m), None) => Test::NotMatch(JsRegex::compile("notMatch", &m)?),
            (None, None, Some(v)) => Test::Values(v),
            _ => {
                return Err(format!(
                    "`checks[{i}]` needs exactly one of `match`, `notMatch` and `values`"
                ))
            }
        };
        checks.push(Check {
            test,
            message: c.message,
        });
    }
    if o.missing.is_none() && checks.is_empty() {
        return Err("`zalandoText` needs `missing`, `checks` or both".into());
    }
    Ok(Box::new(Text {
        missing: o.missing,
        blank: o.blank,
        trim: o.trim,
        checks,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn version() -> serde_json::Value {
        json!({"missing": "version is missing", "trim": true, "checks": [
            {"match": "^[0-9]+\\.[0-9]+(\\.[0-9]+)?$", "message": "incorrect format"}]})
    }

    fn audience() -> serde_json::Value {
        json!({"missing": "must be provided", "checks": [
            {"values": ["a-b", "c"], "message": "{value} doesn't match {values}"}]})
    }

    fn pass_table() -> Vec<Pass> {
        vec![
            (version(), Some(json!("1.2.3"))),
            (version(), Some(json!(" 1.2 "))),
            (audience(), Some(json!("c"))),
            (json!({"missing": "m", "blank": true}), Some(json!("x"))),
            // Without `missing`, a missing value is skipped.
            (
                json!({"checks": [{"notMatch": "//", "message": "m"}]}),
                None,
            ),
            (
                json!({"checks": [{"notMatch": "//", "message": "m"}]}),
                Some(json!(3)),
            ),
            (
                json!({"checks": [{"notMatch": "//", "message": "m"}]}),
                Some(json!("/a/b")),
            ),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (version(), None, vec![outcome("version is missing", &[])]),
            (
                version(),
                Some(json!(null)),
                vec![outcome("version is missing", &[])],
            ),
            (
                version(),
                Some(json!(1.5)),
                vec![outcome("version is missing", &[])],
            ),
            (
                version(),
                Some(json!("v1")),
                vec![outcome("incorrect format", &[])],
            ),
            (
                version(),
                Some(json!("1x2")),
                vec![outcome("incorrect format", &[])],
            ),
            // Without `blank`, an empty string is checked, not missing.
            (
                version(),
                Some(json!("")),
                vec![outcome("incorrect format", &[])],
            ),
            (
                json!({"missing": "Title has to be provided", "blank": true}),
                Some(json!("  ")),
                vec![outcome("Title has to be provided", &[])],
            ),
            (
                audience(),
                Some(json!("x")),
                vec![outcome("x doesn't match [a-b, c]", &[])],
            ),
            (
                json!({"missing": "m", "checks": [{"match": "^[a-z]{2}$", "message": "doesn't match the pattern {pattern}"}]}),
                Some(json!("abc")),
                vec![outcome("doesn't match the pattern ^[a-z]{2}$", &[])],
            ),
            (
                json!({"checks": [
                    {"notMatch": "^/$", "message": "start with a resource"},
                    {"notMatch": "/[^/{]+\\{", "message": "no prefix"},
                    {"notMatch": "/x", "message": "no x"}]}),
                Some(json!("/a{b}/x")),
                vec![outcome("no prefix", &[]), outcome("no x", &[])],
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
        let o = json!({"checks": [{"notMatch": "/$", "message": "{value} ends with /"}]});
        assert!(testing::run_key(create, o.clone(), "/a").is_empty());
        assert_eq!(
            testing::run_key(create, o, "/a/"),
            vec![outcome("/a/ ends with /", &[])]
        );
    }

    #[test]
    fn options() {
        let err = |o| testing::options_error(create, o);
        assert_eq!(
            err(json!({})),
            "`zalandoText` needs `missing`, `checks` or both"
        );
        assert_eq!(
            err(json!({"checks": [{"match": "a", "values": [], "message": "m"}]})),
            "`checks[0]` needs exactly one of `match`, `notMatch` and `values`"
        );
        assert!(err(json!({"checks": [{"match": "(", "message": "m"}]}))
            .starts_with("`match` is not a valid regular expression"));
        assert!(err(json!({"missing": "m", "extra": 1})).contains("unknown field `extra`"));
    }
}
