//! YAML and JSON text to a [`Tree`] with source spans.
//!
//! Text whose first non-blank character is `{` or `[` is parsed as JSON by
//! our own parser (fast, exact byte offsets); everything else as YAML through
//! `saphyr-parser` events and our own builder (anchors, `<<` merges, duplicate
//! keys reported instead of rejected). See `docs/decisions.md`.
//!
//! Both parsers are iterative (an explicit stack instead of recursion), so
//! hostile nesting can only produce a [`ParseError`], never a stack overflow,
//! whatever [`Limits::max_depth`] a caller picks.
//!
//! A duplicate key (and, in YAML, an inline `<<` merge source) leaves nodes in
//! the arena that no entry refers to. Descendant scans walk id ranges, so such
//! orphans would be reported as if they were part of the document; the
//! parsers therefore rebuild the tree without them (`drop_unreachable`).
//! That only happens for documents that have them, so the common case pays
//! nothing. Either way every node of a parsed tree is reachable, and the
//! children of a node have increasing ids that tile its subtree.

mod json;
mod yaml;

#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use crate::tree::{Entry, NodeId, Span, Tree, TreeBuilder, Value, NO_PARENT};

/// Safety limits, so hostile input fails fast with bounded memory.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Maximum nesting of arrays/objects.
    pub max_depth: usize,
    /// Maximum number of nodes that YAML aliases and merge keys may copy in
    /// total (stops "billion laughs" alias bombs).
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 512,
            max_alias_nodes: 1_000_000,
        }
    }
}

/// The surface syntax a document was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Syntax {
    Json,
    Yaml,
}

/// A key that appears twice in one mapping. The later value wins (as in
/// `JSON.parse`); the linter reports it as a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub key: String,
    /// Span of the repeated key.
    pub span: Span,
    /// Span of the first occurrence.
    pub first: Span,
}

#[derive(Debug)]
pub struct Parsed {
    pub tree: Tree,
    /// Read by the parser's tests and by fuzz targets only: a document
    /// keeps no syntax (its findings and errors do not depend on it).
    #[cfg_attr(not(any(test, feature = "internals")), allow(dead_code))]
    pub syntax: Syntax,
    pub duplicate_keys: Vec<DuplicateKey>,
}

/// A syntax error or exceeded limit, at a byte span of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong.
    pub message: String,
    /// Where, in bytes of the input.
    pub span: Span,
}

impl ParseError {
    pub(crate) fn new(message: impl Into<String>, start: usize, end: usize) -> ParseError {
        ParseError {
            message: message.into(),
            span: Span::new(start, end),
        }
    }
}

/// Parses YAML or JSON (chosen by the first non-blank character).
///
/// Text that looks like JSON but is not valid JSON is retried as YAML,
/// because a YAML flow mapping (`{a: 1}`, trailing commas, comments) also
/// starts with `{`. When both fail, the JSON error is the one returned: the
/// author most likely meant JSON, and YAML's complaint about a flow mapping
/// would be confusing.
pub fn parse(text: &str, limits: &Limits) -> Result<Parsed, ParseError> {
    let first = text
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .chars()
        .next();
    match first {
        Some('{') | Some('[') => match json::parse(text, limits) {
            Ok(parsed) => Ok(parsed),
            Err(json_error) => yaml::parse(text, limits).map_err(|_| json_error),
        },
        _ => yaml::parse(text, limits),
    }
}

// For the parser tests and the fuzz targets (`oaslint::internals`).
#[cfg(any(test, feature = "internals"))]
pub use json::parse as parse_json;
#[cfg(any(test, feature = "internals"))]
pub use yaml::parse as parse_yaml;

/// Detects repeated keys in one mapping while it is being built.
///
/// OpenAPI documents have mappings with thousands of keys (`paths`,
/// `components/schemas`), so a linear scan per key would be quadratic; tiny
/// mappings are the vast majority, so they skip the hash set entirely.
#[derive(Debug, Default)]
pub(crate) struct KeyIndex {
    hashes: Option<HashSet<u64, BuildHasherDefault<PassThrough>>>,
}

/// Below this many entries a linear scan beats hashing.
const LINEAR_SCAN_MAX: usize = 8;

impl KeyIndex {
    /// The index of `key` in `entries`, or `None` after noting `key` as
    /// present (the caller then pushes it as a new entry).
    pub(crate) fn find_or_note(&mut self, entries: &[Entry], key: &str) -> Option<usize> {
        let hashes = match &mut self.hashes {
            Some(h) => h,
            None if entries.len() < LINEAR_SCAN_MAX => {
                return entries.iter().position(|e| &*e.key == key);
            }
            None => {
                let mut set = HashSet::with_capacity_and_hasher(
                    entries.len() * 2,
                    BuildHasherDefault::<PassThrough>::default(),
                );
                set.extend(entries.iter().map(|e| hash_key(&e.key)));
                self.hashes.insert(set)
            }
        };
        if hashes.insert(hash_key(key)) {
            None
        } else {
            // A repeat or a (rare) hash collision: the entries decide.
            entries.iter().position(|e| &*e.key == key)
        }
    }
}

/// A fast, non-cryptographic string hash. Keys come from the document being
/// parsed, and a deliberately colliding set only degrades to the linear scan
/// of the small-mapping case, which is still bounded by the document size.
fn hash_key(key: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let bytes = key.as_bytes();
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let mut tail = [0u8; 8];
    let rest = chunks.remainder();
    tail[..rest.len()].copy_from_slice(rest);
    h = (h.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    h ^ (h >> 29)
}

/// The set stores already-mixed hashes, so hashing them again is wasted work.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Rebuilds `tree` from its root in document pre-order, leaving out the
/// nodes no entry or item refers to.
///
/// Walking the entries (not the old ids) also puts a value that replaced a
/// duplicate key's earlier value back in its entry's order, so after this
/// the children of every node have increasing ids that tile its subtree.
/// The walk keeps its own stack, like the parsers.
pub(crate) fn drop_unreachable(tree: Tree) -> Tree {
    if tree.is_empty() {
        return tree;
    }
    struct Open {
        old: NodeId,
        new: NodeId,
        /// New ids of the children copied so far.
        kids: Vec<NodeId>,
    }
    let old_children = |id: NodeId| -> &[NodeId] {
        // Arrays only; objects are read through their entries below.
        match tree.value(id) {
            Value::Array(items) => items,
            _ => &[],
        }
    };
    let child_count = |id: NodeId| match tree.value(id) {
        Value::Array(items) => items.len(),
        Value::Object(entries) => entries.len(),
        _ => 0,
    };
    let child_at = |id: NodeId, i: usize| match tree.value(id) {
        Value::Object(entries) => entries[i].value,
        _ => old_children(id)[i],
    };
    let mut b = TreeBuilder::with_capacity(tree.len());
    let root = tree.node(Tree::ROOT);
    let mut stack = vec![Open {
        old: Tree::ROOT,
        new: b.open(NO_PARENT, 0, root.span.start as usize),
        kids: Vec::new(),
    }];
    while let Some(top) = stack.last_mut() {
        let i = top.kids.len();
        if i < child_count(top.old) {
            let old = child_at(top.old, i);
            let new = b.open(top.new, i, tree.node(old).span.start as usize);
            top.kids.push(new);
            stack.push(Open {
                old,
                new,
                kids: Vec::new(),
            });
            continue;
        }
        let Some(done) = stack.pop() else { break };
        let node = tree.node(done.old);
        let value = match &node.value {
            Value::Array(_) => Value::Array(done.kids),
            Value::Object(entries) => Value::Object(
                entries
                    .iter()
                    .zip(done.kids)
                    .map(|(e, value)| Entry {
                        key: e.key.clone(),
                        key_span: e.key_span,
                        value,
                    })
                    .collect(),
            ),
            scalar => scalar.clone(),
        };
        b.close(done.new, value, node.span.end as usize);
    }
    b.finish()
}
