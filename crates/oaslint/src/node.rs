//! A read-only view of the values of a parsed [`Document`] with their
//! places in the text: what a tool needs to read a small YAML or JSON file
//! of its own (a configuration, an acknowledgement list) and point its
//! messages at `file:line:column`, with the engine's parser and limits.

use crate::document::Document;
use crate::source::Range;
use crate::tree::{NodeId, Tree, Value};

/// One value of a [`Document`]: a mapping, a sequence or a scalar.
///
/// ```
/// use oaslint::{Document, Limits};
///
/// let doc = Document::parse("ack.yaml", "version: 1\nitems:\n  - a\n  - 2\n", &Limits::default())?;
/// let root = doc.root().unwrap();
/// let keys: Vec<&str> = root.entries().unwrap().map(|(k, _)| k).collect();
/// assert_eq!(keys, ["version", "items"]);
/// let items = root.get("items").unwrap();
/// let texts: Vec<String> = items.items().unwrap().filter_map(|n| n.scalar_text()).collect();
/// assert_eq!(texts, ["a", "2"]);
/// assert_eq!(items.items().unwrap().nth(1).unwrap().range().start.line, 4);
/// assert_eq!(doc.lookup("/items/1").unwrap().pointer(), "/items/1");
/// # Ok::<(), oaslint::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct NodeRef<'a> {
    doc: &'a Document,
    id: NodeId,
}

impl std::fmt::Debug for NodeRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NodeRef")
            .field("file", &self.doc.name)
            .field("pointer", &self.pointer())
            .finish()
    }
}

impl Document {
    /// The top value; `None` for a file with no value at all (empty, or
    /// only comments).
    pub fn root(&self) -> Option<NodeRef<'_>> {
        (!self.tree.is_empty()).then_some(NodeRef {
            doc: self,
            id: Tree::ROOT,
        })
    }

    /// The value at an RFC 6901 JSON pointer (`""` is the root).
    pub fn lookup(&self, pointer: &str) -> Option<NodeRef<'_>> {
        self.tree
            .lookup(pointer)
            .map(|id| NodeRef { doc: self, id })
    }
}

impl<'a> NodeRef<'a> {
    fn value(&self) -> &'a Value {
        self.doc.tree.value(self.id)
    }

    fn at(&self, id: NodeId) -> NodeRef<'a> {
        NodeRef { doc: self.doc, id }
    }

    /// The JSON type name: `null`, `boolean`, `integer`, `number`,
    /// `string`, `array` or `object`.
    pub fn type_name(&self) -> &'static str {
        self.value().type_name()
    }

    /// Whether the value is null (`~`, `null` or nothing after the key).
    pub fn is_null(&self) -> bool {
        matches!(self.value(), Value::Null)
    }

    /// The string, if the value is one.
    pub fn as_str(&self) -> Option<&'a str> {
        match self.value() {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A scalar as text: a string as it is, a number or a boolean as
    /// written in JSON (`1`, `2.5`, `true`); `None` for null, a sequence or
    /// a mapping.
    pub fn scalar_text(&self) -> Option<String> {
        match self.value() {
            Value::String(s) => Some(s.to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The members of a mapping in the order written, each key with its
    /// value; `None` if the value is not a mapping.
    pub fn entries(&self) -> Option<impl Iterator<Item = (&'a str, NodeRef<'a>)> + 'a> {
        let doc = self.doc;
        match self.value() {
            Value::Object(members) => Some(
                members
                    .iter()
                    .map(move |m| (&*m.key, NodeRef { doc, id: m.value })),
            ),
            _ => None,
        }
    }

    /// The value of member `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<NodeRef<'a>> {
        self.doc.tree.get(self.id, key).map(|id| self.at(id))
    }

    /// The items of a sequence; `None` if the value is not a sequence.
    pub fn items(&self) -> Option<impl Iterator<Item = NodeRef<'a>> + 'a> {
        let doc = self.doc;
        match self.value() {
            Value::Array(items) => Some(items.iter().map(move |&id| NodeRef { doc, id })),
            _ => None,
        }
    }

    /// Where the value is in the text.
    pub fn range(&self) -> Range {
        self.doc.range(self.doc.tree.node(self.id).span)
    }

    /// The key of a mapping member; `None` for the root and for items of a
    /// sequence.
    pub fn key(&self) -> Option<&'a str> {
        self.doc.tree.key_of(self.id).map(|(key, _)| key)
    }

    /// Where the key of a mapping member is in the text; `None` for the
    /// root and for items of a sequence.
    pub fn key_range(&self) -> Option<Range> {
        self.doc
            .tree
            .key_of(self.id)
            .map(|(_, span)| self.doc.range(span))
    }

    /// The RFC 6901 JSON pointer of the value (`""` for the root).
    pub fn pointer(&self) -> String {
        self.doc.tree.pointer(self.id)
    }

    /// The value and everything below it as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        self.doc.tree.to_json(self.id)
    }
}
