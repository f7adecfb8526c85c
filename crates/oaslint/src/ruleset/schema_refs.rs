//! `$ref`s from a `schema` function's `functionOptions.schema` to files
//! next to the ruleset (`$ref: ./schemas/contact.json#/definitions/x`), as
//! Spectral's ruleset bundler follows them.
//!
//! The loader reads each file through its resolver (so the same confinement
//! applies as to `extends`: never outside the repository), and bundles it
//! into the schema's `$defs` under a generated key, rewriting every `$ref`
//! to a pointer inside the one schema: the function gets a self-contained
//! schema and never reads a file. A file's own `#/…` references are
//! rewritten to point into its bundled copy.

use super::reader::FileReader;
use crate::document::Document;
use crate::error::Error;
use crate::tree::{NodeId, Tree};
use crate::workspace::join_path;
use serde_json::{Map, Value};

/// The most files one schema may bundle (a chain of `$ref`s is bounded).
const MAX_FILES: usize = 64;

/// The `$defs` key of the bundled copy of file number `i`.
fn key_of(i: usize) -> String {
    format!("oaslint-ref-{i}")
}

impl FileReader<'_, '_> {
    /// Bundles the files the `schema` option refers to; the options are
    /// returned unchanged when it refers to none.
    pub(super) fn bundle_schema_refs(
        &self,
        options: &mut Value,
        options_node: NodeId,
    ) -> Result<(), Error> {
        let Some(schema) = options.get_mut("schema") else {
            return Ok(());
        };
        if !has_file_ref(schema) {
            return Ok(());
        }
        let mut files: Vec<String> = Vec::new();
        let mut bundled: Vec<Value> = Vec::new();
        let mut pending: Vec<usize> = Vec::new();
        rewrite(schema, &self.doc.name, None, &mut files, &mut pending);
        while let Some(i) = pending.pop() {
            let name = files[i].clone();
            let text = self.loader.resolver.read(&name).map_err(|why| {
                self.err(
                    options_node,
                    format!("cannot read {name}, which `functionOptions.schema` refers to: {why}"),
                )
            })?;
            let doc = Document::parse(&name, text, &self.loader.limits).map_err(|mut e| {
                e.kind = crate::error::ErrorKind::Ruleset;
                e
            })?;
            let mut value = doc.tree.to_json(Tree::ROOT);
            rewrite(&mut value, &name, Some(i), &mut files, &mut pending);
            if bundled.len() <= i {
                bundled.resize(i + 1, Value::Null);
            }
            bundled[i] = value;
            if files.len() > MAX_FILES {
                return Err(self.err(
                    options_node,
                    format!("`functionOptions.schema` refers to more than {MAX_FILES} files"),
                ));
            }
        }
        let Value::Object(root) = schema else {
            return Ok(());
        };
        let defs = root
            .entry("$defs")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(defs) = defs {
            for (i, value) in bundled.into_iter().enumerate() {
                defs.insert(key_of(i), value);
            }
        }
        Ok(())
    }
}

/// Whether a `$ref` below `v` names another file.
fn has_file_ref(v: &Value) -> bool {
    match v {
        Value::Object(m) => m
            .iter()
            .any(|(k, x)| (k == "$ref" && x.as_str().is_some_and(is_file_ref)) || has_file_ref(x)),
        Value::Array(items) => items.iter().any(has_file_ref),
        _ => false,
    }
}

/// A relative file reference (not a local `#…` one, not a URL).
fn is_file_ref(r: &str) -> bool {
    !r.starts_with('#') && !r.contains("://") && !r.starts_with("urn:")
}

/// Rewrites the `$ref`s below `v` (written in file `base`; `own` is that
/// file's number when it is a bundled one) into pointers to bundled
/// copies, numbering new files into `files` and `pending`.
fn rewrite(
    v: &mut Value,
    base: &str,
    own: Option<usize>,
    files: &mut Vec<String>,
    pending: &mut Vec<usize>,
) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if k == "$ref" {
                    if let Value::String(r) = x {
                        if let Some(new) = target(r, base, own, files, pending) {
                            *r = new;
                        }
                    }
                } else {
                    rewrite(x, base, own, files, pending);
                }
            }
        }
        Value::Array(items) => {
            for x in items {
                rewrite(x, base, own, files, pending);
            }
        }
        _ => {}
    }
}

fn target(
    r: &str,
    base: &str,
    own: Option<usize>,
    files: &mut Vec<String>,
    pending: &mut Vec<usize>,
) -> Option<String> {
    let (file, pointer) = match r.split_once('#') {
        Some((f, p)) => (f, p),
        None => (r, ""),
    };
    let i = if file.is_empty() {
        // A local reference inside a bundled file points into its copy.
        own?
    } else if is_file_ref(r) {
        let name = join_path(base, file);
        match files.iter().position(|f| *f == name) {
            Some(i) => i,
            None => {
                files.push(name);
                pending.push(files.len() - 1);
                files.len() - 1
            }
        }
    } else {
        return None;
    };
    Some(format!("#/$defs/{}{pointer}", key_of(i)))
}
