//! JavaScript filter expressions, `[?( … )]`, as JSONPath-Plus (and so
//! Spectral) evaluates them: a JavaScript expression over `@` (the
//! candidate), `@property`, `@parentProperty`, `@parent`, `@root`, `@path`
//! and `$`.
//!
//! The subset: `||`, `&&`, `!`, `==`/`!=`/`===`/`!==`, `<`/`<=`/`>`/`>=`
//! (with JavaScript precedence: relational binds tighter than equality,
//! comparisons chain), `typeof`, `void`, literals (`'…'`/`"…"` with
//! JavaScript escapes, numbers, `true`, `false`, `null`, `undefined`,
//! `/regex/flags`), member reads (`x.name`, `x[0]`, `x['name']`), the
//! methods listed in [`Method`], and the RFC 9535 functions `length()`,
//! `count()`, `match()`, `search()`, `value()` as oaslint extensions. The
//! RFC's type rules do not apply: any value is a test by truthiness.

use super::super::ast::*;
use super::super::lexer::{LiteralOrCall, PResult};
use super::super::rfc9535::{compile_iregexp, filter_at};
use super::Parser;
use std::sync::Arc;

/// A parsed (sub)expression.
struct Typed {
    expr: Expr,
    /// A query that can select several nodes (`@.*`): only a test, never a
    /// value.
    multi: bool,
    /// Byte offset where the expression starts (for error messages).
    at: usize,
}

impl Typed {
    fn value(expr: Expr, at: usize) -> Typed {
        Typed {
            expr,
            multi: false,
            at,
        }
    }
}

impl Parser<'_> {
    /// After `?`: `( … )` followed by the end of the selector is JavaScript;
    /// anything else (including `[?(@.a) && (@.b)]`) is an RFC 9535 filter.
    pub fn filter(&mut self) -> PResult<Filter> {
        self.lex.skip_ws();
        if self.lex.peek() == Some(b'(') {
            let save = self.lex.pos;
            match self.js_filter() {
                Ok(expr) => {
                    let after = self.lex.pos;
                    self.lex.skip_ws();
                    if matches!(self.lex.peek(), Some(b']' | b',' | b'~')) {
                        self.lex.pos = after;
                        return Ok(Filter {
                            expr,
                            semantics: Semantics::JavaScript,
                        });
                    }
                    self.lex.pos = save;
                }
                Err(js_err) => {
                    self.lex.pos = save;
                    // The parenthesised form failed as JavaScript: that
                    // error is the one the author needs, unless the text
                    // is an RFC 9535 filter.
                    return filter_at(&mut self.lex).map_err(|_| js_err);
                }
            }
        }
        filter_at(&mut self.lex)
    }

    /// At the `(` of `[?( … )]`: the expression up to the matching `)`.
    fn js_filter(&mut self) -> PResult<Expr> {
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

    fn or_expr(&mut self) -> PResult<Typed> {
        let mut l = self.and_expr()?;
        loop {
            let save = self.lex.pos;
            self.lex.skip_ws();
            if !self.lex.eat("||") {
                self.lex.pos = save;
                return Ok(l);
            }
            let r = self.and_expr()?;
            l = Typed::value(Expr::Or(Box::new(l.expr), Box::new(r.expr)), l.at);
        }
    }

    fn and_expr(&mut self) -> PResult<Typed> {
        let mut l = self.equality()?;
        loop {
            let save = self.lex.pos;
            self.lex.skip_ws();
            if !self.lex.eat("&&") {
                self.lex.pos = save;
                return Ok(l);
            }
            let r = self.equality()?;
            l = Typed::value(Expr::And(Box::new(l.expr), Box::new(r.expr)), l.at);
        }
    }

    /// `==`, `!=`, `===`, `!==` over relational expressions.
    fn equality(&mut self) -> PResult<Typed> {
        const OPS: &[(&str, CmpOp)] = &[
            ("===", CmpOp::StrictEq),
            ("!==", CmpOp::StrictNe),
            ("==", CmpOp::Eq),
            ("!=", CmpOp::Ne),
        ];
        self.comparison(OPS, Self::relational)
    }

    /// `<`, `<=`, `>`, `>=` over unary expressions.
    fn relational(&mut self) -> PResult<Typed> {
        const OPS: &[(&str, CmpOp)] = &[
            ("<=", CmpOp::Le),
            (">=", CmpOp::Ge),
            ("<", CmpOp::Lt),
            (">", CmpOp::Gt),
        ];
        self.comparison(OPS, Self::unary)
    }

    /// A left-associative chain of the comparison operators `ops` over
    /// operands parsed by `operand`.
    fn comparison(
        &mut self,
        ops: &[(&str, CmpOp)],
        operand: fn(&mut Self) -> PResult<Typed>,
    ) -> PResult<Typed> {
        let mut l = operand(self)?;
        loop {
            let save = self.lex.pos;
            self.lex.skip_ws();
            let Some(&(text, op)) = ops.iter().find(|(s, _)| self.lex.rest().starts_with(s)) else {
                if self.lex.peek() == Some(b'=') && self.lex.peek_at(1) != Some(b'=') {
                    return Err(self.lex.err("`=` is not an operator: use `==` or `===`"));
                }
                self.lex.pos = save;
                return Ok(l);
            };
            // Longer operators come first in `ops` (`<=` before `<`).
            self.lex.pos += text.len();
            self.check_comparable(&l)?;
            self.lex.skip_ws();
            if self.lex.peek().is_none() || matches!(self.lex.peek(), Some(b']' | b')')) {
                return Err(self.lex.err(format!("expected a value after `{text}`")));
            }
            let r = operand(self)?;
            self.check_comparable(&r)?;
            l = Typed::value(Expr::Compare(op, Box::new(l.expr), Box::new(r.expr)), l.at);
        }
    }

    fn check_comparable(&self, t: &Typed) -> PResult<()> {
        if t.multi {
            return Err(self.lex.err_at(
                t.at,
                "a query that can select several nodes cannot be compared (use single names and indexes only)",
            ));
        }
        Ok(())
    }

    fn unary(&mut self) -> PResult<Typed> {
        self.lex.skip_ws();
        let at = self.lex.pos;
        self.enter(at)?;
        let t = self.unary_inner(at);
        self.nesting -= 1;
        t
    }

    fn unary_inner(&mut self, at: usize) -> PResult<Typed> {
        if self.lex.peek() == Some(b'!') && self.lex.peek_at(1) != Some(b'=') {
            self.lex.pos += 1;
            let inner = self.unary()?;
            return Ok(Typed::value(Expr::Not(Box::new(inner.expr)), at));
        }
        if self.lex.keyword("typeof") {
            let inner = self.unary()?;
            return Ok(Typed::value(Expr::TypeOf(Box::new(inner.expr)), at));
        }
        if self.lex.keyword("void") {
            self.unary()?;
            return Ok(Typed::value(Expr::Literal(Literal::Undefined), at));
        }
        let t = self.primary()?;
        self.members(t)
    }

    /// After a value `t`: any chain of member reads (`.length`, `[0]`,
    /// `['name']`) and method calls (`.includes(x)`).
    fn members(&mut self, mut t: Typed) -> PResult<Typed> {
        loop {
            let save = self.lex.pos;
            self.lex.skip_ws();
            let at = self.lex.pos;
            let (name, call) = match self.lex.peek() {
                Some(b'.') => {
                    self.lex.pos += 1;
                    let name = self.lex.ident();
                    if name.is_empty() {
                        self.lex.pos = save;
                        return Ok(t);
                    }
                    (name.to_string(), self.lex.peek() == Some(b'('))
                }
                Some(b'[') => {
                    self.lex.pos += 1;
                    self.lex.skip_ws();
                    let name = match self.lex.peek() {
                        Some(q @ (b'\'' | b'"')) => self.quoted(q)?,
                        Some(b'0'..=b'9') => self.lex.int()?.to_string(),
                        _ => {
                            return Err(self.lex.err(format!(
                                "expected an index or a quoted name, found {}",
                                self.lex.found()
                            )))
                        }
                    };
                    self.lex.skip_ws();
                    if !self.lex.eat("]") {
                        return Err(self
                            .lex
                            .err(format!("expected `]`, found {}", self.lex.found())));
                    }
                    (name, false)
                }
                _ => {
                    self.lex.pos = save;
                    return Ok(t);
                }
            };
            if t.multi {
                return Err(self.lex.err_at(
                    t.at,
                    "a query that can select several nodes cannot be used as a value",
                ));
            }
            if !call {
                t = Typed::value(Expr::Member(Box::new(t.expr), name.into()), t.at);
                continue;
            }
            let Some((method, arity)) = Method::from_name(&name) else {
                return Err(self.lex.err_at(
                    at + 1,
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
            let args = self.values(args)?;
            t = Typed::value(Expr::Method(Box::new(t.expr), method, args), t.at);
        }
    }

    /// Arguments used as values: no query of several nodes.
    fn values(&self, args: Vec<Typed>) -> PResult<Vec<Expr>> {
        args.into_iter()
            .map(|a| {
                if a.multi {
                    Err(self.lex.err_at(
                        a.at,
                        "a query that can select several nodes cannot be used as a value",
                    ))
                } else {
                    Ok(a.expr)
                }
            })
            .collect()
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

    fn query(&mut self, root: QueryRoot, at: usize) -> PResult<Typed> {
        let segments = self.segments(true)?;
        let q = Query { root, segments };
        Ok(Typed {
            multi: !q.is_singular(),
            expr: Expr::Query(Box::new(q)),
            at,
        })
    }

    fn primary(&mut self) -> PResult<Typed> {
        self.lex.skip_ws();
        let at = self.lex.pos;
        let value = |expr| Typed::value(expr, at);
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
                Ok(Typed { at, ..inner })
            }
            Some(b'@') => {
                self.lex.pos += 1;
                if !matches!(self.lex.peek(), Some(c) if c.is_ascii_alphabetic()) {
                    return self.query(QueryRoot::Current, at);
                }
                let name = self.lex.ident();
                match name {
                    "property" => Ok(value(Expr::Special(Special::Property))),
                    "parentProperty" => Ok(value(Expr::Special(Special::ParentProperty))),
                    "path" => Ok(value(Expr::Special(Special::Path))),
                    "parent" => self.query(QueryRoot::Parent, at),
                    "root" => self.query(QueryRoot::Root, at),
                    // Spectral evaluates filters with nimma, which reads the
                    // type selectors as tests of the node being tested
                    // (`@string()` is `typeof @ === 'string'`), with or
                    // without the parentheses; the types that JSON cannot
                    // hold are not among them there.
                    _ => match ValueType::from_name(name) {
                        Some(t) if t != ValueType::Never => {
                            self.lex.skip_ws();
                            if self.lex.eat("(") {
                                self.lex.skip_ws();
                                if !self.lex.eat(")") {
                                    return Err(self.lex.err(format!(
                                        "`@{name}()` takes no arguments, found {}",
                                        self.lex.found()
                                    )));
                                }
                            }
                            Ok(value(Expr::IsType(t)))
                        }
                        _ => Err(self.lex.err_at(
                            at,
                            format!("unknown `@{name}`: supported are @property, @parentProperty, @parent, @root, @path and the type tests @object(), @array(), @string(), @number(), @integer(), @boolean(), @null(), @scalar()"),
                        )),
                    },
                }
            }
            Some(b'$') => {
                self.lex.pos += 1;
                self.query(QueryRoot::Root, at)
            }
            Some(q @ (b'\'' | b'"')) => {
                let s = self.quoted(q)?;
                Ok(value(Expr::Literal(Literal::String(s.into()))))
            }
            Some(b'-' | b'0'..=b'9') => {
                let n = self.lex.number()?;
                Ok(value(Expr::Literal(Literal::Number(n))))
            }
            Some(b'/') => Ok(value(Expr::Regex(self.regex_literal()?))),
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                // `undefined` is JavaScript's alone, so it is read here and
                // not with the words both dialects share.
                if self.lex.keyword("undefined") {
                    return Ok(value(Expr::Literal(Literal::Undefined)));
                }
                match self.lex.literal_or_call()? {
                    LiteralOrCall::Literal(literal) => Ok(value(Expr::Literal(literal))),
                    LiteralOrCall::Call(func, name) => {
                        let open = self.lex.pos;
                        let args = self.args()?;
                        self.func(func, name, args, at, open)
                    }
                }
            }
            _ => Err(self.lex.err(format!(
                "expected a value, a query (`@…`, `$…`) or `(`, found {}",
                self.lex.found()
            ))),
        }
    }

    /// An RFC 9535 function in a JavaScript filter: its arity, and a query
    /// where it takes nodes; the result is a value.
    fn func(
        &self,
        func: Func,
        name: &str,
        args: Vec<Typed>,
        at: usize,
        open: usize,
    ) -> PResult<Typed> {
        let (arity, nodes_param) = match func {
            Func::Length | Func::Match | Func::Search => (func_arity(func), false),
            Func::Count | Func::Value => (1, true),
        };
        if args.len() != arity {
            return Err(self.lex.err_at(
                open,
                format!("`{name}()` takes {arity} argument(s), got {}", args.len()),
            ));
        }
        for a in &args {
            if nodes_param && !matches!(a.expr, Expr::Query(_)) {
                return Err(self
                    .lex
                    .err_at(a.at, format!("the argument of `{name}()` must be a query")));
            }
            if !nodes_param && a.multi {
                return Err(self.lex.err_at(
                    a.at,
                    format!(
                        "`{name}()` needs a single value: use a query of single names and indexes"
                    ),
                ));
            }
        }
        let mut regex = None;
        if matches!(func, Func::Match | Func::Search) {
            if let Expr::Literal(Literal::String(p)) = &args[1].expr {
                regex = Some(compile_iregexp(p, func == Func::Match));
            }
        }
        Ok(Typed::value(
            Expr::Func(func, args.into_iter().map(|a| a.expr).collect(), regex),
            at,
        ))
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

fn func_arity(func: Func) -> usize {
    match func {
        Func::Match | Func::Search => 2,
        _ => 1,
    }
}
