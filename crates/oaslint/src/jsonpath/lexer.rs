//! The character level of JSONPath: a cursor over the expression with the
//! tokens both dialects share (names, identifiers, quoted strings, integers,
//! numbers, whitespace, the bare words of filters) and the errors that
//! point at a byte offset.
//!
//! It is separate from the grammars so that the RFC 9535 parser
//! ([`super::rfc9535`]) and the JSONPath-Plus parser ([`super::plus`]) read
//! tokens the same way and report offsets the same way. The lexer knows no
//! dialect: where a token differs between them (JavaScript string escapes),
//! the caller says which form it wants.

use super::ast::{Func, Literal, Selector};
use super::PathError;

pub(super) type PResult<T> = Result<T, PathError>;

/// Largest index an RFC 9535 integer may have (I-JSON range).
const MAX_INT: i64 = (1 << 53) - 1;

/// A position in a JSONPath expression. Parsers backtrack by saving and
/// restoring `pos`.
pub(super) struct Lexer<'s> {
    pub src: &'s str,
    pub pos: usize,
}

pub(super) fn is_name_first(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

/// Name characters, with the extensions `$` and `-` (OpenAPI keys such as
/// `$ref` and `x-example`).
pub(super) fn is_name_char(c: u8) -> bool {
    is_name_first(c) || c.is_ascii_digit() || c == b'$' || c == b'-'
}

/// What a bare word in a filter expression stands for
/// ([`Lexer::literal_or_call`]).
pub(super) enum LiteralOrCall<'s> {
    /// `true`, `false` or `null`.
    Literal(Literal),
    /// `name(`: a call of the RFC 9535 function `func`, written `name`; the
    /// cursor is on the `(`.
    Call(Func, &'s str),
}

/// Names the character found where something else was expected.
fn describe(c: Option<char>) -> String {
    match c {
        None => "end of path".into(),
        Some(c) if c.is_whitespace() => "whitespace".into(),
        Some(c) => format!("`{c}`"),
    }
}

impl<'s> Lexer<'s> {
    pub fn new(src: &'s str) -> Lexer<'s> {
        Lexer { src, pos: 0 }
    }

    pub fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    pub fn peek_at(&self, n: usize) -> Option<u8> {
        self.src.as_bytes().get(self.pos + n).copied()
    }

    pub fn rest(&self) -> &'s str {
        &self.src[self.pos..]
    }

    /// Names the next character, for "expected …, found …" messages.
    pub fn found(&self) -> String {
        describe(self.rest().chars().next())
    }

    pub fn err_at(&self, offset: usize, msg: impl Into<String>) -> PathError {
        PathError {
            message: msg.into(),
            offset,
        }
    }

    pub fn err(&self, msg: impl Into<String>) -> PathError {
        self.err_at(self.pos, msg)
    }

    pub fn unexpected(&self) -> PathError {
        self.err(format!("unexpected {}", self.found()))
    }

    pub fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    pub fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    /// Consumes `word` if it is followed by a non-identifier character.
    pub fn keyword(&mut self, word: &str) -> bool {
        if self.rest().starts_with(word) {
            let next = self.src.as_bytes().get(self.pos + word.len()).copied();
            if !matches!(next, Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'$') {
                self.pos += word.len();
                return true;
            }
        }
        false
    }

    /// Reads identifier characters (`[A-Za-z0-9_$-]` and non-ASCII).
    pub fn name_chars(&mut self) -> &'s str {
        let start = self.pos;
        while matches!(self.peek(), Some(c) if is_name_char(c)) {
            self.pos += 1;
        }
        &self.src[start..self.pos]
    }

    /// A JavaScript identifier (no `-`).
    pub fn ident(&mut self) -> &'s str {
        let start = self.pos;
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'$')
        {
            self.pos += 1;
        }
        &self.src[start..self.pos]
    }

    /// At the first letter of a bare word in a filter: a literal both
    /// dialects know, or the name of an RFC 9535 function followed by `(`;
    /// errors point at the word. Both filter grammars read these words the
    /// same way and with the same messages; JSONPath-Plus reads its own
    /// literal `undefined` before calling this, and each grammar parses and
    /// checks the arguments of a call by its own type rules.
    pub fn literal_or_call(&mut self) -> PResult<LiteralOrCall<'s>> {
        let at = self.pos;
        let name = self.ident();
        match name {
            "true" => return Ok(LiteralOrCall::Literal(Literal::Bool(true))),
            "false" => return Ok(LiteralOrCall::Literal(Literal::Bool(false))),
            "null" => return Ok(LiteralOrCall::Literal(Literal::Null)),
            _ => {}
        }
        if self.peek() != Some(b'(') {
            return Err(self.err_at(
                at,
                format!(
                    "unexpected name `{name}` (strings need quotes; queries start with `@` or `$`)"
                ),
            ));
        }
        match Func::from_name(name) {
            Some(func) => Ok(LiteralOrCall::Call(func, name)),
            None => Err(self.err_at(
                at,
                format!("unknown function `{name}()`: supported are length, count, match, search and value"),
            )),
        }
    }

    /// After a selector in brackets and the blanks that follow it: consumes
    /// the `,` before the next selector (false) or the `]` that ends the
    /// list (true); anything else is an error. JSONPath-Plus checks for its
    /// `~]` ending before calling this.
    pub fn selector_list_ends(&mut self) -> PResult<bool> {
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(false)
            }
            Some(b']') => {
                self.pos += 1;
                Ok(true)
            }
            None => Err(self.err("unclosed `[`: expected `,` or `]`")),
            _ => Err(self.err(format!("expected `,` or `]`, found {}", self.found()))),
        }
    }

    /// An RFC 9535 integer: `0` or `-?[1-9][0-9]*`, within ±(2^53-1).
    pub fn int(&mut self) -> PResult<i64> {
        let start = self.pos;
        let neg = self.eat("-");
        let digits_start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        let digits = &self.src[digits_start..self.pos];
        if digits.is_empty() {
            return Err(self.err_at(start, "expected digits after `-`"));
        }
        if digits.len() > 1 && digits.starts_with('0') {
            return Err(self.err_at(start, "an index may not have leading zeros"));
        }
        if neg && digits == "0" {
            return Err(self.err_at(start, "`-0` is not a valid index"));
        }
        match digits.parse::<i64>() {
            Ok(v) if v <= MAX_INT => Ok(if neg { -v } else { v }),
            _ => Err(self.err_at(start, "index out of range (at most 2^53-1)")),
        }
    }

    /// An RFC 9535 / JSON number literal.
    pub fn number(&mut self) -> PResult<f64> {
        let start = self.pos;
        self.eat("-");
        let int_start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        let int = &self.src[int_start..self.pos];
        if int.is_empty() {
            return Err(self.err_at(start, "expected a number"));
        }
        if int.len() > 1 && int.starts_with('0') {
            return Err(self.err_at(start, "numbers may not have leading zeros"));
        }
        if self.peek() == Some(b'.') && matches!(self.peek_at(1), Some(b'0'..=b'9')) {
            self.pos += 1;
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.pos += 1;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            let e = self.pos;
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.pos += 1;
            }
            if e == self.pos {
                return Err(self.err("expected digits in the exponent"));
            }
        }
        self.src[start..self.pos]
            .parse::<f64>()
            .map_err(|_| self.err_at(start, "invalid number"))
    }

    /// A quoted string at `q`; returns the unescaped text. With `js`
    /// (JSONPath-Plus) the escapes are JavaScript's: `\v`, `\0`, `\xHH`
    /// too, and any other escaped character stands for itself (`\'` in
    /// `"…"`, `\.`); without it they are RFC 9535's.
    pub fn string(&mut self, q: u8, js: bool) -> PResult<String> {
        let start = self.pos;
        self.pos += 1;
        let b = self.src.as_bytes();
        let mut out = String::new();
        loop {
            let run = self.pos;
            while self.pos < b.len()
                && b[self.pos] != q
                && b[self.pos] != b'\\'
                && b[self.pos] >= 0x20
            {
                self.pos += 1;
            }
            out.push_str(&self.src[run..self.pos]);
            match self.peek() {
                None => return Err(self.err_at(start, "unterminated string")),
                Some(c) if c == q => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let esc = self.pos;
                    self.pos += 1;
                    let c = self.peek();
                    self.pos += 1;
                    match c {
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'/') => out.push('/'),
                        Some(b'\\') => out.push('\\'),
                        Some(c) if c == q => out.push(c as char),
                        Some(b'u') => out.push(self.unicode_escape(esc)?),
                        None => return Err(self.err_at(start, "unterminated string")),
                        Some(b'v') if js => out.push('\u{b}'),
                        Some(b'0') if js && !matches!(self.peek(), Some(b'0'..=b'9')) => {
                            out.push('\0')
                        }
                        Some(b'x') if js => out.push(self.hex2(esc)?),
                        Some(c) if js && c != b'\n' && c != b'\r' && !c.is_ascii_digit() => {
                            // Any other character, multi-byte ones included.
                            self.pos -= 1;
                            let ch = self.rest().chars().next().unwrap_or('\u{fffd}');
                            self.pos += ch.len_utf8();
                            out.push(ch);
                        }
                        Some(_) => {
                            return Err(self.err_at(esc, "invalid escape sequence in string"))
                        }
                    }
                }
                Some(_) => return Err(self.err("control characters in strings must be escaped")),
            }
        }
    }

    /// After `\u`: four hex digits, or a surrogate pair.
    fn unicode_escape(&mut self, esc: usize) -> PResult<char> {
        let hi = self.hex4(esc)?;
        let code = if (0xD800..0xDC00).contains(&hi) {
            if !self.eat("\\u") {
                return Err(self.err_at(esc, "unpaired surrogate in `\\u` escape"));
            }
            let lo = self.hex4(esc)?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(self.err_at(esc, "unpaired surrogate in `\\u` escape"));
            }
            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        } else if (0xDC00..0xE000).contains(&hi) {
            return Err(self.err_at(esc, "unpaired surrogate in `\\u` escape"));
        } else {
            hi
        };
        char::from_u32(code).ok_or_else(|| self.err_at(esc, "invalid `\\u` escape"))
    }

    /// After `\x` (JavaScript): two hex digits.
    fn hex2(&mut self, esc: usize) -> PResult<char> {
        let h = self.src.get(self.pos..self.pos + 2).unwrap_or("");
        if h.len() != 2 || !h.bytes().all(|c| c.is_ascii_hexdigit()) {
            return Err(self.err_at(esc, "`\\x` needs two hex digits"));
        }
        self.pos += 2;
        Ok(char::from(u8::from_str_radix(h, 16).unwrap_or(0)))
    }

    /// At the first `:` of a slice `[start:end:step]` (blanks allowed
    /// around its parts), after its start.
    pub fn slice(&mut self, start: Option<i64>) -> PResult<Selector> {
        self.pos += 1; // ':'
        self.skip_ws();
        let end = match self.peek() {
            Some(b'-' | b'0'..=b'9') => Some(self.int()?),
            _ => None,
        };
        self.skip_ws();
        let mut step = None;
        if self.peek() == Some(b':') {
            self.pos += 1;
            self.skip_ws();
            if matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
                step = Some(self.int()?);
            }
        }
        Ok(Selector::Slice(start, end, step))
    }

    fn hex4(&mut self, esc: usize) -> PResult<u32> {
        let h = self.src.get(self.pos..self.pos + 4).unwrap_or("");
        if h.len() != 4 || !h.bytes().all(|c| c.is_ascii_hexdigit()) {
            return Err(self.err_at(esc, "`\\u` needs four hex digits"));
        }
        self.pos += 4;
        Ok(u32::from_str_radix(h, 16).unwrap_or(0))
    }
}
