//! `aliases`: named lists of JSONPath expressions, and their expansion in
//! a rule's `given` (`#Alias`, `#Alias.rest`, aliases of aliases).
//!
//! Separate because it is a small language of its own on top of JSONPath,
//! with its own checks (names, nesting depth, unknown aliases), which the
//! Spectral-compatibility work will extend (per-format `targets`).

use super::reader::FileReader;
use crate::error::Error;
use crate::tree::{NodeId, Value};

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
            if !matches!(self.tree().value(value), Value::Array(_)) {
                return Err(self.err(value, "an alias must be a list of JSONPath expressions (alias `targets` per format are not supported yet)"));
            }
            let list = self.strings(value, &format!("alias `{name}`"))?;
            self.aliases.insert(name, list);
        }
        Ok(())
    }

    /// Expands `#Alias` and `#Alias.rest` into JSONPath expressions.
    pub(super) fn expand_given(
        &self,
        expr: &str,
        node: NodeId,
        depth: usize,
    ) -> Result<Vec<String>, Error> {
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
}
