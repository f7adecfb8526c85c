//! The document tree: every JSON/YAML value of a document, with the source
//! range of every value and every mapping key.
//!
//! Nodes live in one arena (`Vec<Node>`) in document pre-order, so the subtree
//! of node `n` is exactly the id range `n..node(n).subtree_end`. That makes a
//! descendant scan (`$..x`) a loop over a slice, lets a node's JSON pointer be
//! computed by walking parent links, and means dropping a 100 000-deep tree
//! never recurses.

use std::fmt;
use std::sync::Arc;

/// Text of keys and string values. Shared, because parsers intern the
/// keys (`type`, `description`, … repeat thousands of times) and short
/// values, which saves an allocation and a free per occurrence.
pub type Str = Arc<str>;

/// Hands out one shared [`Str`] per distinct short text.
#[derive(Debug, Default)]
pub struct Interner {
    set: rustc_hash::FxHashSet<Str>,
}

impl Interner {
    /// Texts longer than this are not worth a hash lookup: they rarely
    /// repeat (descriptions, examples).
    const MAX_LEN: usize = 48;

    pub fn new() -> Self {
        Self::default()
    }

    pub fn intern(&mut self, text: &str) -> Str {
        if text.len() > Self::MAX_LEN {
            return Str::from(text);
        }
        if let Some(s) = self.set.get(text) {
            return s.clone();
        }
        let s = Str::from(text);
        self.set.insert(s.clone());
        s
    }
}

/// Whether two keys are equal. Member lookups compare keys all the time,
/// nearly all of them short; `==` calls `memcmp`, which on wasm32 is an
/// out-of-line byte loop costing more than the comparison itself (5% of a
/// lint there). Compares eight bytes at a time inline instead.
#[inline]
pub fn key_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    if a.len() > 32 {
        return a == b;
    }
    let mut x = a.chunks_exact(8);
    let mut y = b.chunks_exact(8);
    for (p, q) in (&mut x).zip(&mut y) {
        if u64::from_ne_bytes(p.try_into().expect("8 bytes"))
            != u64::from_ne_bytes(q.try_into().expect("8 bytes"))
        {
            return false;
        }
    }
    x.remainder().iter().zip(y.remainder()).all(|(p, q)| p == q)
}

/// Index of a node in its [`Tree`].
pub type NodeId = u32;

/// A half-open byte range `start..end` in the document's source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
}

/// A JSON number as written: integers stay exact, everything else is `f64`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }

    pub fn to_json(self) -> serde_json::Value {
        match self {
            Number::Int(i) => serde_json::Value::from(i),
            Number::Float(f) => serde_json::Number::from_f64(f)
                .map(serde_json::Value::Number)
                // NaN and infinities (YAML `.nan`, `.inf`) have no JSON form.
                .unwrap_or_else(|| serde_json::Value::String(format_float(f))),
        }
    }
}

fn format_float(f: f64) -> String {
    if f.is_nan() {
        ".nan".into()
    } else if f > 0.0 {
        ".inf".into()
    } else {
        "-.inf".into()
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(i) => write!(f, "{i}"),
            Number::Float(x) if x.is_finite() => write!(f, "{x}"),
            Number::Float(x) => f.write_str(&format_float(*x)),
        }
    }
}

/// One key of a mapping and the node of its value.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: Str,
    pub key_span: Span,
    pub value: NodeId,
}

impl Entry {
    /// Whether this member's key is `key` (see [`key_eq`]).
    #[inline]
    pub fn is(&self, key: &str) -> bool {
        key_eq(&self.key, key)
    }
}

/// The value of a node. Children are node ids in the same tree.
#[derive(Debug, Clone)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(Str),
    Array(Vec<NodeId>),
    Object(Vec<Entry>),
}

impl Value {
    /// The JSON type name, as JSON Schema and error messages spell it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(Number::Int(_)) => "integer",
            Value::Number(Number::Float(_)) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }
}

/// Sentinel for "no parent" (the root).
pub const NO_PARENT: NodeId = NodeId::MAX;

#[derive(Debug, Clone)]
pub struct Node {
    pub value: Value,
    /// Source range of the value itself.
    pub span: Span,
    /// Parent node, or [`NO_PARENT`] for the root.
    pub parent: NodeId,
    /// Index of this node in its parent's entries (object) or items (array).
    pub slot: u32,
    /// One past the last node id of this node's subtree.
    pub subtree_end: NodeId,
}

/// A parsed document's values, in pre-order.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    nodes: Vec<Node>,
}

impl Tree {
    /// The root node id (always 0 for a non-empty tree).
    pub const ROOT: NodeId = 0;

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    pub fn value(&self, id: NodeId) -> &Value {
        &self.nodes[id as usize].value
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The parent of `id`, if it is not the root.
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        let p = self.node(id).parent;
        (p != NO_PARENT).then_some(p)
    }

    /// The member `key` of an object node.
    pub fn get(&self, id: NodeId, key: &str) -> Option<NodeId> {
        match self.value(id) {
            Value::Object(entries) => entries.iter().find(|e| e.is(key)).map(|e| e.value),
            _ => None,
        }
    }

    /// The item `index` of an array node.
    pub fn index(&self, id: NodeId, index: usize) -> Option<NodeId> {
        match self.value(id) {
            Value::Array(items) => items.get(index).copied(),
            _ => None,
        }
    }

    /// Follows a path of keys from `id`.
    pub fn get_path(&self, id: NodeId, keys: &[&str]) -> Option<NodeId> {
        keys.iter().try_fold(id, |n, k| self.get(n, k))
    }

    pub fn as_str(&self, id: NodeId) -> Option<&str> {
        match self.value(id) {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The key under which `id` sits in its parent object, with its span.
    pub fn key_of(&self, id: NodeId) -> Option<(&str, Span)> {
        let n = self.node(id);
        if n.parent == NO_PARENT {
            return None;
        }
        match self.value(n.parent) {
            Value::Object(entries) => {
                let e = &entries[n.slot as usize];
                Some((&e.key, e.key_span))
            }
            _ => None,
        }
    }

    /// The path segment by which the parent reaches `id`: a key or an index.
    pub fn segment_of(&self, id: NodeId) -> Option<Segment<'_>> {
        let n = self.node(id);
        if n.parent == NO_PARENT {
            return None;
        }
        Some(match self.value(n.parent) {
            Value::Object(entries) => Segment::Key(&entries[n.slot as usize].key),
            _ => Segment::Index(n.slot as usize),
        })
    }

    /// Path segments from the root to `id`.
    pub fn segments(&self, id: NodeId) -> Vec<Segment<'_>> {
        let mut out = Vec::new();
        let mut cur = id;
        while let Some(seg) = self.segment_of(cur) {
            out.push(seg);
            cur = self.node(cur).parent;
        }
        out.reverse();
        out
    }

    /// The RFC 6901 JSON pointer of `id` (`""` for the root).
    pub fn pointer(&self, id: NodeId) -> String {
        let mut p = String::new();
        for seg in self.segments(id) {
            p.push('/');
            match seg {
                Segment::Key(k) => push_escaped(&mut p, k),
                Segment::Index(i) => p.push_str(&i.to_string()),
            }
        }
        p
    }

    /// Resolves an RFC 6901 pointer (unescaped segments given by the caller or
    /// a `/a/b` string) to a node.
    pub fn lookup(&self, pointer: &str) -> Option<NodeId> {
        self.lookup_from(Self::ROOT, pointer)
    }

    /// Resolves a pointer relative to node `from`.
    pub fn lookup_from(&self, from: NodeId, pointer: &str) -> Option<NodeId> {
        if self.nodes.is_empty() {
            return None;
        }
        if pointer.is_empty() {
            return Some(from);
        }
        let rest = pointer.strip_prefix('/')?;
        let mut cur = from;
        for raw in rest.split('/') {
            let seg = unescape_segment(raw);
            cur = match self.value(cur) {
                Value::Object(_) => self.get(cur, &seg)?,
                Value::Array(_) => {
                    let i: usize = parse_index(&seg)?;
                    self.index(cur, i)?
                }
                _ => return None,
            };
        }
        Some(cur)
    }

    /// The deepest existing node along `pointer`, and how many segments were
    /// matched. Used to locate findings about members that are missing.
    pub fn lookup_nearest(&self, pointer: &str) -> (NodeId, usize) {
        let mut cur = Self::ROOT;
        let mut matched = 0;
        if let Some(rest) = pointer.strip_prefix('/') {
            for raw in rest.split('/') {
                let seg = unescape_segment(raw);
                let next = match self.value(cur) {
                    Value::Object(_) => self.get(cur, &seg),
                    Value::Array(_) => parse_index(&seg).and_then(|i| self.index(cur, i)),
                    _ => None,
                };
                match next {
                    Some(n) => {
                        cur = n;
                        matched += 1;
                    }
                    None => break,
                }
            }
        }
        (cur, matched)
    }

    /// Converts the subtree at `id` to a `serde_json::Value` (for JSON Schema
    /// validation and `{{value}}` messages). Depth is bounded by the parser's
    /// nesting limit, so the recursion is bounded too.
    pub fn to_json(&self, id: NodeId) -> serde_json::Value {
        use serde_json::Value as J;
        match self.value(id) {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => n.to_json(),
            Value::String(s) => J::String(s.to_string()),
            Value::Array(items) => J::Array(items.iter().map(|&c| self.to_json(c)).collect()),
            Value::Object(entries) => J::Object(
                entries
                    .iter()
                    .map(|e| (e.key.to_string(), self.to_json(e.value)))
                    .collect(),
            ),
        }
    }

    /// Iterates the direct children of `id` (object values or array items).
    pub fn children(&self, id: NodeId) -> Children<'_> {
        match self.value(id) {
            Value::Object(entries) => Children::Object(entries.iter()),
            Value::Array(items) => Children::Array(items.iter()),
            _ => Children::None,
        }
    }

    /// Number of nested levels below and including `id` is bounded by the
    /// parser; this returns the depth of `id` from the root.
    pub fn depth(&self, id: NodeId) -> usize {
        let mut d = 0;
        let mut cur = id;
        while let Some(p) = self.parent(cur) {
            d += 1;
            cur = p;
        }
        d
    }
}

/// A segment of a path: an object key or an array index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

impl fmt::Display for Segment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Key(k) => f.write_str(k),
            Segment::Index(i) => write!(f, "{i}"),
        }
    }
}

pub enum Children<'a> {
    Object(std::slice::Iter<'a, Entry>),
    Array(std::slice::Iter<'a, NodeId>),
    None,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        match self {
            Children::Object(it) => it.next().map(|e| e.value),
            Children::Array(it) => it.next().copied(),
            Children::None => None,
        }
    }
}

/// Appends `segment` to `out` with RFC 6901 escaping (`~` → `~0`, `/` → `~1`).
pub fn push_escaped(out: &mut String, segment: &str) {
    for c in segment.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// Escapes one pointer segment.
pub fn escape_segment(segment: &str) -> String {
    let mut s = String::with_capacity(segment.len());
    push_escaped(&mut s, segment);
    s
}

/// Undoes RFC 6901 escaping of one segment.
pub fn unescape_segment(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.contains('~') {
        std::borrow::Cow::Owned(raw.replace("~1", "/").replace("~0", "~"))
    } else {
        std::borrow::Cow::Borrowed(raw)
    }
}

fn parse_index(seg: &str) -> Option<usize> {
    if seg.is_empty() || (seg.len() > 1 && seg.starts_with('0')) {
        return None;
    }
    seg.parse().ok()
}

/// Builds a [`Tree`] in pre-order. Parsers call [`TreeBuilder::open`] when a
/// value starts (before its children) and [`TreeBuilder::close`] when it ends.
#[derive(Debug, Default)]
pub struct TreeBuilder {
    nodes: Vec<Node>,
}

impl TreeBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(n: usize) -> Self {
        TreeBuilder {
            nodes: Vec::with_capacity(n),
        }
    }

    /// Starts a node under `parent` at position `slot`. Its value is `Null`
    /// until [`TreeBuilder::close`] sets it.
    pub fn open(&mut self, parent: NodeId, slot: usize, start: usize) -> NodeId {
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            value: Value::Null,
            span: Span::new(start, start),
            parent,
            slot: slot as u32,
            subtree_end: id + 1,
        });
        id
    }

    /// Finishes node `id` with its value and end offset.
    pub fn close(&mut self, id: NodeId, value: Value, end: usize) {
        let subtree_end = self.nodes.len() as NodeId;
        let n = &mut self.nodes[id as usize];
        n.value = value;
        n.span.end = end as u32;
        n.subtree_end = subtree_end;
    }

    /// Adds a leaf node in one step.
    pub fn leaf(&mut self, parent: NodeId, slot: usize, value: Value, span: Span) -> NodeId {
        let id = self.open(parent, slot, span.start as usize);
        self.close(id, value, span.end as usize);
        id
    }

    /// Sets the start of a node (YAML reports a collection's start late).
    pub fn set_start(&mut self, id: NodeId, start: usize) {
        self.nodes[id as usize].span.start = start as u32;
    }

    /// Gives read access to finished nodes (e.g. to clone an anchored subtree).
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// Copies the finished subtree rooted at `src` as a new subtree under
    /// `parent` at `slot`, keeping the original spans (a YAML alias or merge).
    /// Returns the new root id.
    pub fn clone_subtree(&mut self, src: NodeId, parent: NodeId, slot: usize) -> NodeId {
        let base = self.nodes.len() as NodeId;
        let src_end = self.nodes[src as usize].subtree_end;
        let offset = base as i64 - src as i64;
        let shift = |id: NodeId| (id as i64 + offset) as NodeId;
        for old in src..src_end {
            let mut n = self.nodes[old as usize].clone();
            n.subtree_end = shift(n.subtree_end);
            if old == src {
                n.parent = parent;
                n.slot = slot as u32;
            } else {
                n.parent = shift(n.parent);
            }
            match &mut n.value {
                Value::Array(items) => items.iter_mut().for_each(|c| *c = shift(*c)),
                Value::Object(entries) => entries.iter_mut().for_each(|e| e.value = shift(e.value)),
                _ => {}
            }
            self.nodes.push(n);
        }
        base
    }

    pub fn finish(self) -> Tree {
        Tree { nodes: self.nodes }
    }
}

impl Tree {
    /// Builds a tree from a `serde_json::Value`, with empty spans. Meant for
    /// tests and for values that have no source text.
    pub fn from_json(value: &serde_json::Value) -> Tree {
        fn add(b: &mut TreeBuilder, v: &serde_json::Value, parent: NodeId, slot: usize) -> NodeId {
            use serde_json::Value as J;
            let id = b.open(parent, slot, 0);
            let value = match v {
                J::Null => Value::Null,
                J::Bool(x) => Value::Bool(*x),
                J::Number(n) => Value::Number(match n.as_i64() {
                    Some(i) => Number::Int(i),
                    None => Number::Float(n.as_f64().unwrap_or(f64::NAN)),
                }),
                J::String(s) => Value::String(s.as_str().into()),
                J::Array(items) => Value::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, c)| add(b, c, id, i))
                        .collect(),
                ),
                J::Object(map) => Value::Object(
                    map.iter()
                        .enumerate()
                        .map(|(i, (k, c))| Entry {
                            key: k.as_str().into(),
                            key_span: Span::default(),
                            value: add(b, c, id, i),
                        })
                        .collect(),
                ),
            };
            b.close(id, value, 0);
            id
        }
        let mut b = TreeBuilder::new();
        add(&mut b, value, NO_PARENT, 0);
        b.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_eq_is_string_equality() {
        // Every length across the 8-byte chunks and the 32-byte cut-over,
        // with a difference at each position; and multi-byte text.
        for len in 0..=40 {
            let a: String = (0..len)
                .map(|i| char::from(b'a' + (i % 26) as u8))
                .collect();
            assert!(key_eq(&a, &a.clone()), "{len}");
            assert!(!key_eq(&a, &format!("{a}x")), "{len}: longer");
            for at in 0..len {
                let mut b = a.clone().into_bytes();
                b[at] = b'_';
                let b = String::from_utf8(b).unwrap();
                assert!(!key_eq(&a, &b), "{len}: differs at {at}");
            }
        }
        assert!(key_eq("größe", "größe"));
        assert!(!key_eq("größe", "grösse"));
        assert!(!key_eq("é", "e\u{301}"));
    }

    fn sample() -> Tree {
        // {"a": {"b/c": [1, "x"]}, "~": null}
        let mut b = TreeBuilder::new();
        let root = b.open(NO_PARENT, 0, 0);
        let a = b.open(root, 0, 6);
        let arr = b.open(a, 0, 15);
        let one = b.leaf(arr, 0, Value::Number(Number::Int(1)), Span::new(16, 17));
        let x = b.leaf(arr, 1, Value::String("x".into()), Span::new(19, 22));
        b.close(arr, Value::Array(vec![one, x]), 23);
        b.close(
            a,
            Value::Object(vec![Entry {
                key: "b/c".into(),
                key_span: Span::new(7, 12),
                value: arr,
            }]),
            24,
        );
        let tilde = b.leaf(root, 1, Value::Null, Span::new(31, 35));
        b.close(
            root,
            Value::Object(vec![
                Entry {
                    key: "a".into(),
                    key_span: Span::new(1, 4),
                    value: a,
                },
                Entry {
                    key: "~".into(),
                    key_span: Span::new(26, 29),
                    value: tilde,
                },
            ]),
            36,
        );
        b.finish()
    }

    #[test]
    fn pointers_round_trip_with_escapes() {
        let t = sample();
        for id in 0..t.len() as NodeId {
            let p = t.pointer(id);
            assert_eq!(t.lookup(&p), Some(id), "pointer {p}");
        }
        assert_eq!(t.pointer(3), "/a/b~1c/0");
        assert_eq!(t.pointer(5), "/~0");
    }

    #[test]
    fn subtree_ranges_are_contiguous() {
        let t = sample();
        assert_eq!(t.node(0).subtree_end, 6);
        assert_eq!(t.node(1).subtree_end, 5);
        assert_eq!(t.node(2).subtree_end, 5);
    }

    #[test]
    fn lookup_rejects_bad_indexes_and_reports_nearest() {
        let t = sample();
        assert_eq!(t.lookup("/a/b~1c/01"), None);
        assert_eq!(t.lookup("/a/b~1c/2"), None);
        assert_eq!(t.lookup("a"), None);
        assert_eq!(t.lookup_nearest("/a/missing/x"), (1, 1));
    }

    #[test]
    fn clone_subtree_keeps_shape() {
        let mut b = TreeBuilder::new();
        let root = b.open(NO_PARENT, 0, 0);
        let arr = b.open(root, 0, 1);
        let one = b.leaf(arr, 0, Value::Bool(true), Span::new(2, 6));
        b.close(arr, Value::Array(vec![one]), 7);
        let copy = b.clone_subtree(arr, root, 1);
        b.close(root, Value::Array(vec![arr, copy]), 8);
        let t = b.finish();
        assert_eq!(t.pointer(copy + 1), "/1/0");
        assert_eq!(t.to_json(0), serde_json::json!([[true], [true]]));
    }
}
