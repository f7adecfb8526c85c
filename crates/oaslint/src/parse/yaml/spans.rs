//! The text a YAML value covers.
//!
//! saphyr's event spans are not the value's own text (they include anchors
//! and tags, block scalars start at their content, indentless sequences
//! after their first `- `, block collections end at the next token), so the
//! builder re-derives them here from the source bytes. Separate from the
//! builder because these are pure scans of the text: they read no tree
//! state except where the previous event ended, which is passed in.

use saphyr_parser::ScalarStyle;

use crate::tree::Span;

/// The YAML source being parsed, for span scans.
pub(super) struct Source<'t> {
    pub text: &'t str,
    pub bytes: &'t [u8],
}

pub(super) fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

impl<'t> Source<'t> {
    pub fn new(text: &'t str) -> Source<'t> {
        Source {
            text,
            bytes: text.as_bytes(),
        }
    }

    /// The end of the character at `pos` (for a one-character error span).
    pub fn char_end(&self, pos: usize) -> usize {
        match self.text.get(pos..).and_then(|s| s.chars().next()) {
            Some(c) => pos + c.len_utf8(),
            None => pos,
        }
    }

    /// Skips anchors (`&a`), tags (`!t`) and the blanks and comments after
    /// them, so that spans start at the value itself.
    pub fn skip_props(&self, mut i: usize, limit: usize) -> usize {
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
    /// non-blank line before, after the previous event's text (which ends
    /// at `last_end`).
    fn block_indicator(&self, content: usize, last_end: usize) -> Option<usize> {
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
        let lo = if (ls..header_end).contains(&last_end) {
            last_end
        } else {
            ls
        };
        find(lo).or_else(|| find(ls))
    }

    /// The span of a scalar's own text: quotes included, anchor and tag
    /// excluded, block scalars from their indicator to their last
    /// non-blank character. `s..e` is saphyr's span (in bytes) and
    /// `last_end` where the previous event's text ended.
    pub fn scalar_span(
        &self,
        style: ScalarStyle,
        empty: bool,
        s: usize,
        e: usize,
        last_end: usize,
    ) -> Span {
        let props = s < e && matches!(self.bytes[s], b'&' | b'!');
        match style {
            ScalarStyle::Literal | ScalarStyle::Folded => {
                let start = if props { self.skip_props(s, e) } else { s };
                let ind = if matches!(self.bytes.get(start), Some(b'|' | b'>')) {
                    Some(start)
                } else {
                    self.block_indicator(start, last_end)
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

    /// The `-` before the first item of a block sequence, if only blanks
    /// separate them.
    pub fn dash_before(&self, lead: usize) -> Option<usize> {
        let mut i = lead;
        while i > 0 && is_ws(self.bytes[i - 1]) {
            i -= 1;
        }
        (i > 0 && self.bytes[i - 1] == b'-').then(|| i - 1)
    }
}
