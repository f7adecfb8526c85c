//! `casing`: a string must follow a naming convention.
//!
//! # What it does
//!
//! Checks a string value or a key against one casing type. Letters are
//! ASCII only. Digits are allowed anywhere after the first character unless
//! `disallowDigits` is set; the first character is always a letter.
//!
//! | type   | passes           | fails                     |
//! |--------|------------------|---------------------------|
//! | flat   | `verylongname`   | `veryLong`, `very_long`   |
//! | camel  | `veryLongName`   | `VeryLong`, `veryLONG`    |
//! | pascal | `VeryLongName`   | `veryLong`, `VeryLONG`    |
//! | kebab  | `very-long-name` | `very--long`, `-very`     |
//! | cobol  | `VERY-LONG-NAME` | `Very-Long`               |
//! | snake  | `very_long_name` | `very__long`, `very_`     |
//! | macro  | `VERY_LONG_NAME` | `VERY_long`               |
//!
//! camel and pascal allow an uppercase letter only when it is not followed
//! by another uppercase letter (`userId` passes, `userID` fails), except
//! that pascal's first two letters may both be uppercase (`ABc`, `AB`).
//!
//! With `separator`, the value is words of the chosen casing joined by the
//! separator character (`X-Rate-Limit` is pascal with separator `-`), and
//! with `allowLeading` it may start with one separator (`/users`, and the
//! separator alone). Values that are not strings, and the empty string, are
//! skipped.
//!
//! # Options
//!
//! - `type` (string, required): `flat`, `camel`, `pascal`, `kebab`,
//!   `cobol`, `snake` or `macro`.
//! - `disallowDigits` (boolean, default `false`): digits make the value fail.
//! - `separator` (object, optional):
//!   - `char` (string, required): exactly one character between words.
//!   - `allowLeading` (boolean, default `false`): the value may start with it.
//!
//! # Example
//!
//! ```yaml
//! header-names-pascal:
//!   description: Header names must be Pascal-Case with hyphens.
//!   given: $..parameters[?(@.in === 'header')].name
//!   then:
//!     function: casing
//!     functionOptions:
//!       type: pascal
//!       separator:
//!         char: "-"
//! ```
//!
//! # Compared with Spectral
//!
//! - With a `separator`, each word is checked on its own. Spectral applies
//!   camel/pascal's "an uppercase letter at the end" allowance only at the
//!   end of the whole value, so it rejects `X-ID-Token` but accepts
//!   `X-Token-ID`; oaslint accepts both.
//! - `separator.char` must be exactly one character; Spectral also accepts
//!   the empty string (which then matches nothing).
//! - The message is only the predicate (`must be snake case`), as Spectral's.

use super::{parse_options, Context, Input, Outcome, RuleFunction};
use serde::Deserialize;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
enum CaseType {
    Flat,
    Camel,
    Pascal,
    Kebab,
    Cobol,
    Snake,
    Macro,
}

impl CaseType {
    fn name(self) -> &'static str {
        match self {
            CaseType::Flat => "flat",
            CaseType::Camel => "camel",
            CaseType::Pascal => "pascal",
            CaseType::Kebab => "kebab",
            CaseType::Cobol => "cobol",
            CaseType::Snake => "snake",
            CaseType::Macro => "macro",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    #[serde(rename = "type")]
    case: CaseType,
    #[serde(default)]
    disallow_digits: bool,
    separator: Option<SeparatorOptions>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct SeparatorOptions {
    char: String,
    #[serde(default)]
    allow_leading: bool,
}

struct Casing {
    case: CaseType,
    digits: bool,
    separator: Option<(char, bool)>,
    message: String,
}

impl Casing {
    /// One word of the casing type, without the extra separator.
    fn word(&self, w: &[char]) -> bool {
        let digits = self.digits;
        let lower = |c: char| c.is_ascii_lowercase() || (digits && c.is_ascii_digit());
        let upper = |c: char| c.is_ascii_uppercase() || (digits && c.is_ascii_digit());
        // Segments joined by `joiner`, each non-empty, all characters
        // accepted by `class`, the first one a letter.
        let joined = |joiner: char, class: &dyn Fn(char) -> bool| {
            w.first().is_some_and(|c| c.is_ascii_alphabetic())
                && w.split(|&c| c == joiner)
                    .all(|seg| !seg.is_empty() && seg.iter().all(|&c| class(c)))
        };
        match self.case {
            CaseType::Flat => {
                w.first().is_some_and(|c| c.is_ascii_lowercase()) && w.iter().all(|&c| lower(c))
            }
            CaseType::Kebab => joined('-', &lower),
            CaseType::Snake => joined('_', &lower),
            CaseType::Cobol => joined('-', &upper),
            CaseType::Macro => joined('_', &upper),
            CaseType::Camel | CaseType::Pascal => {
                let first_ok = match self.case {
                    CaseType::Camel => w.first().is_some_and(|c| c.is_ascii_lowercase()),
                    _ => w.first().is_some_and(|c| c.is_ascii_uppercase()),
                };
                first_ok
                    && w.iter().all(|&c| lower(c) || upper(c))
                    // After the first letter, no two uppercase letters in a row.
                    && !w
                        .windows(2)
                        .skip(1)
                        .any(|p| p[0].is_ascii_uppercase() && p[1].is_ascii_uppercase())
            }
        }
    }

    /// Words joined by `sep`. The casing itself may use the same character
    /// (kebab with separator `-`), so every way of cutting at a separator is
    /// tried.
    fn words(&self, s: &[char], sep: char) -> bool {
        let inside_word = sep.is_ascii_alphanumeric()
            || match self.case {
                CaseType::Kebab | CaseType::Cobol => sep == '-',
                CaseType::Snake | CaseType::Macro => sep == '_',
                _ => false,
            };
        if !inside_word {
            return s.split(|&c| c == sep).all(|w| self.word(w));
        }
        let n = s.len();
        let mut reachable = vec![false; n + 1];
        reachable[0] = true;
        for start in 0..=n {
            if !reachable[start] || (start > 0 && s[start - 1] != sep) {
                continue;
            }
            for end in start..=n {
                if (end == n || s[end] == sep) && self.word(&s[start..end]) {
                    if end == n {
                        return true;
                    }
                    reachable[end + 1] = true;
                }
            }
        }
        false
    }

    fn matches(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        match self.separator {
            None => self.word(&chars),
            Some((sep, allow_leading)) => {
                let leading = allow_leading
                    && chars.first() == Some(&sep)
                    && (chars.len() == 1 || self.words(&chars[1..], sep));
                leading || self.words(&chars, sep)
            }
        }
    }
}

impl RuleFunction for Casing {
    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        match input.as_str() {
            Some(text) if !text.is_empty() && !self.matches(text) => {
                out.push(Outcome::new(self.message.clone()));
            }
            _ => {}
        }
    }
}

pub fn create(options: &serde_json::Value) -> Result<Box<dyn RuleFunction>, String> {
    let o: Options = parse_options(options)?;
    let separator = match o.separator {
        None => None,
        Some(s) => {
            let mut chars = s.char.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some((c, s.allow_leading)),
                _ => {
                    return Err(format!(
                        "`separator.char` must be exactly one character, not {:?}",
                        s.char
                    ))
                }
            }
        }
    };
    Ok(Box::new(Casing {
        case: o.case,
        digits: !o.disallow_digits,
        separator,
        message: format!("must be {} case", o.case.name()),
    }))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, outcome, Fail, Pass};
    use super::*;
    use serde_json::json;

    fn t(kind: &str) -> serde_json::Value {
        json!({ "type": kind })
    }

    fn pass_table() -> Vec<Pass> {
        let mut rows: Vec<Pass> = Vec::new();
        let cases: &[(&str, &[&str])] = &[
            ("flat", &["a", "verylongname", "v2", "abc123"]),
            (
                "camel",
                &[
                    "a",
                    "veryLongName",
                    "userId",
                    "aB",
                    "v2Api",
                    "fooB1C",
                    "foo1",
                ],
            ),
            (
                "pascal",
                &["A", "VeryLongName", "UserId", "AB", "ABc", "V2Api"],
            ),
            ("kebab", &["a", "very-long-name", "v2-api", "a-1"]),
            ("cobol", &["A", "VERY-LONG-NAME", "V2-API"]),
            ("snake", &["a", "very_long_name", "v2_api"]),
            ("macro", &["A", "VERY_LONG_NAME", "V2_API"]),
        ];
        for (kind, values) in cases {
            for v in *values {
                rows.push((t(kind), Some(json!(v))));
            }
        }
        rows.extend([
            (
                json!({"type": "camel", "disallowDigits": true}),
                Some(json!("userId")),
            ),
            (
                json!({"type": "pascal", "separator": {"char": "-"}}),
                Some(json!("X-Rate-Limit")),
            ),
            (
                json!({"type": "pascal", "separator": {"char": "-"}}),
                Some(json!("X-ID-Token")),
            ),
            (
                json!({"type": "kebab", "separator": {"char": "/", "allowLeading": true}}),
                Some(json!("/users/by-id")),
            ),
            (
                json!({"type": "kebab", "separator": {"char": "/", "allowLeading": true}}),
                Some(json!("/")),
            ),
            (
                json!({"type": "kebab", "separator": {"char": "-"}}),
                Some(json!("a-1")),
            ),
            (
                json!({"type": "camel", "separator": {"char": "."}}),
                Some(json!("com.example.someName")),
            ),
            // Skipped: not a string, or empty.
            (t("camel"), Some(json!(""))),
            (t("camel"), Some(json!(12))),
            (t("camel"), Some(json!(null))),
            (t("camel"), Some(json!({"A_B": 1}))),
            (t("camel"), None),
        ]);
        rows
    }

    fn fail_table() -> Vec<Fail> {
        let mut rows: Vec<Fail> = Vec::new();
        let cases: &[(&str, &[&str])] = &[
            ("flat", &["veryLong", "very_long", "1abc", "Abc", "é"]),
            (
                "camel",
                &["VeryLong", "veryLONG", "userID", "very_long", "1a", "a-b"],
            ),
            ("pascal", &["veryLong", "VeryLONG", "ABC", "Very_Long"]),
            (
                "kebab",
                &[
                    "very--long",
                    "-very",
                    "very-",
                    "Very-long",
                    "1-a",
                    "very_long",
                ],
            ),
            ("cobol", &["Very-Long", "VERY--LONG", "VERY_LONG"]),
            (
                "snake",
                &["very__long", "very_", "_very", "Very_long", "very-long"],
            ),
            ("macro", &["VERY_long", "VERY__LONG", "VERY-LONG"]),
        ];
        for (kind, values) in cases {
            for v in *values {
                rows.push((
                    t(kind),
                    Some(json!(v)),
                    vec![outcome(&format!("must be {kind} case"), &[])],
                ));
            }
        }
        rows.extend([
            (
                json!({"type": "camel", "disallowDigits": true}),
                Some(json!("user1Id")),
                vec![outcome("must be camel case", &[])],
            ),
            (
                json!({"type": "macro", "disallowDigits": true}),
                Some(json!("V2_API")),
                vec![outcome("must be macro case", &[])],
            ),
            (
                json!({"type": "pascal", "separator": {"char": "-"}}),
                Some(json!("X--Rate")),
                vec![outcome("must be pascal case", &[])],
            ),
            (
                json!({"type": "pascal", "separator": {"char": "-"}}),
                Some(json!("x-rate")),
                vec![outcome("must be pascal case", &[])],
            ),
            (
                json!({"type": "kebab", "separator": {"char": "/"}}),
                Some(json!("/users")),
                vec![outcome("must be kebab case", &[])],
            ),
            (
                json!({"type": "kebab", "separator": {"char": "/", "allowLeading": true}}),
                Some(json!("//users")),
                vec![outcome("must be kebab case", &[])],
            ),
            (
                json!({"type": "kebab", "separator": {"char": "/", "allowLeading": true}}),
                Some(json!("/users/")),
                vec![outcome("must be kebab case", &[])],
            ),
        ]);
        rows
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
        assert!(testing::run_key(create, t("snake"), "pet_id").is_empty());
        assert_eq!(
            testing::run_key(create, t("snake"), "petId"),
            vec![outcome("must be snake case", &[])]
        );
    }

    #[test]
    fn options() {
        let err = |o| testing::options_error(create, o);
        assert_eq!(err(json!(null)), "missing field `type`");
        assert_eq!(
            err(json!({"type": "train"})),
            "`type`: unknown variant `train`, expected one of `flat`, `camel`, `pascal`, `kebab`, `cobol`, `snake`, `macro`"
        );
        assert_eq!(
            err(json!({"type": "camel", "disallowDigits": "yes"})),
            "`disallowDigits`: invalid type: string \"yes\", expected a boolean"
        );
        assert_eq!(
            err(json!({"type": "camel", "separator": {"char": "--"}})),
            "`separator.char` must be exactly one character, not \"--\""
        );
        assert_eq!(
            err(json!({"type": "camel", "separator": {"char": ""}})),
            "`separator.char` must be exactly one character, not \"\""
        );
        assert!(err(json!({"type": "camel", "separator": {}})).contains("missing field `char`"));
        assert!(err(json!({"type": "camel", "case": "x"})).contains("unknown field `case`"));
    }
}
