//! `pattern`: a string must (not) match a regular expression.
//!
//! # What it does
//!
//! Tests a string value or a key against `match` (reported when it does
//! not match) and/or `notMatch` (reported when it matches). Both use
//! JavaScript (ECMAScript) regular expression syntax, so lookarounds and
//! backreferences work. A pattern matches anywhere in the string unless it
//! is anchored with `^`/`$`. Values that are not strings (numbers, objects,
//! `null`, undefined) are skipped.
//!
//! A pattern is either the bare expression (`^x-`) or a JavaScript regex
//! literal with flags (`/^x-/i`). Flags: `i` (ignore case), `m` (multiline),
//! `s` (dot matches newlines), `u`/`v` (Unicode), `y` (sticky: the match must
//! start at the beginning), and `g`/`d`, which change nothing here.
//!
//! # Options
//!
//! - `match` (string, optional): the value must match it.
//! - `notMatch` (string, optional): the value must not match it.
//!
//! At least one of the two is required. Both are compiled when the ruleset
//! loads; an invalid expression or flag is a ruleset error naming the option.
//!
//! # Example
//!
//! ```yaml
//! no-x-headers:
//!   description: Header names must not start with `X-`.
//!   given: $..parameters[?(@.in === 'header')].name
//!   then:
//!     function: pattern
//!     functionOptions:
//!       notMatch: /^x-/i
//! ```
//!
//! # Compared with Spectral
//!
//! - Messages quote the pattern as written in single quotes
//!   (`must match the pattern '^[a-z]+$'`) and do not repeat the value;
//!   Spectral writes `"value" must match the pattern "^[a-z]+$"`.
//! - Regular expressions are checked when the ruleset loads instead of
//!   failing when the rule first runs.
//! - No evaluation runs unbounded: patterns without lookaround or
//!   backreferences run on a linear-time engine, the others with a limit
//!   on backtracking steps; an evaluation that reaches it is reported as
//!   an error naming the rule and the pattern's place in the ruleset.
//! - Matching runs on Unicode scalar values, as JavaScript does with the
//!   `u` flag; without `u`, JavaScript sees UTF-16 code units, which only
//!   matters for `.` and character classes against characters outside the
//!   Basic Multilingual Plane.
//! - A `RegExp` object (JavaScript rulesets) has no equivalent: patterns are
//!   strings.

use super::{parse_options, Context, Input, Outcome, RuleFunction};
use crate::js_regex::JsPattern;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    #[serde(rename = "match")]
    must_match: Option<String>,
    not_match: Option<String>,
}

/// A compiled JavaScript regular expression.
pub(crate) struct JsRegex {
    /// The option as written (`/^x-/i` or `^x-`).
    pub source: String,
    regex: JsPattern,
    /// The `y` flag: only a match at the start counts.
    sticky: bool,
}

impl JsRegex {
    /// Compiles `source`, a bare expression or a `/expression/flags`
    /// literal. `option` names the option in errors.
    pub fn compile(option: &str, source: &str) -> Result<JsRegex, String> {
        let (body, flags) = split_literal(source).unwrap_or((source, ""));
        let mut seen = String::new();
        for c in flags.chars() {
            if !"dgimsuvy".contains(c) {
                return Err(format!(
                    "`{option}`: unknown regular expression flag '{c}' in '{source}' (allowed: d, g, i, m, s, u, v, y)"
                ));
            }
            if seen.contains(c) {
                return Err(format!(
                    "`{option}`: regular expression flag '{c}' is repeated in '{source}'"
                ));
            }
            seen.push(c);
        }
        if seen.contains('u') && seen.contains('v') {
            return Err(format!(
                "`{option}`: regular expression flags 'u' and 'v' cannot be combined in '{source}'"
            ));
        }
        let regex = JsPattern::new(body, flags).map_err(|e| {
            format!("`{option}` is not a valid regular expression: '{source}': {e}")
        })?;
        Ok(JsRegex {
            source: source.to_string(),
            regex,
            sticky: seen.contains('y'),
        })
    }

    /// Whether the expression matches `text`. An evaluation cut off by the
    /// step limit counts as no match and is logged for the engine, which
    /// drops the rule's outcomes for this input and reports an error
    /// ([`crate::js_regex`]).
    pub fn is_match(&self, text: &str) -> bool {
        if self.sticky {
            self.regex.find(text).is_some_and(|m| m.start == 0)
        } else {
            self.regex.is_match(text)
        }
    }
}

/// Splits `/body/flags` when `source` has that shape: it starts with `/`,
/// its last `/` is followed only by lowercase letters, the body between is
/// not empty and has no line break.
fn split_literal(source: &str) -> Option<(&str, &str)> {
    let rest = source.strip_prefix('/')?;
    let last = rest.rfind('/')?;
    let (body, flags) = (&rest[..last], &rest[last + 1..]);
    let ok = !body.is_empty()
        && !body.contains(['\n', '\r', '\u{2028}', '\u{2029}'])
        && flags.chars().all(|c| c.is_ascii_lowercase());
    ok.then_some((body, flags))
}

struct Pattern {
    must_match: Option<JsRegex>,
    not_match: Option<JsRegex>,
}

impl RuleFunction for Pattern {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(text) = input.as_str() else {
            return;
        };
        if let Some(re) = &self.must_match {
            if !re.is_match(text) {
                out.push(Outcome::new(format!(
                    "must match the pattern '{}'",
                    re.source
                )));
            }
        }
        if let Some(re) = &self.not_match {
            if re.is_match(text) {
                out.push(Outcome::new(format!(
                    "must not match the pattern '{}'",
                    re.source
                )));
            }
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    if o.must_match.is_none() && o.not_match.is_none() {
        return Err("`pattern` needs at least one of the options `match` and `notMatch`".into());
    }
    Ok(Box::new(Pattern {
        must_match: o
            .must_match
            .map(|s| JsRegex::compile("match", &s))
            .transpose()?,
        not_match: o
            .not_match
            .map(|s| JsRegex::compile("notMatch", &s))
            .transpose()?,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn pass_table() -> Vec<Pass> {
        vec![
            (json!({"match": "^[a-z]+$"}), Some(json!("abc"))),
            (json!({"match": "b"}), Some(json!("abc"))),
            (json!({"match": "/^ABC$/i"}), Some(json!("abc"))),
            (json!({"match": "/^b$/m"}), Some(json!("a\nb\nc"))),
            (json!({"match": "/a.c/s"}), Some(json!("a\nc"))),
            (json!({"match": "/a/y"}), Some(json!("abc"))),
            (json!({"match": "/a/g"}), Some(json!("cba"))),
            (json!({"notMatch": "^x-"}), Some(json!("y-foo"))),
            (json!({"notMatch": "/^x-/i"}), Some(json!("foo-X-"))),
            // Lookahead and backreference (JavaScript syntax).
            (json!({"match": "^(?!x-).+$"}), Some(json!("foo"))),
            (json!({"match": "^(a)\\1$"}), Some(json!("aa"))),
            // Not a literal: no closing slash, or an empty body.
            (json!({"match": "/usr"}), Some(json!("/usr/bin"))),
            (json!({"match": "//"}), Some(json!("a//b"))),
            (
                json!({"match": "^[a-z]+$", "notMatch": "^(get|set)"}),
                Some(json!("pets")),
            ),
            // Only strings are checked.
            (json!({"match": "^a$"}), Some(json!(1))),
            (json!({"match": "^a$"}), Some(json!(null))),
            (json!({"match": "^a$"}), Some(json!({"a": 1}))),
            (json!({"match": "^a$"}), None),
        ]
    }

    fn fail_table() -> Vec<Fail> {
        vec![
            (
                json!({"match": "^[a-z]+$"}),
                Some(json!("aBc")),
                vec![outcome("must match the pattern '^[a-z]+$'", &[])],
            ),
            (
                json!({"match": "/^abc$/"}),
                Some(json!("ABC")),
                vec![outcome("must match the pattern '/^abc$/'", &[])],
            ),
            (
                json!({"match": "/b/y"}),
                Some(json!("abc")),
                vec![outcome("must match the pattern '/b/y'", &[])],
            ),
            (
                json!({"notMatch": "/^x-/i"}),
                Some(json!("X-Rate-Limit")),
                vec![outcome("must not match the pattern '/^x-/i'", &[])],
            ),
            (
                json!({"notMatch": "eval\\("}),
                Some(json!("run eval(x)")),
                vec![outcome("must not match the pattern 'eval\\('", &[])],
            ),
            (
                json!({"match": "^[a-z]+$", "notMatch": "[0-9]"}),
                Some(json!("A1")),
                vec![
                    outcome("must match the pattern '^[a-z]+$'", &[]),
                    outcome("must not match the pattern '[0-9]'", &[]),
                ],
            ),
            (
                json!({"match": "^(?!x-)"}),
                Some(json!("x-foo")),
                vec![outcome("must match the pattern '^(?!x-)'", &[])],
            ),
            (
                json!({"match": "^$"}),
                Some(json!("é")),
                vec![outcome("must match the pattern '^$'", &[])],
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
        let opts = json!({"notMatch": "/$"});
        assert!(testing::run_key(create, opts.clone(), "/pets").is_empty());
        assert_eq!(
            testing::run_key(create, opts, "/pets/"),
            vec![outcome("must not match the pattern '/$'", &[])]
        );
    }

    #[test]
    fn options() {
        let err = |o| testing::options_error(create, o);
        assert_eq!(
            err(json!(null)),
            "`pattern` needs at least one of the options `match` and `notMatch`"
        );
        assert_eq!(
            err(json!({})),
            "`pattern` needs at least one of the options `match` and `notMatch`"
        );
        assert!(err(json!({"match": "a", "flags": "i"})).contains("unknown field `flags`"));
        assert_eq!(
            err(json!({"match": 5})),
            "`match`: invalid type: integer `5`, expected a string"
        );
        assert!(err(json!({"match": "("}))
            .starts_with("`match` is not a valid regular expression: '('"));
        assert!(err(json!({"notMatch": "[a"}))
            .starts_with("`notMatch` is not a valid regular expression"));
        assert_eq!(
            err(json!({"match": "/a/x"})),
            "`match`: unknown regular expression flag 'x' in '/a/x' (allowed: d, g, i, m, s, u, v, y)"
        );
        assert_eq!(
            err(json!({"match": "/a/ii"})),
            "`match`: regular expression flag 'i' is repeated in '/a/ii'"
        );
        assert!(err(json!({"match": "/a/uv"})).contains("cannot be combined"));
    }
}
