//! The JSONPath-Plus dialect, as Spectral's rulesets write it (Spectral runs
//! nimma, with JSONPath-Plus as its fallback): the path grammar here and
//! the JavaScript filter expressions `[?( … )]` in [`filter`].
//!
//! JSONPath-Plus has no grammar of its own (it rewrites the text with
//! regular expressions and splits it); this parser accepts its forms with
//! a grammar and selects what JSONPath-Plus selects for them:
//!
//! * `.name` takes any characters up to the next `.`, `[`, `]`, `~`, `^`,
//!   quote, comma or blank (`$.paths./users/{id}`); a name of digits is the
//!   member of that name or the array item of that index, in brackets too
//!   (`[200]`, `.200`);
//! * `.'name'` and `.\"name\"` are quoted members;
//! * `.[…]` is a descendant step, as JSONPath-Plus reads it (`$.paths.[*]`
//!   is `$.paths..[*]`);
//! * `[a,b]`, `[/health]`: unquoted names in brackets, up to `,` or `]`
//!   (blanks around them are ignored);
//! * `@object()`, `@string()`, …: type selectors after a step;
//! * `^` (parent) anywhere, `~` (property name) at the end, also written
//!   inside the last bracket (`[?( … )~]`, as JSONPath-Plus accepts it);
//! * `[?( … )]`: a JavaScript filter ([`filter`]); `[?expr]` without the
//!   parentheses is an RFC 9535 filter ([`super::rfc9535::filter_at`]),
//!   an oaslint extension kept for rulesets written for it.

mod filter;

use super::ast::*;
use super::lexer::{is_name_first, Lexer, PResult};

/// How deeply filters and parentheses may nest, so that a hostile
/// expression cannot exhaust the stack.
const MAX_NESTING: usize = 64;

/// A recursive-descent parser of the JSONPath-Plus grammar; `filter.rs`
/// adds the JavaScript expression methods.
pub(super) struct Parser<'s> {
    pub lex: Lexer<'s>,
    /// Filters and parentheses open at `pos`.
    pub nesting: usize,
    /// Where a `~` written inside brackets (`[…~]`) was, if one was.
    key_in_bracket: Option<usize>,
}

/// Compiles a whole JSONPath-Plus query: its segments and whether it ends
/// in `~`.
pub(super) fn parse(src: &str) -> PResult<(Vec<Segment>, bool)> {
    let mut p = Parser {
        lex: Lexer::new(src),
        nesting: 0,
        key_in_bracket: None,
    };
    if !src.starts_with('$') {
        return Err(p.lex.err_at(0, "a JSONPath starts with `$`"));
    }
    p.lex.pos = 1;
    let segments = p.segments(false)?;
    let key_at = match (p.key_in_bracket, p.lex.peek()) {
        (Some(at), _) => Some(at),
        (None, Some(b'~')) => {
            p.lex.pos += 1;
            Some(p.lex.pos - 1)
        }
        _ => None,
    };
    if p.lex.pos != src.len() {
        return Err(match key_at {
            Some(at) => p
                .lex
                .err_at(at, "`~` (property name) ends a path: nothing may follow it"),
            None => p.lex.unexpected(),
        });
    }
    Ok((segments, key_at.is_some()))
}

/// Characters that end an unquoted name after `.` outside filters.
fn ends_dot_name(c: u8) -> bool {
    matches!(
        c,
        b'.' | b'[' | b']' | b'~' | b'^' | b'\'' | b'"' | b',' | b' ' | b'\t' | b'\n' | b'\r'
    )
}

impl Parser<'_> {
    /// Counts one more level of nesting at `at`, or fails past the limit.
    pub fn enter(&mut self, at: usize) -> PResult<()> {
        self.nesting += 1;
        if self.nesting > MAX_NESTING {
            return Err(self.lex.err_at(
                at,
                format!("the expression nests too deeply (at most {MAX_NESTING} levels)"),
            ));
        }
        Ok(())
    }

    /// Segments after `$` or `@`. Inside filters, names are identifiers
    /// (`@.a-b == 1` must not read `== 1` as part of a name), a `.name(`
    /// is left for the method-call parser, and `^`, `~`, `@type()` end the
    /// query.
    pub fn segments(&mut self, in_filter: bool) -> PResult<Vec<Segment>> {
        let mut segs = Vec::new();
        loop {
            if self.key_in_bracket.is_some() && !in_filter {
                break;
            }
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
                        Some(q @ (b'\'' | b'"')) => vec![Selector::Name(self.quoted(q)?.into())],
                        Some(c) if self.starts_name(c, in_filter) => vec![self.dot_name(in_filter)],
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
                    match self.lex.peek() {
                        // JSONPath-Plus reads `.[` as `..[`.
                        Some(b'[') => {
                            let sels = self.bracket()?;
                            segs.push(Segment::Descendant(sels));
                        }
                        Some(b'*') => {
                            self.lex.pos += 1;
                            segs.push(Segment::Child(vec![Selector::Wildcard]));
                        }
                        Some(q @ (b'\'' | b'"')) => {
                            let name = self.quoted(q)?;
                            segs.push(Segment::Child(vec![Selector::Name(name.into())]));
                        }
                        Some(c) if self.starts_name(c, in_filter) => {
                            segs.push(Segment::Child(vec![self.dot_name(in_filter)]));
                        }
                        _ => {
                            return Err(self
                                .lex
                                .err("expected a member name, `*` or `[` after `.`"))
                        }
                    }
                }
                Some(b'[') => {
                    let sels = self.bracket()?;
                    segs.push(Segment::Child(sels));
                }
                Some(b'^') if !in_filter => {
                    self.lex.pos += 1;
                    segs.push(Segment::Parent);
                }
                Some(b'@') if !in_filter => {
                    segs.push(Segment::Type(self.type_selector()?));
                }
                _ => {
                    self.lex.pos = save;
                    break;
                }
            }
        }
        Ok(segs)
    }

    /// A quoted name or string with JavaScript escapes (`\/`, `\'`, …).
    pub fn quoted(&mut self, q: u8) -> PResult<String> {
        self.lex.string(q, true)
    }

    fn starts_name(&self, c: u8, in_filter: bool) -> bool {
        if in_filter {
            is_name_first(c) || c == b'$' || c.is_ascii_digit()
        } else {
            !(ends_dot_name(c) || (c == b'@' && self.type_selector_ahead()))
        }
    }

    /// At `@`: is this `@name()`, a type selector?
    fn type_selector_ahead(&self) -> bool {
        let b = self.lex.src.as_bytes();
        let mut i = self.lex.pos + 1;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        i > self.lex.pos + 1 && b.get(i) == Some(&b'(') && b.get(i + 1) == Some(&b')')
    }

    /// At `@`: `@object()`, `@string()`, … .
    fn type_selector(&mut self) -> PResult<ValueType> {
        let at = self.lex.pos;
        self.lex.pos += 1;
        let name = self.lex.ident();
        if !self.lex.eat("()") {
            return Err(self.lex.err_at(
                at,
                "`@` in a path starts a type selector such as `@object()` (quote a member name that starts with `@`: `['@id']`)",
            ));
        }
        match ValueType::from_name(name) {
            Some(t) => Ok(t),
            None if name == "other" => Err(self.lex.err_at(
                at,
                "`@other()` needs a JavaScript callback (JSONPath-Plus `otherTypeCallback`), which a ruleset cannot give",
            )),
            None => Err(self.lex.err_at(
                at,
                format!("unknown type selector `@{name}()`: supported are @null(), @boolean(), @number(), @integer(), @string(), @array(), @object(), @scalar(), @undefined(), @function() and @nonFinite()"),
            )),
        }
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

    /// A member name after `.` or `..` (its first character was checked).
    fn dot_name(&mut self, in_filter: bool) -> Selector {
        let start = self.lex.pos;
        if in_filter {
            self.lex.name_chars();
        } else {
            while let Some(c) = self.lex.peek() {
                if ends_dot_name(c) || (c == b'@' && self.type_selector_ahead()) {
                    break;
                }
                self.lex.pos += 1;
            }
            // Stay on a character boundary.
            while !self.lex.src.is_char_boundary(self.lex.pos) {
                self.lex.pos += 1;
            }
        }
        name_selector(&self.lex.src[start..self.lex.pos])
    }

    /// At `[`: selectors up to and including `]`.
    fn bracket(&mut self) -> PResult<Vec<Selector>> {
        self.lex.pos += 1;
        let mut sels = Vec::new();
        loop {
            self.lex.skip_ws();
            sels.push(self.selector()?);
            self.lex.skip_ws();
            if self.lex.peek() == Some(b'~') {
                // `[?( … )~]`: JSONPath-Plus reads it as `[?( … )]~`.
                let tilde = self.lex.pos;
                self.lex.pos += 1;
                self.lex.skip_ws();
                if self.lex.peek() != Some(b']') {
                    return Err(self.lex.err_at(
                        tilde,
                        "`~` (property name) ends a path: inside brackets it may only come just before the closing `]`",
                    ));
                }
                self.lex.pos += 1;
                if self.nesting > 0 {
                    return Err(self.lex.err_at(
                        tilde,
                        "`~` (property name) cannot be used in a query inside a filter",
                    ));
                }
                self.key_in_bracket = Some(tilde);
                return Ok(sels);
            }
            if self.lex.selector_list_ends()? {
                return Ok(sels);
            }
        }
    }

    fn selector(&mut self) -> PResult<Selector> {
        match self.lex.peek() {
            Some(q @ (b'\'' | b'"')) => Ok(Selector::Name(self.quoted(q)?.into())),
            Some(b'*') if self.ends_selector(1) => {
                self.lex.pos += 1;
                Ok(Selector::Wildcard)
            }
            Some(b'?') => {
                let at = self.lex.pos;
                self.lex.pos += 1;
                self.enter(at)?;
                let f = self.filter();
                self.nesting -= 1;
                Ok(Selector::Filter(Box::new(f?)))
            }
            Some(b'(') => Err(self
                .lex
                .err("script expressions `[( … )]` are not supported: use a filter `[?( … )]`")),
            Some(b'-' | b'0'..=b'9') if self.is_number_selector() => {
                let at = self.lex.pos;
                let start = self.lex.int()?;
                self.lex.skip_ws();
                if self.lex.peek() == Some(b':') {
                    return self.lex.slice(Some(start));
                }
                Ok(match usize::try_from(start) {
                    Ok(i) => Selector::NameOrIndex(self.lex.src[at..self.lex.pos].trim().into(), i),
                    Err(_) => Selector::Index(start),
                })
            }
            Some(b':') => self.lex.slice(None),
            Some(b'~' | b']' | b',') | None => Err(self.lex.err(format!(
                "expected a selector (a name, `*`, an index, a slice or a `?` filter), found {}",
                self.lex.found()
            ))),
            Some(_) => Ok(self.unquoted_name()),
        }
    }

    /// Whether the selector ends `n` bytes from here (at `,`, `]`, `~]` or
    /// blanks before them).
    fn ends_selector(&self, n: usize) -> bool {
        let rest = self.lex.src[self.lex.pos + n..].trim_start();
        rest.starts_with([',', ']']) || rest.starts_with('~')
    }

    /// At a digit or `-`: is the selector an integer or a slice (and not an
    /// unquoted name such as `2xx`)?
    fn is_number_selector(&self) -> bool {
        let b = self.lex.src.as_bytes();
        let mut i = self.lex.pos;
        while i < b.len() && matches!(b[i], b'0'..=b'9' | b'-' | b':' | b' ' | b'\t') {
            i += 1;
        }
        matches!(b.get(i), None | Some(b',' | b']' | b'~'))
    }

    /// An unquoted name in brackets (`[get]`, `[/health]`): everything up to
    /// `,`, `]` or a final `~]`, without surrounding blanks.
    fn unquoted_name(&mut self) -> Selector {
        let start = self.lex.pos;
        while let Some(c) = self.lex.peek() {
            if matches!(c, b',' | b']' | b'[') || (c == b'~' && self.ends_selector(1)) {
                break;
            }
            self.lex.pos += 1;
        }
        while !self.lex.src.is_char_boundary(self.lex.pos) {
            self.lex.pos += 1;
        }
        name_selector(self.lex.src[start..self.lex.pos].trim_end())
    }
}

/// A name selector; a name of digits also selects the array item of that
/// index, as in JSONPath-Plus (`$.servers.0`).
fn name_selector(name: &str) -> Selector {
    if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = name.parse::<usize>() {
            return Selector::NameOrIndex(name.into(), i);
        }
    }
    Selector::Name(name.into())
}
