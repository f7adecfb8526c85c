//! Byte offsets to 1-based lines and columns.

use serde::{Deserialize, Serialize};

/// A 1-based line and column. `column` counts UTF-16 code units, the unit
/// of JavaScript editors, LSP and SARIF's default `columnKind`; for ASCII
/// text it equals the character count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in UTF-16 code units (as editors count).
    pub column: u32,
}

/// A start and end [`Position`]; `end` is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Range {
    /// The first character.
    pub start: Position,
    /// Just after the last character.
    pub end: Position,
}

/// Start offsets of every line of a text, for offset → position lookups by
/// binary search.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    /// For non-ASCII text: the UTF-16 length of the text before each
    /// [`UTF16_MARK_STRIDE`]-byte block (rounded down to a character), so a
    /// column costs at most one block of counting however long the line is
    /// (minified JSON is one line). `None` for ASCII text, where a column is
    /// a byte difference.
    utf16_marks: Option<Vec<u32>>,
}

/// Bytes between two entries of [`LineIndex::utf16_marks`].
const UTF16_MARK_STRIDE: usize = 1024;

impl LineIndex {
    /// The index of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        let bytes = text.as_bytes();
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // A lone CR also ends a line (YAML treats it as a break); the CR
            // of a CRLF pair does not.
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                line_starts.push(i as u32 + 1);
            }
        }
        let utf16_marks = (!text.is_ascii()).then(|| {
            let mut marks = Vec::with_capacity(text.len() / UTF16_MARK_STRIDE + 1);
            let mut units = 0u32;
            let mut prev = 0;
            for block in (0..=text.len()).step_by(UTF16_MARK_STRIDE) {
                let at = floor_char_boundary(text, block);
                units += text[prev..at].encode_utf16().count() as u32;
                marks.push(units);
                prev = at;
            }
            marks
        });
        LineIndex {
            line_starts,
            utf16_marks,
        }
    }

    /// UTF-16 length of `text[..offset]`; `offset` is a character boundary.
    fn utf16_before(&self, text: &str, offset: usize) -> usize {
        match &self.utf16_marks {
            None => offset,
            Some(marks) => {
                let block = offset / UTF16_MARK_STRIDE;
                let at = floor_char_boundary(text, block * UTF16_MARK_STRIDE);
                marks[block] as usize + text[at..offset].encode_utf16().count()
            }
        }
    }

    /// The number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line that contains byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&(offset as u32)) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line] as usize
    }

    /// The text of 0-based `line`, without its line break.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let start = self.line_start(line);
        let end = self
            .line_starts
            .get(line + 1)
            .map(|&e| e as usize)
            .unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// 1-based line and UTF-16 column of byte `offset` (clamped to the text).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line);
        // Most lines are short: count them directly; a long line (minified
        // JSON) goes through the marks.
        let column = if self.utf16_marks.is_none() {
            offset - start
        } else if offset - start <= UTF16_MARK_STRIDE {
            text[start..offset].encode_utf16().count()
        } else {
            self.utf16_before(text, offset) - self.utf16_before(text, start)
        };
        Position {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }

    /// Byte offset of `position` (1-based line, 1-based UTF-16 column), the
    /// inverse of [`LineIndex::position`]; clamped to the end of its line and
    /// to the text.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let line = (position.line.max(1) as usize - 1).min(self.line_count() - 1);
        let start = self.line_start(line);
        let end = start + self.line_text(text, line).len();
        let want = self.utf16_before(text, start) + position.column.max(1) as usize - 1;
        let Some(marks) = &self.utf16_marks else {
            return want.min(end);
        };
        // The last block that starts at or before the wanted unit, then walk.
        let block = marks
            .partition_point(|&m| (m as usize) <= want)
            .saturating_sub(1);
        let mut at = floor_char_boundary(text, block * UTF16_MARK_STRIDE).max(start);
        let mut units = self.utf16_before(text, at);
        for ch in text[at..end].chars() {
            if units >= want {
                break;
            }
            units += ch.len_utf16();
            at += ch.len_utf8();
        }
        at.min(end)
    }

    /// Byte offset of a 0-based line and 0-based *character* column, as YAML
    /// parsers report them.
    pub fn offset_of_char_column(&self, text: &str, line: usize, column: usize) -> usize {
        if line >= self.line_starts.len() {
            return text.len();
        }
        let start = self.line_start(line);
        if self.utf16_marks.is_none() {
            return (start + column).min(text.len());
        }
        match text[start..].char_indices().nth(column) {
            Some((i, _)) => start + i,
            None => text.len(),
        }
    }

    /// The range of bytes `start..end` of `text`.
    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range {
            start: self.position(text, start),
            end: self.position(text, end),
        }
    }
}

/// The largest character boundary of `text` at or before byte `i` (clamped
/// to the text). `str::floor_char_boundary` needs Rust 1.91; we support 1.85.
pub fn floor_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_utf16() {
        let text = "a: 1\nb: \"é😀x\"\r\nc";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(idx.position(text, 5), Position { line: 2, column: 1 });
        let x = text.find('x').unwrap();
        // é is 1 UTF-16 unit, 😀 is 2.
        assert_eq!(idx.position(text, x), Position { line: 2, column: 8 });
        assert_eq!(
            idx.position(text, text.len()),
            Position { line: 3, column: 2 }
        );
        assert_eq!(idx.line_text(text, 1), "b: \"é😀x\"");
    }

    #[test]
    fn char_columns_convert_to_bytes() {
        let text = "k: é😀z\n";
        let idx = LineIndex::new(text);
        assert_eq!(&text[idx.offset_of_char_column(text, 0, 5)..], "z\n");
    }

    #[test]
    fn columns_on_long_lines_match_counting_from_the_line_start() {
        // Several 1 KiB blocks, characters of 1–4 bytes straddling the block
        // boundaries, and line breaks in between.
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(["a", "é", "€", "😀"][i % 4]);
            if i % 1100 == 1099 {
                text.push('\n');
            }
        }
        let idx = LineIndex::new(&text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let line = idx.line_of(offset);
            let start = idx.line_start(line);
            let naive = text[start..offset].encode_utf16().count() as u32 + 1;
            let position = idx.position(&text, offset);
            assert_eq!(position.column, naive, "at byte {offset}");
            assert_eq!(
                idx.offset(&text, position),
                offset,
                "back from {position:?}"
            );
        }
        let ascii = "x".repeat(5000);
        let idx = LineIndex::new(&ascii);
        assert_eq!(idx.position(&ascii, 4321).column, 4322);
        let past_end = Position {
            line: 1,
            column: 9000,
        };
        assert_eq!(idx.offset(&ascii, past_end), 5000);
        assert_eq!(idx.offset_of_char_column(&ascii, 0, 9999), 5000);
    }
}
