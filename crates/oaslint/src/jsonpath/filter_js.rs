//! The JavaScript filter dialect: `[?( … )]` as JSONPath-Plus (and so
//! Spectral) evaluates it, where the filter is a JavaScript expression.
//!
//! It shares the RFC 9535 expression grammar of [`super::filter`] and adds
//! the forms only JavaScript has: `undefined`, `void x`, `typeof x`,
//! `/regex/flags` literals, member reads (`x.length`,
//! `x.constructor.name`) and method calls (`.includes()`, `.match()`, …).
//! They are kept here, apart from the RFC grammar, because Spectral
//! rulesets keep asking for more of JSONPath-Plus: a new form of that
//! dialect is parsed in this file (and evaluated in `eval.rs`), and the RFC
//! 9535 parser does not change.
//!
//! Every function here runs with `self.dialect == Dialect::JavaScript`.

use super::ast::*;
use super::filter::{Kind, Typed};
use super::lexer::PResult;
use super::parser::Parser;
use std::sync::Arc;

impl Parser<'_> {
    /// At the `(` of `[?( … )]`: the expression up to the matching `)`.
    /// The caller checks that the filter ends there (else the parentheses
    /// were only the start of an RFC 9535 filter such as `[?(@.a) && @.b]`).
    pub fn js_filter(&mut self) -> PResult<Expr> {
        self.lex.pos += 1; // '('
        let t = self.or_expr()?;
        self.lex.skip_ws();
        if self.lex.peek() != Some(b')') {
            return Err(self
                .lex
                .err(format!("expected `)`, found {}", self.lex.found())));
        }
        self.lex.pos += 1;
        Ok(t.expr)
    }

    /// JavaScript prefix operators (`typeof x`, `void x`), at `at`; `None`
    /// when there is none here.
    pub fn js_unary(&mut self, at: usize) -> PResult<Option<Typed>> {
        if self.lex.keyword("typeof") {
            let inner = self.unary()?;
            return Ok(Some(Typed {
                expr: Expr::TypeOf(Box::new(inner.expr)),
                kind: Kind::Value,
                at,
            }));
        }
        if self.lex.keyword("void") {
            self.unary()?;
            return Ok(Some(Typed {
                expr: Expr::Literal(Literal::Undefined),
                kind: Kind::Value,
                at,
            }));
        }
        Ok(None)
    }

    /// JavaScript-only primary expressions (`/regex/flags`, `undefined`),
    /// at `at`; `None` when the primary is one both dialects share.
    pub fn js_primary(&mut self, at: usize) -> PResult<Option<Typed>> {
        let expr = if self.lex.peek() == Some(b'/') {
            Expr::Regex(self.regex_literal()?)
        } else if self.lex.keyword("undefined") {
            Expr::Literal(Literal::Undefined)
        } else {
            return Ok(None);
        };
        Ok(Some(Typed {
            expr,
            kind: Kind::Value,
            at,
        }))
    }

    /// After a primary expression `t`: any chain of member reads
    /// (`.length`) and method calls (`.includes(x)`).
    pub fn js_members(&mut self, mut t: Typed) -> PResult<Typed> {
        loop {
            let save = self.lex.pos;
            self.lex.skip_ws();
            if self.lex.peek() != Some(b'.') {
                self.lex.pos = save;
                return Ok(t);
            }
            let dot = self.lex.pos;
            self.lex.pos += 1;
            let name = self.lex.ident();
            if name.is_empty() {
                self.lex.pos = save;
                return Ok(t);
            }
            let call = self.lex.peek() == Some(b'(');
            if let Expr::Query(_) = t.expr {
                if !call {
                    // Unreachable in practice: the query parser took it.
                    return Err(self.lex.err_at(dot, "unexpected `.`"));
                }
            }
            if matches!(t.kind, Kind::Query { singular: false }) {
                return Err(self.lex.err_at(
                    t.at,
                    "a query that can select several nodes cannot be used as a value",
                ));
            }
            if call {
                let Some((method, arity)) = Method::from_name(name) else {
                    return Err(self.lex.err_at(
                        dot + 1,
                        format!("unsupported method `.{name}()`: supported are includes, startsWith, endsWith, indexOf, match, test, toLowerCase, toUpperCase, trim"),
                    ));
                };
                let open = self.lex.pos;
                let args = self.args()?;
                if args.len() != arity {
                    return Err(self.lex.err_at(
                        open,
                        format!("`.{name}()` takes {arity} argument(s), got {}", args.len()),
                    ));
                }
                for a in &args {
                    if matches!(a.kind, Kind::Query { singular: false }) {
                        return Err(self.lex.err_at(
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

    /// A JavaScript `/pattern/flags` literal.
    fn regex_literal(&mut self) -> PResult<Re> {
        let start = self.lex.pos;
        self.lex.pos += 1;
        let b = self.lex.src.as_bytes();
        let mut in_class = false;
        loop {
            match b.get(self.lex.pos) {
                None | Some(b'\n') => {
                    return Err(self.lex.err_at(start, "unterminated regular expression"))
                }
                Some(b'\\') => self.lex.pos += 2,
                Some(b'[') => {
                    in_class = true;
                    self.lex.pos += 1;
                }
                Some(b']') => {
                    in_class = false;
                    self.lex.pos += 1;
                }
                Some(b'/') if !in_class => break,
                Some(_) => self.lex.pos += 1,
            }
        }
        let pattern = &self.lex.src[start + 1..self.lex.pos];
        self.lex.pos += 1;
        let flags = self.lex.ident();
        if let Some(bad) = flags.chars().find(|c| !"dgimsuvy".contains(*c)) {
            return Err(self
                .lex
                .err_at(start, format!("invalid regular expression flag `{bad}`")));
        }
        match crate::js_regex::JsPattern::new(pattern, flags) {
            Ok(r) => Ok(Re(Some(Arc::new(r)))),
            Err(e) => Err(self
                .lex
                .err_at(start, format!("invalid regular expression: {e}"))),
        }
    }
}
