//! `extends`: which rulesets a ruleset builds on, and how.
//!
//! Resolves each entry to a built-in ruleset (`zalando`, `zalando@2`), a
//! file embedded beside a built-in one, or a file read through the
//! resolver; refuses network URLs, cycles and chains deeper than
//! [`MAX_EXTENDS_DEPTH`]; applies the entry's mode (`recommended`, `all`,
//! `off`) to the rules it brings; and checks `name@version` requirements
//! against semantic versions. Separate from the rule reader because it is
//! about files and their relations, not about what a rule says.

use super::builtin;
use super::load::{Draft, Merged, RulesetLoader};
use super::reader::FileReader;
use crate::document::Document;
use crate::error::{Error, ErrorKind};
use crate::severity::RuleSeverity;
use crate::tree::{NodeId, Value};
use crate::workspace::join_path;
use std::collections::HashMap;
use std::sync::Arc;

/// How deep `extends` chains may go (a cycle is reported before this).
const MAX_EXTENDS_DEPTH: usize = 16;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum ExtendsMode {
    Recommended,
    All,
    Off,
}

impl RulesetLoader<'_> {
    pub(super) fn builtin_merged(
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
                super::suggest::unknown(
                    &format!("unknown built-in ruleset `{name}`"),
                    name,
                    &builtin::builtin_names(),
                    "built-in rulesets",
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

    pub(super) fn load_merged(
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
            warnings: Default::default(),
            mentioned_formats: Vec::new(),
        }
        .read(stack);
        stack.pop();
        result
    }
}

/// `zalando`, `acme@2`: a name, not a path.
pub(super) fn is_bare_name(spec: &str) -> bool {
    !spec
        .split('@')
        .next()
        .unwrap_or(spec)
        .contains(['/', '\\', '.'])
}

pub(super) fn apply_mode(rules: Vec<Draft>, mode: ExtendsMode) -> Vec<Draft> {
    rules
        .into_iter()
        .map(|mut d| {
            d.rule.severity = match mode {
                ExtendsMode::Off => RuleSeverity::Off,
                ExtendsMode::Recommended if !d.rule.recommended => RuleSeverity::Off,
                // As in Spectral, `all` switches on every rule, also those
                // its own ruleset left off with `recommended: false`.
                ExtendsMode::All => d.declared,
                ExtendsMode::Recommended => d.rule.severity,
            };
            d
        })
        .collect()
}

/// `want` is an exact version, or a prefix of whole components (`1` or
/// `1.2` accept `1.2.3`).
fn version_satisfies(have: &str, want: &str) -> bool {
    let want = want.trim_start_matches(['^', '=', 'v']);
    have == want || have.starts_with(&format!("{want}."))
}

/// Whether `v` is a semantic version (`MAJOR.MINOR.PATCH`, optional
/// `-pre` and `+build`).
pub(super) fn is_semver(v: &str) -> bool {
    let core = v.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        })
}

impl FileReader<'_, '_> {
    pub(super) fn extends_entries(
        &self,
        node: NodeId,
    ) -> Result<Vec<(String, ExtendsMode, NodeId)>, Error> {
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

    pub(super) fn load_base(
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
        let extended = self.loader.for_extended();
        // Spectral's rulesets for other kinds of documents contribute no
        // rules to a linter of OpenAPI documents; `spectral:oas` is a
        // built-in like `zalando` (below).
        // (The note saying so is `builtin::non_openapi_note(spec)`.)
        if builtin::non_openapi_note(spec).is_some() {
            let folder = spec.replace(':', "-");
            return extended
                .load_merged(
                    &format!("builtin:{folder}/ruleset.yaml"),
                    Arc::from(format!("name: {spec:?}\nrules: {{}}\n")),
                    stack,
                )
                .map_err(locate);
        }
        // A bare name (`zalando`, `acme@2`) is a built-in ruleset; files
        // are named by a path with a `/` or an extension.
        if builtin::is_builtin_spec(spec) || is_bare_name(spec) {
            return extended
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
            return extended.load_merged(&format!("builtin:{path}"), Arc::from(text), stack);
        }
        let base_name = join_path(&self.doc.name, spec);
        let text = extended.resolver.read(&base_name).map_err(|why| {
            self.err(
                node,
                format!("cannot read extended ruleset {base_name}: {why}"),
            )
        })?;
        extended.load_merged(&base_name, text, stack)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
