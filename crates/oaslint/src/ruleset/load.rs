//! Loading rulesets: the public [`RulesetLoader`] and what one loaded file
//! becomes (a [`Merged`] list of [`Draft`] rules, finished into a
//! [`Ruleset`]).
//!
//! The work is split by concern into sibling modules, each adding methods
//! to the loader or to its per-file [`FileReader`](super::reader::FileReader):
//! - `extends.rs`: `extends` resolution (built-in names, files, cycles,
//!   modes, version requirements);
//! - `reader.rs`: reading one ruleset file (typed access to its values with
//!   located errors, the top-level keys, `formats`, `parserOptions`);
//! - `aliases.rs`: `aliases` and their expansion in `given`;
//! - `rule.rs`: one rule (a full definition, a severity, or an override),
//!   its `then` entries and the functions they call.

use super::builtin;
use super::extends::{apply_mode, is_bare_name, ExtendsMode};
use super::overrides::Override;
use super::{Rule, Ruleset, RulesetRef};
use crate::error::{Error, ErrorKind};
use crate::functions::FunctionRegistry;
use crate::parse::Limits;
use crate::script::ScriptEngine;
use crate::severity::RuleSeverity;
use crate::workspace::Resolver;
use std::sync::Arc;

/// Loads rulesets: built-in ones by name, files through a [`Resolver`],
/// with functions from a [`FunctionRegistry`].
pub struct RulesetLoader<'a> {
    pub(super) resolver: &'a dyn Resolver,
    pub(super) registry: &'a FunctionRegistry,
    /// The functions the rulesets this file `extends` are read with:
    /// `registry` without this file's custom functions, which (as in
    /// Spectral) serve only the rules of the file that declares them, so
    /// an extending file cannot change what an extended ruleset's rules
    /// run by naming its function like theirs.
    pub(super) inherited: &'a FunctionRegistry,
    pub(super) limits: Limits,
    /// Runs the custom JavaScript functions rulesets declare (none: a
    /// ruleset with `functions` is an error).
    pub(super) script_engine: Option<Arc<dyn ScriptEngine>>,
    /// The file whose custom functions `registry` already holds
    /// (`script_functions.rs` reads that file with them).
    pub(super) scripts_of: Option<String>,
}

/// A rule while rulesets are merged: the rule plus the severity it was
/// declared with (an `extends` mode may switch it off; `true` turns it
/// back on at this severity).
#[derive(Clone)]
pub(super) struct Draft {
    pub rule: Rule,
    pub declared: RuleSeverity,
}

/// The rules of one ruleset file after its `extends` were applied.
pub(super) struct Merged {
    pub description: Option<String>,
    pub documentation_url: Option<String>,
    pub rules: Vec<Draft>,
    pub duplicate_keys: RuleSeverity,
    pub remote_refs: RuleSeverity,
    /// This file, then the chains of what it extends, depth first.
    pub chain: Vec<RulesetRef>,
    /// This file's own `files` and `ignore` (never inherited).
    pub files: Vec<String>,
    pub ignore: Vec<String>,
    /// Those of the extended rulesets first.
    pub overrides: Vec<Override>,
    /// Notes about this file and what it extends (see [`Ruleset::warnings`]).
    pub warnings: Vec<Error>,
}

impl<'a> RulesetLoader<'a> {
    /// The loader for what a file `extends`: the same, without the file's
    /// own custom functions.
    pub(super) fn for_extended(&self) -> RulesetLoader<'a> {
        RulesetLoader {
            resolver: self.resolver,
            registry: self.inherited,
            inherited: self.inherited,
            limits: self.limits,
            script_engine: self.script_engine.clone(),
            scripts_of: None,
        }
    }

    /// A loader that reads ruleset files (and what they `extends`) through
    /// `resolver` and finds the rules' functions in `registry`.
    pub fn new(resolver: &'a dyn Resolver, registry: &'a FunctionRegistry) -> Self {
        RulesetLoader {
            resolver,
            registry,
            inherited: registry,
            limits: Limits::default(),
            script_engine: None,
            scripts_of: None,
        }
    }

    /// Runs rulesets' custom JavaScript functions (`functions`,
    /// `functionsDir`) with `engine`; without one such a ruleset does not
    /// load.
    pub fn with_script_engine(mut self, engine: Arc<dyn ScriptEngine>) -> Self {
        self.script_engine = Some(engine);
        self
    }

    /// Loads a built-in ruleset (`zalando` or `zalando@<version>`) as a
    /// user gets it when naming it: rules marked `recommended: false` are
    /// off, as if a ruleset file said `extends: zalando`.
    pub fn load_builtin(&self, spec: &str) -> Result<Ruleset, Error> {
        let mut merged = self.builtin_merged(spec, spec, &mut Vec::new())?;
        merged.rules = apply_mode(merged.rules, ExtendsMode::Recommended);
        Ok(finish(merged, spec))
    }

    /// Loads a ruleset file named `name` (read through the resolver).
    pub fn load_file(&self, name: &str) -> Result<Ruleset, Error> {
        let text = self.resolver.read(name).map_err(|why| {
            Error::new(ErrorKind::Io, name, format!("cannot read ruleset: {why}"))
        })?;
        self.load_text(name, text)
    }

    /// Loads a ruleset from its text; `name` is used in errors and to
    /// resolve relative `extends`.
    pub fn load_text(
        &self,
        name: &str,
        text: impl Into<crate::document::Text>,
    ) -> Result<Ruleset, Error> {
        let text: Arc<str> = text.into().0;
        let merged = self.load_merged(name, text, &mut Vec::new())?;
        let fallback = file_stem(name);
        Ok(finish(merged, &fallback))
    }

    /// Loads a built-in name or a ruleset file, whichever `spec` names.
    /// A bare name (no `/`, `\\` or `.` before an `@`) is a built-in.
    pub fn load(&self, spec: &str) -> Result<Ruleset, Error> {
        if builtin::is_builtin_spec(spec) || is_bare_name(spec) {
            self.load_builtin(spec)
        } else {
            self.load_file(spec)
        }
    }
}

/// The ruleset a loaded file becomes. Its name and version are the file's
/// own when it has both; else those of the nearest ruleset in the chain
/// that has both (then the nearest with a name, version `unversioned`);
/// else the file's stem, `unversioned`.
pub(super) fn finish(m: Merged, fallback_name: &str) -> Ruleset {
    let named = m
        .chain
        .iter()
        .find(|r| r.name.is_some() && r.version.is_some())
        .or_else(|| m.chain.iter().find(|r| r.name.is_some()));
    let (name, version) = match named {
        Some(r) => (r.name.clone(), r.version.clone()),
        None => (None, None),
    };
    Ruleset {
        name: name.unwrap_or_else(|| fallback_name.to_string()),
        version: version.unwrap_or_else(|| "unversioned".to_string()),
        description: m.description,
        documentation_url: m.documentation_url,
        rules: m
            .rules
            .into_iter()
            .map(|d| {
                let mut rule = d.rule;
                rule.declared = d.declared;
                rule
            })
            .collect(),
        duplicate_keys: m.duplicate_keys,
        remote_refs: m.remote_refs,
        chain: m.chain,
        files: m.files,
        ignore: m.ignore,
        overrides: m.overrides,
        warnings: m.warnings,
    }
}

fn file_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let base = base.trim_start_matches('.');
    match base.split_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => base.to_string(),
    }
}

/// Rule ids sorted for listings: numbers numerically, then the rest.
pub fn sort_rule_ids(ids: &mut [String]) {
    ids.sort_by(|a, b| match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        _ => a.cmp(b),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems() {
        assert_eq!(file_stem("a/b/company.yaml"), "company");
        assert_eq!(file_stem(".oaslint.yaml"), "oaslint");
    }
}
