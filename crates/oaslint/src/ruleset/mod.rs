//! Rulesets: format v1, a superset of Spectral's ruleset format.
//!
//! A ruleset is a YAML or JSON file with `name`, `version`, `description`,
//! `documentationUrl`, `extends`, `formats`, `aliases`, `rules`,
//! `overrides`, `parserOptions`, `files` and `ignore` ([`RULESET_KEYS`]).
//! Loading parses it with the same parser as specs (so every error names
//! `file:line:col`, with a "did you mean" for a misspelt name), validates
//! every key, compiles every `given` JSONPath, regex, glob and function
//! option once, and merges it over the rulesets it extends. The format is
//! described in `docs/rulesets.md`; its JSON Schema is
//! `rulesets/ruleset.schema.json`.
//!
//! A loaded [`Ruleset`] is named after the loaded file when it has a
//! `name` and a `version`, else after the nearest ruleset of its
//! [`Ruleset::chain`] that has them: a `.oaslint.yaml` that only extends
//! a company ruleset reports that ruleset's name and version.

mod aliases;
mod builtin;
mod extends;
mod load;
mod overrides;
mod reader;
mod rule;
mod schema_refs;
pub(crate) mod script_functions;
mod suggest;

pub use builtin::BUILTIN_RULESETS;
pub use load::{sort_rule_ids, RulesetLoader};
pub use overrides::{
    lexical_path, Override, OverrideSetting, BUILTIN_RULE_IDS, OVERRIDE_ENTRY_KEYS,
};
pub(crate) use overrides::{FilePaths, Scopes};
pub use reader::RULESET_KEYS;
pub use rule::{RULE_KEYS, RULE_OVERRIDE_KEYS};

use crate::functions::Function;
use crate::jsonpath::JsonPath;
use crate::severity::{RuleSeverity, Severity};
use std::sync::Arc;

/// A loaded, validated, merged ruleset, ready to lint with.
#[derive(Clone)]
pub struct Ruleset {
    /// The ruleset's name (its file's `name`, else the file name).
    pub name: String,
    /// The ruleset's version.
    pub version: String,
    /// What the ruleset is for.
    pub description: Option<String>,
    /// Base URL of the guideline; a rule's link is this plus `#<rule id>`
    /// unless the rule has its own `documentationUrl`.
    pub documentation_url: Option<String>,
    /// Rules in the order they were defined (inherited ones first).
    pub rules: Vec<Rule>,
    /// Severity of the built-in `duplicate-key` finding (from
    /// `parserOptions.duplicateKeys`).
    pub duplicate_keys: RuleSeverity,
    /// Severity of the built-in `remote-ref` finding.
    pub remote_refs: RuleSeverity,
    /// The rulesets this one is made of, the loaded file first, then what
    /// it extends (depth first, in `extends` order). A built-in ruleset is
    /// one entry (`file: None`), not one per file it is made of.
    pub chain: Vec<RulesetRef>,
    /// `files`: globs of the documents to lint when the command line names
    /// none (relative to the ruleset file's folder).
    pub files: Vec<String>,
    /// `ignore`: globs of files never linted (relative to the ruleset
    /// file's folder).
    pub ignore: Vec<String>,
    /// `overrides`, those of the extended rulesets first.
    pub(crate) overrides: Vec<Override>,
    /// Notes about what the ruleset files say that was accepted but does
    /// not apply as written (a key Spectral ignores, a rule only for
    /// AsyncAPI documents, an extended ruleset for other formats), each
    /// located in its file; those of extended rulesets first. A command
    /// line shows them as warnings.
    pub warnings: Vec<crate::Error>,
}

impl Ruleset {
    /// The entries of `overrides` in the order they apply: those of the
    /// extended rulesets first (depth first, in `extends` order), then the
    /// loaded file's; a later entry wins over an earlier one.
    pub fn overrides(&self) -> &[Override] {
        &self.overrides
    }

    /// The severity of `rule` in a document at `path` (relative to the
    /// folder of each override's ruleset file, as
    /// [`Linter::with_file_paths`](crate::Linter::with_file_paths) computes
    /// it), counting only overrides that cover the whole document; `None`
    /// for an id the ruleset does not know. Overrides of a part of a
    /// document (`glob#/pointer`) are in [`Ruleset::overrides`].
    pub fn severity_in(
        &self,
        rule: &str,
        path: &dyn Fn(&str) -> Option<String>,
    ) -> Option<RuleSeverity> {
        let (mut severity, declared) = match rule {
            crate::listing::DUPLICATE_KEY_RULE => (
                self.duplicate_keys,
                RuleSeverity::On(self.duplicate_keys.level().unwrap_or(Severity::Must)),
            ),
            crate::listing::REMOTE_REF_RULE => (
                self.remote_refs,
                RuleSeverity::On(self.remote_refs.level().unwrap_or(Severity::Hint)),
            ),
            _ => {
                let r = self.rules.iter().find(|r| r.id == rule)?;
                (r.severity, r.declared)
            }
        };
        for o in &self.overrides {
            let Some(setting) = o
                .rules()
                .iter()
                .rev()
                .find(|(id, _)| id == rule)
                .map(|(_, s)| *s)
            else {
                continue;
            };
            let Some(p) = path(o.ruleset_file()) else {
                continue;
            };
            if !o
                .parts_of(&crate::workspace::normalize_path(&p))
                .contains(&None)
            {
                continue;
            }
            severity = match setting {
                OverrideSetting::Off => RuleSeverity::Off,
                OverrideSetting::On => declared,
                OverrideSetting::Severity(s) => RuleSeverity::On(s),
            };
        }
        Some(severity)
    }
}

/// One ruleset of a [`Ruleset::chain`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesetRef {
    /// Its `name`, if it has one.
    pub name: Option<String>,
    /// Its `version`, if it has one.
    pub version: Option<String>,
    /// The file it was read from (`None` for a built-in ruleset).
    pub file: Option<String>,
}

impl std::fmt::Debug for Ruleset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ruleset")
            .field("name", &self.name)
            .field("version", &self.version)
            .field(
                "rules",
                &self.rules.iter().map(|r| &r.id).collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// One rule: where to look (`given`), what to check (`then`), how bad a
/// finding is (`severity`).
#[derive(Clone)]
pub struct Rule {
    /// The rule's key in `rules` (for Zalando rules the guideline number).
    pub id: String,
    /// A short title (`title`, else the first line of `description`).
    pub title: String,
    /// What the rule checks and why.
    pub description: Option<String>,
    /// Message template with `{{error}}`, `{{property}}`, `{{value}}`,
    /// `{{path}}`, `{{description}}` placeholders.
    pub message: Option<String>,
    /// Effective severity; `Off` rules are kept (for `oaslint rules`) but
    /// never run (unless an override switches them on somewhere).
    pub severity: RuleSeverity,
    /// The severity the rule was declared with (what `true` switches it
    /// back on at, after an `extends` mode switched it off).
    pub(crate) declared: RuleSeverity,
    /// Where to look: JSONPaths into the document.
    pub(crate) given: Vec<JsonPath>,
    /// Where to look in a document of each format, when `given` uses an
    /// alias with per-format `targets` (empty otherwise: `given` applies).
    pub(crate) given_by_format: Vec<(crate::document::SpecFormat, Vec<JsonPath>)>,
    /// What to check at each match.
    pub(crate) then: Vec<Then>,
    /// Spectral format names (`oas2`, `oas3`, `oas3_0`, `oas3_1`); empty
    /// means every format.
    pub formats: Vec<String>,
    /// Whether `given` and `then` see `$ref`s followed (default) or raw.
    pub resolved: bool,
    /// Link to the guideline text.
    pub link: Option<String>,
    /// The rule's tags.
    pub tags: Vec<String>,
    /// Whether the rule is on in the `recommended` set.
    pub recommended: bool,
}

impl Rule {
    /// The names of the functions the rule's `then` entries call, in order.
    pub fn functions(&self) -> impl Iterator<Item = &str> {
        self.then.iter().map(|t| t.function_name.as_str())
    }

    /// The severity findings get unless a function reports its own.
    pub fn level(&self) -> Option<Severity> {
        self.severity.level()
    }

    /// Where the rule looks in a document of `format` (its `given`, with
    /// aliases scoped by format expanded for it).
    pub(crate) fn given_for(&self, format: crate::document::SpecFormat) -> &[JsonPath] {
        match self.given_by_format.iter().find(|(f, _)| *f == format) {
            Some((_, given)) => given,
            None => &self.given,
        }
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.id)
            .field("severity", &self.severity)
            .field(
                "given",
                &self.given.iter().map(|g| g.source()).collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// What a `then` entry selects below each `given` match.
#[derive(Clone, Debug)]
pub enum Field {
    /// `@key`: each key of the matched object.
    Keys,
    /// A lodash-style path (`info.contact`, `a[0].b`), split into segments.
    Path(Vec<String>),
    /// A JSONPath relative to the match (starts with `$`).
    Query(JsonPath),
}

/// One check of a rule: a function applied to a field of each match.
#[derive(Clone)]
pub struct Then {
    pub field: Option<Field>,
    /// The function's name as written in the ruleset.
    pub function_name: String,
    pub function_options: serde_json::Value,
    pub function: Arc<dyn Function>,
    /// Where `function` is written in the ruleset (for errors that occur
    /// while linting, such as a regular expression cut off by its limit).
    pub site: Option<Site>,
    /// Every string inside `functionOptions` (a rule override's included)
    /// and where it is written: an error about a pattern points at it.
    pub option_strings: Vec<(String, Site)>,
}

/// A place in a ruleset file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub file: String,
    pub pointer: String,
    pub range: crate::source::Range,
}
