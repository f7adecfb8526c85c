use super::super::pattern::JsRegex;
use super::super::{Context, Input, NativeFunction, Outcome};
use crate::functions::oas::zally::kotlin_list;
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    missing: Option<String>,
    #[serde(default)]
    blank: bool,
    #[serde(default)]
    trim: bool,
    #[serde(default)]
    checks: Vec<CheckOptions>,
}

#[derive(Deserialize, schemars::JsonSchema)]
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

crate::declare_function! {
    /// A string must be present and pass checks, each with its
    /// own message.
    ///
    /// # What it does
    ///
    /// Tests a string value or a key. When the value is missing (undefined,
    /// `null`, not a string, or — with `blank` — empty or only whitespace) it
    /// reports `missing`. Otherwise each entry of `checks` is tried and every
    /// failing one reports its `message`. This is how rules with several
    /// Zally checks keep Zally's message per check (116, 143, 215, 218, 219).
    ///
    /// # Why
    ///
    /// Several guideline rules are a string check on one member — present, not
    /// blank, matching a pattern or one of a list; one function with the
    /// messages as options writes each of them as data instead of code.
    ///
    /// # Options
    ///
    /// - `missing` (string, optional): the message for a missing value.
    ///   Without it a missing value is skipped.
    /// - `blank` (boolean, default `false`): an empty or whitespace-only string
    ///   counts as missing.
    /// - `trim` (boolean, default `false`): the checks see the value without
    ///   surrounding whitespace.
    /// - `checks` (list, default empty): each entry has exactly one of
    ///   `match` (the value must match this ECMAScript regular expression),
    ///   `notMatch` (it must not match) or `values` (it must be one of these
    ///   strings), and a `message`. Patterns match anywhere unless anchored,
    ///   and may be written as `/…/flags`, as in `pattern`.
    ///
    /// Messages may use `{value}` (the value), `{pattern}` (the check's
    /// pattern as written) and `{values}` (the allowed values as `[a, b]`).
    ///
    /// For example, rule 218's check of `info.version`: `functionOptions:
    /// {missing: Version has to be provided, blank: true, checks: [{match:
    /// '^[0-9]+\.[0-9]+(\.[0-9]+)?$', message: Version has to follow the
    /// Semver rules}]}`.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   "219":
    ///     title: Provide API audience
    ///     description: >-
    ///       `info.x-audience` must name the API's intended audience:
    ///       component-internal, business-unit-internal, company-internal,
    ///       external-partner or external-public.
    ///     message: "{{error}}"
    ///     severity: must
    ///     given: $
    ///     then:
    ///       field: info.x-audience
    ///       function: zalandoText
    ///       functionOptions:
    ///         missing: API Audience must be provided
    ///         checks:
    ///           - values:
    ///               - component-internal
    ///               - business-unit-internal
    ///               - company-internal
    ///               - external-partner
    ///               - external-public
    ///             message: API Audience doesn't match {values}
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0}
    /// paths: {}
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0, x-audience: everyone}
    /// paths: {}
    /// ```
    ///
    /// ```yaml pass
    /// openapi: 3.0.3
    /// info: {title: Orders, version: 1.0.0, x-audience: company-internal}
    /// paths: {}
    /// ```
    #[function("zalandoText")]
    pub(crate) struct Text {
        missing: Option<String>,
        blank: bool,
        trim: bool,
        checks: Vec<Check>,
    }
}

fn fill(template: &str, value: &str, pattern: &str, values: &str) -> String {
    template
        .replace("{value}", value)
        .replace("{pattern}", pattern)
        .replace("{values}", values)
}

impl NativeFunction for Text {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
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
        Ok(Text {
            missing: o.missing,
            blank: o.blank,
            trim: o.trim,
            checks,
        })
    }

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
