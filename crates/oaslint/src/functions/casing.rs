use super::{Context, Input, NativeFunction, Outcome};
use serde::Deserialize;

/// A casing type (`type`).
#[derive(Deserialize, schemars::JsonSchema, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub(crate) enum CaseType {
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

/// The options of [`Casing`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct Options {
    /// The casing type.
    #[serde(rename = "type")]
    case: CaseType,
    /// Digits make the value fail.
    #[serde(default)]
    disallow_digits: bool,
    /// Words of the casing type joined by a separator character.
    separator: Option<SeparatorOptions>,
}

/// The `separator` option.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct SeparatorOptions {
    /// The character between words (one, or none: the empty string).
    char: String,
    /// The value may start with the separator.
    #[serde(default)]
    allow_leading: bool,
}

crate::declare_function! {
    /// A string must follow a naming convention.
    ///
    /// # What it does
    ///
    /// Checks a string value or a key against one casing type. Letters are
    /// ASCII only. Digits are allowed anywhere after the first character unless
    /// `disallowDigits` is set; the first character is always a letter.
    ///
    /// | type   | passes           | fails                     |
    /// |--------|------------------|---------------------------|
    /// | flat   | `verylongname`   | `veryLong`, `very_long`   |
    /// | camel  | `veryLongName`   | `VeryLong`, `veryLONG`    |
    /// | pascal | `VeryLongName`   | `veryLong`, `VeryLONG`    |
    /// | kebab  | `very-long-name` | `very--long`, `-very`     |
    /// | cobol  | `VERY-LONG-NAME` | `Very-Long`               |
    /// | snake  | `very_long_name` | `very__long`, `very_`     |
    /// | macro  | `VERY_LONG_NAME` | `VERY_long`               |
    ///
    /// camel and pascal allow an uppercase letter only when it is not followed
    /// by another uppercase letter (`userId` passes, `userID` fails), except
    /// that pascal's first two letters may both be uppercase (`ABc`, `AB`).
    ///
    /// With `separator`, the value is words of the chosen casing joined by the
    /// separator character (`X-Rate-Limit` is pascal with separator `-`), and
    /// with `allowLeading` it may start with one separator (`/users`, and the
    /// separator alone). Values that are not strings, and the empty string, are
    /// skipped.
    ///
    /// # Why
    ///
    /// One naming convention across an API makes names predictable for its
    /// users and for generated client code: `userId` in one schema and
    /// `user_id` in the next is a source of bugs.
    ///
    /// # Options
    ///
    /// - `type` (string, required): `flat`, `camel`, `pascal`, `kebab`,
    ///   `cobol`, `snake` or `macro`.
    /// - `disallowDigits` (boolean, default `false`): digits make the value fail.
    /// - `separator` (object, optional):
    ///   - `char` (string, required): the character between words (one, or empty).
    ///   - `allowLeading` (boolean, default `false`): the value may start with it.
    ///
    /// # Example
    ///
    /// ```yaml ruleset
    /// rules:
    ///   header-names-pascal:
    ///     description: Header names must be Pascal-Case with hyphens.
    ///     given: $..parameters[?(@.in === 'header')].name
    ///     then:
    ///       function: casing
    ///       functionOptions:
    ///         type: pascal
    ///         separator:
    ///           char: "-"
    /// ```
    ///
    /// ```yaml fail
    /// openapi: 3.0.3
    /// info: {title: Pets, version: v1}
    /// paths:
    ///   /pets:
    ///     get:
    ///       parameters:
    ///         - {name: x-rate-limit, in: header, schema: {type: integer}}
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
    ///         - {name: X-Rate-Limit, in: header, schema: {type: integer}}
    ///       responses: {'200': {description: OK}}
    /// ```
    ///
    /// # Compared with Spectral
    ///
    /// - With a `separator`, each word is checked on its own. Spectral applies
    ///   camel/pascal's "an uppercase letter at the end" allowance only at the
    ///   end of the whole value, so it rejects `X-ID-Token` but accepts
    ///   `X-Token-ID`; oaslint accepts both.
    /// - `separator.char` may be empty, as in Spectral: it then separates
    ///   nothing (the same as no `separator`).
    /// - The message is only the predicate (`must be snake case`), as Spectral's.
    #[function("casing")]
    pub(crate) struct Casing {
        case: CaseType,
        digits: bool,
        separator: Option<(char, bool)>,
        message: String,
    }
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

impl NativeFunction for Casing {
    type Options = Options;

    fn new(o: Options) -> Result<Self, String> {
        let separator = match o.separator {
            None => None,
            Some(s) => {
                let mut chars = s.char.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some((c, s.allow_leading)),
                    // Spectral accepts an empty `char`, which separates
                    // nothing: the same as no separator.
                    (None, _) => None,
                    _ => {
                        return Err(format!(
                            "`separator.char` must be one character (or empty), not {:?}",
                            s.char
                        ))
                    }
                }
            }
        };
        Ok(Casing {
            case: o.case,
            digits: !o.disallow_digits,
            separator,
            message: format!("must be {} case", o.case.name()),
        })
    }

    fn check(&self, input: Input<'_>, _ctx: &Context<'_>, out: &mut Vec<Outcome>) {
        match input.as_str() {
            Some(text) if !text.is_empty() && !self.matches(text) => {
                out.push(Outcome::new(self.message.clone()));
            }
            _ => {}
        }
    }
}
