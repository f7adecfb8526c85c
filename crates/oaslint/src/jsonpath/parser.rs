//! Recursive-descent parser for RFC 9535 JSONPath plus the JSONPath-Plus /
//! Spectral extensions listed in the module docs.

use super::ast::*;
use super::PathError;
use std::sync::Arc;

type PResult<T> = Result<T, PathError>;

/// Largest index an RFC 9535 integer may have (I-JSON range).
const MAX_INT: i64 = (1 << 53) - 1;

/// The static type of a filter (sub)expression, for RFC 9535 §2.4.3
/// well-typedness checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Logical,
    Value,
    Query { singular: bool },
}

struct Typed {
    expr: Expr,
    kind: Kind,
    /// Byte offset where the expression starts (for error messages).
    at: usize,
}

pub(crate) struct Parsed {
    pub segments: Vec<Segment>,
    pub key: bool,
}

pub(crate) fn parse(src: &str) -> PResult<Parsed> {
    let mut p = Parser { src, pos: 0 };
    if !src.starts_with('$') {
        return Err(p.err_at(0, "a JSONPath starts with `$`"));
    }
    p.pos = 1;
    let segments = p.segments(false, false)?;
    let mut key = false;
    if p.peek() == Some(b'~') {
        key = true;
        p.pos += 1;
        if p.pos != src.len() {
            return Err(p.err_at(
                p.pos - 1,
                "`~` (property name) is only supported at the end of a path",
            ));
        }
    }
    if p.pos != src.len() {
        return Err(p.unexpected());
    }
    Ok(Parsed { segments, key })
}

/// Parses a lodash-style property path (`info.contact`, `a[0].b`,
/// `paths['/pets']`), as Spectral's `then.field` allows, into child
/// segments.
pub(crate) fn parse_lodash(src: &str) -> PResult<Vec<Segment>> {
    let mut p = Parser { src, pos: 0 };
    let mut segs = Vec::new();
    if src.is_empty() {
        return Err(p.err_at(0, "empty field path"));
    }
    let mut first = true;
    while p.pos < src.len() {
        match p.peek() {
            Some(b'[') => {
                p.pos += 1;
                let sel = match p.peek() {
                    Some(q @ (b'\'' | b'"')) => Selector::Name(p.string(q, true)?.into()),
                    Some(b'0'..=b'9') => {
                        let start = p.pos;
                        while matches!(p.peek(), Some(b'0'..=b'9')) {
                            p.pos += 1;
                        }
                        let digits = &src[start..p.pos];
                        match digits.parse::<usize>() {
                            Ok(i) => Selector::NameOrIndex(digits.into(), i),
                            Err(_) => Selector::Name(digits.into()),
                        }
                    }
                    _ => return Err(p.err("expected a quoted name or an index after `[`")),
                };
                if p.peek() != Some(b']') {
                    return Err(p.err("expected `]`"));
                }
                p.pos += 1;
                segs.push(Segment::Child(vec![sel]));
            }
            Some(b'.') if !first => {
                p.pos += 1;
                segs.push(Segment::Child(vec![p.lodash_name()?]));
            }
            _ if first => segs.push(Segment::Child(vec![p.lodash_name()?])),
            _ => return Err(p.unexpected()),
        }
        first = false;
    }
    Ok(segs)
}

struct Parser<'s> {
    src: &'s str,
    pos: usize,
}

fn is_name_first(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

/// Name characters, with the extensions `$` and `-` (OpenAPI keys such as
/// `$ref` and `x-example`).
fn is_name_char(c: u8) -> bool {
    is_name_first(c) || c.is_ascii_digit() || c == b'$' || c == b'-'
}

fn describe(c: Option<char>) -> String {
    match c {
        None => "end of path".into(),
        Some(c) if c.is_whitespace() => "whitespace".into(),
        Some(c) => format!("`{c}`"),
    }
}

impl<'s> Parser<'s> {
    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<u8> {
        self.src.as_bytes().get(self.pos + n).copied()
    }

    fn rest(&self) -> &'s str {
        &self.src[self.pos..]
    }

    fn err_at(&self, offset: usize, msg: impl Into<String>) -> PathError {
        PathError {
            message: msg.into(),
            offset,
        }
    }

    fn err(&self, msg: impl Into<String>) -> PathError {
        self.err_at(self.pos, msg)
    }

    fn unexpected(&self) -> PathError {
        self.err(format!(
            "unexpected {}",
            describe(self.rest().chars().next())
        ))
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    /// Reads identifier characters (`[A-Za-z0-9_$-]` and non-ASCII).
    fn name_chars(&mut self) -> &'s str {
        let start = self.pos;
        while matches!(self.peek(), Some(c) if is_name_char(c)) {
            self.pos += 1;
        }
        &self.src[start..self.pos]
    }

    /// A JavaScript identifier (no `-`).
    fn ident(&mut self) -> &'s str {
        let start = self.pos;
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'$')
        {
            self.pos += 1;
        }
        &self.src[start..self.pos]
    }

    fn lodash_name(&mut self) -> PResult<Selector> {
        let start = self.pos;
        while matches!(self.peek(), Some(c) if c != b'.' && c != b'[') {
            self.pos += 1;
        }
        let name = &self.src[start..self.pos];
        if name.is_empty() {
            return Err(self.err("expected a property name"));
        }
        Ok(match name.parse::<usize>() {
            Ok(i) if name.bytes().all(|b| b.is_ascii_digit()) => {
                Selector::NameOrIndex(name.into(), i)
            }
            _ => Selector::Name(name.into()),
        })
    }

    /// Segments after `$` or `@`. Inside filters `^`/`~` end the query and a
    /// `.name(` is left for the method-call parser.
    fn segments(&mut self, in_filter: bool, js: bool) -> PResult<Vec<Segment>> {
        let mut segs = Vec::new();
        loop {
            let save = self.pos;
            self.skip_ws();
            match self.peek() {
                Some(b'.') if self.peek_at(1) == Some(b'.') => {
                    self.pos += 2;
                    let sels = match self.peek() {
                        Some(b'*') => {
                            self.pos += 1;
                            vec![Selector::Wildcard]
                        }
                        Some(b'[') => self.bracket(js)?,
                        Some(c) if is_name_first(c) || c == b'$' || c.is_ascii_digit() => {
                            vec![self.dot_name()]
                        }
                        _ => return Err(self.err("expected a member name, `*` or `[` after `..`")),
                    };
                    segs.push(Segment::Descendant(sels));
                }
                Some(b'.') => {
                    if in_filter && self.is_method_call() {
                        self.pos = save;
                        break;
                    }
                    self.pos += 1;
                    let sel = match self.peek() {
                        Some(b'*') => {
                            self.pos += 1;
                            Selector::Wildcard
                        }
                        Some(c) if is_name_first(c) || c == b'$' || c.is_ascii_digit() => {
                            self.dot_name()
                        }
                        _ => return Err(self.err("expected a member name or `*` after `.`")),
                    };
                    segs.push(Segment::Child(vec![sel]));
                }
                Some(b'[') => {
                    self.pos += 1;
                    let sels = self.bracket_body(js)?;
                    segs.push(Segment::Child(sels));
                }
                Some(b'^') if !in_filter => {
                    self.pos += 1;
                    segs.push(Segment::Parent);
                }
                _ => {
                    self.pos = save;
                    break;
                }
            }
        }
        Ok(segs)
    }

    /// At `.`: is this `.name(` (a JavaScript method call)?
    fn is_method_call(&self) -> bool {
        let b = self.src.as_bytes();
        let mut i = self.pos + 1;
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
        i > start && b.get(i) == Some(&b'(')
    }

    /// A member name after `.` or `..` (the first character was checked).
    fn dot_name(&mut self) -> Selector {
        let name = self.name_chars();
        if name.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(i) = name.parse::<usize>() {
                return Selector::NameOrIndex(name.into(), i);
            }
        }
        Selector::Name(name.into())
    }

    /// At `[`.
    fn bracket(&mut self, js: bool) -> PResult<Vec<Selector>> {
        self.pos += 1;
        self.bracket_body(js)
    }

    /// After `[`: selectors up to and including `]`.
    fn bracket_body(&mut self, js: bool) -> PResult<Vec<Selector>> {
        let mut sels = Vec::new();
        loop {
            self.skip_ws();
            sels.push(self.selector(js)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(sels);
                }
                None => return Err(self.err("unclosed `[`: expected `,` or `]`")),
                _ => {
                    return Err(self.err(format!(
                        "expected `,` or `]`, found {}",
                        describe(self.rest().chars().next())
                    )))
                }
            }
        }
    }

    fn selector(&mut self, js: bool) -> PResult<Selector> {
        match self.peek() {
            Some(q @ (b'\'' | b'"')) => Ok(Selector::Name(self.string(q, js)?.into())),
            Some(b'*') => {
                self.pos += 1;
                Ok(Selector::Wildcard)
            }
            Some(b'?') => {
                self.pos += 1;
                Ok(Selector::Filter(Box::new(self.filter()?)))
            }
            Some(b'-' | b'0'..=b'9') => {
                let start = self.int()?;
                self.skip_ws();
                if self.peek() == Some(b':') {
                    self.slice(Some(start))
                } else {
                    Ok(Selector::Index(start))
                }
            }
            Some(b':') => self.slice(None),
            Some(c) if is_name_first(c) || c == b'$' => {
                // JSONPath-Plus unquoted union member: `[get,put]`.
                Ok(Selector::Name(self.name_chars().into()))
            }
            None => Err(self.err(
                "expected a selector (a quoted name, `*`, an index, a slice or a `?` filter)",
            )),
            _ => Err(self.err(format!(
                "expected a selector (a quoted name, `*`, an index, a slice or a `?` filter), found {}",
                describe(self.rest().chars().next())
            ))),
        }
    }

    /// At the first `:` of a slice.
    fn slice(&mut self, start: Option<i64>) -> PResult<Selector> {
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

    /// An RFC 9535 integer: `0` or `-?[1-9][0-9]*`, within ±(2^53-1).
    fn int(&mut self) -> PResult<i64> {
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

    /// A quoted string at `q`; returns the unescaped text. `lenient`
    /// (JavaScript filters) also accepts `\'` in `"…"` and vice versa.
    fn string(&mut self, q: u8, lenient: bool) -> PResult<String> {
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
                        Some(c @ (b'\'' | b'"')) if lenient => out.push(c as char),
                        Some(b'u') => out.push(self.unicode_escape(esc)?),
                        None => return Err(self.err_at(start, "unterminated string")),
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

    fn hex4(&mut self, esc: usize) -> PResult<u32> {
        let h = self.src.get(self.pos..self.pos + 4).unwrap_or("");
        if h.len() != 4 || !h.bytes().all(|c| c.is_ascii_hexdigit()) {
            return Err(self.err_at(esc, "`\\u` needs four hex digits"));
        }
        self.pos += 4;
        Ok(u32::from_str_radix(h, 16).unwrap_or(0))
    }

    // ---- filters ------------------------------------------------------

    /// After `?`.
    fn filter(&mut self) -> PResult<Filter> {
        self.skip_ws();
        if self.peek() == Some(b'(') {
            // `[?( … )]`: JSONPath-Plus script filter, if the parentheses
            // enclose the whole filter.
            let save = self.pos;
            let js = self.js_filter();
            match js {
                Ok(expr) => {
                    let after = self.pos;
                    self.skip_ws();
                    if matches!(self.peek(), Some(b']' | b',')) {
                        self.pos = after;
                        return Ok(Filter { expr, js: true });
                    }
                    self.pos = save;
                    let t = self.or_expr(false)?;
                    self.check_logical(&t)?;
                    return Ok(Filter {
                        expr: t.expr,
                        js: false,
                    });
                }
                Err(js_err) => {
                    self.pos = save;
                    return match self.or_expr(false) {
                        Ok(t) => {
                            self.check_logical(&t)?;
                            Ok(Filter {
                                expr: t.expr,
                                js: false,
                            })
                        }
                        // The parenthesised form failed as JavaScript:
                        // that error is the one the author needs.
                        Err(_) => Err(js_err),
                    };
                }
            }
        }
        let t = self.or_expr(false)?;
        self.check_logical(&t)?;
        Ok(Filter {
            expr: t.expr,
            js: false,
        })
    }

    fn js_filter(&mut self) -> PResult<Expr> {
        self.pos += 1; // '('
        let t = self.or_expr(true)?;
        self.skip_ws();
        if self.peek() != Some(b')') {
            return Err(self.err(format!(
                "expected `)`, found {}",
                describe(self.rest().chars().next())
            )));
        }
        self.pos += 1;
        Ok(t.expr)
    }

    /// RFC 9535: a logical context accepts comparisons, logical operators,
    /// `match`/`search` and queries (existence tests).
    fn check_logical(&self, t: &Typed) -> PResult<()> {
        match t.kind {
            Kind::Logical | Kind::Query { .. } => Ok(()),
            Kind::Value => Err(self.err_at(
                t.at,
                "this value is not a test: compare it (e.g. `== true`) or write the filter as `[?( … )]` for JavaScript truthiness",
            )),
        }
    }

    fn check_comparable(&self, t: &Typed, js: bool) -> PResult<()> {
        match t.kind {
            Kind::Value => Ok(()),
            Kind::Query { singular: true } => Ok(()),
            Kind::Query { singular: false } => Err(self.err_at(
                t.at,
                "a query that can select several nodes cannot be compared (use single names and indexes only)",
            )),
            Kind::Logical if js => Ok(()),
            Kind::Logical => Err(self.err_at(
                t.at,
                "a test (comparison, `!`, `&&`, `||`, match() or search()) cannot be compared",
            )),
        }
    }

    fn or_expr(&mut self, js: bool) -> PResult<Typed> {
        let mut l = self.and_expr(js)?;
        loop {
            let save = self.pos;
            self.skip_ws();
            if self.eat("||") {
                if !js {
                    self.check_logical(&l)?;
                }
                let r = self.and_expr(js)?;
                if !js {
                    self.check_logical(&r)?;
                }
                l = Typed {
                    expr: Expr::Or(Box::new(l.expr), Box::new(r.expr)),
                    kind: Kind::Logical,
                    at: l.at,
                };
            } else {
                self.pos = save;
                return Ok(l);
            }
        }
    }

    fn and_expr(&mut self, js: bool) -> PResult<Typed> {
        let mut l = self.cmp_expr(js)?;
        loop {
            let save = self.pos;
            self.skip_ws();
            if self.eat("&&") {
                if !js {
                    self.check_logical(&l)?;
                }
                let r = self.cmp_expr(js)?;
                if !js {
                    self.check_logical(&r)?;
                }
                l = Typed {
                    expr: Expr::And(Box::new(l.expr), Box::new(r.expr)),
                    kind: Kind::Logical,
                    at: l.at,
                };
            } else {
                self.pos = save;
                return Ok(l);
            }
        }
    }

    fn cmp_op(&mut self) -> Option<CmpOp> {
        for (s, op) in [
            ("===", CmpOp::StrictEq),
            ("!==", CmpOp::StrictNe),
            ("==", CmpOp::Eq),
            ("!=", CmpOp::Ne),
            ("<=", CmpOp::Le),
            (">=", CmpOp::Ge),
            ("<", CmpOp::Lt),
            (">", CmpOp::Gt),
        ] {
            if self.eat(s) {
                return Some(op);
            }
        }
        None
    }

    fn cmp_expr(&mut self, js: bool) -> PResult<Typed> {
        let mut l = self.unary(js)?;
        loop {
            let save = self.pos;
            self.skip_ws();
            let op_at = self.pos;
            let Some(op) = self.cmp_op() else {
                if self.peek() == Some(b'=') {
                    return Err(self.err("`=` is not an operator: use `==`"));
                }
                self.pos = save;
                return Ok(l);
            };
            if !js && matches!(l.kind, Kind::Logical) && matches!(l.expr, Expr::Compare(..)) {
                return Err(self.err_at(op_at, "comparisons cannot be chained"));
            }
            let op_text = &self.src[op_at..self.pos];
            self.check_comparable(&l, js)?;
            self.skip_ws();
            if self.peek().is_none() || matches!(self.peek(), Some(b']' | b')')) {
                return Err(self.err(format!("expected a value after `{op_text}`")));
            }
            let r = self.unary(js)?;
            self.check_comparable(&r, js)?;
            l = Typed {
                expr: Expr::Compare(op, Box::new(l.expr), Box::new(r.expr)),
                kind: Kind::Logical,
                at: l.at,
            };
            if !js {
                // RFC 9535 has no chained comparisons.
                let save = self.pos;
                self.skip_ws();
                let chained = self.cmp_op().is_some();
                self.pos = save;
                if chained {
                    self.skip_ws();
                    return Err(self.err("comparisons cannot be chained"));
                }
                return Ok(l);
            }
        }
    }

    fn unary(&mut self, js: bool) -> PResult<Typed> {
        self.skip_ws();
        let at = self.pos;
        if self.peek() == Some(b'!') && self.peek_at(1) != Some(b'=') {
            self.pos += 1;
            let inner = self.unary(js)?;
            if !js {
                self.check_logical(&inner)?;
            }
            return Ok(Typed {
                expr: Expr::Not(Box::new(inner.expr)),
                kind: Kind::Logical,
                at,
            });
        }
        if js && self.keyword("typeof") {
            let inner = self.unary(js)?;
            return Ok(Typed {
                expr: Expr::TypeOf(Box::new(inner.expr)),
                kind: Kind::Value,
                at,
            });
        }
        if js && self.keyword("void") {
            self.unary(js)?;
            return Ok(Typed {
                expr: Expr::Literal(Literal::Undefined),
                kind: Kind::Value,
                at,
            });
        }
        self.postfix(js)
    }

    /// Consumes `word` if it is followed by a non-identifier character.
    fn keyword(&mut self, word: &str) -> bool {
        if self.rest().starts_with(word) {
            let next = self.src.as_bytes().get(self.pos + word.len()).copied();
            if !matches!(next, Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'$') {
                self.pos += word.len();
                return true;
            }
        }
        false
    }

    fn postfix(&mut self, js: bool) -> PResult<Typed> {
        let mut t = self.primary(js)?;
        loop {
            let save = self.pos;
            self.skip_ws();
            if self.peek() != Some(b'.') {
                self.pos = save;
                return Ok(t);
            }
            let dot = self.pos;
            self.pos += 1;
            let name = self.ident();
            if name.is_empty() {
                self.pos = save;
                return Ok(t);
            }
            let call = self.peek() == Some(b'(');
            if !js {
                return Err(self.err_at(
                    dot,
                    if call {
                        "JavaScript method calls (like `.includes()`) need the `[?( … )]` filter form"
                    } else {
                        "unexpected `.`"
                    },
                ));
            }
            if let Expr::Query(_) = t.expr {
                if !call {
                    // Unreachable in practice: the query parser took it.
                    return Err(self.err_at(dot, "unexpected `.`"));
                }
            }
            if matches!(t.kind, Kind::Query { singular: false }) {
                return Err(self.err_at(
                    t.at,
                    "a query that can select several nodes cannot be used as a value",
                ));
            }
            if call {
                let Some((method, arity)) = Method::from_name(name) else {
                    return Err(self.err_at(
                        dot + 1,
                        format!("unsupported method `.{name}()`: supported are includes, startsWith, endsWith, indexOf, match, test, toLowerCase, toUpperCase, trim"),
                    ));
                };
                let open = self.pos;
                let args = self.args(js)?;
                if args.len() != arity {
                    return Err(self.err_at(
                        open,
                        format!("`.{name}()` takes {arity} argument(s), got {}", args.len()),
                    ));
                }
                for a in &args {
                    if matches!(a.kind, Kind::Query { singular: false }) {
                        return Err(self.err_at(
                            a.at,
                            "a query that can select several nodes cannot be used as a value",
                        ));
                    }
                }
                t = Typed {
                    expr: Expr::Method(
                        Box::new(t.expr),
                        method,
                        args.into_iter().map(|a| a.expr).collect(),
                    ),
                    kind: Kind::Value,
                    at: t.at,
                };
            } else {
                t = Typed {
                    expr: Expr::Member(Box::new(t.expr), name.into()),
                    kind: Kind::Value,
                    at: t.at,
                };
            }
        }
    }

    /// At `(`: comma-separated arguments up to `)`.
    fn args(&mut self, js: bool) -> PResult<Vec<Typed>> {
        self.pos += 1;
        let mut args = Vec::new();
        self.skip_ws();
        if self.eat(")") {
            return Ok(args);
        }
        loop {
            args.push(self.or_expr(js)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b')') => {
                    self.pos += 1;
                    return Ok(args);
                }
                _ => {
                    return Err(self.err(format!(
                        "expected `,` or `)` in argument list, found {}",
                        describe(self.rest().chars().next())
                    )))
                }
            }
        }
    }

    fn query_typed(&mut self, root: QueryRoot, js: bool, at: usize) -> PResult<Typed> {
        let segments = self.segments(true, js)?;
        let q = Query { root, segments };
        let singular = q.is_singular();
        Ok(Typed {
            expr: Expr::Query(Box::new(q)),
            kind: Kind::Query { singular },
            at,
        })
    }

    fn primary(&mut self, js: bool) -> PResult<Typed> {
        self.skip_ws();
        let at = self.pos;
        let value = |expr| Typed {
            expr,
            kind: Kind::Value,
            at,
        };
        match self.peek() {
            Some(b'(') => {
                self.pos += 1;
                let inner = self.or_expr(js)?;
                self.skip_ws();
                if !self.eat(")") {
                    return Err(self.err(format!(
                        "expected `)`, found {}",
                        describe(self.rest().chars().next())
                    )));
                }
                if !js {
                    self.check_logical(&inner)?;
                    return Ok(Typed {
                        expr: inner.expr,
                        kind: Kind::Logical,
                        at,
                    });
                }
                Ok(Typed { at, ..inner })
            }
            Some(b'@') => {
                self.pos += 1;
                if matches!(self.peek(), Some(c) if c.is_ascii_alphabetic()) {
                    let name = self.ident();
                    return match name {
                        "property" => Ok(value(Expr::Special(Special::Property))),
                        "parentProperty" => Ok(value(Expr::Special(Special::ParentProperty))),
                        "path" => Ok(value(Expr::Special(Special::Path))),
                        "parent" => self.query_typed(QueryRoot::Parent, js, at),
                        "root" => self.query_typed(QueryRoot::Root, js, at),
                        _ => Err(self.err_at(
                            at,
                            format!("unknown `@{name}`: supported are @property, @parentProperty, @parent, @root and @path"),
                        )),
                    };
                }
                self.query_typed(QueryRoot::Current, js, at)
            }
            Some(b'$') => {
                self.pos += 1;
                self.query_typed(QueryRoot::Root, js, at)
            }
            Some(q @ (b'\'' | b'"')) => {
                let s = self.string(q, js)?;
                Ok(value(Expr::Literal(Literal::String(s.into()))))
            }
            Some(b'-' | b'0'..=b'9') => {
                let n = self.number()?;
                Ok(value(Expr::Literal(Literal::Number(n))))
            }
            Some(b'/') if js => {
                let re = self.regex_literal()?;
                Ok(value(Expr::Regex(re)))
            }
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                let name = self.ident();
                match name {
                    "true" => return Ok(value(Expr::Literal(Literal::Bool(true)))),
                    "false" => return Ok(value(Expr::Literal(Literal::Bool(false)))),
                    "null" => return Ok(value(Expr::Literal(Literal::Null))),
                    "undefined" if js => return Ok(value(Expr::Literal(Literal::Undefined))),
                    _ => {}
                }
                if self.peek() != Some(b'(') {
                    return Err(self.err_at(
                        at,
                        format!("unexpected name `{name}` (strings need quotes; queries start with `@` or `$`)"),
                    ));
                }
                let func = match name {
                    "length" => Func::Length,
                    "count" => Func::Count,
                    "match" => Func::Match,
                    "search" => Func::Search,
                    "value" => Func::Value,
                    _ => {
                        return Err(self.err_at(
                            at,
                            format!("unknown function `{name}()`: supported are length, count, match, search and value"),
                        ))
                    }
                };
                let open = self.pos;
                let args = self.args(js)?;
                self.func(func, name, args, js, at, open)
            }
            _ => Err(self.err(format!(
                "expected a value, a query (`@…`, `$…`) or `(`, found {}",
                describe(self.rest().chars().next())
            ))),
        }
    }

    fn func(
        &self,
        func: Func,
        name: &str,
        args: Vec<Typed>,
        js: bool,
        at: usize,
        open: usize,
    ) -> PResult<Typed> {
        let (arity, nodes_param, kind) = match func {
            Func::Length => (1, false, Kind::Value),
            Func::Count => (1, true, Kind::Value),
            Func::Value => (1, true, Kind::Value),
            Func::Match | Func::Search => (2, false, Kind::Logical),
        };
        if args.len() != arity {
            return Err(self.err_at(
                open,
                format!("`{name}()` takes {arity} argument(s), got {}", args.len()),
            ));
        }
        for a in &args {
            if nodes_param {
                if !matches!(a.kind, Kind::Query { .. }) {
                    return Err(
                        self.err_at(a.at, format!("the argument of `{name}()` must be a query"))
                    );
                }
            } else {
                match a.kind {
                    Kind::Value | Kind::Query { singular: true } => {}
                    Kind::Logical if js => {}
                    Kind::Query { singular: false } => {
                        return Err(self.err_at(
                            a.at,
                            format!("`{name}()` needs a single value: use a query of single names and indexes"),
                        ))
                    }
                    Kind::Logical => {
                        return Err(self.err_at(a.at, format!("`{name}()` needs a value, not a test")))
                    }
                }
            }
        }
        let mut regex = None;
        if matches!(func, Func::Match | Func::Search) {
            if let Expr::Literal(Literal::String(p)) = &args[1].expr {
                regex = Some(compile_iregexp(p, func == Func::Match));
            }
        }
        Ok(Typed {
            expr: Expr::Func(func, args.into_iter().map(|a| a.expr).collect(), regex),
            kind: if js { Kind::Value } else { kind },
            at,
        })
    }

    /// An RFC 9535 / JSON number literal.
    fn number(&mut self) -> PResult<f64> {
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

    /// A JavaScript `/pattern/flags` literal.
    fn regex_literal(&mut self) -> PResult<Re> {
        let start = self.pos;
        self.pos += 1;
        let b = self.src.as_bytes();
        let mut in_class = false;
        loop {
            match b.get(self.pos) {
                None | Some(b'\n') => {
                    return Err(self.err_at(start, "unterminated regular expression"))
                }
                Some(b'\\') => self.pos += 2,
                Some(b'[') => {
                    in_class = true;
                    self.pos += 1;
                }
                Some(b']') => {
                    in_class = false;
                    self.pos += 1;
                }
                Some(b'/') if !in_class => break,
                Some(_) => self.pos += 1,
            }
        }
        let pattern = &self.src[start + 1..self.pos];
        self.pos += 1;
        let flags = self.ident();
        if let Some(bad) = flags.chars().find(|c| !"dgimsuvy".contains(*c)) {
            return Err(self.err_at(start, format!("invalid regular expression flag `{bad}`")));
        }
        match crate::js_regex::JsPattern::new(pattern, flags) {
            Ok(r) => Ok(Re(Some(Arc::new(r)))),
            Err(e) => Err(self.err_at(start, format!("invalid regular expression: {e}"))),
        }
    }
}

/// Compiles an I-Regexp (RFC 9485) for `match()` (whole string) or
/// `search()`. `.` is translated to "any character but CR/LF" as I-Regexp
/// defines it (ECMAScript's `.` also excludes U+2028/U+2029).
pub(crate) fn compile_iregexp(pattern: &str, full: bool) -> Re {
    let mut p = String::with_capacity(pattern.len() + 8);
    if full {
        p.push_str("^(?:");
    }
    let mut in_class = false;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                p.push(c);
                if let Some(n) = chars.next() {
                    p.push(n);
                }
            }
            '[' if !in_class => {
                in_class = true;
                p.push(c);
            }
            ']' if in_class => {
                in_class = false;
                p.push(c);
            }
            '.' if !in_class => p.push_str("[^\\n\\r]"),
            c => p.push(c),
        }
    }
    if full {
        p.push_str(")$");
    }
    Re(crate::js_regex::JsPattern::new(&p, "u").ok().map(Arc::new))
}
