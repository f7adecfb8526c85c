//! The documents of one lint run (the root and every `$ref`'d file), the
//! resolved `$ref` table, and views over them that rules and JSONPath walk.

use crate::document::Document;
use crate::error::{Error, ErrorKind};
use crate::parse::Limits;
use crate::tree::{NodeId, Tree, Value};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::VecDeque;
use std::sync::Arc;

/// Index of a document in a [`Workspace`]; the root is 0.
pub type DocId = u32;

/// A node of a document of the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    pub doc: DocId,
    pub node: NodeId,
}

impl Loc {
    pub const fn new(doc: DocId, node: NodeId) -> Loc {
        Loc { doc, node }
    }
}

/// Reads files that `$ref`s name. The core never touches the filesystem:
/// the CLI passes a filesystem resolver, WASM and tests an in-memory map.
pub trait Resolver {
    /// Returns the text of the file called `name` (a path built by joining
    /// the referring document's name with the reference, normalised, `/`
    /// separated), or a message saying why it cannot be read.
    fn read(&self, name: &str) -> Result<Arc<str>, String>;
}

/// A resolver that knows no files: every external `$ref` is an error.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoFiles;

impl Resolver for NoFiles {
    fn read(&self, name: &str) -> Result<Arc<str>, String> {
        Err(format!(
            "no resolver for external files was given (reading {name})"
        ))
    }
}

/// An in-memory set of files, keyed by normalised name.
#[derive(Debug, Default, Clone)]
pub struct MemoryResolver {
    files: HashMap<String, Arc<str>>,
}

impl MemoryResolver {
    /// No files.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) file `name`.
    pub fn insert(&mut self, name: &str, text: impl Into<crate::document::Text>) -> &mut Self {
        self.files.insert(normalize_path(name), text.into().0);
        self
    }
}

impl Resolver for MemoryResolver {
    fn read(&self, name: &str) -> Result<Arc<str>, String> {
        self.files
            .get(&normalize_path(name))
            .cloned()
            .ok_or_else(|| "no such file".to_string())
    }
}

/// A `$ref` that oaslint did not follow because it names a remote URL.
#[derive(Debug, Clone)]
pub struct RemoteRef {
    /// The object holding the `$ref`.
    pub at: Loc,
    pub target: String,
}

/// All documents of a lint run, with their `$ref`s resolved.
#[derive(Debug)]
pub struct Workspace {
    docs: Vec<Document>,
    /// `$ref` object → the node it points at.
    refs: HashMap<Loc, Loc>,
    /// `$ref`s that point at a remote URL (never fetched).
    pub remote_refs: Vec<RemoteRef>,
    /// `$ref`s that could not be resolved (missing file or pointer).
    pub errors: Vec<Error>,
}

/// Maximum number of files one lint run loads through `$ref`s.
const MAX_FILES: usize = 10_000;

impl Workspace {
    /// Loads `root` and every file reachable through `$ref`s.
    pub fn load(root: Document, resolver: &dyn Resolver, limits: &Limits) -> Workspace {
        let mut ws = Workspace {
            docs: vec![root],
            refs: HashMap::default(),
            remote_refs: Vec::new(),
            errors: Vec::new(),
        };
        let mut by_name: HashMap<String, DocId> = HashMap::default();
        by_name.insert(normalize_path(&ws.docs[0].name), 0);
        let mut queue: VecDeque<DocId> = VecDeque::from([0]);
        while let Some(doc_id) = queue.pop_front() {
            for (node, target) in collect_refs(&ws.docs[doc_id as usize].tree) {
                let at = Loc::new(doc_id, node);
                let (file_part, fragment) = match target.split_once('#') {
                    Some((f, frag)) => (f, frag),
                    None => (target.as_str(), ""),
                };
                if is_remote(file_part) {
                    ws.remote_refs.push(RemoteRef { at, target });
                    continue;
                }
                let target_doc = if file_part.is_empty() {
                    doc_id
                } else {
                    let name =
                        join_path(&ws.docs[doc_id as usize].name, &percent_decode(file_part));
                    let key = normalize_path(&name);
                    match by_name.get(&key) {
                        Some(&d) => d,
                        None => {
                            if ws.docs.len() >= MAX_FILES {
                                ws.push_ref_error(at, format!("more than {MAX_FILES} files are referenced; not reading {name}"));
                                continue;
                            }
                            let text = match resolver.read(&name) {
                                Ok(t) => t,
                                Err(why) => {
                                    ws.push_ref_error(
                                        at,
                                        format!("cannot read `{target}` ({name}): {why}"),
                                    );
                                    continue;
                                }
                            };
                            match Document::parse(&name, text, limits) {
                                Ok(d) => {
                                    let id = ws.docs.len() as DocId;
                                    ws.docs.push(d);
                                    by_name.insert(key, id);
                                    queue.push_back(id);
                                    id
                                }
                                Err(e) => {
                                    ws.errors.push(e);
                                    // Remember the failure so later refs to it
                                    // don't re-read and re-report the file.
                                    by_name.insert(key, DocId::MAX);
                                    continue;
                                }
                            }
                        }
                    }
                };
                if target_doc == DocId::MAX {
                    continue;
                }
                let fragment = percent_decode(fragment);
                if !fragment.is_empty() && !fragment.starts_with('/') {
                    // A plain-name fragment (`#foo`) targets a JSON Schema
                    // `$anchor`; those are not resolved yet.
                    continue;
                }
                let tree = &ws.docs[target_doc as usize].tree;
                match tree.lookup(&fragment) {
                    Some(node) => {
                        ws.refs.insert(at, Loc::new(target_doc, node));
                    }
                    None => {
                        let doc_name = ws.docs[target_doc as usize].name.clone();
                        ws.push_ref_error(
                            at,
                            format!("`$ref: {target}` points at nothing: {doc_name} has no node at #{fragment}"),
                        );
                    }
                }
            }
        }
        ws
    }

    fn push_ref_error(&mut self, at: Loc, message: String) {
        let doc = &self.docs[at.doc as usize];
        let node = doc.tree.get(at.node, "$ref").unwrap_or(at.node);
        let err = Error::new(ErrorKind::Reference, &doc.name, message)
            .at(doc.node_range(node))
            .with_pointer(doc.tree.pointer(node));
        self.errors.push(err);
    }

    /// A workspace of just one document, without resolving anything.
    pub fn single(doc: Document) -> Workspace {
        Workspace {
            docs: vec![doc],
            refs: HashMap::default(),
            remote_refs: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// The document the lint started from.
    pub fn root(&self) -> &Document {
        &self.docs[0]
    }

    /// The document `id`.
    pub fn doc(&self, id: DocId) -> &Document {
        &self.docs[id as usize]
    }

    /// Every loaded document, the root first.
    pub fn docs(&self) -> &[Document] {
        &self.docs
    }

    /// The tree of document `id`.
    pub fn tree(&self, id: DocId) -> &Tree {
        &self.docs[id as usize].tree
    }

    /// The value at `at`.
    pub fn value(&self, at: Loc) -> &Value {
        self.tree(at.doc).value(at.node)
    }

    /// The node a `$ref` object points at, if resolved.
    pub fn ref_target(&self, at: Loc) -> Option<Loc> {
        self.refs.get(&at).copied()
    }

    /// Follows `$ref`s from `at` until a node that is not a resolved `$ref`
    /// (or a cycle) is reached.
    pub fn follow(&self, at: Loc) -> Loc {
        let mut cur = at;
        // Chains are short in practice; the bound stops a ref cycle.
        for _ in 0..64 {
            match self.refs.get(&cur) {
                Some(&next) if next != cur => cur = next,
                _ => break,
            }
        }
        cur
    }

    /// A view that sees `$ref`s (`resolved == false`) or follows them.
    pub fn view(&self, resolved: bool) -> View<'_> {
        View { ws: self, resolved }
    }

    /// Every resolved `$ref` pair (referring object → target).
    pub fn refs(&self) -> impl Iterator<Item = (Loc, Loc)> + '_ {
        self.refs.iter().map(|(a, b)| (*a, *b))
    }
}

/// How rules see the workspace: with `$ref`s followed (`resolved`) or not.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub ws: &'a Workspace,
    pub resolved: bool,
}

impl<'a> View<'a> {
    /// The node that stands at `at` in this view (a `$ref` object is
    /// replaced by its target when resolved).
    pub fn follow(&self, at: Loc) -> Loc {
        if self.resolved {
            self.ws.follow(at)
        } else {
            at
        }
    }

    pub fn value(&self, at: Loc) -> &'a Value {
        self.ws.value(at)
    }

    pub fn tree(&self, doc: DocId) -> &'a Tree {
        self.ws.tree(doc)
    }

    /// The member `key` of object `at`, followed.
    pub fn get(&self, at: Loc, key: &str) -> Option<Loc> {
        self.ws
            .tree(at.doc)
            .get(at.node, key)
            .map(|n| self.follow(Loc::new(at.doc, n)))
    }

    /// The root of the root document.
    pub fn root(&self) -> Loc {
        Loc::new(0, Tree::ROOT)
    }

    pub fn cursor(&self, at: Loc) -> Cursor<'a> {
        Cursor {
            view: *self,
            loc: self.follow(at),
        }
    }
}

/// A handle on one node for rule functions: read its value, step to
/// members and items (following `$ref`s in a resolved view).
#[derive(Clone, Copy)]
pub struct Cursor<'a> {
    view: View<'a>,
    loc: Loc,
}

impl<'a> Cursor<'a> {
    /// Where the cursor is.
    pub(crate) fn loc(&self) -> Loc {
        self.loc
    }

    /// The view of the documents the cursor walks.
    pub(crate) fn view(&self) -> View<'a> {
        self.view
    }

    /// The value under the cursor.
    pub(crate) fn value(&self) -> &'a Value {
        self.view.value(self.loc)
    }

    /// The JSON type name: `null`, `boolean`, `integer`, `number`,
    /// `string`, `array` or `object` (as [`crate::NodeRef::type_name`]).
    pub fn type_name(&self) -> &'static str {
        self.value().type_name()
    }

    /// The boolean, if the value is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self.value() {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number as `f64`, if the value is one (large integers round).
    pub fn as_f64(&self) -> Option<f64> {
        match self.value() {
            Value::Number(n) => Some(n.as_f64()),
            _ => None,
        }
    }

    /// Member `key` of a mapping (`$ref`s followed when the view does).
    pub fn get(&self, key: &str) -> Option<Cursor<'a>> {
        self.view.get(self.loc, key).map(|loc| Cursor {
            view: self.view,
            loc,
        })
    }

    /// The string, if the value is one.
    pub fn as_str(&self) -> Option<&'a str> {
        match self.value() {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Items of an array (empty for other values).
    pub fn items(&self) -> impl Iterator<Item = Cursor<'a>> + 'a {
        let view = self.view;
        let doc = self.loc.doc;
        let items: &'a [NodeId] = match self.value() {
            Value::Array(items) => items,
            _ => &[],
        };
        items.iter().map(move |&n| Cursor {
            view,
            loc: view.follow(Loc::new(doc, n)),
        })
    }

    /// Members of an object (empty for other values).
    pub fn entries(&self) -> impl Iterator<Item = (&'a str, Cursor<'a>)> + 'a {
        let view = self.view;
        let doc = self.loc.doc;
        let entries: &'a [crate::tree::Entry] = match self.value() {
            Value::Object(entries) => entries,
            _ => &[],
        };
        entries.iter().map(move |e| {
            (
                &*e.key,
                Cursor {
                    view,
                    loc: view.follow(Loc::new(doc, e.value)),
                },
            )
        })
    }

    /// JavaScript truthiness of the value (as Spectral's `truthy`).
    pub fn is_truthy(&self) -> bool {
        match self.value() {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => {
                let f = n.as_f64();
                f != 0.0 && !f.is_nan()
            }
            Value::String(s) => !s.is_empty(),
            Value::Array(_) | Value::Object(_) => true,
        }
    }

    /// The value as `serde_json::Value`, with `$ref`s inlined in a resolved
    /// view. A `$ref` cycle is cut (the repeated node becomes `{}`), and at
    /// most `budget` nodes are produced, so shared subschemas cannot blow up.
    pub fn to_json(&self) -> serde_json::Value {
        self.to_json_limited(200_000)
    }

    /// [`Cursor::to_json`] with at most `budget` nodes; deeper or later
    /// members beyond the budget become `{}`.
    pub fn to_json_limited(&self, budget: usize) -> serde_json::Value {
        let mut budget = budget;
        let mut stack = HashSet::default();
        self.json_inner(&mut stack, &mut budget)
    }

    fn json_inner(self, stack: &mut HashSet<Loc>, budget: &mut usize) -> serde_json::Value {
        use serde_json::Value as J;
        if *budget == 0 || !stack.insert(self.loc) {
            return J::Object(Default::default());
        }
        *budget -= 1;
        let out = match self.value() {
            Value::Array(_) => {
                J::Array(self.items().map(|c| c.json_inner(stack, budget)).collect())
            }
            Value::Object(_) => J::Object(
                self.entries()
                    .map(|(k, c)| (k.to_string(), c.json_inner(stack, budget)))
                    .collect(),
            ),
            _ => self.view.tree(self.loc.doc).to_json(self.loc.node),
        };
        stack.remove(&self.loc);
        out
    }
}

/// Every object with a string `$ref` member, as (object node, ref text).
fn collect_refs(tree: &Tree) -> Vec<(NodeId, String)> {
    let mut out = Vec::new();
    for (i, n) in tree.nodes().iter().enumerate() {
        if let Value::Object(entries) = &n.value {
            if let Some(e) = entries.iter().find(|e| e.is("$ref")) {
                if let Value::String(s) = tree.value(e.value) {
                    out.push((i as NodeId, s.to_string()));
                }
            }
        }
    }
    out
}

fn is_remote(file_part: &str) -> bool {
    let lower = file_part.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// Decodes `%XX` escapes (URI fragments and relative references use them).
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Joins a reference path to the name of the document that contains it.
pub fn join_path(base: &str, reference: &str) -> String {
    if reference.starts_with('/') {
        return normalize_path(reference);
    }
    let dir = match base.rfind('/') {
        Some(i) => &base[..=i],
        None => "",
    };
    normalize_path(&format!("{dir}{reference}"))
}

/// Normalises `\` to `/` and removes `.` and inner `..` segments.
pub fn normalize_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if matches!(parts.last(), Some(&p) if p != "..") {
                    parts.pop();
                } else if !absolute {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    #[test]
    fn paths_join_and_normalise() {
        assert_eq!(
            join_path("specs/api.yaml", "./schemas/pet.yaml"),
            "specs/schemas/pet.yaml"
        );
        assert_eq!(join_path("specs/api.yaml", "../common.yaml"), "common.yaml");
        assert_eq!(join_path("api.yaml", "../x.yaml"), "../x.yaml");
        assert_eq!(join_path("/a/b/api.yaml", "c.yaml"), "/a/b/c.yaml");
        assert_eq!(normalize_path("a\\b\\..\\c"), "a/c");
    }

    fn load(root: &str, files: &[(&str, &str)]) -> Workspace {
        let mut mem = MemoryResolver::new();
        for (n, t) in files {
            mem.insert(n, *t);
        }
        let doc = Document::parse("api/spec.yaml", root, &Limits::default()).unwrap();
        Workspace::load(doc, &mem, &Limits::default())
    }

    #[test]
    fn relative_files_load_once_under_names_relative_to_the_root() {
        let ws = load(
            "a: {$ref: './schemas/pet.yaml#/Pet'}\nb: {$ref: 'schemas/pet.yaml#/Pet'}\nc: {$ref: '../common/x.json'}\n",
            &[("api/schemas/pet.yaml", "Pet: {type: object}\n"), ("common/x.json", "{\"k\": 1}")],
        );
        assert!(ws.errors.is_empty(), "{:?}", ws.errors);
        let names: Vec<&str> = ws.docs().iter().map(|d| d.name.as_str()).collect();
        assert_eq!(
            names,
            ["api/spec.yaml", "api/schemas/pet.yaml", "common/x.json"]
        );
        let a = ws.tree(0).lookup("/a").unwrap();
        let target = ws.follow(Loc::new(0, a));
        assert_eq!(
            (target.doc, ws.tree(1).pointer(target.node).as_str()),
            (1, "/Pet")
        );
        let c = ws.tree(0).lookup("/c").unwrap();
        assert_eq!(ws.follow(Loc::new(0, c)), Loc::new(2, Tree::ROOT));
    }

    #[test]
    fn fragments_are_percent_decoded_pointers() {
        let ws = load(
            "paths:\n  /a/{id}: {x: 1}\nr: {$ref: '#/paths/~1a~1%7Bid%7D'}\n",
            &[],
        );
        assert!(ws.errors.is_empty(), "{:?}", ws.errors);
        let r = ws.tree(0).lookup("/r").unwrap();
        assert_eq!(
            ws.tree(0).pointer(ws.follow(Loc::new(0, r)).node),
            "/paths/~1a~1{id}"
        );
    }

    #[test]
    fn unresolvable_refs_are_located_errors_and_remote_refs_are_listed() {
        let ws = load(
            "a: {$ref: '#/nope'}\nb: {$ref: 'missing.yaml'}\nc: {$ref: 'https://example.com/x.yaml'}\nd: {$ref: 'bad.yaml'}\n",
            &[("api/bad.yaml", "k: [unclosed\n")],
        );
        let msgs: Vec<String> = ws.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:#?}");
        assert!(
            msgs[0].starts_with("api/spec.yaml:1:5: `$ref: #/nope` points at nothing"),
            "{}",
            msgs[0]
        );
        assert!(
            msgs[1].starts_with(
                "api/spec.yaml:2:5: cannot read `missing.yaml` (api/missing.yaml): no such file"
            ),
            "{}",
            msgs[1]
        );
        assert!(
            msgs[2].starts_with("api/bad.yaml:2:1: "),
            "a parse error in the referenced file: {}",
            msgs[2]
        );
        assert_eq!(ws.remote_refs.len(), 1);
        assert_eq!(ws.remote_refs[0].target, "https://example.com/x.yaml");
    }

    #[test]
    fn ref_cycles_stop() {
        let ws = load(
            "a: {$ref: '#/b'}\nb: {$ref: '#/a'}\nc: {$ref: '#/c'}\n",
            &[],
        );
        assert!(ws.errors.is_empty());
        let a = Loc::new(0, ws.tree(0).lookup("/a").unwrap());
        let end = ws.follow(a);
        assert!(matches!(ws.value(end), Value::Object(_)));
        let c = Loc::new(0, ws.tree(0).lookup("/c").unwrap());
        assert_eq!(ws.follow(c), c);
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(
            percent_decode("/paths/~1pets~1%7Bid%7D"),
            "/paths/~1pets~1{id}"
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
