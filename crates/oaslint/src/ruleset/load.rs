//! Reading, validating and merging ruleset files.

use super::builtin;
use super::{Field, Rule, Ruleset, Site, Then};
use crate::document::{Document, SpecFormat};
use crate::error::{Error, ErrorKind};
use crate::functions::FunctionRegistry;
use crate::jsonpath::JsonPath;
use crate::parse::Limits;
use crate::severity::{RuleSeverity, Severity};
use crate::tree::{NodeId, Tree, Value};
use crate::workspace::{join_path, Resolver};
use std::collections::HashMap;
use std::sync::Arc;

/// How deep `extends` chains may go (a cycle is reported before this).
const MAX_EXTENDS_DEPTH: usize = 16;

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

const RULE_KEYS: &[&str] = &[
    "title",
    "description",
    "message",
    "severity",
    "given",
    "then",
    "formats",
    "resolved",
    "documentationUrl",
    "tags",
    "recommended",
    "type",
    "extensions",
];

const OVERRIDE_KEYS: &[&str] = &[
    "title",
    "description",
    "message",
    "severity",
    "functionOptions",
    "documentationUrl",
    "tags",
    "recommended",
];

/// Loads rulesets: built-in ones by name, files through a [`Resolver`],
/// with functions from a [`FunctionRegistry`].
pub struct RulesetLoader<'a> {
    resolver: &'a dyn Resolver,
    registry: &'a FunctionRegistry,
    limits: Limits,
}

/// A rule while rulesets are merged: the rule plus the severity it was
/// declared with (an `extends` mode may switch it off; `true` turns it
/// back on at this severity).
#[derive(Clone)]
struct Draft {
    rule: Rule,
    declared: RuleSeverity,
}

/// The rules of one ruleset file after its `extends` were applied.
struct Merged {
    name: Option<String>,
    version: Option<String>,
    description: Option<String>,
    documentation_url: Option<String>,
    rules: Vec<Draft>,
    duplicate_keys: RuleSeverity,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ExtendsMode {
    Recommended,
    All,
    Off,
}

impl<'a> RulesetLoader<'a> {
    pub fn new(resolver: &'a dyn Resolver, registry: &'a FunctionRegistry) -> Self {
        RulesetLoader {
            resolver,
            registry,
            limits: Limits::default(),
        }
    }

    /// Loads a built-in ruleset (`zalando` or `zalando@<version>`) as a
    /// user gets it when naming it: rules marked `recommended: false` are
    /// off, as if a ruleset file said `extends: zalando`.
    pub fn load_builtin(&self, spec: &str) -> Result<Ruleset, Error> {
        let merged = self.builtin_merged(spec, spec, &mut Vec::new())?;
        let rules = apply_mode(merged.rules, ExtendsMode::Recommended);
        Ok(finish(
            merged_with(
                merged.name,
                merged.version,
                merged.description,
                merged.documentation_url,
                rules,
                merged.duplicate_keys,
            ),
            spec,
        ))
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

    fn builtin_merged(
        &self,
        spec: &str,
        from: &str,
        stack: &mut Vec<String>,
    ) -> Result<Merged, Error> {
        let (name, want_version) = match spec.split_once('@') {
            Some((n, v)) => (n, Some(v)),
            None => (spec, None),
        };
        let Some((text, version)) = builtin::builtin_text(name) else {
            return Err(Error::new(
                ErrorKind::Ruleset,
                from,
                format!(
                    "unknown built-in ruleset `{name}`; built-in rulesets: {}",
                    builtin::builtin_names().join(", ")
                ),
            ));
        };
        if let Some(want) = want_version {
            if !version_satisfies(version, want) {
                return Err(Error::new(
                    ErrorKind::Ruleset,
                    from,
                    format!("this oaslint has the built-in ruleset {name}@{version}, which does not satisfy `{spec}`"),
                ));
            }
        }
        self.load_merged(
            &format!("builtin:{name}/ruleset.yaml"),
            Arc::from(text),
            stack,
        )
    }

    fn load_merged(
        &self,
        name: &str,
        text: Arc<str>,
        stack: &mut Vec<String>,
    ) -> Result<Merged, Error> {
        if stack.iter().any(|s| s == name) {
            return Err(Error::new(
                ErrorKind::Ruleset,
                name,
                format!("`extends` cycle: {} → {name}", stack.join(" → ")),
            ));
        }
        if stack.len() >= MAX_EXTENDS_DEPTH {
            return Err(Error::new(
                ErrorKind::Ruleset,
                name,
                format!("`extends` is nested more than {MAX_EXTENDS_DEPTH} levels deep"),
            ));
        }
        let doc = Document::parse(name, text, &self.limits).map_err(|mut e| {
            e.kind = ErrorKind::Ruleset;
            e
        })?;
        stack.push(name.to_string());
        let result = FileReader {
            loader: self,
            doc: &doc,
            aliases: HashMap::new(),
        }
        .read(stack);
        stack.pop();
        result
    }
}

/// `zalando`, `acme@2`: a name, not a path.
fn is_bare_name(spec: &str) -> bool {
    !spec
        .split('@')
        .next()
        .unwrap_or(spec)
        .contains(['/', '\\', '.'])
}

fn merged_with(
    name: Option<String>,
    version: Option<String>,
    description: Option<String>,
    documentation_url: Option<String>,
    rules: Vec<Draft>,
    duplicate_keys: RuleSeverity,
) -> Merged {
    Merged {
        name,
        version,
        description,
        documentation_url,
        rules,
        duplicate_keys,
    }
}

fn finish(m: Merged, fallback_name: &str) -> Ruleset {
    Ruleset {
        name: m.name.unwrap_or_else(|| fallback_name.to_string()),
        version: m.version.unwrap_or_else(|| "unversioned".to_string()),
        description: m.description,
        documentation_url: m.documentation_url,
        rules: m.rules.into_iter().map(|d| d.rule).collect(),
        duplicate_keys: m.duplicate_keys,
    }
}

fn apply_mode(rules: Vec<Draft>, mode: ExtendsMode) -> Vec<Draft> {
    rules
        .into_iter()
        .map(|mut d| {
            d.rule.severity = match mode {
                ExtendsMode::Off => RuleSeverity::Off,
                ExtendsMode::Recommended if !d.rule.recommended => RuleSeverity::Off,
                _ => d.rule.severity,
            };
            d
        })
        .collect()
}

fn file_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let base = base.trim_start_matches('.');
    match base.split_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => base.to_string(),
    }
}

/// `want` is an exact version, or a prefix of whole components (`1` or
/// `1.2` accept `1.2.3`).
fn version_satisfies(have: &str, want: &str) -> bool {
    let want = want.trim_start_matches(['^', '=', 'v']);
    have == want || have.starts_with(&format!("{want}."))
}

/// Whether `v` is a semantic version (`MAJOR.MINOR.PATCH`, optional
/// `-pre` and `+build`).
fn is_semver(v: &str) -> bool {
    let core = v.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        })
}

/// Reads one ruleset document.
struct FileReader<'l, 'a> {
    loader: &'l RulesetLoader<'a>,
    doc: &'l Document,
    aliases: HashMap<String, Vec<(String, NodeId)>>,
}

impl FileReader<'_, '_> {
    fn tree(&self) -> &Tree {
        &self.doc.tree
    }

    fn err(&self, node: NodeId, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Ruleset, &self.doc.name, message)
            .at(self.doc.value_range(node))
            .with_pointer(self.doc.tree.pointer(node))
    }

    fn key_err(&self, node: NodeId, message: impl Into<String>) -> Error {
        let span = self
            .tree()
            .key_of(node)
            .map(|(_, s)| s)
            .unwrap_or(self.tree().node(node).span);
        Error::new(ErrorKind::Ruleset, &self.doc.name, message)
            .at(self.doc.range(span))
            .with_pointer(self.doc.tree.pointer(node))
    }

    fn entries(&self, node: NodeId, what: &str) -> Result<Vec<(String, NodeId)>, Error> {
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

    fn string(&self, node: NodeId, what: &str) -> Result<String, Error> {
        match self.tree().value(node) {
            Value::String(s) => Ok(s.to_string()),
            other => Err(self.err(
                node,
                format!("{what} must be a string, not {}", other.type_name()),
            )),
        }
    }

    fn bool(&self, node: NodeId, what: &str) -> Result<bool, Error> {
        match self.tree().value(node) {
            Value::Bool(b) => Ok(*b),
            other => Err(self.err(
                node,
                format!("{what} must be true or false, not {}", other.type_name()),
            )),
        }
    }

    fn strings(&self, node: NodeId, what: &str) -> Result<Vec<(String, NodeId)>, Error> {
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

    fn severity(&self, node: NodeId, what: &str) -> Result<RuleSeverity, Error> {
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

    fn read(mut self, stack: &mut Vec<String>) -> Result<Merged, Error> {
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

    fn formats(&self, node: NodeId) -> Result<Vec<String>, Error> {
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

    fn extends_entries(&self, node: NodeId) -> Result<Vec<(String, ExtendsMode, NodeId)>, Error> {
        let entry = |n: NodeId| -> Result<(String, ExtendsMode, NodeId), Error> {
            match self.tree().value(n) {
                Value::String(s) => Ok((s.to_string(), ExtendsMode::Recommended, n)),
                Value::Array(pair) if pair.len() == 2 => {
                    let spec = self.string(pair[0], "the ruleset in an `extends` pair")?;
                    let mode = match self.tree().as_str(pair[1]) {
                        Some("recommended") => ExtendsMode::Recommended,
                        Some("all") => ExtendsMode::All,
                        Some("off") => ExtendsMode::Off,
                        _ => {
                            return Err(self.err(
                                pair[1],
                                "the mode in an `extends` pair must be recommended, all or off",
                            ))
                        }
                    };
                    Ok((spec, mode, pair[0]))
                }
                _ => Err(self.err(
                    n,
                    "an `extends` entry must be a ruleset name or path, or a [ruleset, mode] pair",
                )),
            }
        };
        match self.tree().value(node) {
            Value::String(_) => Ok(vec![entry(node)?]),
            Value::Array(items) => {
                // `[name, mode]` alone is one pair, not two rulesets.
                if items.len() == 2
                    && matches!(
                        self.tree().as_str(items[1]),
                        Some("recommended" | "all" | "off")
                    )
                    && matches!(self.tree().value(items[0]), Value::String(_))
                {
                    return Ok(vec![entry(node)?]);
                }
                items.iter().map(|&i| entry(i)).collect()
            }
            other => Err(self.err(
                node,
                format!(
                    "`extends` must be a string or a list, not {}",
                    other.type_name()
                ),
            )),
        }
    }

    fn load_base(
        &self,
        spec: &str,
        node: NodeId,
        stack: &mut Vec<String>,
    ) -> Result<Merged, Error> {
        let locate = |mut e: Error| {
            if e.range.is_none() {
                e = self.err(node, e.message);
            }
            e
        };
        if spec.starts_with("spectral:") {
            return Err(self.err(
                node,
                format!("`{spec}` is not available yet; extend `zalando` or a ruleset file"),
            ));
        }
        // A bare name (`zalando`, `acme@2`) is a built-in ruleset; files
        // are named by a path with a `/` or an extension.
        if builtin::is_builtin_spec(spec) || is_bare_name(spec) {
            return self
                .loader
                .builtin_merged(spec, &self.doc.name, stack)
                .map_err(locate);
        }
        if spec.starts_with("http://") || spec.starts_with("https://") {
            return Err(self.err(node, "rulesets are never fetched from the network; download it and extend the local file"));
        }
        if let Some(own) = self.doc.name.strip_prefix("builtin:") {
            // A built-in ruleset extends files embedded beside it.
            let path = join_path(own, spec);
            let text = builtin::embedded_file(&path)
                .ok_or_else(|| self.err(node, format!("no embedded ruleset file {path}")))?;
            return self
                .loader
                .load_merged(&format!("builtin:{path}"), Arc::from(text), stack);
        }
        let base_name = join_path(&self.doc.name, spec);
        let text = self.loader.resolver.read(&base_name).map_err(|why| {
            self.err(
                node,
                format!("cannot read extended ruleset {base_name}: {why}"),
            )
        })?;
        self.loader.load_merged(&base_name, text, stack)
    }

    fn read_aliases(&mut self, node: NodeId) -> Result<(), Error> {
        for (name, value) in self.entries(node, "`aliases`")? {
            let ok_name = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if !ok_name {
                return Err(self.key_err(value, format!("alias name `{name}` must start with a letter and contain only letters, digits, `_` and `-`")));
            }
            if !matches!(self.tree().value(value), Value::Array(_)) {
                return Err(self.err(value, "an alias must be a list of JSONPath expressions (alias `targets` per format are not supported yet)"));
            }
            let list = self.strings(value, &format!("alias `{name}`"))?;
            self.aliases.insert(name, list);
        }
        Ok(())
    }

    /// Expands `#Alias` and `#Alias.rest` into JSONPath expressions.
    fn expand_given(&self, expr: &str, node: NodeId, depth: usize) -> Result<Vec<String>, Error> {
        let Some(rest) = expr.strip_prefix('#') else {
            return Ok(vec![expr.to_string()]);
        };
        if depth > 8 {
            return Err(self.err(
                node,
                "aliases refer to each other more than 8 levels deep (a cycle?)",
            ));
        }
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        let (name, tail) = rest.split_at(end);
        let Some(targets) = self.aliases.get(name) else {
            return Err(self.err(node, format!("unknown alias `#{name}`")));
        };
        let mut out = Vec::new();
        for (t, _) in targets {
            for e in self.expand_given(t, node, depth + 1)? {
                out.push(format!("{e}{tail}"));
            }
        }
        Ok(out)
    }

    fn read_rule(
        &self,
        id: &str,
        node: NodeId,
        formats: &[String],
        documentation_url: Option<&str>,
        rules: &mut Vec<Draft>,
    ) -> Result<(), Error> {
        let rule_err = |e: Error| e.with_rule(id);
        let existing = rules.iter().position(|d| d.rule.id == id);
        let not_defined = || {
            rule_err(self.key_err(
                node,
                format!("rule `{id}` is not defined in the extended rulesets, so it needs `given` and `then`"),
            ))
        };
        match self.tree().value(node) {
            Value::String(_) | Value::Number(_) => {
                let sev = self.severity(node, "a rule's severity").map_err(rule_err)?;
                let i = existing.ok_or_else(not_defined)?;
                rules[i].rule.severity = sev;
                rules[i].declared = sev;
                Ok(())
            }
            Value::Bool(on) => {
                let i = existing.ok_or_else(not_defined)?;
                rules[i].rule.severity = if *on {
                    rules[i].declared
                } else {
                    RuleSeverity::Off
                };
                Ok(())
            }
            Value::Object(entries) => {
                let full = entries
                    .iter()
                    .any(|e| &*e.key == "given" || &*e.key == "then");
                if full {
                    let draft = self
                        .full_rule(id, node, formats, documentation_url)
                        .map_err(rule_err)?;
                    match existing {
                        Some(i) => rules[i] = draft,
                        None => rules.push(draft),
                    }
                    Ok(())
                } else {
                    let i = existing.ok_or_else(not_defined)?;
                    self.override_rule(node, &mut rules[i]).map_err(rule_err)
                }
            }
            other => Err(rule_err(self.err(
                node,
                format!(
                    "a rule must be a mapping, a severity or true/false, not {}",
                    other.type_name()
                ),
            ))),
        }
    }

    fn full_rule(
        &self,
        id: &str,
        node: NodeId,
        formats: &[String],
        documentation_url: Option<&str>,
    ) -> Result<Draft, Error> {
        let fields = self.entries(node, "a rule")?;
        for (key, n) in &fields {
            if !RULE_KEYS.contains(&key.as_str()) && !key.starts_with("x-") {
                return Err(self.key_err(
                    *n,
                    format!(
                        "unknown rule key `{key}`; expected one of {}",
                        RULE_KEYS.join(", ")
                    ),
                ));
            }
        }
        let get = |k: &str| fields.iter().find(|(key, _)| key == k).map(|(_, n)| *n);
        let given_node = get("given").ok_or_else(|| self.err(node, "a rule needs `given`"))?;
        let then_node = get("then").ok_or_else(|| self.err(node, "a rule needs `then`"))?;

        let mut given = Vec::new();
        let given_list = self.strings(given_node, "`given`")?;
        if given_list.is_empty() {
            return Err(self.err(given_node, "`given` must not be empty"));
        }
        for (expr, n) in given_list {
            if !expr.starts_with('$') && !expr.starts_with('#') {
                return Err(self.err(n, format!("`given` must be a JSONPath starting with `$` or an alias starting with `#`, not {expr:?}")));
            }
            for e in self.expand_given(&expr, n, 0)? {
                given.push(self.json_path(&e, n)?);
            }
        }

        let then_items: Vec<NodeId> = match self.tree().value(then_node) {
            Value::Array(items) if !items.is_empty() => items.clone(),
            Value::Array(_) => return Err(self.err(then_node, "`then` must not be empty")),
            _ => vec![then_node],
        };
        let then = then_items
            .iter()
            .map(|&t| self.then(t))
            .collect::<Result<Vec<_>, _>>()?;

        let severity = match get("severity") {
            Some(n) => self.severity(n, "`severity`")?,
            // Spectral's default is `warn`.
            None => RuleSeverity::On(Severity::Should),
        };
        let description = get("description")
            .map(|n| self.string(n, "`description`"))
            .transpose()?;
        let title = match get("title") {
            Some(n) => self.string(n, "`title`")?,
            None => description
                .as_deref()
                .and_then(|d| d.lines().next())
                .unwrap_or(id)
                .to_string(),
        };
        let message = get("message")
            .map(|n| self.string(n, "`message`"))
            .transpose()?;
        let rule_formats = match get("formats") {
            Some(n) => self.formats(n)?,
            None => formats.to_vec(),
        };
        let resolved = get("resolved")
            .map(|n| self.bool(n, "`resolved`"))
            .transpose()?
            .unwrap_or(true);
        let recommended = get("recommended")
            .map(|n| self.bool(n, "`recommended`"))
            .transpose()?
            .unwrap_or(true);
        let link = match get("documentationUrl") {
            Some(n) => Some(self.string(n, "`documentationUrl`")?),
            None => documentation_url.map(|base| format!("{base}#{id}")),
        };
        let tags = match get("tags") {
            Some(n) => self
                .strings(n, "`tags`")?
                .into_iter()
                .map(|(t, _)| t)
                .collect(),
            None => Vec::new(),
        };
        if let Some(n) = get("type") {
            let t = self.string(n, "`type`")?;
            if t != "style" && t != "validation" {
                return Err(self.err(n, "`type` must be style or validation"));
            }
        }
        Ok(Draft {
            rule: Rule {
                id: id.to_string(),
                title,
                description,
                message,
                severity,
                given,
                then,
                formats: rule_formats,
                resolved,
                link,
                tags,
                recommended,
            },
            declared: severity,
        })
    }

    fn json_path(&self, expr: &str, node: NodeId) -> Result<JsonPath, Error> {
        JsonPath::parse(expr).map_err(|e| {
            let mut err = self.err(
                node,
                format!(
                    "invalid JSONPath {expr:?}: {} (at character {})",
                    e.message,
                    e.offset + 1
                ),
            );
            // Point at the offending character when the text is written
            // plainly on one line.
            let span = self.tree().node(node).span;
            let raw = &self.doc.text[span.start as usize..span.end as usize];
            let quote = usize::from(raw.starts_with(['"', '\'']));
            if raw.get(quote..).is_some_and(|r| r.starts_with(expr)) && !raw.contains('\n') {
                let at = span.start as usize + quote + e.offset;
                err.range = Some(self.doc.lines.range(&self.doc.text, at, at + 1));
            }
            err
        })
    }

    fn then(&self, node: NodeId) -> Result<Then, Error> {
        let fields = self.entries(node, "a `then` entry")?;
        for (key, n) in &fields {
            if !matches!(key.as_str(), "field" | "function" | "functionOptions") {
                return Err(self.key_err(
                    *n,
                    format!(
                        "unknown `then` key `{key}`; expected field, function or functionOptions"
                    ),
                ));
            }
        }
        let get = |k: &str| fields.iter().find(|(key, _)| key == k).map(|(_, n)| *n);
        let field = match get("field") {
            Some(n) => {
                let f = self.string(n, "`field`")?;
                Some(if f == "@key" {
                    Field::Keys
                } else if f == "$" || f.starts_with("$.") || f.starts_with("$[") {
                    // `$ref` and `$schema` are member names, not queries.
                    Field::Query(self.json_path(&f, n)?)
                } else {
                    Field::Path(
                        split_lodash_path(&f)
                            .ok_or_else(|| self.err(n, format!("invalid field path {f:?}")))?,
                    )
                })
            }
            None => None,
        };
        let function_node =
            get("function").ok_or_else(|| self.err(node, "a `then` entry needs `function`"))?;
        let function_name = self.string(function_node, "`function`")?;
        let options_node = get("functionOptions");
        let function_options = options_node
            .map(|n| self.tree().to_json(n))
            .unwrap_or(serde_json::Value::Null);
        let function = self.make_function(
            &function_name,
            &function_options,
            function_node,
            options_node,
        )?;
        let mut option_strings = Vec::new();
        if let Some(n) = options_node {
            self.collect_strings(n, &mut option_strings);
        }
        Ok(Then {
            field,
            function_name,
            function_options,
            function,
            site: Some(self.site(function_node)),
            option_strings,
        })
    }

    fn site(&self, node: NodeId) -> Site {
        Site {
            file: self.doc.name.clone(),
            pointer: self.doc.tree.pointer(node),
            range: self.doc.value_range(node),
        }
    }

    /// The strings below `node` with their sites, in document order.
    fn collect_strings(&self, node: NodeId, out: &mut Vec<(String, Site)>) {
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

    fn make_function(
        &self,
        name: &str,
        options: &serde_json::Value,
        function_node: NodeId,
        options_node: Option<NodeId>,
    ) -> Result<Arc<dyn crate::functions::RuleFunction>, Error> {
        let made = self.loader.registry.create(name, options).ok_or_else(|| {
            self.err(
                function_node,
                format!(
                    "unknown function `{name}`; available functions: {}",
                    self.loader.registry.names().collect::<Vec<_>>().join(", ")
                ),
            )
        })?;
        made.map(Arc::from).map_err(|why| {
            self.err(
                options_node.unwrap_or(function_node),
                format!("invalid functionOptions for `{name}`: {why}"),
            )
        })
    }

    fn override_rule(&self, node: NodeId, draft: &mut Draft) -> Result<(), Error> {
        for (key, n) in self.entries(node, "a rule override")? {
            match key.as_str() {
                "severity" => {
                    let s = self.severity(n, "`severity`")?;
                    draft.rule.severity = s;
                    draft.declared = s;
                }
                "functionOptions" => {
                    let patch = self.tree().to_json(n);
                    if !patch.is_object() {
                        return Err(self.err(n, "`functionOptions` in a rule override must be a mapping"));
                    }
                    for then in &mut draft.rule.then {
                        let merged = merge_options(&then.function_options, &patch);
                        let function = self.make_function(&then.function_name, &merged, n, Some(n))?;
                        then.function = function;
                        then.function_options = merged;
                        // The override's strings first: they replace the
                        // rule's own.
                        let mut strings = Vec::new();
                        self.collect_strings(n, &mut strings);
                        strings.append(&mut then.option_strings);
                        then.option_strings = strings;
                    }
                }
                "message" => draft.rule.message = Some(self.string(n, "`message`")?),
                "description" => draft.rule.description = Some(self.string(n, "`description`")?),
                "title" => draft.rule.title = self.string(n, "`title`")?,
                "documentationUrl" => draft.rule.link = Some(self.string(n, "`documentationUrl`")?),
                "tags" => draft.rule.tags = self.strings(n, "`tags`")?.into_iter().map(|(t, _)| t).collect(),
                "recommended" => draft.rule.recommended = self.bool(n, "`recommended`")?,
                k if k.starts_with("x-") => {}
                _ => {
                    return Err(self.key_err(
                        n,
                        format!(
                            "`{key}` cannot be overridden on its own; a rule override may set {} — or give `given` and `then` to replace the rule",
                            OVERRIDE_KEYS.join(", ")
                        ),
                    ))
                }
            }
        }
        Ok(())
    }
}

/// Shallow merge: keys of `patch` replace those of `base`.
fn merge_options(base: &serde_json::Value, patch: &serde_json::Value) -> serde_json::Value {
    let mut out = match base {
        serde_json::Value::Object(m) => m.clone(),
        _ => serde_json::Map::new(),
    };
    if let serde_json::Value::Object(p) = patch {
        for (k, v) in p {
            out.insert(k.clone(), v.clone());
        }
    }
    serde_json::Value::Object(out)
}

/// Splits `a.b[0].c` / `a['x.y']` into segments.
pub(crate) fn split_lodash_path(path: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            '[' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                let quote = match chars.peek() {
                    Some(&q @ ('\'' | '"')) => {
                        chars.next();
                        Some(q)
                    }
                    _ => None,
                };
                let mut seg = String::new();
                loop {
                    match chars.next() {
                        Some(q) if Some(q) == quote => {
                            if chars.next() != Some(']') {
                                return None;
                            }
                            break;
                        }
                        Some(']') if quote.is_none() => break,
                        Some(ch) => seg.push(ch),
                        None => return None,
                    }
                }
                out.push(seg);
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    (!out.is_empty()).then_some(out)
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
    fn lodash_paths_split() {
        assert_eq!(
            split_lodash_path("info.contact").unwrap(),
            ["info", "contact"]
        );
        assert_eq!(split_lodash_path("a[0].b").unwrap(), ["a", "0", "b"]);
        assert_eq!(split_lodash_path("a['x.y'].z").unwrap(), ["a", "x.y", "z"]);
        assert_eq!(split_lodash_path("a['x"), None);
    }

    #[test]
    fn semver_and_version_requirements() {
        assert!(is_semver("1.2.3"));
        assert!(is_semver("1.0.0-rc.1+b5"));
        assert!(!is_semver("1.2"));
        assert!(!is_semver("01.2.3"));
        assert!(version_satisfies("1.2.3", "1"));
        assert!(version_satisfies("1.2.3", "1.2"));
        assert!(version_satisfies("1.2.3", "^1.2.3"));
        assert!(!version_satisfies("1.2.3", "1.3"));
        assert!(!version_satisfies("11.0.0", "1"));
    }

    #[test]
    fn file_stems() {
        assert_eq!(file_stem("a/b/company.yaml"), "company");
        assert_eq!(file_stem(".oaslint.yaml"), "oaslint");
    }
}
