//! The RFC 9535 dialect, exactly as the RFC defines it: `$`, segments
//! (`.name`, `..name`, `[…]`), selectors (quoted names, `*`, indexes,
//! slices, unions, `?` filters) and, in [`filter`], the filter expressions
//! with their function extensions and well-typedness rules.
//!
//! Nothing of JSONPath-Plus is accepted here (no `^`, `~`, `@property`,
//! unquoted bracket names, `-` in dot names): a ruleset that sets
//! `jsonPathDialect: rfc9535` gets the standard and its errors. The
//! JSONPath-Plus parser ([`super::plus`]) calls [`filter_at`] for its
//! `[?expr]` filters written without parentheses.

mod filter;

use super::ast::*;
use super::lexer::{Lexer, PResult};

pub(super) use filter::compile_iregexp;

/// A recursive-descent parser of the RFC 9535 grammar; `filter.rs` adds the
/// filter-expression methods.
pub(super) struct Parser<'s> {
    pub lex: Lexer<'s>,
}

/// Compiles a whole RFC 9535 query.
pub(super) fn parse(src: &str) -> PResult<Vec<Segment>> {
    let mut p = Parser {
        lex: Lexer::new(src),
    };
    if !src.starts_with('$') {
        return Err(p.lex.err_at(0, "a JSONPath starts with `$`"));
    }
    p.lex.pos = 1;
    let segments = p.segments()?;
    if p.lex.pos != src.len() {
        return Err(match p.lex.peek() {
            Some(b'^' | b'~') => p.lex.err(format!(
                "{} is JSONPath-Plus, not RFC 9535 (this ruleset asks for `jsonPathDialect: rfc9535`)",
                p.lex.found()
            )),
            _ => p.lex.unexpected(),
        });
    }
    Ok(segments)
}

/// Parses the filter expression that starts at `lex.pos` (just after `?`)
/// as RFC 9535 and moves `lex.pos` past it.
pub(super) fn filter_at(lex: &mut Lexer<'_>) -> PResult<Filter> {
    let mut p = Parser {
        lex: Lexer {
            src: lex.src,
            pos: lex.pos,
        },
    };
    let filter = p.filter()?;
    lex.pos = p.lex.pos;
    Ok(filter)
}

/// RFC 9535 `name-first`: ALPHA / "_" / non-ASCII.
fn is_name_first(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

fn is_name_char(c: u8) -> bool {
    is_name_first(c) || c.is_ascii_digit()
}

impl Parser<'_> {
    /// Segments after `$` or `@`; blanks are allowed before each one.
    pub fn segments(&mut self) -> PResult<Vec<Segment>> {
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
                        Some(b'[') => {
                            self.lex.pos += 1;
                            self.bracket_body()?
                        }
                        Some(c) if is_name_first(c) => vec![self.dot_name()],
                        _ => {
                            return Err(self
                                .lex
                                .err("expected a member name, `*` or `[` after `..`"))
                        }
                    };
                    segs.push(Segment::Descendant(sels));
                }
                Some(b'.') if self.is_method_call() => {
                    // `@.a.includes(…)` in a filter: left for the filter
                    // parser to name the JavaScript form.
                    self.lex.pos = save;
                    break;
                }
                Some(b'.') => {
                    self.lex.pos += 1;
                    let sel = match self.lex.peek() {
                        Some(b'*') => {
                            self.lex.pos += 1;
                            Selector::Wildcard
                        }
                        Some(c) if is_name_first(c) => self.dot_name(),
                        _ => return Err(self.lex.err("expected a member name or `*` after `.`")),
                    };
                    segs.push(Segment::Child(vec![sel]));
                }
                Some(b'[') => {
                    self.lex.pos += 1;
                    let sels = self.bracket_body()?;
                    segs.push(Segment::Child(sels));
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
        while i < b.len() && is_name_char(b[i]) {
            i += 1;
        }
        i > self.lex.pos + 1 && b.get(i) == Some(&b'(')
    }

    /// A member name after `.` or `..` (the first character was checked).
    fn dot_name(&mut self) -> Selector {
        let start = self.lex.pos;
        while matches!(self.lex.peek(), Some(c) if is_name_char(c)) {
            self.lex.pos += 1;
        }
        Selector::Name(self.lex.src[start..self.lex.pos].into())
    }

    /// After `[`: selectors up to and including `]`.
    fn bracket_body(&mut self) -> PResult<Vec<Selector>> {
        let mut sels = Vec::new();
        loop {
            self.lex.skip_ws();
            sels.push(self.selector()?);
            self.lex.skip_ws();
            if self.lex.selector_list_ends()? {
                return Ok(sels);
            }
        }
    }

    fn selector(&mut self) -> PResult<Selector> {
        match self.lex.peek() {
            Some(q @ (b'\'' | b'"')) => Ok(Selector::Name(self.lex.string(q, false)?.into())),
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
                    self.lex.slice(Some(start))
                } else {
                    Ok(Selector::Index(start))
                }
            }
            Some(b':') => self.lex.slice(None),
            None => Err(self.lex.err(
                "expected a selector (a quoted name, `*`, an index, a slice or a `?` filter)",
            )),
            _ => Err(self.lex.err(format!(
                "expected a selector (a quoted name, `*`, an index, a slice or a `?` filter), found {}",
                self.lex.found()
            ))),
        }
    }
}
