//! YAML anchors (`&a`), aliases (`*a`) and `<<` merge keys, and the
//! limits that bound them.
//!
//! An alias or a merge copies a finished subtree, so this is where input
//! can make the tree grow far beyond the text ("billion laughs"): every copy
//! is counted against [`Limits::max_alias_nodes`] *before* it is made, and
//! its height against [`Limits::max_depth`]. Kept apart from the builder so
//! that the bounds on copying sit in one place next to the copying itself.
//!
//! [`Limits::max_alias_nodes`]: crate::parse::Limits::max_alias_nodes
//! [`Limits::max_depth`]: crate::parse::Limits::max_depth

use saphyr_parser::Marker;

use super::builder::{complex_key_error, Builder, Kind};
use crate::parse::{KeyIndex, ParseError};
use crate::tree::{Entry, NodeId, Span, Str, TreeBuilder, Value};

/// What an anchor id refers to.
#[derive(Debug, Clone)]
pub(super) enum Anchor {
    /// Registered on a collection that is still open: an alias to it would
    /// be a cycle.
    Open,
    Node(NodeId),
    /// An anchored mapping key; keys are not nodes, so its scalar is kept.
    Key {
        text: Str,
        value: Value,
        span: Span,
    },
    /// A `<<` merge list, which is not kept as a node.
    MergeList,
}

impl Builder<'_> {
    pub fn set_anchor(&mut self, id: usize, anchor: Anchor) {
        if id == 0 {
            return;
        }
        if self.anchors.len() <= id {
            self.anchors.resize(id + 1, Anchor::Open);
        }
        self.anchors[id] = anchor;
    }

    pub fn alias(&mut self, anchor: usize, start: Marker, end: Marker) -> Result<(), ParseError> {
        let s = self.offsets.at(start);
        let e = self.offsets.at(end);
        let span = Span::new(s, e);
        let target = self.anchors.get(anchor).cloned().unwrap_or(Anchor::Open);
        let src = match target {
            Anchor::Open => {
                return Err(ParseError::new(
                    "alias refers to a collection that contains it (recursive alias)",
                    s,
                    e,
                ))
            }
            Anchor::MergeList => {
                return Err(ParseError::new(
                    "an alias to a '<<' merge list is not supported",
                    s,
                    e,
                ))
            }
            Anchor::Key {
                text,
                value,
                span: key_span,
            } => {
                if self.expecting_key() {
                    return self.key(text, false, 0, span, || Ok(Value::Null));
                }
                if self.in_merge() {
                    return Err(merge_error(span));
                }
                self.charge(1, span)?;
                let Some((parent, slot)) = self.place() else {
                    unreachable!("keys are handled above");
                };
                let id = self.b.leaf(parent, slot, value, key_span);
                return self.attach(id, s, e, span);
            }
            Anchor::Node(src) => src,
        };
        if self.expecting_key() {
            let text: Str = match &self.b.node(src).value {
                Value::Null => "null".into(),
                Value::Bool(b) => b.to_string().into(),
                Value::Number(n) => n.to_string().into(),
                Value::String(s) => s.clone(),
                Value::Array(_) | Value::Object(_) => return Err(complex_key_error(s, e)),
            };
            return self.key(text, false, 0, span, || Ok(Value::Null));
        }
        if self.in_merge() {
            // A merge source is read at the end of the mapping; copying it
            // here first would be wasted work.
            if !matches!(self.b.node(src).value, Value::Object(_)) {
                return Err(merge_error(span));
            }
            self.last_end = e;
            let frame = self.stack.last_mut().expect("in_merge implies a frame");
            frame.end = frame.end.max(e);
            match &mut frame.kind {
                Kind::Map { key, merges, .. } => {
                    *key = None;
                    merges.push((src, span));
                }
                Kind::MergeList { sources } => sources.push((src, span)),
                Kind::Seq { .. } => unreachable!("in_merge excludes sequences"),
            }
            return Ok(());
        }
        let Some((parent, slot)) = self.place() else {
            unreachable!("keys are handled above");
        };
        self.check_copy(src, self.stack.len(), span)?;
        let id = self.b.clone_subtree(src, parent, slot);
        self.attach(id, s, e, span)
    }

    /// Counts `n` copied nodes against the alias budget.
    fn charge(&mut self, n: usize, blame: Span) -> Result<(), ParseError> {
        if self.copied + n > self.limits.max_alias_nodes {
            return Err(ParseError {
                message: format!(
                    "YAML aliases expand to more than {} nodes (alias bomb?)",
                    self.limits.max_alias_nodes
                ),
                span: blame,
            });
        }
        self.copied += n;
        Ok(())
    }

    /// Checks, before copying, that a copy of `src` placed `depth`
    /// collections deep stays within the node budget and the depth limit.
    fn check_copy(&mut self, src: NodeId, depth: usize, blame: Span) -> Result<(), ParseError> {
        let size = (self.b.node(src).subtree_end - src) as usize;
        self.charge(size, blame)?;
        if depth + subtree_height(&self.b, src) > self.limits.max_depth {
            return Err(ParseError {
                message: format!("nesting deeper than {} levels", self.limits.max_depth),
                span: blame,
            });
        }
        Ok(())
    }

    /// Appends the entries of the merge sources that the mapping does not
    /// have yet: explicit keys win, then earlier sources over later ones.
    /// The copies go after everything else in the mapping's subtree, which
    /// keeps the arena in pre-order.
    pub fn merge_into(
        &mut self,
        map: NodeId,
        entries: &mut Vec<Entry>,
        index: &mut KeyIndex,
        merges: &[(NodeId, Span)],
    ) -> Result<(), ParseError> {
        // The mapping itself is one level deeper than the frames left open.
        let depth = self.stack.len() + 1;
        for &(src, blame) in merges {
            let source = match &self.b.node(src).value {
                Value::Object(e) => e.clone(),
                _ => return Err(merge_error(blame)),
            };
            for e in source {
                if index.find_or_note(entries, &e.key).is_some() {
                    continue;
                }
                self.check_copy(e.value, depth, blame)?;
                let value = self.b.clone_subtree(e.value, map, entries.len());
                entries.push(Entry {
                    key: e.key,
                    key_span: e.key_span,
                    value,
                });
            }
        }
        Ok(())
    }
}

/// How many collection levels the finished subtree at `src` spans (0 for a
/// scalar). Linear in the subtree, which is about to be copied anyway.
fn subtree_height(b: &TreeBuilder, src: NodeId) -> usize {
    let is_collection = |id: NodeId| matches!(b.node(id).value, Value::Array(_) | Value::Object(_));
    if !is_collection(src) {
        return 0;
    }
    let end = b.node(src).subtree_end;
    let mut depth = vec![0u32; (end - src) as usize];
    depth[0] = 1;
    let mut height = 1;
    for id in src + 1..end {
        if is_collection(id) {
            let d = depth[(b.node(id).parent - src) as usize] + 1;
            depth[(id - src) as usize] = d;
            height = height.max(d);
        }
    }
    height as usize
}

pub(super) fn merge_error(span: Span) -> ParseError {
    ParseError {
        message: "the merge key '<<' takes a mapping or a sequence of mappings".into(),
        span,
    }
}
