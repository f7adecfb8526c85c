//! Byte offsets to 1-based lines and columns.

use serde::{Deserialize, Serialize};

/// A 1-based line and column. `column` counts UTF-16 code units, the unit
/// of JavaScript editors, LSP and SARIF's default `columnKind`; for ASCII
/// text it equals the character count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// A start and end [`Position`]; `end` is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// Start offsets of every line of a text, for offset → position lookups by
/// binary search.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
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
        LineIndex { line_starts }
    }

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
        let column = text[start..offset].encode_utf16().count();
        Position {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }

    /// Byte offset of a 0-based line and 0-based *character* column, as YAML
    /// parsers report them.
    pub fn offset_of_char_column(&self, text: &str, line: usize, column: usize) -> usize {
        if line >= self.line_starts.len() {
            return text.len();
        }
        let start = self.line_start(line);
        match text[start..].char_indices().nth(column) {
            Some((i, _)) => start + i,
            None => text.len(),
        }
    }

    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range {
            start: self.position(text, start),
            end: self.position(text, end),
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
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
}
