//! Filter expressions (`[?…]`) as RFC 9535 §2.3.5 defines them: logical
//! operators, comparisons, literals, embedded queries, the function
//! extensions `length()`, `count()`, `match()`, `search()`, `value()`, and
//! the well-typedness rules of §2.4.3, checked at parse time.
//!
//! The JavaScript filters of JSONPath-Plus (`[?( … )]`) have a grammar of
//! their own in [`super::super::plus`]; nothing here depends on it.

use super::super::ast::*;
use super::super::lexer::{LiteralOrCall, PResult};
use super::Parser;
use std::sync::Arc;

/// The static type of a filter (sub)expression, for RFC 9535 §2.4.3
/// well-typedness checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Logical,
    Value,
    Query { singular: bool },
}

struct Typed {
    pub expr: Expr,
    pub kind: Kind,
    /// Byte offset where the expression starts (for error messages).
    pub at: usize,
}

impl Parser<'_> {
    /// After `?`: a logical expression.
    pub fn filter(&mut self) -> PResult<Filter> {
        let t = self.or_expr()?;
        self.check_logical(&t)?;
        Ok(Filter {
            expr: t.expr,
            semantics: Semantics::Rfc9535,
        })
    }

    /// RFC 9535: a logical context accepts comparisons, logical operators,
    /// `match`/`search` and queries (existence tests).
    fn check_logical(&self, t: &Typed) -> PResult<()> {
        match t.kind {
            Kind::Logical | Kind::Query { .. } => Ok(()),
            Kind::Value => Err(self.lex.err_at(
                t.at,
                "this value is not a test: compare it (e.g. `== true`)",
            )),
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
            Kind::Logical => Err(self.lex.err_at(
                t.at,
                "a test (comparison, `!`, `&&`, `||`, match() or search()) cannot be compared",
            )),
        }
    }

    fn or_expr(&mut self) -> PResult<Typed> {
        let mut l = self.and_expr()?;
        loop {
            let save = self.lex.pos;
            self.lex.skip_ws();
            if self.lex.eat("||") {
                self.check_logical(&l)?;
                let r = self.and_expr()?;
                self.check_logical(&r)?;
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
                self.check_logical(&l)?;
                let r = self.cmp_expr()?;
                self.check_logical(&r)?;
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
        let l = self.unary()?;
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
        let op_text = &self.lex.src[op_at..self.lex.pos];
        self.check_comparable(&l)?;
        self.lex.skip_ws();
        if self.lex.peek().is_none() || matches!(self.lex.peek(), Some(b']' | b')')) {
            return Err(self.lex.err(format!("expected a value after `{op_text}`")));
        }
        let r = self.unary()?;
        self.check_comparable(&r)?;
        // RFC 9535 has no chained comparisons.
        let save = self.lex.pos;
        self.lex.skip_ws();
        if self.cmp_op().is_some() {
            self.lex.pos = save;
            self.lex.skip_ws();
            return Err(self.lex.err("comparisons cannot be chained"));
        }
        self.lex.pos = save;
        Ok(Typed {
            expr: Expr::Compare(op, Box::new(l.expr), Box::new(r.expr)),
            kind: Kind::Logical,
            at: l.at,
        })
    }

    fn unary(&mut self) -> PResult<Typed> {
        self.lex.skip_ws();
        let at = self.lex.pos;
        if self.lex.peek() == Some(b'!') && self.lex.peek_at(1) != Some(b'=') {
            self.lex.pos += 1;
            let inner = self.unary()?;
            self.check_logical(&inner)?;
            return Ok(Typed {
                expr: Expr::Not(Box::new(inner.expr)),
                kind: Kind::Logical,
                at,
            });
        }
        let t = self.primary()?;
        self.reject_member_access()?;
        Ok(t)
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
                        "JavaScript method calls (like `.includes()`) are JSONPath-Plus: write the filter as `[?( … )]`"
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
    fn args(&mut self) -> PResult<Vec<Typed>> {
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
        let segments = self.segments()?;
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
                self.check_logical(&inner)?;
                Ok(Typed {
                    expr: inner.expr,
                    kind: Kind::Logical,
                    at,
                })
            }
            Some(b'@') => {
                self.lex.pos += 1;
                if matches!(self.lex.peek(), Some(c) if c.is_ascii_alphabetic()) {
                    let name = self.lex.ident();
                    let plus = ["property", "parentProperty", "parent", "root", "path"];
                    return Err(self.lex.err_at(
                        at,
                        if plus.contains(&name) {
                            format!("`@{name}` is JSONPath-Plus, not RFC 9535: write the filter as `[?( … )]`")
                        } else {
                            format!("unknown `@{name}`: RFC 9535 filters know only `@` and `$`")
                        },
                    ));
                }
                self.query_typed(QueryRoot::Current, at)
            }
            Some(b'$') => {
                self.lex.pos += 1;
                self.query_typed(QueryRoot::Root, at)
            }
            Some(q @ (b'\'' | b'"')) => {
                let s = self.lex.string(q, false)?;
                Ok(value(Expr::Literal(Literal::String(s.into()))))
            }
            Some(b'-' | b'0'..=b'9') => {
                let n = self.lex.number()?;
                Ok(value(Expr::Literal(Literal::Number(n))))
            }
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => match self.lex.literal_or_call()? {
                LiteralOrCall::Literal(literal) => Ok(value(Expr::Literal(literal))),
                LiteralOrCall::Call(func, name) => {
                    let open = self.lex.pos;
                    let args = self.args()?;
                    self.func(func, name, args, at, open)
                }
            },
            _ => Err(self.lex.err(format!(
                "expected a value, a query (`@…`, `$…`) or `(`, found {}",
                self.lex.found()
            ))),
        }
    }

    /// Checks a function call against its RFC 9535 signature.
    fn func(
        &self,
        func: Func,
        name: &str,
        args: Vec<Typed>,
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
            kind,
            at,
        })
    }
}

/// Compiles an I-Regexp (RFC 9485) for `match()` (whole string) or
/// `search()`. `.` is translated to "any character but CR/LF" as I-Regexp
/// defines it (ECMAScript's `.` also excludes U+2028/U+2029).
pub(in crate::jsonpath) fn compile_iregexp(pattern: &str, full: bool) -> Re {
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
