//! YAML and JSON text to a [`Tree`] with source spans.
//!
//! Text whose first non-blank character is `{` or `[` is parsed as JSON by
//! our own parser (fast, exact byte offsets); everything else as YAML through
//! `saphyr-parser` events and our own builder (anchors, `<<` merges, duplicate
//! keys reported instead of rejected). See `docs/decisions.md`.

mod json;
mod yaml;

use crate::tree::{Span, Tree};

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
    pub syntax: Syntax,
    pub duplicate_keys: Vec<DuplicateKey>,
}

/// A syntax error or exceeded limit, at a byte span of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
}

/// Parses YAML or JSON (chosen by the first non-blank character).
pub fn parse(text: &str, limits: &Limits) -> Result<Parsed, ParseError> {
    let first = text
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .chars()
        .next();
    match first {
        Some('{') | Some('[') => json::parse(text, limits),
        _ => yaml::parse(text, limits),
    }
}

pub use json::parse as parse_json;
pub use yaml::parse as parse_yaml;
