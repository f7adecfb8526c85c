//! `aliases`: named lists of JSONPath expressions, and their expansion in
//! a rule's `given` (`#Alias`, `#Alias.rest`, aliases of aliases).
//!
//! An alias is a list of expressions, or (as in Spectral) a scoped alias
//! `{description, targets: [{formats, given}]}` whose expressions depend on
//! the linted document's format: the last target with a format the document
//! has wins, and none matching means the alias selects nothing. As in
//! Spectral, a document "has" only the formats the ruleset mentions in a
//! `formats` list (its own, its rules', those of the rules it extends): a
//! ruleset without any selects nothing through a scoped alias. A rule that
//! uses a scoped alias therefore has one `given` list per document format
//! ([`Rule::given_for`](super::Rule::given_for)).
//!
//! Separate because it is a small language of its own on top of JSONPath,
//! with its own checks (names, nesting depth, unknown aliases).

use super::reader::FileReader;
use crate::document::SpecFormat;
use crate::error::Error;
use crate::tree::{NodeId, Value};

/// The formats oaslint lints, for which a scoped alias is expanded.
pub(super) const LINTED_FORMATS: [SpecFormat; 3] = [
    SpecFormat::Swagger2,
    SpecFormat::OpenApi30,
    SpecFormat::OpenApi31,
];

/// One alias of a ruleset file.
pub(super) enum Alias {
    /// A list of expressions, each with its node.
    Simple(Expressions),
    /// `targets`: per list of format names, a list of expressions.
    Scoped(Vec<(Vec<String>, Expressions)>),
}

/// JSONPath expressions, each with the node it is written at.
pub(super) type Expressions = Vec<(String, NodeId)>;

impl FileReader<'_, '_> {
    pub(super) fn read_aliases(&mut self, node: NodeId) -> Result<(), Error> {
        for (name, value) in self.entries(node, "`aliases`")? {
            let ok_name = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if !ok_name {
                return Err(self.key_err(value, format!("alias name `{name}` must start with a letter and contain only letters, digits, `_` and `-`")));
            }
            let alias = match self.tree().value(value) {
                Value::Array(_) => Alias::Simple(self.strings(value, &format!("alias `{name}`"))?),
                Value::Object(_) => self.scoped_alias(&name, value)?,
                other => {
                    return Err(self.err(
                        value,
                        format!(
                            "an alias must be a list of JSONPath expressions or a mapping with `targets`, not {}",
                            other.type_name()
                        ),
                    ))
                }
            };
            self.aliases.insert(name, alias);
        }
        Ok(())
    }

    /// `{description?, targets: [{formats, given}]}`.
    fn scoped_alias(&self, name: &str, node: NodeId) -> Result<Alias, Error> {
        let fields = self.entries(node, &format!("alias `{name}`"))?;
        let mut targets = None;
        for (key, n) in &fields {
            match key.as_str() {
                "description" => {
                    self.string(*n, "an alias's `description`")?;
                }
                "targets" => targets = Some(*n),
                _ => {
                    return Err(self.key_err(
                        *n,
                        format!("unknown alias key `{key}`; expected description or targets"),
                    ))
                }
            }
        }
        let targets = targets.ok_or_else(|| {
            self.err(
                node,
                format!("alias `{name}` needs `targets` (a list of {{formats, given}})"),
            )
        })?;
        let items = match self.tree().value(targets) {
            Value::Array(items) if !items.is_empty() => items.clone(),
            _ => {
                return Err(self.err(
                    targets,
                    "an alias's `targets` must be a non-empty list of {formats, given}",
                ))
            }
        };
        let mut out = Vec::new();
        for item in items {
            let entries = self.entries(item, "an alias target")?;
            let get = |k: &str| entries.iter().find(|(key, _)| key == k).map(|(_, n)| *n);
            for (key, n) in &entries {
                if key != "formats" && key != "given" {
                    return Err(self.key_err(
                        *n,
                        format!("unknown alias target key `{key}`; expected formats or given"),
                    ));
                }
            }
            let formats_node =
                get("formats").ok_or_else(|| self.err(item, "an alias target needs `formats`"))?;
            let given_node =
                get("given").ok_or_else(|| self.err(item, "an alias target needs `given`"))?;
            let formats = self.formats(formats_node)?;
            if formats.is_empty() {
                return Err(self.err(
                    formats_node,
                    "an alias target's `formats` must not be empty",
                ));
            }
            let given = self.strings(given_node, "an alias target's `given`")?;
            if given.is_empty() {
                return Err(self.err(given_node, "an alias target's `given` must not be empty"));
            }
            out.push((formats, given));
        }
        Ok(Alias::Scoped(out))
    }

    /// Whether expanding `expr` meets a scoped alias (so that its
    /// expressions depend on the document's format).
    pub(super) fn uses_scoped_alias(&self, expr: &str, depth: usize) -> bool {
        let Some((name, _)) = alias_name(expr) else {
            return false;
        };
        match self.aliases.get(name) {
            Some(Alias::Scoped(_)) => true,
            Some(Alias::Simple(list)) if depth <= 8 => list
                .iter()
                .any(|(t, _)| self.uses_scoped_alias(t, depth + 1)),
            _ => false,
        }
    }

    /// Expands `#Alias` and `#Alias.rest` into JSONPath expressions, for a
    /// document of `format` (`None`: a scoped alias selects nothing — only
    /// used when no scoped alias is met).
    pub(super) fn expand_given(
        &self,
        expr: &str,
        node: NodeId,
        depth: usize,
        format: Option<SpecFormat>,
    ) -> Result<Vec<String>, Error> {
        let Some((name, tail)) = alias_name(expr) else {
            return Ok(vec![expr.to_string()]);
        };
        if depth > 8 {
            return Err(self.err(
                node,
                "aliases refer to each other more than 8 levels deep (a cycle?)",
            ));
        }
        let targets: &[(String, NodeId)] = match self.aliases.get(name) {
            None => return Err(self.err(node, format!("unknown alias `#{name}`"))),
            Some(Alias::Simple(list)) => list,
            Some(Alias::Scoped(targets)) => {
                // The last target with one of the document's formats wins;
                // as in Spectral, a document has only the formats the
                // ruleset mentions.
                let has = |f: SpecFormat, name: &String| {
                    f.matches(name) && self.mentioned_formats.contains(name)
                };
                let chosen = format.and_then(|f| {
                    targets
                        .iter()
                        .rev()
                        .find(|(formats, _)| formats.iter().any(|n| has(f, n)))
                });
                match chosen {
                    Some((_, given)) => given,
                    None => &[],
                }
            }
        };
        let mut out = Vec::new();
        for (t, _) in targets {
            for e in self.expand_given(t, node, depth + 1, format)? {
                out.push(format!("{e}{tail}"));
            }
        }
        Ok(out)
    }

    /// Checks every expression of every target of the scoped aliases `expr`
    /// meets, for errors a document format would not reveal.
    pub(super) fn all_alias_expressions(
        &self,
        expr: &str,
        node: NodeId,
        depth: usize,
        out: &mut Vec<String>,
    ) -> Result<(), Error> {
        let Some((name, tail)) = alias_name(expr) else {
            out.push(expr.to_string());
            return Ok(());
        };
        if depth > 8 {
            return Err(self.err(
                node,
                "aliases refer to each other more than 8 levels deep (a cycle?)",
            ));
        }
        let lists: Vec<&[(String, NodeId)]> = match self.aliases.get(name) {
            None => return Err(self.err(node, format!("unknown alias `#{name}`"))),
            Some(Alias::Simple(list)) => vec![list],
            Some(Alias::Scoped(targets)) => targets.iter().map(|(_, g)| g.as_slice()).collect(),
        };
        for list in lists {
            for (t, _) in list {
                let mut inner = Vec::new();
                self.all_alias_expressions(t, node, depth + 1, &mut inner)?;
                out.extend(inner.into_iter().map(|e| format!("{e}{tail}")));
            }
        }
        Ok(())
    }
}

/// `#Name.rest` → (`Name`, `.rest`); `None` for an expression that is not
/// an alias.
fn alias_name(expr: &str) -> Option<(&str, &str)> {
    let rest = expr.strip_prefix('#')?;
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    Some(rest.split_at(end))
}
