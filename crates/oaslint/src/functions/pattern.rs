use super::{print_value, Context, Input, NativeFunction, Outcome};
use crate::js_regex::JsPattern;
use serde::Deserialize;

/// The options of [`Pattern`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    /// The value must match this JavaScript regular expression.
    #[serde(rename = "match")]
    must_match: Option<String>,
    /// The value must not match this JavaScript regular expression.
    not_match: Option<String>,
}

crate::declare_function! {
    /// A string must (not) match a regular expression.
    ///
    /// # What it does
    ///
    /// Tests a string value or a key against `match` (reported when it does
    /// not match) and/or `notMatch` (reported when it matches). Both use
    /// JavaScript (ECMAScript) regular expression syntax, so lookarounds and
    /// backreferences work. A pattern matches anywhere in the string unless it
    /// is anchored with `^`/`$`. Values that are not strings (numbers, objects,
    /// `null`, undefined) are skipped.
    ///
    /// A pattern is either the bare expression (`^x-`) or a JavaScript regex
    /// literal with flags (`/^x-/i`). Flags: `i` (ignore case), `m` (multiline),
    /// `s` (dot matches newlines), `u`/`v` (Unicode), `y` (sticky: the match must
    /// start at the beginning), and `g`/`d`, which change nothing here.
    ///
    /// # Why
    ///
    /// Enforces naming and formatting conventions a schema cannot express in
    /// one place: path segments in kebab-case, no `X-` header names, version
    /// strings of one shape.
    ///
    /// # Options
    ///
    /// - `match` (string, optional): the value must match it.
    /// - `notMatch` (string, optional): the value must not match it.
    ///
    /// At least one of the two is required. Both are compiled when the ruleset
    /// loads; an invalid expression or flag is a ruleset error naming the option.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   no-x-headers:
    ///     description: Header names must not start with `X-`.
    ///     given: $..parameters[?(@.in === 'header')].name
    ///     then:
    ///       function: pattern
    ///       functionOptions:
    ///         notMatch: /^x-/i
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - {name: X-Request-Id, in: header, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - {name: Request-Id, in: header, schema: {type: string}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// - Messages are Spectral's: `"get_pet" must match the pattern
    ///   "^[a-z]+$"` (for a key, the value under it is printed, as
    ///   Spectral does: `Object{} must not match the pattern "\\{"`).
    /// - Regular expressions are checked when the ruleset loads instead of
    ///   failing when the rule first runs.
    /// - No evaluation runs unbounded: patterns without lookaround or
    ///   backreferences run on a linear-time engine, the others with a limit
    ///   on backtracking steps; an evaluation that reaches it is reported as
    ///   an error naming the rule and the pattern's place in the ruleset.
    /// - Matching runs on Unicode scalar values, as JavaScript does with the
    ///   `u` flag; without `u`, JavaScript sees UTF-16 code units, which only
    ///   matters for `.` and character classes against characters outside the
    ///   Basic Multilingual Plane.
    /// - A `RegExp` object (JavaScript rulesets) has no equivalent: patterns are
    ///   strings.
    #[function("pattern")]
    pub(crate) struct Pattern {
        must_match: Option<JsRegex>,
        not_match: Option<JsRegex>,
    }
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

impl NativeFunction for Pattern {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        if o.must_match.is_none() && o.not_match.is_none() {
            return Err(
                "`pattern` needs at least one of the options `match` and `notMatch`".into(),
            );
        }
        Ok(Pattern {
            must_match: o
                .must_match
                .map(|s| JsRegex::compile("match", &s))
                .transpose()?,
            not_match: o
                .not_match
                .map(|s| JsRegex::compile("notMatch", &s))
                .transpose()?,
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        let Some(text) = input.as_str() else {
            return;
        };
        if let Some(re) = &self.must_match {
            if !re.is_match(text) {
                out.push(Outcome::new(format!(
                    "#{{{{print(\"value\")}}}} must match the pattern {}",
                    print_value(&serde_json::Value::String(re.source.clone()))
                )));
            }
        }
        if let Some(re) = &self.not_match {
            if re.is_match(text) {
                out.push(Outcome::new(format!(
                    "#{{{{print(\"value\")}}}} must not match the pattern {}",
                    print_value(&serde_json::Value::String(re.source.clone()))
                )));
            }
        }
    }
}
