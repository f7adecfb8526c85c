//! YAML to a [`Tree`](crate::tree::Tree) from `saphyr-parser` events.
//!
//! saphyr-parser gives a spanned event stream and nothing else; the tree is
//! built here because no ready-made loader combines positions, aliases, `<<`
//! merges and duplicate keys that are reported instead of fatal (saphyr's
//! own `MarkedYaml` leaves `<<` unmerged and fails on duplicates).
//!
//! Things this module is careful about:
//! - saphyr markers count *characters*, not bytes (and their index drifts
//!   after non-ASCII directives); [`Offsets`](offsets::Offsets) converts them.
//! - saphyr's event spans are not the value's text: scalars and collections
//!   start at their anchor/tag, block scalars start at their first content
//!   line, indentless sequences after their first `- `, and block
//!   collections end at the next token. The builder re-derives spans so that
//!   each covers the value itself (see
//!   [`Source::scalar_span`](spans::Source::scalar_span)).
//! - Nothing recurses: saphyr's parser is a state machine (flow nesting is
//!   capped at 255 levels by the scanner's `u8` counter) and this builder
//!   keeps its own stack, so deep input is an error, never a stack overflow.
//! - Aliases and merges copy subtrees; the copies are counted against
//!   [`Limits::max_alias_nodes`](super::Limits::max_alias_nodes) *before* copying, so memory stays bounded,
//!   and their height against [`Limits::max_depth`](super::Limits::max_depth), so the finished tree is
//!   never deeper than the limit even though an alias could otherwise stack
//!   deep anchors inside each other.
//!
//! The module is split along those concerns: [`offsets`] turns saphyr's
//! markers into byte offsets, [`spans`] re-derives each value's span from
//! the text, [`builder`] turns the event stream into a tree (collections,
//! keys, duplicates), [`anchors`] handles anchors, aliases and `<<` merges
//! with the limits that bound them, and [`schema`] resolves scalars under
//! the YAML 1.2 core schema.

mod anchors;
mod builder;
mod offsets;
mod schema;
mod spans;

use saphyr_parser::Event;

use super::{Limits, ParseError, Parsed};
use builder::Builder;

/// Parses one YAML document into a tree (see the module docs).
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
                    let end = b.offsets.at(span.end).max(b.src.char_end(start));
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
