//! Filter expressions (`[?…]`) as RFC 9535 §2.3.5 defines them: logical
//! operators, comparisons, literals, embedded queries, the function
//! extensions `length()`, `count()`, `match()`, `search()`, `value()`, and
//! the well-typedness rules of §2.4.3, checked at parse time.
//!
//! The JavaScript dialect (`[?( … )]`, see [`super::filter_js`]) shares this
//! grammar and its precedence; it adds forms of its own and lifts the type
//! rules (any value is a test by truthiness, comparisons chain). Where the
//! two differ, this file asks `self.dialect` once, at the point of the
//! difference, and the JavaScript-only forms are parsed in `filter_js.rs`,
//! so a new JSONPath-Plus form goes there and not here.

use super::ast::*;
use super::lexer::PResult;
use super::parser::Parser;
use std::sync::Arc;

/// The static type of a filter (sub)expression, for RFC 9535 §2.4.3
/// well-typedness checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Logical,
    Value,
    Query { singular: bool },
}

pub(super) struct Typed {
    pub expr: Expr,
    pub kind: Kind,
    /// Byte offset where the expression starts (for error messages).
    pub at: usize,
}

impl Parser<'_> {
    /// After `?`: a filter, in the dialect its syntax asks for. Parentheses
    /// around the whole filter (`[?( … )]`) mean JavaScript, as in
    /// JSONPath-Plus; anything else, including `[?(@.a) && (@.b)]`, is RFC
    /// 9535.
    pub fn filter(&mut self) -> PResult<Filter> {
        self.lex.skip_ws();
        if self.lex.peek() == Some(b'(') {
            let save = self.lex.pos;
            match self.in_dialect(Dialect::JavaScript, Self::js_filter) {
                Ok(expr) => {
                    let after = self.lex.pos;
                    self.lex.skip_ws();
                    if matches!(self.lex.peek(), Some(b']' | b',')) {
                        self.lex.pos = after;
                        return Ok(Filter {
                            expr,
                            dialect: Dialect::JavaScript,
                        });
                    }
                    self.lex.pos = save;
                }
                Err(js_err) => {
                    self.lex.pos = save;
                    let Ok(t) = self.in_dialect(Dialect::Rfc9535, Self::or_expr) else {
                        // The parenthesised form failed as JavaScript:
                        // that error is the one the author needs.
                        return Err(js_err);
                    };
                    self.check_logical(&t)?;
                    return Ok(Filter {
                        expr: t.expr,
                        dialect: Dialect::Rfc9535,
                    });
                }
            }
        }
        let t = self.in_dialect(Dialect::Rfc9535, Self::or_expr)?;
        self.check_logical(&t)?;
        Ok(Filter {
            expr: t.expr,
            dialect: Dialect::Rfc9535,
        })
    }

    /// RFC 9535: a logical context accepts comparisons, logical operators,
    /// `match`/`search` and queries (existence tests).
    pub fn check_logical(&self, t: &Typed) -> PResult<()> {
        match t.kind {
            Kind::Logical | Kind::Query { .. } => Ok(()),
            Kind::Value => Err(self.lex.err_at(
                t.at,
                "this value is not a test: compare it (e.g. `== true`) or write the filter as `[?( … )]` for JavaScript truthiness",
            )),
        }
    }

    /// An operand of `!`, `&&`, `||`: a test in RFC 9535, anything in
    /// JavaScript (tested for truthiness).
    fn check_test(&self, t: &Typed) -> PResult<()> {
        match self.dialect {
            Dialect::Rfc9535 => self.check_logical(t),
            Dialect::JavaScript => Ok(()),
        }
    }

    fn check_comparable(&self, t: &Typed) -> PResult<()> {
        match t.kind {
            Kind::Value => Ok(()),
            Kind::Query { singular: true } => Ok(()),
            Kind::Query { singular: false } => Err(self.lex.err_at(
                t.at,
                "a query that can select several nodes cannot be compared (use single names and indexes only)",
            )),
            Kind::Logical if self.dialect == Dialect::JavaScript => Ok(()),
            Kind::Logical => Err(self.lex.err_at(
                t.at,
                "a test (comparison, `!`, `&&`, `||`, match() or search()) cannot be compared",
            )),
        }
    }

    pub fn or_expr(&mut self) -> PResult<Typed> {
        let mut l = self.and_expr()?;
        loop {
            let save = self.lex.pos;
            self.lex.skip_ws();
            if self.lex.eat("||") {
                self.check_test(&l)?;
                let r = self.and_expr()?;
                self.check_test(&r)?;
                l = Typed {
                    expr: Expr::Or(Box::new(l.expr), Box::new(r.expr)),
                    kind: Kind::Logical,
                    at: l.at,
                };
            } else {
                self.lex.pos = save;
                return Ok(l);
            }
        }
    }

    fn and_expr(&mut self) -> PResult<Typed> {
        let mut l = self.cmp_expr()?;
        loop {
            let save = self.lex.pos;
            self.lex.skip_ws();
            if self.lex.eat("&&") {
                self.check_test(&l)?;
                let r = self.cmp_expr()?;
                self.check_test(&r)?;
                l = Typed {
                    expr: Expr::And(Box::new(l.expr), Box::new(r.expr)),
                    kind: Kind::Logical,
                    at: l.at,
                };
            } else {
                self.lex.pos = save;
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
            if self.lex.eat(s) {
                return Some(op);
            }
        }
        None
    }

    fn cmp_expr(&mut self) -> PResult<Typed> {
        let rfc = self.dialect == Dialect::Rfc9535;
        let mut l = self.unary()?;
        loop {
            let save = self.lex.pos;
            self.lex.skip_ws();
            let op_at = self.lex.pos;
            let Some(op) = self.cmp_op() else {
                if self.lex.peek() == Some(b'=') {
                    return Err(self.lex.err("`=` is not an operator: use `==`"));
                }
                self.lex.pos = save;
                return Ok(l);
            };
            if rfc && matches!(l.kind, Kind::Logical) && matches!(l.expr, Expr::Compare(..)) {
                return Err(self.lex.err_at(op_at, "comparisons cannot be chained"));
            }
            let op_text = &self.lex.src[op_at..self.lex.pos];
            self.check_comparable(&l)?;
            self.lex.skip_ws();
            if self.lex.peek().is_none() || matches!(self.lex.peek(), Some(b']' | b')')) {
                return Err(self.lex.err(format!("expected a value after `{op_text}`")));
            }
            let r = self.unary()?;
            self.check_comparable(&r)?;
            l = Typed {
                expr: Expr::Compare(op, Box::new(l.expr), Box::new(r.expr)),
                kind: Kind::Logical,
                at: l.at,
            };
            if rfc {
                // RFC 9535 has no chained comparisons (JavaScript has).
                let save = self.lex.pos;
                self.lex.skip_ws();
                let chained = self.cmp_op().is_some();
                self.lex.pos = save;
                if chained {
                    self.lex.skip_ws();
                    return Err(self.lex.err("comparisons cannot be chained"));
                }
                return Ok(l);
            }
        }
    }

    pub fn unary(&mut self) -> PResult<Typed> {
        self.lex.skip_ws();
        let at = self.lex.pos;
        if self.lex.peek() == Some(b'!') && self.lex.peek_at(1) != Some(b'=') {
            self.lex.pos += 1;
            let inner = self.unary()?;
            self.check_test(&inner)?;
            return Ok(Typed {
                expr: Expr::Not(Box::new(inner.expr)),
                kind: Kind::Logical,
                at,
            });
        }
        if self.dialect == Dialect::JavaScript {
            if let Some(t) = self.js_unary(at)? {
                return Ok(t);
            }
        }
        self.postfix()
    }

    /// A primary expression and what follows it: nothing in RFC 9535,
    /// member reads and method calls in JavaScript.
    fn postfix(&mut self) -> PResult<Typed> {
        let t = self.primary()?;
        match self.dialect {
            Dialect::JavaScript => self.js_members(t),
            Dialect::Rfc9535 => {
                self.reject_member_access()?;
                Ok(t)
            }
        }
    }

    /// RFC 9535 has no `value.name` nor `value.method()`: name the
    /// JavaScript form when that is what the author wrote.
    fn reject_member_access(&mut self) -> PResult<()> {
        let save = self.lex.pos;
        self.lex.skip_ws();
        if self.lex.peek() == Some(b'.') {
            let dot = self.lex.pos;
            self.lex.pos += 1;
            if !self.lex.ident().is_empty() {
                let call = self.lex.peek() == Some(b'(');
                return Err(self.lex.err_at(
                    dot,
                    if call {
                        "JavaScript method calls (like `.includes()`) need the `[?( … )]` filter form"
                    } else {
                        "unexpected `.`"
                    },
                ));
            }
        }
        self.lex.pos = save;
        Ok(())
    }

    /// At `(`: comma-separated arguments up to `)`.
    pub fn args(&mut self) -> PResult<Vec<Typed>> {
        self.lex.pos += 1;
        let mut args = Vec::new();
        self.lex.skip_ws();
        if self.lex.eat(")") {
            return Ok(args);
        }
        loop {
            args.push(self.or_expr()?);
            self.lex.skip_ws();
            match self.lex.peek() {
                Some(b',') => self.lex.pos += 1,
                Some(b')') => {
                    self.lex.pos += 1;
                    return Ok(args);
                }
                _ => {
                    return Err(self.lex.err(format!(
                        "expected `,` or `)` in argument list, found {}",
                        self.lex.found()
                    )))
                }
            }
        }
    }

    fn query_typed(&mut self, root: QueryRoot, at: usize) -> PResult<Typed> {
        let segments = self.segments(true)?;
        let q = Query { root, segments };
        let singular = q.is_singular();
        Ok(Typed {
            expr: Expr::Query(Box::new(q)),
            kind: Kind::Query { singular },
            at,
        })
    }

    fn primary(&mut self) -> PResult<Typed> {
        self.lex.skip_ws();
        let at = self.lex.pos;
        if self.dialect == Dialect::JavaScript {
            if let Some(t) = self.js_primary(at)? {
                return Ok(t);
            }
        }
        let value = |expr| Typed {
            expr,
            kind: Kind::Value,
            at,
        };
        match self.lex.peek() {
            Some(b'(') => {
                self.lex.pos += 1;
                let inner = self.or_expr()?;
                self.lex.skip_ws();
                if !self.lex.eat(")") {
                    return Err(self
                        .lex
                        .err(format!("expected `)`, found {}", self.lex.found())));
                }
                match self.dialect {
                    Dialect::Rfc9535 => {
                        self.check_logical(&inner)?;
                        Ok(Typed {
                            expr: inner.expr,
                            kind: Kind::Logical,
                            at,
                        })
                    }
                    Dialect::JavaScript => Ok(Typed { at, ..inner }),
                }
            }
            Some(b'@') => {
                self.lex.pos += 1;
                if matches!(self.lex.peek(), Some(c) if c.is_ascii_alphabetic()) {
                    let name = self.lex.ident();
                    return match name {
                        "property" => Ok(value(Expr::Special(Special::Property))),
                        "parentProperty" => Ok(value(Expr::Special(Special::ParentProperty))),
                        "path" => Ok(value(Expr::Special(Special::Path))),
                        "parent" => self.query_typed(QueryRoot::Parent, at),
                        "root" => self.query_typed(QueryRoot::Root, at),
                        _ => Err(self.lex.err_at(
                            at,
                            format!("unknown `@{name}`: supported are @property, @parentProperty, @parent, @root and @path"),
                        )),
                    };
                }
                self.query_typed(QueryRoot::Current, at)
            }
            Some(b'$') => {
                self.lex.pos += 1;
                self.query_typed(QueryRoot::Root, at)
            }
            Some(q @ (b'\'' | b'"')) => {
                let s = self.quoted(q)?;
                Ok(value(Expr::Literal(Literal::String(s.into()))))
            }
            Some(b'-' | b'0'..=b'9') => {
                let n = self.lex.number()?;
                Ok(value(Expr::Literal(Literal::Number(n))))
            }
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                let name = self.lex.ident();
                match name {
                    "true" => return Ok(value(Expr::Literal(Literal::Bool(true)))),
                    "false" => return Ok(value(Expr::Literal(Literal::Bool(false)))),
                    "null" => return Ok(value(Expr::Literal(Literal::Null))),
                    _ => {}
                }
                if self.lex.peek() != Some(b'(') {
                    return Err(self.lex.err_at(
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
                        return Err(self.lex.err_at(
                            at,
                            format!("unknown function `{name}()`: supported are length, count, match, search and value"),
                        ))
                    }
                };
                let open = self.lex.pos;
                let args = self.args()?;
                self.func(func, name, args, at, open)
            }
            _ => Err(self.lex.err(format!(
                "expected a value, a query (`@…`, `$…`) or `(`, found {}",
                self.lex.found()
            ))),
        }
    }

    /// Checks a function call against its RFC 9535 signature (in JavaScript
    /// a test may be passed as a value, and the result is a value).
    fn func(
        &self,
        func: Func,
        name: &str,
        args: Vec<Typed>,
        at: usize,
        open: usize,
    ) -> PResult<Typed> {
        let js = self.dialect == Dialect::JavaScript;
        let (arity, nodes_param, kind) = match func {
            Func::Length => (1, false, Kind::Value),
            Func::Count => (1, true, Kind::Value),
            Func::Value => (1, true, Kind::Value),
            Func::Match | Func::Search => (2, false, Kind::Logical),
        };
        if args.len() != arity {
            return Err(self.lex.err_at(
                open,
                format!("`{name}()` takes {arity} argument(s), got {}", args.len()),
            ));
        }
        for a in &args {
            if nodes_param {
                if !matches!(a.kind, Kind::Query { .. }) {
                    return Err(self
                        .lex
                        .err_at(a.at, format!("the argument of `{name}()` must be a query")));
                }
            } else {
                match a.kind {
                    Kind::Value | Kind::Query { singular: true } => {}
                    Kind::Logical if js => {}
                    Kind::Query { singular: false } => {
                        return Err(self.lex.err_at(
                            a.at,
                            format!("`{name}()` needs a single value: use a query of single names and indexes"),
                        ))
                    }
                    Kind::Logical => {
                        return Err(self
                            .lex
                            .err_at(a.at, format!("`{name}()` needs a value, not a test")))
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
