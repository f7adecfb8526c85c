//! The YAML event stream to a tree: a stack of open collections, each
//! value placed in its parent as it ends, mapping keys recorded (duplicates
//! reported, not fatal), and the spans of values fixed up from the text.
//!
//! Anchors, aliases and `<<` merges, which copy finished subtrees, are in
//! [`super::anchors`]; how a scalar's text becomes a value is in
//! [`super::schema`]; where a value's text starts and ends is in
//! [`super::spans`].

use saphyr_parser::{Marker, ScalarStyle, ScanError, Tag};

use super::anchors::{merge_error, Anchor};
use super::offsets::Offsets;
use super::schema::resolve;
use super::spans::Source;
use crate::parse::{drop_unreachable, DuplicateKey, KeyIndex, Limits, ParseError, Parsed, Syntax};
use crate::tree::{Entry, Interner, NodeId, Span, Str, TreeBuilder, Value, NO_PARENT};

/// A key waiting for its value.
pub(super) struct PendingKey {
    key: Str,
    span: Span,
    /// The earlier entry with the same key, whose value this one replaces.
    replaces: Option<usize>,
    /// The key is `<<`: its value is a merge source, not an entry.
    merge: bool,
}

pub(super) enum Kind {
    Seq {
        items: Vec<NodeId>,
        /// Where the first item's text starts (properties included), from
        /// which the block sequence's own start (its first `-`) is found.
        first_lead: Option<usize>,
    },
    Map {
        entries: Vec<Entry>,
        index: KeyIndex,
        key: Option<PendingKey>,
        /// Mappings to merge, in priority order, with the span to blame if
        /// copying them exceeds a limit.
        merges: Vec<(NodeId, Span)>,
    },
    /// The sequence value of a `<<` key: its items are merge sources for the
    /// mapping below it on the stack and it becomes no node itself.
    MergeList { sources: Vec<(NodeId, Span)> },
}

pub(super) struct Frame {
    /// The node (for a merge list: the mapping it merges into).
    id: NodeId,
    pub kind: Kind,
    anchor: usize,
    flow: bool,
    start: usize,
    /// Start including anchor/tag, for the parent's first-item bookkeeping.
    lead: usize,
    /// End of the last text that belongs to this collection so far.
    pub end: usize,
}

pub(super) struct Builder<'t> {
    pub src: Source<'t>,
    pub offsets: Offsets<'t>,
    pub b: TreeBuilder,
    pub stack: Vec<Frame>,
    has_root: bool,
    pub anchors: Vec<Anchor>,
    duplicates: Vec<DuplicateKey>,
    interner: Interner,
    /// Nodes copied by aliases and merges so far.
    pub copied: usize,
    pub limits: Limits,
    orphans: bool,
    /// End of the previous event's text: the lower bound when searching
    /// backwards for a block scalar's `|`/`>` header.
    pub last_end: usize,
}

impl<'t> Builder<'t> {
    pub fn new(text: &'t str, limits: &Limits) -> Builder<'t> {
        Builder {
            src: Source::new(text),
            offsets: Offsets::new(text),
            // Real YAML documents have one node per 40-80 bytes; see the
            // JSON parser for why this does not reserve more.
            b: TreeBuilder::with_capacity(text.len() / 48 + 1),
            stack: Vec::new(),
            has_root: false,
            anchors: Vec::new(),
            duplicates: Vec::new(),
            interner: Interner::new(),
            copied: 0,
            limits: *limits,
            orphans: false,
            last_end: 0,
        }
    }

    pub fn finish(mut self) -> Parsed {
        if !self.has_root {
            // An empty stream or document: a lone null, which the caller
            // reports as "not an OpenAPI document".
            self.b.leaf(NO_PARENT, 0, Value::Null, Span::new(0, 0));
        }
        let tree = self.b.finish();
        let tree = if self.orphans {
            drop_unreachable(tree)
        } else {
            tree
        };
        Parsed {
            tree,
            syntax: Syntax::Yaml,
            duplicate_keys: self.duplicates,
        }
    }

    pub fn scan_error(&mut self, e: &ScanError) -> ParseError {
        let pos = self.offsets.at(*e.marker());
        let message = match e.info() {
            // The scanner counts flow levels in a u8.
            "recursion limit exceeded" => {
                "flow collections ('[', '{') nested deeper than 255 levels".to_string()
            }
            info => info.to_string(),
        };
        ParseError::new(message, pos, self.src.char_end(pos))
    }

    /// Where the next value goes: its parent node and slot. `None` when the
    /// innermost mapping is waiting for a key.
    pub fn place(&self) -> Option<(NodeId, usize)> {
        match self.stack.last() {
            None => Some((NO_PARENT, 0)),
            Some(f) => match &f.kind {
                Kind::Seq { items, .. } => Some((f.id, items.len())),
                Kind::Map { key: None, .. } => None,
                Kind::Map {
                    key: Some(k),
                    entries,
                    ..
                } => Some((f.id, k.replaces.unwrap_or(entries.len()))),
                Kind::MergeList { .. } => Some((f.id, 0)),
            },
        }
    }

    pub fn expecting_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame {
                kind: Kind::Map { key: None, .. },
                ..
            })
        )
    }

    /// The current value is a `<<` merge source (the value of `<<`, or an
    /// item of its sequence).
    pub fn in_merge(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame {
                kind: Kind::Map {
                    key: Some(PendingKey { merge: true, .. }),
                    ..
                } | Kind::MergeList { .. },
                ..
            })
        )
    }

    /// Hands a finished value to its parent. `text_end` is where the value's
    /// text ends in the source (for an alias: the alias, not the anchor).
    pub fn attach(
        &mut self,
        id: NodeId,
        lead: usize,
        text_end: usize,
        blame: Span,
    ) -> Result<(), ParseError> {
        self.last_end = text_end;
        let Some(frame) = self.stack.last_mut() else {
            self.has_root = true;
            return Ok(());
        };
        frame.end = frame.end.max(text_end);
        match &mut frame.kind {
            Kind::Seq { items, first_lead } => {
                if items.is_empty() {
                    *first_lead = Some(lead);
                }
                items.push(id);
            }
            Kind::Map {
                entries,
                key,
                merges,
                ..
            } => {
                let Some(k) = key.take() else {
                    unreachable!("values are only placed after a key");
                };
                if k.merge {
                    self.orphans = true;
                    if !matches!(self.b.node(id).value, Value::Object(_)) {
                        return Err(merge_error(blame));
                    }
                    merges.push((id, blame));
                } else if let Some(i) = k.replaces {
                    self.orphans = true;
                    entries[i].value = id;
                } else {
                    entries.push(Entry {
                        key: k.key,
                        key_span: k.span,
                        value: id,
                    });
                }
            }
            Kind::MergeList { sources } => {
                self.orphans = true;
                if !matches!(self.b.node(id).value, Value::Object(_)) {
                    return Err(merge_error(blame));
                }
                sources.push((id, blame));
            }
        }
        Ok(())
    }

    pub fn scalar(
        &mut self,
        raw: &str,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        start: Marker,
        end: Marker,
    ) -> Result<(), ParseError> {
        let s = self.offsets.at(start);
        let e = self.offsets.at(end);
        let span = self
            .src
            .scalar_span(style, raw.is_empty(), s, e, self.last_end);
        if self.expecting_key() {
            let key = self.interner.intern(raw);
            return self.key(
                key,
                style == ScalarStyle::Plain && tag.is_none(),
                anchor,
                span,
                || resolve(raw, style, tag),
            );
        }
        let mut value = resolve(raw, style, tag)
            .map_err(|m| ParseError::new(m, span.start as usize, span.end as usize))?;
        if let Value::String(text) = &value {
            value = Value::String(self.interner.intern(text));
        }
        let Some((parent, slot)) = self.place() else {
            unreachable!("keys are handled above");
        };
        if self.in_merge() {
            return Err(merge_error(span));
        }
        let id = self.b.leaf(parent, slot, value, span);
        self.set_anchor(anchor, Anchor::Node(id));
        self.attach(id, s.min(span.start as usize), span.end as usize, span)
    }

    /// Records a mapping key. `plain` says whether `<<` is the merge key
    /// (a quoted `"<<"` is an ordinary key).
    pub fn key(
        &mut self,
        key: Str,
        plain: bool,
        anchor: usize,
        span: Span,
        value: impl FnOnce() -> Result<Value, String>,
    ) -> Result<(), ParseError> {
        if anchor != 0 {
            let value =
                value().map_err(|m| ParseError::new(m, span.start as usize, span.end as usize))?;
            self.set_anchor(
                anchor,
                Anchor::Key {
                    text: key.clone(),
                    value,
                    span,
                },
            );
        }
        self.last_end = span.end as usize;
        let Some(Frame {
            kind:
                Kind::Map {
                    entries,
                    index,
                    key: pending,
                    ..
                },
            end,
            ..
        }) = self.stack.last_mut()
        else {
            unreachable!("only called when a mapping waits for a key");
        };
        *end = (*end).max(span.end as usize);
        if plain && &*key == "<<" {
            *pending = Some(PendingKey {
                key,
                span,
                replaces: None,
                merge: true,
            });
            return Ok(());
        }
        let replaces = index.find_or_note(entries, &key);
        if let Some(i) = replaces {
            self.duplicates.push(DuplicateKey {
                key: key.to_string(),
                span,
                first: entries[i].key_span,
            });
        }
        *pending = Some(PendingKey {
            key,
            span,
            replaces,
            merge: false,
        });
        Ok(())
    }

    pub fn start(
        &mut self,
        map: bool,
        anchor: usize,
        start: Marker,
        end: Marker,
    ) -> Result<(), ParseError> {
        let s = self.offsets.at(start);
        let e = self.offsets.at(end);
        if self.expecting_key() {
            return Err(complex_key_error(s, e.max(self.src.char_end(s))));
        }
        if self.stack.len() >= self.limits.max_depth {
            return Err(ParseError::new(
                format!("nesting deeper than {} levels", self.limits.max_depth),
                s,
                self.src.char_end(s).max(e),
            ));
        }
        let vstart = if matches!(self.src.bytes.get(s), Some(b'&' | b'!')) {
            self.src.skip_props(s, self.src.bytes.len())
        } else {
            s
        };
        let flow = matches!(self.src.bytes.get(vstart), Some(b'{' | b'['));
        self.last_end = if flow { e } else { vstart };
        let merge_list = !map
            && matches!(
                self.stack.last(),
                Some(Frame {
                    kind: Kind::Map {
                        key: Some(PendingKey { merge: true, .. }),
                        ..
                    },
                    ..
                })
            );
        if !map && !merge_list && self.in_merge() {
            // A sequence inside a merge list.
            return Err(merge_error(Span::new(s, self.src.char_end(vstart).max(e))));
        }
        let Some((parent, slot)) = self.place() else {
            unreachable!("keys are handled above");
        };
        let (id, kind) = if merge_list {
            self.set_anchor(anchor, Anchor::MergeList);
            // The mapping the list merges into.
            (
                parent,
                Kind::MergeList {
                    sources: Vec::new(),
                },
            )
        } else {
            let id = self.b.open(parent, slot, vstart);
            self.set_anchor(anchor, Anchor::Open);
            let kind = if map {
                Kind::Map {
                    entries: Vec::new(),
                    index: KeyIndex::default(),
                    key: None,
                    merges: Vec::new(),
                }
            } else {
                Kind::Seq {
                    items: Vec::new(),
                    first_lead: None,
                }
            };
            (id, kind)
        };
        if merge_list {
            // The list's own `<<` key is done once the list ends.
            if let Some(Frame {
                kind: Kind::Map { key, .. },
                ..
            }) = self.stack.last_mut()
            {
                *key = None;
            }
        }
        self.stack.push(Frame {
            id,
            kind,
            anchor,
            flow,
            start: vstart,
            lead: s.min(vstart),
            end: vstart,
        });
        Ok(())
    }

    pub fn end(&mut self, end: Marker) -> Result<(), ParseError> {
        let frame = self.stack.pop().expect("saphyr balances start/end events");
        let end = if frame.flow {
            self.offsets.at(end)
        } else {
            frame.end.max(frame.start)
        };
        let id = frame.id;
        let value = match frame.kind {
            Kind::MergeList { sources } => {
                self.last_end = end;
                let Some(Frame {
                    kind: Kind::Map { merges, .. },
                    end: map_end,
                    ..
                }) = self.stack.last_mut()
                else {
                    unreachable!("a merge list is the value of a mapping's '<<'");
                };
                *map_end = (*map_end).max(end);
                merges.extend(sources);
                return Ok(());
            }
            Kind::Seq { items, first_lead } => {
                if !frame.flow {
                    if let Some(lead) = first_lead {
                        if let Some(dash) = self.src.dash_before(lead) {
                            self.b.set_start(id, dash);
                        }
                    }
                }
                Value::Array(items)
            }
            Kind::Map {
                mut entries,
                mut index,
                merges,
                ..
            } => {
                if !merges.is_empty() {
                    self.merge_into(id, &mut entries, &mut index, &merges)?;
                }
                Value::Object(entries)
            }
        };
        self.b.close(id, value, end);
        self.set_anchor(frame.anchor, Anchor::Node(id));
        let lead = frame.lead.min(self.b.node(id).span.start as usize);
        let blame = self.b.node(id).span;
        self.attach(id, lead, end, blame)
    }
}

pub(super) fn complex_key_error(start: usize, end: usize) -> ParseError {
    ParseError::new(
        "mapping keys must be scalars; a mapping or sequence as a key is not supported",
        start,
        end,
    )
}
