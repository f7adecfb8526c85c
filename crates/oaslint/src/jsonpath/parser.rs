//! The RFC 9535 path grammar: `$`, segments (`.name`, `..name`, `[…]`),
//! selectors (names, `*`, indexes, slices, unions, filters) and the
//! JSONPath-Plus path forms that live outside filters (unquoted `[get,put]`,
//! `.x-example`, `.200`, `^`, a final `~`).
//!
//! Filter *expressions* are parsed by [`super::filter`] (RFC 9535) and
//! [`super::filter_js`] (the JavaScript dialect); this file only reaches
//! them through the `?` selector. The [`Parser`] holds which filter
//! [`Dialect`] it is in, so the grammar functions take no dialect flag.

use super::ast::*;
use super::lexer::{is_name_first, Lexer, PResult};

/// A recursive-descent parser over a [`Lexer`]. The grammar is split over
/// three files, each adding `impl Parser` methods: this one (paths),
/// `filter.rs` (RFC 9535 filter expressions) and `filter_js.rs` (the
/// JavaScript dialect).
pub(super) struct Parser<'s> {
    pub lex: Lexer<'s>,
    /// The dialect of the filter being parsed (`Rfc9535` outside filters).
    pub dialect: Dialect,
}

pub(crate) struct Parsed {
    pub segments: Vec<Segment>,
    pub key: bool,
}

pub(crate) fn parse(src: &str) -> PResult<Parsed> {
    let mut p = Parser::new(src);
    if !src.starts_with('$') {
        return Err(p.lex.err_at(0, "a JSONPath starts with `$`"));
    }
    p.lex.pos = 1;
    let segments = p.segments(false)?;
    let mut key = false;
    if p.lex.peek() == Some(b'~') {
        key = true;
        p.lex.pos += 1;
        if p.lex.pos != src.len() {
            return Err(p.lex.err_at(
                p.lex.pos - 1,
                "`~` (property name) is only supported at the end of a path",
            ));
        }
    }
    if p.lex.pos != src.len() {
        return Err(p.lex.unexpected());
    }
    Ok(Parsed { segments, key })
}

impl<'s> Parser<'s> {
    fn new(src: &'s str) -> Parser<'s> {
        Parser {
            lex: Lexer::new(src),
            dialect: Dialect::Rfc9535,
        }
    }

    /// Runs `parse` in `dialect` and restores the current one, so a filter
    /// nested in a filter of the other dialect does not change its parent's.
    pub fn in_dialect<T>(&mut self, dialect: Dialect, parse: impl FnOnce(&mut Self) -> T) -> T {
        let outer = std::mem::replace(&mut self.dialect, dialect);
        let result = parse(self);
        self.dialect = outer;
        result
    }

    /// A quoted string at `q`, with the escapes of the current dialect.
    pub fn quoted(&mut self, q: u8) -> PResult<String> {
        let lenient = self.dialect == Dialect::JavaScript;
        self.lex.string(q, lenient)
    }

    /// Segments after `$` or `@`. Inside filters `^`/`~` end the query and a
    /// `.name(` is left for the method-call parser.
    pub fn segments(&mut self, in_filter: bool) -> PResult<Vec<Segment>> {
        let mut segs = Vec::new();
        loop {
            let save = self.lex.pos;
            self.lex.skip_ws();
            match self.lex.peek() {
                Some(b'.') if self.lex.peek_at(1) == Some(b'.') => {
                    self.lex.pos += 2;
                    let sels = match self.lex.peek() {
                        Some(b'*') => {
                            self.lex.pos += 1;
                            vec![Selector::Wildcard]
                        }
                        Some(b'[') => self.bracket()?,
                        Some(c) if is_name_first(c) || c == b'$' || c.is_ascii_digit() => {
                            vec![self.dot_name()]
                        }
                        _ => {
                            return Err(self
                                .lex
                                .err("expected a member name, `*` or `[` after `..`"))
                        }
                    };
                    segs.push(Segment::Descendant(sels));
                }
                Some(b'.') => {
                    if in_filter && self.is_method_call() {
                        self.lex.pos = save;
                        break;
                    }
                    self.lex.pos += 1;
                    let sel = match self.lex.peek() {
                        Some(b'*') => {
                            self.lex.pos += 1;
                            Selector::Wildcard
                        }
                        Some(c) if is_name_first(c) || c == b'$' || c.is_ascii_digit() => {
                            self.dot_name()
                        }
                        _ => return Err(self.lex.err("expected a member name or `*` after `.`")),
                    };
                    segs.push(Segment::Child(vec![sel]));
                }
                Some(b'[') => {
                    self.lex.pos += 1;
                    let sels = self.bracket_body()?;
                    segs.push(Segment::Child(sels));
                }
                Some(b'^') if !in_filter => {
                    self.lex.pos += 1;
                    segs.push(Segment::Parent);
                }
                _ => {
                    self.lex.pos = save;
                    break;
                }
            }
        }
        Ok(segs)
    }

    /// At `.`: is this `.name(` (a JavaScript method call)?
    fn is_method_call(&self) -> bool {
        let b = self.lex.src.as_bytes();
        let mut i = self.lex.pos + 1;
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
        i > start && b.get(i) == Some(&b'(')
    }

    /// A member name after `.` or `..` (the first character was checked).
    fn dot_name(&mut self) -> Selector {
        let name = self.lex.name_chars();
        if name.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(i) = name.parse::<usize>() {
                return Selector::NameOrIndex(name.into(), i);
            }
        }
        Selector::Name(name.into())
    }

    /// At `[`.
    fn bracket(&mut self) -> PResult<Vec<Selector>> {
        self.lex.pos += 1;
        self.bracket_body()
    }

    /// After `[`: selectors up to and including `]`.
    fn bracket_body(&mut self) -> PResult<Vec<Selector>> {
        let mut sels = Vec::new();
        loop {
            self.lex.skip_ws();
            sels.push(self.selector()?);
            self.lex.skip_ws();
            match self.lex.peek() {
                Some(b',') => self.lex.pos += 1,
                Some(b']') => {
                    self.lex.pos += 1;
                    return Ok(sels);
                }
                None => return Err(self.lex.err("unclosed `[`: expected `,` or `]`")),
                _ => {
                    return Err(self
                        .lex
                        .err(format!("expected `,` or `]`, found {}", self.lex.found())))
                }
            }
        }
    }

    fn selector(&mut self) -> PResult<Selector> {
        match self.lex.peek() {
            Some(q @ (b'\'' | b'"')) => Ok(Selector::Name(self.quoted(q)?.into())),
            Some(b'*') => {
                self.lex.pos += 1;
                Ok(Selector::Wildcard)
            }
            Some(b'?') => {
                self.lex.pos += 1;
                Ok(Selector::Filter(Box::new(self.filter()?)))
            }
            Some(b'-' | b'0'..=b'9') => {
                let start = self.lex.int()?;
                self.lex.skip_ws();
                if self.lex.peek() == Some(b':') {
                    self.slice(Some(start))
                } else {
                    Ok(Selector::Index(start))
                }
            }
            Some(b':') => self.slice(None),
            Some(c) if is_name_first(c) || c == b'$' => {
                // JSONPath-Plus unquoted union member: `[get,put]`.
                Ok(Selector::Name(self.lex.name_chars().into()))
            }
            None => Err(self.lex.err(
                "expected a selector (a quoted name, `*`, an index, a slice or a `?` filter)",
            )),
            _ => Err(self.lex.err(format!(
                "expected a selector (a quoted name, `*`, an index, a slice or a `?` filter), found {}",
                self.lex.found()
            ))),
        }
    }

    /// At the first `:` of a slice.
    fn slice(&mut self, start: Option<i64>) -> PResult<Selector> {
        self.lex.pos += 1; // ':'
        self.lex.skip_ws();
        let end = match self.lex.peek() {
            Some(b'-' | b'0'..=b'9') => Some(self.lex.int()?),
            _ => None,
        };
        self.lex.skip_ws();
        let mut step = None;
        if self.lex.peek() == Some(b':') {
            self.lex.pos += 1;
            self.lex.skip_ws();
            if matches!(self.lex.peek(), Some(b'-' | b'0'..=b'9')) {
                step = Some(self.lex.int()?);
            }
        }
        Ok(Selector::Slice(start, end, step))
    }
}
