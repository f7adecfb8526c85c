//! Reading one ruleset file: typed access to its values, each error
//! located at the offending node (file, line, column, JSON pointer), and
//! the top level of the file (its keys, `name`, `version`, `formats`,
//! `parserOptions`), which hands `extends`, `aliases` and each rule to the
//! modules that own them.
//!
//! The accessors are separate from what is read so that every part of the
//! format reports a wrong type or an unknown key the same way.

use super::extends::{apply_mode, is_semver};
use super::load::{Draft, Merged, RulesetLoader};
use super::overrides::{compile_glob, BUILTIN_RULE_IDS};
use super::suggest::unknown;
use super::{RulesetRef, Site};
use crate::document::{Document, SpecFormat};
use crate::error::{Error, ErrorKind};
use crate::listing::{DUPLICATE_KEY_RULE, REMOTE_REF_RULE};
use crate::severity::{RuleSeverity, Severity};
use crate::tree::{NodeId, Tree, Value};
use std::collections::HashMap;

/// The top-level keys of a ruleset file (besides `x-` extensions).
pub const RULESET_KEYS: &[&str] = &[
    "name",
    "version",
    "description",
    "documentationUrl",
    "extends",
    "formats",
    "aliases",
    "rules",
    "overrides",
    "parserOptions",
    "jsonPathDialect",
    "files",
    "ignore",
];

/// Reads one ruleset document.
pub(super) struct FileReader<'l, 'a> {
    pub loader: &'l RulesetLoader<'a>,
    pub doc: &'l Document,
    /// `aliases` of this file, by name.
    pub aliases: HashMap<String, super::aliases::Alias>,
    /// Notes about this file (see [`Ruleset::warnings`](super::Ruleset::warnings)).
    pub warnings: std::cell::RefCell<Vec<Error>>,
    /// The format names the ruleset mentions (its `formats`, its rules'
    /// and the extended rules'): as in Spectral, a document has only those
    /// of its formats, which is what alias `targets` are chosen by.
    pub mentioned_formats: Vec<String>,
}

/// Spectral's format names for documents other than OpenAPI (AsyncAPI,
/// Arazzo, JSON Schema): a ruleset may name them, and rules limited to
/// them never run on the documents oaslint lints.
pub const OTHER_SPECTRAL_FORMATS: &[&str] = &[
    "aas2",
    "aas2_0",
    "aas2_1",
    "aas2_2",
    "aas2_3",
    "aas2_4",
    "aas2_5",
    "aas2_6",
    "aas3",
    "aas3_0",
    "aas3_1",
    "asyncapi2",
    "asyncapi3",
    "arazzo1_0",
    "arazzo1.0",
    "json-schema",
    "json-schema-loose",
    "json-schema-draft4",
    "json-schema-draft6",
    "json-schema-draft7",
    "json-schema-draft-2019-09",
    "json-schema-2019-09",
    "json-schema-draft-2020-12",
    "json-schema-2020-12",
];

/// Whether a Spectral format name is one of an OpenAPI document.
pub(super) fn is_openapi_format(name: &str) -> bool {
    SpecFormat::KNOWN.contains(&name) || matches!(name, "oas3.0" | "oas3.1" | "oas3.2")
}

impl FileReader<'_, '_> {
    pub(super) fn tree(&self) -> &Tree {
        &self.doc.tree
    }

    pub(super) fn err(&self, node: NodeId, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Ruleset, &self.doc.name, message)
            .at(self.doc.value_range(node))
            .with_pointer(self.doc.tree.pointer(node))
    }

    /// Records a note about `node` (a key's node: the note points at the
    /// key).
    pub(super) fn warn(&self, node: NodeId, message: impl Into<String>) {
        let e = self.key_err(node, message);
        self.warnings.borrow_mut().push(e);
    }

    pub(super) fn key_err(&self, node: NodeId, message: impl Into<String>) -> Error {
        let span = self
            .tree()
            .key_of(node)
            .map(|(_, s)| s)
            .unwrap_or(self.tree().node(node).span);
        Error::new(ErrorKind::Ruleset, &self.doc.name, message)
            .at(self.doc.range(span))
            .with_pointer(self.doc.tree.pointer(node))
    }

    pub(super) fn entries(&self, node: NodeId, what: &str) -> Result<Vec<(String, NodeId)>, Error> {
        match self.tree().value(node) {
            Value::Object(entries) => Ok(entries
                .iter()
                .map(|e| (e.key.to_string(), e.value))
                .collect()),
            other => Err(self.err(
                node,
                format!("{what} must be a mapping, not {}", other.type_name()),
            )),
        }
    }

    pub(super) fn string(&self, node: NodeId, what: &str) -> Result<String, Error> {
        match self.tree().value(node) {
            Value::String(s) => Ok(s.to_string()),
            other => Err(self.err(
                node,
                format!("{what} must be a string, not {}", other.type_name()),
            )),
        }
    }

    pub(super) fn bool(&self, node: NodeId, what: &str) -> Result<bool, Error> {
        match self.tree().value(node) {
            Value::Bool(b) => Ok(*b),
            other => Err(self.err(
                node,
                format!("{what} must be true or false, not {}", other.type_name()),
            )),
        }
    }

    pub(super) fn strings(&self, node: NodeId, what: &str) -> Result<Vec<(String, NodeId)>, Error> {
        match self.tree().value(node) {
            Value::String(s) => Ok(vec![(s.to_string(), node)]),
            Value::Array(items) => items
                .iter()
                .map(|&i| {
                    self.string(i, &format!("each entry of {what}"))
                        .map(|s| (s, i))
                })
                .collect(),
            other => Err(self.err(
                node,
                format!(
                    "{what} must be a string or a list of strings, not {}",
                    other.type_name()
                ),
            )),
        }
    }

    pub(super) fn severity(&self, node: NodeId, what: &str) -> Result<RuleSeverity, Error> {
        let parsed = match self.tree().value(node) {
            Value::String(s) => RuleSeverity::from_name(s),
            Value::Number(crate::tree::Number::Int(n)) => RuleSeverity::from_number(*n),
            _ => None,
        };
        parsed.ok_or_else(|| {
            let close = match self.tree().value(node) {
                Value::String(s) => super::suggest::suggestion(
                    s,
                    ["must", "should", "may", "hint", "off", "error", "warn", "info"],
                ),
                _ => String::new(),
            };
            self.err(
                node,
                format!("{what} must be one of must, should, may, hint, off (or error, warn, info, 0–3, -1){close}"),
            )
        })
    }

    pub(super) fn read(mut self, stack: &mut Vec<String>) -> Result<Merged, Error> {
        let root = Tree::ROOT;
        let top = self.entries(root, "a ruleset")?;
        for (key, node) in &top {
            // `functions`/`functionsDir`: custom JavaScript functions
            // (script_functions.rs).
            let script_key = matches!(key.as_str(), "functions" | "functionsDir");
            if !RULESET_KEYS.contains(&key.as_str()) && !key.starts_with("x-") && !script_key {
                let message = unknown(
                    &format!("unknown ruleset key `{key}`"),
                    key,
                    RULESET_KEYS,
                    "expected one of",
                ) + " (see `docs/rulesets.md`)";
                return Err(self.key_err(*node, message));
            }
        }
        if let Some(merged) =
            super::script_functions::read_with_script_functions(&self, &top, stack)?
        {
            return Ok(merged);
        }
        let get = |k: &str| top.iter().find(|(key, _)| key == k).map(|(_, n)| *n);
        if get("extends").is_none() && get("rules").is_none() {
            return Err(self.err(root, "a ruleset needs `rules`, `extends`, or both"));
        }

        let name = get("name").map(|n| self.string(n, "`name`")).transpose()?;
        let version = match get("version") {
            Some(n) => {
                let v = match self.tree().value(n) {
                    Value::Number(x) => x.to_string(),
                    _ => self.string(n, "`version`")?,
                };
                if !is_semver(&v) {
                    return Err(self.err(
                        n,
                        format!("`version` must be a semantic version like 1.2.0, not {v:?}"),
                    ));
                }
                Some(v)
            }
            None => None,
        };
        let description = get("description")
            .map(|n| self.string(n, "`description`"))
            .transpose()?;
        let documentation_url = get("documentationUrl")
            .map(|n| self.string(n, "`documentationUrl`"))
            .transpose()?;
        let formats = match get("formats") {
            Some(n) => {
                let formats = self.formats(n)?;
                if !formats.is_empty() && !formats.iter().any(|f| is_openapi_format(f)) {
                    self.warn(
                        n,
                        format!(
                            "the ruleset is for {} documents only: oaslint lints OpenAPI documents, so its own rules never run",
                            formats.join(", ")
                        ),
                    );
                }
                formats
            }
            None => Vec::new(),
        };

        let files = match get("files") {
            Some(n) => self.globs(n, "`files`")?,
            None => Vec::new(),
        };
        let ignore = match get("ignore") {
            Some(n) => self.globs(n, "`ignore`")?,
            None => Vec::new(),
        };

        // Inherited rules first.
        let mut rules: Vec<Draft> = Vec::new();
        let mut duplicate_keys = RuleSeverity::On(Severity::Must);
        let mut remote_refs = RuleSeverity::On(Severity::Hint);
        // A built-in ruleset is one entry of the chain: the files it is
        // made of (`builtin:zalando/rules/*.yaml`) are not rulesets of
        // their own for a reader of the report.
        let builtin_part =
            self.doc.name.strip_prefix("builtin:").is_some_and(|path| {
                path.matches('/').count() != 1 || !path.ends_with("/ruleset.yaml")
            });
        let mut chain = Vec::new();
        if !builtin_part {
            chain.push(RulesetRef {
                name,
                version,
                file: (!self.doc.name.starts_with("builtin:")).then(|| self.doc.name.clone()),
            });
        }
        let mut overrides = Vec::new();
        // Notes of the extended rulesets come before this file's.
        let mut warnings = Vec::new();
        if let Some(ext) = get("extends") {
            for (spec, mode, node) in self.extends_entries(ext)? {
                let base = self.load_base(&spec, node, stack)?;
                if matches!(spec.as_str(), "spectral:asyncapi" | "spectral:arazzo") {
                    let what = if spec == "spectral:asyncapi" {
                        "AsyncAPI"
                    } else {
                        "Arazzo"
                    };
                    self.warn(
                        node,
                        format!("`{spec}` is skipped: its rules are for {what} documents, and oaslint lints OpenAPI documents"),
                    );
                }
                warnings.extend(base.warnings);
                duplicate_keys = base.duplicate_keys;
                remote_refs = base.remote_refs;
                chain.extend(base.chain);
                overrides.extend(base.overrides);
                for d in apply_mode(base.rules, mode) {
                    match rules.iter_mut().find(|r| r.rule.id == d.rule.id) {
                        Some(existing) => *existing = d,
                        None => rules.push(d),
                    }
                }
            }
        }

        let mut mentioned = formats.clone();
        for d in &rules {
            mentioned.extend(d.rule.formats.iter().cloned());
        }
        if let Some(n) = get("rules") {
            if let Value::Object(entries) = self.tree().value(n) {
                for e in entries {
                    if let Some(f) = self.tree().get(e.value, "formats") {
                        if let Value::Array(items) = self.tree().value(f) {
                            mentioned.extend(
                                items
                                    .iter()
                                    .filter_map(|&i| self.tree().as_str(i).map(str::to_string)),
                            );
                        }
                    }
                }
            }
        }
        mentioned.sort();
        mentioned.dedup();
        self.mentioned_formats = mentioned;
        if let Some(n) = get("aliases") {
            self.read_aliases(n)?;
        }
        if let Some(n) = get("parserOptions") {
            for (key, v) in self.entries(n, "`parserOptions`")? {
                match key.as_str() {
                    "duplicateKeys" => duplicate_keys = self.severity(v, "`parserOptions.duplicateKeys`")?,
                    "incompatibleValues" => {
                        self.severity(v, "`parserOptions.incompatibleValues`")?;
                    }
                    _ => return Err(self.key_err(v, format!("unknown parserOptions key `{key}`; expected duplicateKeys or incompatibleValues"))),
                }
            }
        }

        if let Some(n) = get("rules") {
            for (id, node) in self.entries(n, "`rules`")? {
                match id.as_str() {
                    DUPLICATE_KEY_RULE => {
                        duplicate_keys =
                            self.builtin_rule(&id, node, duplicate_keys, Severity::Must)?;
                        continue;
                    }
                    REMOTE_REF_RULE => {
                        remote_refs = self.builtin_rule(&id, node, remote_refs, Severity::Hint)?;
                        continue;
                    }
                    _ => {}
                }
                self.read_rule(
                    &id,
                    node,
                    &formats,
                    documentation_url.as_deref(),
                    &mut rules,
                )?;
            }
        }

        if let Some(n) = get("overrides") {
            overrides.extend(self.read_overrides(n, &rules)?);
        }

        warnings.append(&mut self.warnings.borrow_mut());
        Ok(Merged {
            warnings,
            description,
            documentation_url,
            rules,
            duplicate_keys,
            remote_refs,
            chain,
            files,
            ignore,
            overrides,
        })
    }

    /// A check the engine makes without a rule (`duplicate-key`,
    /// `remote-ref`) set in `rules`: a severity or true/false, nothing
    /// else.
    fn builtin_rule(
        &self,
        id: &str,
        node: NodeId,
        current: RuleSeverity,
        default: Severity,
    ) -> Result<RuleSeverity, Error> {
        let severity = match self.tree().value(node) {
            Value::Bool(true) => RuleSeverity::On(current.level().unwrap_or(default)),
            Value::Bool(false) => RuleSeverity::Off,
            Value::String(_) | Value::Number(_) => self
                .severity(node, "a rule's severity")
                .map_err(|e| e.with_rule(id))?,
            _ => {
                return Err(self
                    .err(
                        node,
                        format!(
                            "`{id}` is a check built into oaslint ({}): it takes only a severity or true/false",
                            BUILTIN_RULE_IDS.join(", ")
                        ),
                    )
                    .with_rule(id))
            }
        };
        Ok(severity)
    }

    /// A list of globs (`files`, `ignore`), each checked to compile.
    fn globs(&self, node: NodeId, what: &str) -> Result<Vec<String>, Error> {
        let list = match self.tree().value(node) {
            Value::Array(_) => self.strings(node, what)?,
            other => {
                return Err(self.err(
                    node,
                    format!("{what} must be a list of globs, not {}", other.type_name()),
                ))
            }
        };
        for (glob, n) in &list {
            compile_glob(glob)
                .map_err(|why| self.err(*n, format!("invalid glob {glob:?} in {what}: {why}")))?;
        }
        Ok(list.into_iter().map(|(g, _)| g).collect())
    }

    pub(super) fn formats(&self, node: NodeId) -> Result<Vec<String>, Error> {
        let list = match self.tree().value(node) {
            Value::Array(_) => self.strings(node, "`formats`")?,
            other => {
                return Err(self.err(
                    node,
                    format!("`formats` must be a list, not {}", other.type_name()),
                ))
            }
        };
        for (f, n) in &list {
            if !is_openapi_format(f) && !OTHER_SPECTRAL_FORMATS.contains(&f.as_str()) {
                let known: Vec<&str> = SpecFormat::KNOWN
                    .iter()
                    .chain(OTHER_SPECTRAL_FORMATS)
                    .copied()
                    .collect();
                return Err(self.err(
                    *n,
                    unknown(&format!("unknown format `{f}`"), f, &known, "known formats"),
                ));
            }
        }
        Ok(list.into_iter().map(|(f, _)| f).collect())
    }

    pub(super) fn site(&self, node: NodeId) -> Site {
        Site {
            file: self.doc.name.clone(),
            pointer: self.doc.tree.pointer(node),
            range: self.doc.value_range(node),
        }
    }

    /// The strings below `node` with their sites, in document order.
    pub(super) fn collect_strings(&self, node: NodeId, out: &mut Vec<(String, Site)>) {
        match self.tree().value(node) {
            Value::String(_) => {
                if let Some(s) = self.tree().as_str(node) {
                    out.push((s.to_string(), self.site(node)));
                }
            }
            Value::Array(items) => {
                for &i in items {
                    self.collect_strings(i, out);
                }
            }
            Value::Object(entries) => {
                for e in entries {
                    self.collect_strings(e.value, out);
                }
            }
            _ => {}
        }
    }
}
