//! saphyr's markers to byte offsets.
//!
//! Separate because it is the one place that knows how saphyr counts
//! positions (characters, with a byte drift after `%` directives and a
//! byte order mark counted in the index only); everything else in the YAML
//! parser works in byte offsets of the text.

use saphyr_parser::Marker;

/// Converts saphyr's markers to byte offsets.
///
/// Markers carry a character index, a line and a character column. The
/// index is not reliable: saphyr adds *bytes* to it (and to the column) for
/// the parameters of `%` directives, so one non-ASCII directive would shift
/// every later position. Line and column start over on each line, so
/// non-ASCII text is converted from those, with a cursor that follows the
/// (mostly increasing) event positions so that long lines stay linear. In
/// pure-ASCII text (most API descriptions) the index equals the byte offset.
pub(super) struct Offsets<'t> {
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
    pub fn new(text: &'t str) -> Offsets<'t> {
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

    pub fn at(&mut self, m: Marker) -> usize {
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
