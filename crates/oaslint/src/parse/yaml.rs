//! YAML to a [`Tree`] from `saphyr-parser` events.
//!
//! saphyr-parser gives a spanned event stream and nothing else; the tree is
//! built here because no ready-made loader combines positions, aliases, `<<`
//! merges and duplicate keys that are reported instead of fatal (saphyr's
//! own `MarkedYaml` leaves `<<` unmerged and fails on duplicates).
//!
//! Things this module is careful about:
//! - saphyr markers count *characters*, not bytes (and their index drifts
//!   after non-ASCII directives); [`Offsets`] converts them.
//! - saphyr's event spans are not the value's text: scalars and collections
//!   start at their anchor/tag, block scalars start at their first content
//!   line, indentless sequences after their first `- `, and block
//!   collections end at the next token. The builder re-derives spans so that
//!   each covers the value itself (see [`Builder::scalar_span`]).
//! - Nothing recurses: saphyr's parser is a state machine (flow nesting is
//!   capped at 255 levels by the scanner's `u8` counter) and this builder
//!   keeps its own stack, so deep input is an error, never a stack overflow.
//! - Aliases and merges copy subtrees; the copies are counted against
//!   [`Limits::max_alias_nodes`] *before* copying, so memory stays bounded,
//!   and their height against [`Limits::max_depth`], so the finished tree is
//!   never deeper than the limit even though an alias could otherwise stack
//!   deep anchors inside each other.

use saphyr_parser::{Event, Marker, ScalarStyle, ScanError, Tag};

use super::{drop_unreachable, DuplicateKey, KeyIndex, Limits, ParseError, Parsed, Syntax};
use crate::tree::{Entry, Interner, NodeId, Number, Span, Str, TreeBuilder, Value, NO_PARENT};

pub fn parse(text: &str, limits: &Limits) -> Result<Parsed, ParseError> {
    let mut b = Builder::new(text, limits);
    let mut events = saphyr_parser::Parser::new_from_str(text);
    let mut documents = 0;
    while let Some(next) = events.next_event() {
        let (event, span) = match next {
            Ok(ev) => ev,
            Err(e) => return Err(b.scan_error(&e)),
        };
        match event {
            Event::StreamEnd => break,
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => {}
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    let start = b.offsets.at(span.start);
                    let end = b.offsets.at(span.end).max(b.char_end(start));
                    return Err(ParseError::new(
                        "multiple YAML documents in one file are not supported",
                        start,
                        end,
                    ));
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                b.scalar(&value, style, anchor, tag.as_deref(), span.start, span.end)?;
            }
            Event::Alias(anchor) => b.alias(anchor, span.start, span.end)?,
            Event::SequenceStart(anchor, _) => b.start(false, anchor, span.start, span.end)?,
            Event::MappingStart(anchor, _) => b.start(true, anchor, span.start, span.end)?,
            Event::SequenceEnd | Event::MappingEnd => b.end(span.end)?,
        }
    }
    Ok(b.finish())
}

/// Converts saphyr's markers to byte offsets.
///
/// Markers carry a character index, a line and a character column. The
/// index is not reliable: saphyr adds *bytes* to it (and to the column) for
/// the parameters of `%` directives, so one non-ASCII directive would shift
/// every later position. Line and column start over on each line, so
/// non-ASCII text is converted from those, with a cursor that follows the
/// (mostly increasing) event positions so that long lines stay linear. In
/// pure-ASCII text (most API descriptions) the index equals the byte offset.
struct Offsets<'t> {
    bytes: &'t [u8],
    ascii: bool,
    /// Where line 1 starts: after a byte order mark, which saphyr counts in
    /// its index but not in its columns.
    first: usize,
    /// The cursor: 1-based line, character column and byte offset.
    line: usize,
    col: usize,
    byte: usize,
}

impl<'t> Offsets<'t> {
    fn new(text: &'t str) -> Offsets<'t> {
        let first = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Offsets {
            bytes: text.as_bytes(),
            ascii: text.is_ascii(),
            first,
            line: 1,
            col: 0,
            byte: first,
        }
    }

    fn at(&mut self, m: Marker) -> usize {
        if self.ascii {
            return m.index().min(self.bytes.len());
        }
        let bytes = self.bytes;
        let (line, col) = (m.line().max(1), m.col());
        if line > self.line {
            let (mut l, mut i) = (self.line, self.byte);
            while l < line {
                let Some(p) = bytes[i..].iter().position(|&c| c == b'\n' || c == b'\r') else {
                    // Past the last line (saphyr ends the stream on a new
                    // line): the end of the text.
                    return bytes.len();
                };
                i += p;
                i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                l += 1;
            }
            (self.line, self.col, self.byte) = (l, 0, i);
        } else if line < self.line {
            let mut i = self.line_start(self.byte);
            while self.line > line {
                i -= 1;
                if bytes[i] == b'\n' && i > 0 && bytes[i - 1] == b'\r' {
                    i -= 1;
                }
                i = self.line_start(i);
                self.line -= 1;
            }
            (self.col, self.byte) = (0, i);
        }
        while self.col > col {
            self.byte -= 1;
            while (bytes[self.byte] & 0xC0) == 0x80 {
                self.byte -= 1;
            }
            self.col -= 1;
        }
        while self.col < col
            && self.byte < bytes.len()
            && !matches!(bytes[self.byte], b'\n' | b'\r')
        {
            self.byte += 1;
            while self.byte < bytes.len() && (bytes[self.byte] & 0xC0) == 0x80 {
                self.byte += 1;
            }
            self.col += 1;
        }
        self.byte
    }

    fn line_start(&self, mut i: usize) -> usize {
        while i > self.first && !matches!(self.bytes[i - 1], b'\n' | b'\r') {
            i -= 1;
        }
        i
    }
}

/// What an anchor id refers to.
#[derive(Debug, Clone)]
enum Anchor {
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

/// A key waiting for its value.
struct PendingKey {
    key: Str,
    span: Span,
    /// The earlier entry with the same key, whose value this one replaces.
    replaces: Option<usize>,
    /// The key is `<<`: its value is a merge source, not an entry.
    merge: bool,
}

enum Kind {
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

struct Frame {
    /// The node (for a merge list: the mapping it merges into).
    id: NodeId,
    kind: Kind,
    anchor: usize,
    flow: bool,
    start: usize,
    /// Start including anchor/tag, for the parent's first-item bookkeeping.
    lead: usize,
    /// End of the last text that belongs to this collection so far.
    end: usize,
}

struct Builder<'t> {
    text: &'t str,
    bytes: &'t [u8],
    offsets: Offsets<'t>,
    b: TreeBuilder,
    stack: Vec<Frame>,
    has_root: bool,
    anchors: Vec<Anchor>,
    duplicates: Vec<DuplicateKey>,
    interner: Interner,
    /// Nodes copied by aliases and merges so far.
    copied: usize,
    limits: Limits,
    orphans: bool,
    /// End of the previous event's text: the lower bound when searching
    /// backwards for a block scalar's `|`/`>` header.
    last_end: usize,
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

impl<'t> Builder<'t> {
    fn new(text: &'t str, limits: &Limits) -> Builder<'t> {
        Builder {
            text,
            bytes: text.as_bytes(),
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

    fn finish(mut self) -> Parsed {
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

    fn char_end(&self, pos: usize) -> usize {
        match self.text.get(pos..).and_then(|s| s.chars().next()) {
            Some(c) => pos + c.len_utf8(),
            None => pos,
        }
    }

    fn scan_error(&mut self, e: &ScanError) -> ParseError {
        let pos = self.offsets.at(*e.marker());
        let message = match e.info() {
            // The scanner counts flow levels in a u8.
            "recursion limit exceeded" => {
                "flow collections ('[', '{') nested deeper than 255 levels".to_string()
            }
            info => info.to_string(),
        };
        ParseError::new(message, pos, self.char_end(pos))
    }

    fn set_anchor(&mut self, id: usize, anchor: Anchor) {
        if id == 0 {
            return;
        }
        if self.anchors.len() <= id {
            self.anchors.resize(id + 1, Anchor::Open);
        }
        self.anchors[id] = anchor;
    }

    /// Skips anchors (`&a`), tags (`!t`) and the blanks and comments after
    /// them, so that spans start at the value itself.
    fn skip_props(&self, mut i: usize, limit: usize) -> usize {
        let bytes = self.bytes;
        while i < limit && matches!(bytes[i], b'&' | b'!') {
            while i < limit
                && !matches!(
                    bytes[i],
                    b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']' | b'{' | b'}'
                )
            {
                i += 1;
            }
            loop {
                while i < limit && is_ws(bytes[i]) {
                    i += 1;
                }
                if i < limit && bytes[i] == b'#' {
                    while i < limit && !matches!(bytes[i], b'\n' | b'\r') {
                        i += 1;
                    }
                } else {
                    break;
                }
            }
        }
        i
    }

    fn trim_end(&self, start: usize, mut end: usize) -> usize {
        while end > start && is_ws(self.bytes[end - 1]) {
            end -= 1;
        }
        end
    }

    fn line_start(&self, mut i: usize) -> usize {
        while i > 0 && !matches!(self.bytes[i - 1], b'\n' | b'\r') {
            i -= 1;
        }
        i
    }

    /// Finds the `|`/`>` header of a block scalar whose content (or, when
    /// empty, the next token) starts at `content`: it is on the last
    /// non-blank line before, after the previous event's text.
    fn block_indicator(&self, content: usize) -> Option<usize> {
        let bytes = self.bytes;
        let mut ls = self.line_start(content);
        let header_end = loop {
            if ls == 0 {
                return None;
            }
            let mut e = ls - 1;
            if bytes[e] == b'\n' && e > 0 && bytes[e - 1] == b'\r' {
                e -= 1;
            }
            let s = self.line_start(e);
            if bytes[s..e].iter().all(|&c| c == b' ' || c == b'\t') {
                ls = s;
                continue;
            }
            ls = s;
            break e;
        };
        let find = |from: usize| {
            bytes[from..header_end]
                .iter()
                .position(|&c| c == b'|' || c == b'>')
                .map(|p| from + p)
        };
        let lo = if (ls..header_end).contains(&self.last_end) {
            self.last_end
        } else {
            ls
        };
        find(lo).or_else(|| find(ls))
    }

    /// The span of a scalar's own text: quotes included, anchor and tag
    /// excluded, block scalars from their indicator to their last
    /// non-blank character.
    fn scalar_span(&self, style: ScalarStyle, empty: bool, s: usize, e: usize) -> Span {
        let props = s < e && matches!(self.bytes[s], b'&' | b'!');
        match style {
            ScalarStyle::Literal | ScalarStyle::Folded => {
                let start = if props { self.skip_props(s, e) } else { s };
                let ind = if matches!(self.bytes.get(start), Some(b'|' | b'>')) {
                    Some(start)
                } else {
                    self.block_indicator(start)
                };
                match ind {
                    Some(ind) => {
                        let mut header_end = ind + 1;
                        while matches!(self.bytes.get(header_end), Some(b'0'..=b'9' | b'+' | b'-'))
                        {
                            header_end += 1;
                        }
                        Span::new(ind, self.trim_end(ind, e).max(header_end))
                    }
                    None => Span::new(start, self.trim_end(start, e)),
                }
            }
            // An empty plain scalar (`key:` with no value) has no text; put
            // an empty span where its text would be, or on its properties.
            ScalarStyle::Plain if empty => {
                if props {
                    Span::new(s, self.trim_end(s, e))
                } else if self.bytes.get(e) == Some(&b':') {
                    // saphyr puts a missing mapping value at the `:`.
                    Span::new(e + 1, e + 1)
                } else {
                    Span::new(e, e)
                }
            }
            _ => {
                let start = if props { self.skip_props(s, e) } else { s };
                Span::new(start, e.max(start))
            }
        }
    }

    /// Where the next value goes: its parent node and slot. `None` when the
    /// innermost mapping is waiting for a key.
    fn place(&self) -> Option<(NodeId, usize)> {
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

    fn expecting_key(&self) -> bool {
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
    fn in_merge(&self) -> bool {
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
    fn attach(
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

    fn scalar(
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
        let span = self.scalar_span(style, raw.is_empty(), s, e);
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
    fn key(
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

    fn alias(&mut self, anchor: usize, start: Marker, end: Marker) -> Result<(), ParseError> {
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

    fn start(
        &mut self,
        map: bool,
        anchor: usize,
        start: Marker,
        end: Marker,
    ) -> Result<(), ParseError> {
        let s = self.offsets.at(start);
        let e = self.offsets.at(end);
        if self.expecting_key() {
            return Err(complex_key_error(s, e.max(self.char_end(s))));
        }
        if self.stack.len() >= self.limits.max_depth {
            return Err(ParseError::new(
                format!("nesting deeper than {} levels", self.limits.max_depth),
                s,
                self.char_end(s).max(e),
            ));
        }
        let vstart = if matches!(self.bytes.get(s), Some(b'&' | b'!')) {
            self.skip_props(s, self.bytes.len())
        } else {
            s
        };
        let flow = matches!(self.bytes.get(vstart), Some(b'{' | b'['));
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
            return Err(merge_error(Span::new(s, self.char_end(vstart).max(e))));
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

    fn end(&mut self, end: Marker) -> Result<(), ParseError> {
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
                        if let Some(dash) = self.dash_before(lead) {
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

    /// The `-` before the first item of a block sequence, if only blanks
    /// separate them.
    fn dash_before(&self, lead: usize) -> Option<usize> {
        let mut i = lead;
        while i > 0 && is_ws(self.bytes[i - 1]) {
            i -= 1;
        }
        (i > 0 && self.bytes[i - 1] == b'-').then(|| i - 1)
    }

    /// Appends the entries of the merge sources that the mapping does not
    /// have yet: explicit keys win, then earlier sources over later ones.
    /// The copies go after everything else in the mapping's subtree, which
    /// keeps the arena in pre-order.
    fn merge_into(
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

fn merge_error(span: Span) -> ParseError {
    ParseError {
        message: "the merge key '<<' takes a mapping or a sequence of mappings".into(),
        span,
    }
}

fn complex_key_error(start: usize, end: usize) -> ParseError {
    ParseError::new(
        "mapping keys must be scalars; a mapping or sequence as a key is not supported",
        start,
        end,
    )
}

/// The core-schema name (`str`, `int`, …) of a tag, if it is one. The
/// non-specific tag `!` means "string" for a scalar.
fn core_tag(tag: &Tag) -> Option<&str> {
    const CORE: &str = "tag:yaml.org,2002:";
    if tag.handle == CORE {
        Some(&tag.suffix)
    } else if tag.handle.is_empty() && tag.suffix == "!" {
        Some("str")
    } else if tag.handle.is_empty() || tag.handle == "!" {
        // Verbatim `!<tag:yaml.org,2002:str>`.
        tag.suffix.strip_prefix(CORE)
    } else {
        None
    }
}

/// The value of a scalar under the YAML 1.2 core schema. Only plain scalars
/// are resolved; quoted and block scalars are strings unless a core tag says
/// otherwise.
fn resolve(raw: &str, style: ScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
    let bad = |what: &str| format!("'{raw}' is not a valid {what}");
    match tag.and_then(core_tag) {
        Some("str") => Ok(Value::String(raw.into())),
        Some("null") => match raw {
            "" | "~" | "null" | "Null" | "NULL" => Ok(Value::Null),
            _ => Err(bad("!!null")),
        },
        Some("bool") => match resolve_bool(raw) {
            Some(b) => Ok(Value::Bool(b)),
            None => Err(bad("!!bool")),
        },
        Some("int") => match resolve_int(raw) {
            Some(n) => Ok(Value::Number(n)),
            None => Err(bad("!!int")),
        },
        Some("float") => match resolve_float(raw).or_else(|| resolve_int(raw)) {
            Some(n) => Ok(Value::Number(Number::Float(n.as_f64()))),
            None => Err(bad("!!float")),
        },
        _ if style == ScalarStyle::Plain => Ok(resolve_plain(raw)),
        _ => Ok(Value::String(raw.into())),
    }
}

fn resolve_bool(raw: &str) -> Option<bool> {
    match raw {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// YAML 1.2 core schema resolution of an untagged plain scalar. YAML 1.1
/// forms (`yes`, `on`, `0777` as octal, `1_000`) stay strings or decimals,
/// as in every 1.2 tool, so `on: [push]` keeps its key.
pub(crate) fn resolve_plain(raw: &str) -> Value {
    match raw {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        _ => {}
    }
    if let Some(b) = resolve_bool(raw) {
        return Value::Bool(b);
    }
    // Numbers start with a digit, a sign or a dot; skip the rest cheaply.
    match raw.as_bytes()[0] {
        b'0'..=b'9' | b'-' | b'+' | b'.' => {}
        _ => return Value::String(raw.into()),
    }
    if let Some(n) = resolve_int(raw).or_else(|| resolve_float(raw)) {
        return Value::Number(n);
    }
    Value::String(raw.into())
}

/// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`. Integers beyond `i64`
/// become the nearest float, as in JSON.
fn resolve_int(raw: &str) -> Option<Number> {
    let radix_digits = |digits: &str, radix: u32| -> Option<Number> {
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        Some(match i64::from_str_radix(digits, radix) {
            Ok(v) => Number::Int(v),
            Err(_) => Number::Float(digits.chars().fold(0f64, |acc, c| {
                acc * f64::from(radix) + f64::from(c.to_digit(radix).unwrap_or(0))
            })),
        })
    };
    if let Some(oct) = raw.strip_prefix("0o") {
        return radix_digits(oct, 8);
    }
    if let Some(hex) = raw.strip_prefix("0x") {
        return radix_digits(hex, 16);
    }
    let digits = raw.strip_prefix(['-', '+']).unwrap_or(raw);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match raw.parse::<i64>() {
        Ok(v) => Some(Number::Int(v)),
        Err(_) => raw.parse::<f64>().ok().map(Number::Float),
    }
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf` and
/// `.nan` in their three spellings. Checked by hand because Rust's `f64`
/// parser also accepts `inf`, `NaN` and `infinity`, which YAML does not.
fn resolve_float(raw: &str) -> Option<Number> {
    let unsigned = raw.strip_prefix(['-', '+']).unwrap_or(raw);
    let negative = raw.starts_with('-');
    match unsigned {
        ".inf" | ".Inf" | ".INF" => {
            return Some(Number::Float(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }))
        }
        ".nan" | ".NaN" | ".NAN" if unsigned.len() == raw.len() => {
            return Some(Number::Float(f64::NAN))
        }
        _ => {}
    }
    let b = unsigned.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - s
    };
    let int_digits = digits(&mut i);
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let frac = digits(&mut i);
        if int_digits == 0 && frac == 0 {
            return None;
        }
    } else if int_digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    raw.parse::<f64>().ok().map(Number::Float)
}
