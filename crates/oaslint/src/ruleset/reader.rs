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
use super::Site;
use crate::document::{Document, SpecFormat};
use crate::error::{Error, ErrorKind};
use crate::severity::{RuleSeverity, Severity};
use crate::tree::{NodeId, Tree, Value};
use std::collections::HashMap;

const TOP_LEVEL_KEYS: &[&str] = &[
    "name",
    "version",
    "description",
    "documentationUrl",
    "extends",
    "formats",
    "aliases",
    "rules",
    "parserOptions",
];

/// Reads one ruleset document.
pub(super) struct FileReader<'l, 'a> {
    pub loader: &'l RulesetLoader<'a>,
    pub doc: &'l Document,
    /// `aliases` of this file, by name: each target with its node.
    pub aliases: HashMap<String, Vec<(String, NodeId)>>,
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
            self.err(
                node,
                format!("{what} must be one of must, should, may, hint, off (or error, warn, info, 0–3, -1)"),
            )
        })
    }

    pub(super) fn read(mut self, stack: &mut Vec<String>) -> Result<Merged, Error> {
        let root = Tree::ROOT;
        let top = self.entries(root, "a ruleset")?;
        for (key, node) in &top {
            if !TOP_LEVEL_KEYS.contains(&key.as_str()) && !key.starts_with("x-") {
                let hint = match key.as_str() {
                    "overrides" => " (overrides are not supported yet; use a ruleset that extends this one)".to_string(),
                    "functions" | "functionsDir" => " (JavaScript functions are not supported; oaslint functions are native, see `docs/rulesets.md`)".to_string(),
                    _ => format!("; expected one of {}", TOP_LEVEL_KEYS.join(", ")),
                };
                return Err(self.key_err(*node, format!("unknown ruleset key `{key}`{hint}")));
            }
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
            Some(n) => self.formats(n)?,
            None => Vec::new(),
        };

        // Inherited rules first.
        let mut rules: Vec<Draft> = Vec::new();
        let mut duplicate_keys = RuleSeverity::On(Severity::Must);
        if let Some(ext) = get("extends") {
            for (spec, mode, node) in self.extends_entries(ext)? {
                let base = self.load_base(&spec, node, stack)?;
                duplicate_keys = base.duplicate_keys;
                for d in apply_mode(base.rules, mode) {
                    match rules.iter_mut().find(|r| r.rule.id == d.rule.id) {
                        Some(existing) => *existing = d,
                        None => rules.push(d),
                    }
                }
            }
        }

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
                self.read_rule(
                    &id,
                    node,
                    &formats,
                    documentation_url.as_deref(),
                    &mut rules,
                )?;
            }
        }

        Ok(Merged {
            name,
            version,
            description,
            documentation_url,
            rules,
            duplicate_keys,
        })
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
            if !SpecFormat::KNOWN.contains(&f.as_str()) {
                return Err(self.err(
                    *n,
                    format!(
                        "unknown format `{f}`; known formats: {}",
                        SpecFormat::KNOWN.join(", ")
                    ),
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
