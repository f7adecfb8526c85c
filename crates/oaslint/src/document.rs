//! A parsed document: its text, tree, line index and spec version.

use crate::error::{Error, ErrorKind};
use crate::parse::{self, DuplicateKey, Limits};
use crate::source::{LineIndex, Range};
use crate::tree::{NodeId, Span, Tree, Value};
use std::sync::Arc;

/// Source text handed to the engine: anything string-like. An `Arc<str>`
/// is shared, not copied, so a caller that keeps the text (for code frames,
/// say) holds it only once.
#[derive(Debug, Clone)]
pub struct Text(pub Arc<str>);

impl From<Arc<str>> for Text {
    fn from(t: Arc<str>) -> Text {
        Text(t)
    }
}

impl From<&Arc<str>> for Text {
    fn from(t: &Arc<str>) -> Text {
        Text(t.clone())
    }
}

impl From<&str> for Text {
    fn from(t: &str) -> Text {
        Text(t.into())
    }
}

impl From<String> for Text {
    fn from(t: String) -> Text {
        Text(t.into())
    }
}

impl From<&String> for Text {
    fn from(t: &String) -> Text {
        Text(t.as_str().into())
    }
}

/// One parsed file (the root spec or a `$ref`'d file).
#[derive(Debug)]
pub struct Document {
    /// The file name as the user named it (or as derived from a `$ref`
    /// relative to the root's name).
    pub name: String,
    /// The text as read.
    pub text: Arc<str>,
    /// Where each line of `text` starts, for line:column positions.
    pub lines: LineIndex,
    /// The parsed values (an engine-internal form: read them through
    /// [`Document::root`] and [`Document::lookup`]).
    pub(crate) tree: Tree,
    /// Keys written twice in one mapping (reported as `duplicate-key`).
    pub(crate) duplicate_keys: Vec<DuplicateKey>,
}

impl Document {
    /// Parses `text`; a syntax error or exceeded limit becomes an [`Error`]
    /// naming `name:line:col`.
    pub fn parse(name: &str, text: impl Into<Text>, limits: &Limits) -> Result<Document, Error> {
        let text: Arc<str> = text.into().0;
        let lines = LineIndex::new(&text);
        match parse::parse(&text, limits) {
            Ok(p) => Ok(Document {
                name: name.to_string(),
                text,
                lines,
                tree: p.tree,
                duplicate_keys: p.duplicate_keys,
            }),
            Err(e) => {
                let range = lines.range(&text, e.span.start as usize, e.span.end as usize);
                Err(Error::new(ErrorKind::Parse, name, e.message).at(range))
            }
        }
    }

    /// Line/column range of a byte span.
    pub(crate) fn range(&self, span: Span) -> Range {
        self.lines
            .range(&self.text, span.start as usize, span.end as usize)
    }

    /// The range a finding on `node` should underline: for a member of an
    /// object, its key through the end of its value when the value is a
    /// scalar on the same line, else just the key; for other nodes the value.
    pub(crate) fn node_range(&self, node: NodeId) -> Range {
        self.range(self.node_span(node))
    }

    /// The range an error about the *value* of `node` should point at: a
    /// scalar itself, or the key of a collection (whose own span starts on
    /// the next line in block YAML).
    pub(crate) fn value_range(&self, node: NodeId) -> Range {
        match self.tree.value(node) {
            Value::Array(_) | Value::Object(_) => self.node_range(node),
            _ => self.range(self.tree.node(node).span),
        }
    }

    /// See [`Document::node_range`].
    pub(crate) fn node_span(&self, node: NodeId) -> Span {
        let n = self.tree.node(node);
        match self.tree.key_of(node) {
            Some((_, key_span)) if key_span.start <= n.span.start => {
                let scalar = !matches!(n.value, Value::Array(_) | Value::Object(_));
                if scalar && !self.text[key_span.end as usize..n.span.start as usize].contains('\n')
                {
                    Span {
                        start: key_span.start,
                        end: n.span.end,
                    }
                } else {
                    key_span
                }
            }
            _ => n.span,
        }
    }
}

/// The API description format of a root document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SpecFormat {
    /// Swagger 2.0 (`oas2`).
    Swagger2,
    /// OpenAPI 3.0.x (`oas3`, `oas3_0`).
    OpenApi30,
    /// OpenAPI 3.1.x (`oas3`, `oas3_1`); 3.2 is treated as 3.1.
    OpenApi31,
}

impl SpecFormat {
    /// The name used in reports: `swagger-2.0`, `openapi-3.0`, `openapi-3.1`.
    pub fn name(self) -> &'static str {
        match self {
            SpecFormat::Swagger2 => "swagger-2.0",
            SpecFormat::OpenApi30 => "openapi-3.0",
            SpecFormat::OpenApi31 => "openapi-3.1",
        }
    }

    /// Whether a ruleset `formats` entry (Spectral's names) matches.
    pub fn matches(self, format: &str) -> bool {
        match format {
            "oas2" => self == SpecFormat::Swagger2,
            "oas3" => self != SpecFormat::Swagger2,
            "oas3_0" | "oas3.0" => self == SpecFormat::OpenApi30,
            "oas3_1" | "oas3.1" | "oas3_2" | "oas3.2" => self == SpecFormat::OpenApi31,
            _ => false,
        }
    }

    /// Format names a ruleset may use in `formats`.
    pub const KNOWN: &'static [&'static str] = &["oas2", "oas3", "oas3_0", "oas3_1", "oas3_2"];

    /// Detects the format from the root's `swagger` / `openapi` member.
    pub fn detect(doc: &Document) -> Result<SpecFormat, Error> {
        let tree = &doc.tree;
        let root = Tree::ROOT;
        let not_openapi = |msg: String, node: Option<NodeId>| {
            let mut e = Error::new(ErrorKind::NotOpenApi, &doc.name, msg);
            if let Some(n) = node {
                e = e.at(doc.value_range(n)).with_pointer(tree.pointer(n));
            } else {
                e = e.at(doc.range(tree.node(root).span));
            }
            e
        };
        if !matches!(tree.value(root), Value::Object(_)) {
            return Err(not_openapi(
                format!(
                    "not an OpenAPI document: the top level is {} {}, expected a mapping with an `openapi` or `swagger` field",
                    article(tree.value(root).type_name()),
                    tree.value(root).type_name()
                ),
                None,
            ));
        }
        // An unquoted `2.0` or `3.0` is a YAML number; its source text is
        // what the author meant.
        let version_text = |n: NodeId| match tree.value(n) {
            Value::String(s) => Some(s.to_string()),
            Value::Number(x) => {
                let span = tree.node(n).span;
                Some(
                    doc.text
                        .get(span.start as usize..span.end as usize)
                        .filter(|t| !t.is_empty())
                        .map(str::to_string)
                        .unwrap_or_else(|| x.to_string()),
                )
            }
            _ => None,
        };
        if let Some(n) = tree.get(root, "openapi") {
            let v = version_text(n).unwrap_or_default();
            let mut parts = v.split('.');
            return match (parts.next(), parts.next()) {
                (Some("3"), Some("0")) => Ok(SpecFormat::OpenApi30),
                (Some("3"), Some("1")) | (Some("3"), Some("2")) => Ok(SpecFormat::OpenApi31),
                _ => Err(not_openapi(
                    format!("unsupported OpenAPI version {v:?}: oaslint reads Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2"),
                    Some(n),
                )),
            };
        }
        if let Some(n) = tree.get(root, "swagger") {
            let v = version_text(n).unwrap_or_default();
            return if v == "2.0" {
                Ok(SpecFormat::Swagger2)
            } else {
                Err(not_openapi(
                    format!("unsupported Swagger version {v:?}: only \"2.0\" exists"),
                    Some(n),
                ))
            };
        }
        Err(not_openapi(
            "not an OpenAPI document: no top-level `openapi` or `swagger` field".into(),
            None,
        ))
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

impl Document {
    /// A document made from a JSON value, without source text (every range
    /// is 1:1). For tests and programmatic use.
    pub fn from_json(name: &str, value: &serde_json::Value) -> Document {
        Document {
            name: name.to_string(),
            text: Arc::from(""),
            lines: LineIndex::new(""),
            tree: Tree::from_json(value),
            duplicate_keys: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(text: &str) -> Result<SpecFormat, String> {
        let doc = Document::parse("s.yaml", text, &Limits::default()).unwrap();
        SpecFormat::detect(&doc).map_err(|e| e.to_string())
    }

    #[test]
    fn versions_are_detected() {
        assert_eq!(detect("swagger: '2.0'\n"), Ok(SpecFormat::Swagger2));
        assert_eq!(detect("openapi: 3.0.0\n"), Ok(SpecFormat::OpenApi30));
        assert_eq!(detect("openapi: 3.0.4\n"), Ok(SpecFormat::OpenApi30));
        assert_eq!(detect("openapi: 3.1.1\n"), Ok(SpecFormat::OpenApi31));
        assert_eq!(detect("openapi: 3.2.0\n"), Ok(SpecFormat::OpenApi31));
        assert_eq!(
            detect("{\"openapi\": \"3.1.0\"}"),
            Ok(SpecFormat::OpenApi31)
        );
        assert_eq!(detect("openapi: 3.0\n"), Ok(SpecFormat::OpenApi30));
        assert_eq!(
            detect("openapi: 2.0\n").unwrap_err(),
            "s.yaml:1:10: unsupported OpenAPI version \"2.0\": oaslint reads Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2"
        );
        assert!(
            detect("swagger: 2.0\n").is_ok(),
            "an unquoted 2.0 is the number 2.0"
        );
    }

    #[test]
    fn formats_match_spectral_names() {
        assert!(SpecFormat::Swagger2.matches("oas2"));
        assert!(!SpecFormat::Swagger2.matches("oas3"));
        assert!(SpecFormat::OpenApi30.matches("oas3") && SpecFormat::OpenApi30.matches("oas3_0"));
        assert!(
            SpecFormat::OpenApi31.matches("oas3_1") && !SpecFormat::OpenApi31.matches("oas3_0")
        );
    }

    #[test]
    fn node_ranges_cover_key_and_scalar_or_just_the_key() {
        let doc = Document::parse(
            "s.yaml",
            "info:\n  title: Pets\n  contact:\n    name: x\n",
            &Limits::default(),
        )
        .unwrap();
        let title = doc.tree.lookup("/info/title").unwrap();
        let r = doc.node_range(title);
        assert_eq!(
            (r.start.line, r.start.column, r.end.line, r.end.column),
            (2, 3, 2, 14)
        );
        let contact = doc.tree.lookup("/info/contact").unwrap();
        let r = doc.node_range(contact);
        assert_eq!(
            (r.start.line, r.start.column, r.end.line, r.end.column),
            (3, 3, 3, 10)
        );
    }
}
