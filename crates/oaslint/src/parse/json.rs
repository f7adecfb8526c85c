//! Strict JSON (RFC 8259) to a [`Tree`](crate::tree::Tree), with the byte span of every value
//! and every object key.
//!
//! Hand-written rather than serde_json because the linter needs positions for
//! every key and value, duplicate keys reported instead of silently merged,
//! and errors that name what was expected. The grammar is recursive, but the
//! parser keeps its own stack of open arrays/objects: a document nested
//! 100 000 levels deep must produce an error, not overflow the thread stack
//! (tests and WASM run on small stacks).
//!
//! Duplicate keys behave like `JSON.parse`: the entry keeps the position of
//! the first occurrence and gets the later value. The earlier value's nodes
//! are already in the arena by then, so the tree is rebuilt without them at
//! the end (see [`super::drop_unreachable`]); every node of the result is
//! reachable and `pointer`/`lookup` round-trip for all of them.

use super::{drop_unreachable, DuplicateKey, KeyIndex, Limits, ParseError, Parsed, Syntax};
use crate::tree::{Entry, Interner, NodeId, Number, Span, Str, TreeBuilder, Value, NO_PARENT};

/// Parses JSON text into a tree with byte spans, within `limits`.
pub fn parse(text: &str, limits: &Limits) -> Result<Parsed, ParseError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        // Pretty-printed OpenAPI JSON has one node per 40-70 bytes; reserving
        // for that avoids most regrowth without committing memory that is
        // never used (in WASM, reserved memory is never given back).
        b: TreeBuilder::with_capacity(text.len() / 48 + 1),
        stack: Vec::new(),
        duplicates: Vec::new(),
        interner: Interner::new(),
        orphans: false,
        max_depth: limits.max_depth,
    };
    if p.bytes.starts_with("\u{feff}".as_bytes()) {
        p.pos = 3;
    }
    p.document()?;
    let tree = p.b.finish();
    let tree = if p.orphans {
        drop_unreachable(tree)
    } else {
        tree
    };
    Ok(Parsed {
        tree,
        syntax: Syntax::Json,
        duplicate_keys: p.duplicates,
    })
}

/// An array or object whose closing bracket has not been seen yet.
enum Frame {
    Array {
        id: NodeId,
        items: Vec<NodeId>,
    },
    Object {
        id: NodeId,
        entries: Vec<Entry>,
        index: KeyIndex,
        /// The key whose value is being parsed, and the entry it replaces
        /// when it is a duplicate.
        key: Str,
        key_span: Span,
        replaces: Option<usize>,
    },
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    b: TreeBuilder,
    stack: Vec<Frame>,
    duplicates: Vec<DuplicateKey>,
    interner: Interner,
    orphans: bool,
    max_depth: usize,
}

/// What kind of token introduced the value being parsed; only used to word
/// errors ("trailing comma" reads better than "expected a value").
#[derive(Clone, Copy, PartialEq)]
enum After {
    Start,
    Comma,
    Colon,
    OpenBracket,
}

/// Bytes that end the fast path of string scanning: the quote, the escape
/// character, and control characters (not allowed raw in JSON strings).
static STRING_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

impl<'t> Parser<'t> {
    fn err<T>(
        &self,
        message: impl Into<String>,
        start: usize,
        end: usize,
    ) -> Result<T, ParseError> {
        Err(ParseError::new(message, start, end))
    }

    /// An error at the current character (or at the end of the input).
    fn err_here<T>(&self, message: impl Into<String>) -> Result<T, ParseError> {
        let end = self.char_end(self.pos);
        self.err(message, self.pos, end)
    }

    fn char_end(&self, pos: usize) -> usize {
        match self.text.get(pos..).and_then(|s| s.chars().next()) {
            Some(c) => pos + c.len_utf8(),
            None => pos,
        }
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(&c) = self.bytes.get(self.pos) {
            if c == b' ' || c == b'\n' || c == b'\r' || c == b'\t' {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The whole document: one value, then only whitespace.
    fn document(&mut self) -> Result<(), ParseError> {
        let mut parent = NO_PARENT;
        let mut slot = 0usize;
        let mut after = After::Start;
        'value: loop {
            self.skip_ws();
            let start = self.pos;
            // Parse one value; containers that are not empty push a frame and
            // go back to parse their first child.
            let mut done = match self.peek() {
                Some(b'{') => {
                    self.check_depth()?;
                    let id = self.b.open(parent, slot, start);
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                        self.b.close(id, Value::Object(Vec::new()), self.pos);
                        id
                    } else {
                        let mut entries = Vec::new();
                        let mut index = KeyIndex::default();
                        let (key, key_span, replaces) =
                            self.member_key(&mut entries, &mut index, false)?;
                        parent = id;
                        slot = replaces.unwrap_or(0);
                        self.stack.push(Frame::Object {
                            id,
                            entries,
                            index,
                            key,
                            key_span,
                            replaces,
                        });
                        after = After::Colon;
                        continue 'value;
                    }
                }
                Some(b'[') => {
                    self.check_depth()?;
                    let id = self.b.open(parent, slot, start);
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        self.b.close(id, Value::Array(Vec::new()), self.pos);
                        id
                    } else {
                        self.stack.push(Frame::Array {
                            id,
                            items: Vec::new(),
                        });
                        parent = id;
                        slot = 0;
                        after = After::OpenBracket;
                        continue 'value;
                    }
                }
                Some(b'"') => {
                    let s = self.string()?;
                    let s = self.interner.intern(&s);
                    self.b
                        .leaf(parent, slot, Value::String(s), Span::new(start, self.pos))
                }
                Some(b'-' | b'0'..=b'9') => {
                    let n = self.number()?;
                    self.b
                        .leaf(parent, slot, Value::Number(n), Span::new(start, self.pos))
                }
                Some(b't') => self.literal(b"true", Value::Bool(true), parent, slot)?,
                Some(b'f') => self.literal(b"false", Value::Bool(false), parent, slot)?,
                Some(b'n') => self.literal(b"null", Value::Null, parent, slot)?,
                other => return self.unexpected_in_value(other, after),
            };
            // `done` is a finished value: attach it to the innermost open
            // container and find out what comes next.
            loop {
                let Some(frame) = self.stack.last_mut() else {
                    self.skip_ws();
                    if self.pos < self.bytes.len() {
                        return self.err(
                            "trailing characters after the JSON value",
                            self.pos,
                            self.bytes.len(),
                        );
                    }
                    return Ok(());
                };
                match frame {
                    Frame::Array { id, items } => {
                        items.push(done);
                        let id = *id;
                        self.skip_ws();
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                parent = id;
                                slot = match self.stack.last() {
                                    Some(Frame::Array { items, .. }) => items.len(),
                                    _ => 0,
                                };
                                after = After::Comma;
                                continue 'value;
                            }
                            Some(b']') => {
                                self.pos += 1;
                                let Some(Frame::Array { items, .. }) = self.stack.pop() else {
                                    unreachable!("the top frame is this array");
                                };
                                self.b.close(id, Value::Array(items), self.pos);
                                done = id;
                            }
                            _ => return self.err_here("expected ',' or ']' after array element"),
                        }
                    }
                    Frame::Object {
                        id,
                        entries,
                        key,
                        key_span,
                        replaces,
                        ..
                    } => {
                        let id = *id;
                        let key = std::mem::take(key);
                        match replaces.take() {
                            Some(i) => entries[i].value = done,
                            None => entries.push(Entry {
                                key,
                                key_span: *key_span,
                                value: done,
                            }),
                        }
                        self.skip_ws();
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                // Re-borrow: `member_key` needs `&mut self`.
                                let Some(Frame::Object {
                                    mut entries,
                                    mut index,
                                    ..
                                }) = self.stack.pop()
                                else {
                                    unreachable!("the top frame is this object");
                                };
                                let (key, key_span, replaces) =
                                    self.member_key(&mut entries, &mut index, true)?;
                                parent = id;
                                slot = replaces.unwrap_or(entries.len());
                                self.stack.push(Frame::Object {
                                    id,
                                    entries,
                                    index,
                                    key,
                                    key_span,
                                    replaces,
                                });
                                after = After::Colon;
                                continue 'value;
                            }
                            Some(b'}') => {
                                self.pos += 1;
                                let Some(Frame::Object { entries, .. }) = self.stack.pop() else {
                                    unreachable!("the top frame is this object");
                                };
                                self.b.close(id, Value::Object(entries), self.pos);
                                done = id;
                            }
                            _ => return self.err_here("expected ',' or '}' after object member"),
                        }
                    }
                }
            }
        }
    }

    fn check_depth(&self) -> Result<(), ParseError> {
        if self.stack.len() >= self.max_depth {
            return self.err(
                format!("nesting deeper than {} levels", self.max_depth),
                self.pos,
                self.pos + 1,
            );
        }
        Ok(())
    }

    /// Parses `"key" :` and checks the key against the earlier ones.
    /// Returns the key, its span (with quotes) and, for a repeated key, the
    /// index of the entry whose value it replaces.
    fn member_key(
        &mut self,
        entries: &mut [Entry],
        index: &mut KeyIndex,
        after_comma: bool,
    ) -> Result<(Str, Span, Option<usize>), ParseError> {
        self.skip_ws();
        let start = self.pos;
        match self.peek() {
            Some(b'"') => {}
            Some(b'}') if after_comma => {
                return self.err_here("trailing comma is not allowed in JSON");
            }
            Some(b'/') => return self.err_here("comments are not allowed in JSON"),
            Some(b'\'') => return self.err_here("object keys must use double quotes"),
            None => return self.err_here("unexpected end of input: expected a string key"),
            Some(_) if after_comma => return self.err_here("expected a string key after ','"),
            Some(_) => return self.err_here("expected a string key or '}'"),
        }
        let raw = self.string()?;
        let key = self.interner.intern(&raw);
        let key_span = Span::new(start, self.pos);
        self.skip_ws();
        if self.peek() != Some(b':') {
            return self.err_here("expected ':' after object key");
        }
        self.pos += 1;
        let replaces = index.find_or_note(entries, &key);
        if let Some(i) = replaces {
            self.duplicates.push(DuplicateKey {
                key: key.to_string(),
                span: key_span,
                first: entries[i].key_span,
            });
            self.orphans = true;
        }
        Ok((key, key_span, replaces))
    }

    fn unexpected_in_value<T>(&self, c: Option<u8>, after: After) -> Result<T, ParseError> {
        match c {
            None => self.err_here("unexpected end of input: expected a JSON value"),
            Some(b']') if after == After::Comma => {
                self.err_here("trailing comma is not allowed in JSON")
            }
            Some(b'/') => self.err_here("comments are not allowed in JSON"),
            Some(b'\'') => self.err_here("strings must use double quotes"),
            Some(b'+' | b'.') => self.err_here("invalid number: expected '-' or a digit"),
            Some(_) => self.err_here("expected a JSON value"),
        }
    }

    fn literal(
        &mut self,
        word: &[u8],
        value: Value,
        parent: NodeId,
        slot: usize,
    ) -> Result<NodeId, ParseError> {
        let start = self.pos;
        if self.bytes[start..].starts_with(word) {
            self.pos += word.len();
            // `nullx` is one bad token, not `null` followed by junk.
            if !matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric()) {
                return Ok(self.b.leaf(parent, slot, value, Span::new(start, self.pos)));
            }
        }
        let end = start
            + self.bytes[start..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
        self.err(
            "invalid literal: expected true, false or null",
            start,
            end.max(start + 1),
        )
    }

    /// Parses a string at the opening quote and leaves `pos` after the
    /// closing quote. Borrows from the input when there are no escapes.
    fn string(&mut self) -> Result<std::borrow::Cow<'t, str>, ParseError> {
        let text: &'t str = self.text;
        let open = self.pos;
        let mut i = open + 1;
        let bytes = self.bytes;
        // Fast path: no escapes.
        while i < bytes.len() && !STRING_STOP[bytes[i] as usize] {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'"' {
            self.pos = i + 1;
            return Ok(std::borrow::Cow::Borrowed(&text[open + 1..i]));
        }
        let mut out = String::with_capacity(i - open + 16);
        out.push_str(&self.text[open + 1..i]);
        loop {
            let Some(&c) = bytes.get(i) else {
                return self.err("unterminated string", open, bytes.len());
            };
            match c {
                b'"' => {
                    self.pos = i + 1;
                    return Ok(std::borrow::Cow::Owned(out));
                }
                b'\\' => {
                    i = self.escape(i, &mut out)?;
                }
                b'\n' | b'\r' => {
                    // The closing quote is missing on this line; pointing at
                    // the opening quote says which string it is.
                    return self.err("unterminated string", open, i);
                }
                c if c < 0x20 => {
                    return self.err(
                        format!("control character U+{c:04X} in string must be escaped"),
                        i,
                        i + 1,
                    );
                }
                _ => {
                    let run_start = i;
                    while i < bytes.len() && !STRING_STOP[bytes[i] as usize] {
                        i += 1;
                    }
                    out.push_str(&self.text[run_start..i]);
                }
            }
        }
    }

    /// Decodes the escape at `bs` (the backslash) into `out`; returns the
    /// position after it.
    fn escape(&self, bs: usize, out: &mut String) -> Result<usize, ParseError> {
        let bytes = self.bytes;
        let Some(&e) = bytes.get(bs + 1) else {
            return self.err("unterminated string", bs, bytes.len());
        };
        let simple = match e {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4(bs)?;
                let mut next = bs + 6;
                let c = if (0xD800..0xDC00).contains(&hi) {
                    // A high surrogate needs a low one right after it;
                    // without it, keep going with U+FFFD (as browsers do)
                    // instead of failing the whole document.
                    if bytes.get(next) == Some(&b'\\') && bytes.get(next + 1) == Some(&b'u') {
                        let lo = self.hex4(next)?;
                        if (0xDC00..0xE000).contains(&lo) {
                            next += 6;
                            let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            char::from_u32(cp).unwrap_or('\u{FFFD}')
                        } else {
                            '\u{FFFD}'
                        }
                    } else {
                        '\u{FFFD}'
                    }
                } else {
                    char::from_u32(hi).unwrap_or('\u{FFFD}')
                };
                out.push(c);
                return Ok(next);
            }
            _ => {
                let end = self.char_end(bs + 1);
                return self.err(
                    format!("invalid escape '\\{}' in string", &self.text[bs + 1..end]),
                    bs,
                    end,
                );
            }
        };
        out.push(simple);
        Ok(bs + 2)
    }

    /// The four hex digits of the `\u` escape at `bs`.
    fn hex4(&self, bs: usize) -> Result<u32, ParseError> {
        let digits = self.bytes.get(bs + 2..bs + 6);
        let value = digits.and_then(|d| {
            d.iter().try_fold(0u32, |acc, &c| {
                let v = (c as char).to_digit(16)?;
                Some(acc * 16 + v)
            })
        });
        match value {
            Some(v) => Ok(v),
            None => {
                let end = (bs + 6).min(self.bytes.len());
                let end = if self.text.is_char_boundary(end) {
                    end
                } else {
                    bs + 2
                };
                self.err(
                    "invalid escape: '\\u' must be followed by 4 hex digits",
                    bs,
                    end,
                )
            }
        }
    }

    /// Parses a number per the RFC 8259 grammar. Integers that fit `i64`
    /// stay exact; everything else goes through the standard library's
    /// correctly rounded `f64` parser.
    fn number(&mut self) -> Result<Number, ParseError> {
        let bytes = self.bytes;
        let start = self.pos;
        let mut i = start;
        let negative = bytes[i] == b'-';
        if negative {
            i += 1;
        }
        let digits_start = i;
        match bytes.get(i) {
            Some(b'0') => {
                i += 1;
                if matches!(bytes.get(i), Some(b'0'..=b'9')) {
                    return self.err(
                        "invalid number: leading zeros are not allowed",
                        start,
                        i + 1,
                    );
                }
            }
            Some(b'1'..=b'9') => {
                while matches!(bytes.get(i), Some(b'0'..=b'9')) {
                    i += 1;
                }
            }
            _ => {
                self.pos = i;
                return self.err_here("invalid number: expected a digit after '-'");
            }
        }
        let int_end = i;
        let mut is_int = true;
        if bytes.get(i) == Some(&b'.') {
            is_int = false;
            i += 1;
            if !matches!(bytes.get(i), Some(b'0'..=b'9')) {
                self.pos = i;
                return self.err_here("invalid number: expected a digit after '.'");
            }
            while matches!(bytes.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        if matches!(bytes.get(i), Some(b'e' | b'E')) {
            is_int = false;
            i += 1;
            if matches!(bytes.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !matches!(bytes.get(i), Some(b'0'..=b'9')) {
                self.pos = i;
                return self.err_here("invalid number: expected a digit in the exponent");
            }
            while matches!(bytes.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        self.pos = i;
        if is_int && int_end - digits_start <= 18 {
            // At most 18 digits always fits in i64.
            let mut v: i64 = 0;
            for &d in &bytes[digits_start..int_end] {
                v = v * 10 + i64::from(d - b'0');
            }
            return Ok(Number::Int(if negative { -v } else { v }));
        }
        let s = &self.text[start..i];
        if is_int {
            if let Ok(v) = s.parse::<i64>() {
                return Ok(Number::Int(v));
            }
        }
        match s.parse::<f64>() {
            Ok(f) => Ok(Number::Float(f)),
            Err(_) => self.err("invalid number", start, i),
        }
    }
}
