//! Evaluation of compiled paths on a [`View`].

use super::ast::*;
use super::Match;
use crate::tree::{NodeId, Tree, Value, NO_PARENT};
use crate::workspace::{Loc, View};
use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

/// Nesting bound for deep equality and JavaScript string conversion, so a
/// `$ref` cycle cannot recurse forever.
const MAX_DEPTH: usize = 128;

/// Evaluation state shared by the queries run on one view: the sorted list
/// of `$ref` objects per document (to know which subtrees can be scanned as
/// a contiguous range even in a resolved view) and compiled regexes of
/// patterns computed at run time.
pub(crate) struct Engine<'a> {
    pub view: View<'a>,
    refs: OnceCell<Vec<Vec<NodeId>>>,
    regex_cache: RefCell<HashMap<(String, u8), Re>>,
}

/// A JavaScript exception inside a `[?( … )]` filter: the node is not
/// selected.
struct Thrown;

type R<T> = Result<T, Thrown>;

/// A value during filter evaluation. Arrays and objects stay nodes.
#[derive(Debug, Clone)]
enum V<'a> {
    /// RFC 9535 "Nothing" / JavaScript `undefined`.
    Undef,
    Null,
    Bool(bool),
    Num(f64),
    Str(Cow<'a, str>),
    /// An array or object node (followed).
    Node(Loc),
    /// `x.constructor` (only `.name` can be read from it).
    Ctor(&'static str),
    Regex(Arc<crate::js_regex::JsPattern>),
    /// A truthy object with no readable members (the result of `.match()`).
    Opaque,
    /// A method of a built-in type read as a member without calling it
    /// (`@.name.match` on a string): a function, so truthy, as in
    /// JavaScript.
    Function(&'static str),
}

/// Where filter evaluation stands: the candidate `@`, the node whose
/// children are being filtered, and the query's root `$`.
struct Scope<'m> {
    cand: &'m Match,
    cur: &'m Match,
    root: Loc,
    /// The filter is evaluated as JavaScript.
    js: bool,
}

fn is_container(v: &Value) -> bool {
    matches!(v, Value::Array(_) | Value::Object(_))
}

impl<'a> Engine<'a> {
    pub fn new(view: View<'a>) -> Engine<'a> {
        Engine {
            view,
            refs: OnceCell::new(),
            regex_cache: RefCell::new(HashMap::new()),
        }
    }

    #[inline]
    fn follow(&self, loc: Loc) -> Loc {
        if self.view.resolved {
            self.view.follow(loc)
        } else {
            loc
        }
    }

    #[inline]
    fn tree(&self, doc: u32) -> &'a Tree {
        self.view.tree(doc)
    }

    #[inline]
    fn value_of(&self, loc: Loc) -> &'a Value {
        self.tree(loc.doc).value(loc.node)
    }

    /// Runs a whole query from `start` and returns its matches, deduplicated
    /// and in document order.
    pub fn run(&self, segments: &[Segment], key: bool, start: Loc) -> Vec<Match> {
        let root = self.follow(start);
        let start = Match {
            loc: root,
            parent: None,
            key: false,
        };
        finish(self.run_segments(segments, vec![start], root), key)
    }

    /// Runs several queries from one start. Those that begin with `..` share
    /// a single walk of the tree for that first step.
    pub fn run_many(&self, paths: &[(&[Segment], bool)], start: Loc) -> Vec<Vec<Match>> {
        let root = self.follow(start);
        let start = Match {
            loc: root,
            parent: None,
            key: false,
        };
        let shared: Vec<usize> = (0..paths.len())
            .filter(|&i| matches!(paths[i].0.first(), Some(Segment::Descendant(_))))
            .collect();
        let mut results: Vec<Option<Vec<Match>>> = vec![None; paths.len()];
        if shared.len() > 1 {
            let firsts: Vec<&[Selector]> = shared
                .iter()
                .map(|&i| match &paths[i].0[0] {
                    Segment::Descendant(sels) => &sels[..],
                    _ => unreachable!(),
                })
                .collect();
            let mut outs = vec![Vec::new(); shared.len()];
            self.descend_many(start, &firsts, root, &mut outs);
            for ((&i, mut out), sels) in shared.iter().zip(outs).zip(&firsts) {
                if sels.len() > 1 || self.view.resolved {
                    dedup_pairs(&mut out);
                }
                let (segments, key) = paths[i];
                results[i] = Some(finish(self.run_segments(&segments[1..], out, root), key));
            }
        }
        results
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                r.unwrap_or_else(|| {
                    finish(self.run_segments(paths[i].0, vec![start], root), paths[i].1)
                })
            })
            .collect()
    }

    /// One `..` walk from `start` applying the selectors of several paths
    /// (`firsts[i]` into `outs[i]`).
    fn descend_many(
        &self,
        start: Match,
        firsts: &[&[Selector]],
        root: Loc,
        outs: &mut [Vec<Match>],
    ) {
        let apply = |d: &Match, outs: &mut [Vec<Match>]| {
            for (sels, out) in firsts.iter().zip(outs.iter_mut()) {
                for sel in sels.iter() {
                    self.select(d, sel, root, out);
                }
            }
        };
        if self.view.resolved {
            let mut visited = Visited::new(self.view.ws.docs().len());
            let mut stack = vec![start];
            while let Some(d) = stack.pop() {
                if !visited.insert(d.loc) {
                    continue;
                }
                apply(&d, outs);
                let tree = self.tree(d.loc.doc);
                let end = tree.node(d.loc.node).subtree_end;
                if self.subtree_has_refs(d.loc, end) {
                    self.push_children(&d, &visited, &mut stack);
                    continue;
                }
                let from = d.loc.node + 1;
                for (off, n) in tree.nodes()[from as usize..end as usize].iter().enumerate() {
                    let loc = Loc::new(d.loc.doc, from + off as NodeId);
                    if is_container(&n.value) && visited.insert(loc) {
                        let m = Match {
                            loc,
                            parent: Some((Loc::new(d.loc.doc, n.parent), n.slot)),
                            key: false,
                        };
                        apply(&m, outs);
                    }
                }
            }
            return;
        }
        apply(&start, outs);
        let tree = self.tree(start.loc.doc);
        let from = start.loc.node + 1;
        let to = tree.node(start.loc.node).subtree_end;
        for (off, n) in tree.nodes()[from as usize..to as usize].iter().enumerate() {
            if !is_container(&n.value) {
                continue;
            }
            let d = Match {
                loc: Loc::new(start.loc.doc, from + off as NodeId),
                parent: Some((Loc::new(start.loc.doc, n.parent), n.slot)),
                key: false,
            };
            apply(&d, outs);
        }
    }

    /// Pushes the (followed) container children of `d` not yet visited, in
    /// reverse order so that they pop in document order.
    fn push_children(&self, d: &Match, visited: &Visited, stack: &mut Vec<Match>) {
        let tree = self.tree(d.loc.doc);
        let mut push = |c: NodeId, slot: usize| {
            let cl = self.follow(Loc::new(d.loc.doc, c));
            if is_container(self.value_of(cl)) && !visited.contains(cl) {
                stack.push(Match {
                    loc: cl,
                    parent: Some((d.loc, slot as u32)),
                    key: false,
                });
            }
        };
        match tree.value(d.loc.node) {
            Value::Object(entries) => {
                for (i, e) in entries.iter().enumerate().rev() {
                    push(e.value, i);
                }
            }
            Value::Array(items) => {
                for (i, &c) in items.iter().enumerate().rev() {
                    push(c, i);
                }
            }
            _ => {}
        }
    }

    /// Applies `segments` to the start nodes `cur`; the result has no
    /// duplicate (node, parent) pairs but is in no particular order.
    fn run_segments(&self, segments: &[Segment], mut cur: Vec<Match>, root: Loc) -> Vec<Match> {
        for seg in segments {
            if cur.is_empty() {
                break;
            }
            let mut out = Vec::new();
            let dup = match seg {
                Segment::Child(sels) => {
                    for m in &cur {
                        for sel in sels {
                            self.select(m, sel, root, &mut out);
                        }
                    }
                    sels.len() > 1 || self.view.resolved
                }
                Segment::Descendant(sels) => {
                    if self.view.resolved {
                        self.descend_resolved(&cur, sels, root, &mut out);
                    } else {
                        self.descend_range(&cur, sels, root, &mut out);
                    }
                    sels.len() > 1 || self.view.resolved
                }
                Segment::Type(t) => {
                    out.extend(cur.iter().filter(|m| has_type(self.value_of(m.loc), *t)));
                    false
                }
                Segment::Parent => {
                    for m in &cur {
                        let p = match m.parent {
                            Some((p, _)) => Some(p),
                            None => self.physical_parent(m.loc).map(|(p, _)| p),
                        };
                        if let Some(p) = p {
                            out.push(Match {
                                loc: p,
                                parent: self.physical_parent(p),
                                key: false,
                            });
                        }
                    }
                    true
                }
            };
            if dup {
                dedup_pairs(&mut out);
            }
            cur = out;
        }
        cur
    }

    fn physical_parent(&self, loc: Loc) -> Option<(Loc, u32)> {
        let n = self.tree(loc.doc).node(loc.node);
        (n.parent != NO_PARENT).then(|| (Loc::new(loc.doc, n.parent), n.slot))
    }

    #[inline]
    fn push_child(&self, out: &mut Vec<Match>, parent: Loc, child: NodeId, slot: usize) {
        out.push(Match {
            loc: self.follow(Loc::new(parent.doc, child)),
            parent: Some((parent, slot as u32)),
            key: false,
        });
    }

    /// Applies one selector to the children of `m`.
    fn select(&self, m: &Match, sel: &Selector, root: Loc, out: &mut Vec<Match>) {
        let v = self.value_of(m.loc);
        match sel {
            Selector::Name(name) => {
                if let Value::Object(entries) = v {
                    if let Some(i) = entries.iter().position(|e| e.is(name)) {
                        self.push_child(out, m.loc, entries[i].value, i);
                    }
                }
            }
            Selector::NameOrIndex(name, idx) => match v {
                Value::Object(entries) => {
                    if let Some(i) = entries.iter().position(|e| e.is(name)) {
                        self.push_child(out, m.loc, entries[i].value, i);
                    }
                }
                Value::Array(items) => {
                    if let Some(&c) = items.get(*idx) {
                        self.push_child(out, m.loc, c, *idx);
                    }
                }
                _ => {}
            },
            Selector::Wildcard => match v {
                Value::Object(entries) => {
                    for (i, e) in entries.iter().enumerate() {
                        self.push_child(out, m.loc, e.value, i);
                    }
                }
                Value::Array(items) => {
                    for (i, &c) in items.iter().enumerate() {
                        self.push_child(out, m.loc, c, i);
                    }
                }
                _ => {}
            },
            Selector::Index(i) => {
                if let Value::Array(items) = v {
                    let len = items.len() as i64;
                    let i = if *i < 0 { len + *i } else { *i };
                    if (0..len).contains(&i) {
                        self.push_child(out, m.loc, items[i as usize], i as usize);
                    }
                }
            }
            Selector::Slice(start, end, step) => {
                if let Value::Array(items) = v {
                    for i in slice_indexes(items.len(), *start, *end, *step) {
                        self.push_child(out, m.loc, items[i], i);
                    }
                }
            }
            Selector::Filter(f) => {
                let mut test = |c: NodeId, i: usize| {
                    let cand = Match {
                        loc: self.follow(Loc::new(m.loc.doc, c)),
                        parent: Some((m.loc, i as u32)),
                        key: false,
                    };
                    if self.test(f, &cand, m, root) {
                        out.push(cand);
                    }
                };
                match v {
                    Value::Object(entries) => {
                        for (i, e) in entries.iter().enumerate() {
                            test(e.value, i);
                        }
                    }
                    Value::Array(items) => {
                        for (i, &c) in items.iter().enumerate() {
                            test(c, i);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// `..` in an unresolved view: the descendants of a node are the
    /// contiguous id range `node..subtree_end`, so scan it. Inputs nested in
    /// an already scanned range are skipped (their results are included).
    fn descend_range(&self, input: &[Match], sels: &[Selector], root: Loc, out: &mut Vec<Match>) {
        let mut order: Vec<&Match> = input.iter().collect();
        if !order.windows(2).all(|w| w[0].loc <= w[1].loc) {
            order.sort_by_key(|m| m.loc);
        }
        let mut scanned: Option<(u32, NodeId)> = None;
        for m in order {
            if let Some((doc, end)) = scanned {
                if doc == m.loc.doc && m.loc.node < end {
                    continue;
                }
            }
            let tree = self.tree(m.loc.doc);
            let end = tree.node(m.loc.node).subtree_end;
            if let [Selector::Wildcard] = sels {
                // `..*` selects every node of the range, already in order.
                let nodes = &tree.nodes()[m.loc.node as usize + 1..end as usize];
                out.extend(nodes.iter().enumerate().map(|(off, n)| Match {
                    loc: Loc::new(m.loc.doc, m.loc.node + 1 + off as NodeId),
                    parent: Some((Loc::new(m.loc.doc, n.parent), n.slot)),
                    key: false,
                }));
                scanned = Some((m.loc.doc, end));
                continue;
            }
            for sel in sels {
                self.select(m, sel, root, out);
            }
            self.scan_range(tree, m.loc.doc, m.loc.node + 1, end, sels, root, out, None);
            scanned = Some((m.loc.doc, end));
        }
    }

    /// Applies `sels` to every container node with id in `from..to` of
    /// `doc`. With `visited`, nodes already visited are skipped (and the
    /// others marked).
    #[allow(clippy::too_many_arguments)]
    fn scan_range(
        &self,
        tree: &'a Tree,
        doc: u32,
        from: NodeId,
        to: NodeId,
        sels: &[Selector],
        root: Loc,
        out: &mut Vec<Match>,
        mut visited: Option<&mut Visited>,
    ) {
        let nodes = &tree.nodes()[from as usize..to as usize];
        // Fast path for the common `..name`.
        if let ([Selector::Name(name)], None) = (sels, visited.as_ref()) {
            let name: &str = name;
            for (off, n) in nodes.iter().enumerate() {
                if let Value::Object(entries) = &n.value {
                    if let Some(i) = entries.iter().position(|e| e.is(name)) {
                        let id = from + off as NodeId;
                        self.push_child(out, Loc::new(doc, id), entries[i].value, i);
                    }
                }
            }
            return;
        }
        for (off, n) in nodes.iter().enumerate() {
            if !is_container(&n.value) {
                continue;
            }
            let loc = Loc::new(doc, from + off as NodeId);
            if let Some(v) = visited.as_deref_mut() {
                if !v.insert(loc) {
                    continue;
                }
            }
            let d = Match {
                loc,
                parent: (n.parent != NO_PARENT).then(|| (Loc::new(doc, n.parent), n.slot)),
                key: false,
            };
            for sel in sels {
                self.select(&d, sel, root, out);
            }
        }
    }

    fn ref_index(&self) -> &Vec<Vec<NodeId>> {
        self.refs.get_or_init(|| {
            let ws = self.view.ws;
            let mut idx = vec![Vec::new(); ws.docs().len()];
            for (at, _) in ws.refs() {
                idx[at.doc as usize].push(at.node);
            }
            for v in &mut idx {
                v.sort_unstable();
            }
            idx
        })
    }

    fn subtree_has_refs(&self, loc: Loc, end: NodeId) -> bool {
        let refs = &self.ref_index()[loc.doc as usize];
        let i = refs.partition_point(|&r| r < loc.node);
        i < refs.len() && refs[i] < end
    }

    /// `..` in a resolved view: a depth-first walk that follows `$ref`s and
    /// visits each physical node at most once (so cycles terminate); parts
    /// without `$ref`s are scanned as ranges.
    fn descend_resolved(
        &self,
        input: &[Match],
        sels: &[Selector],
        root: Loc,
        out: &mut Vec<Match>,
    ) {
        let mut visited = Visited::new(self.view.ws.docs().len());
        let mut stack: Vec<Match> = Vec::new();
        for m in input {
            stack.push(*m);
            while let Some(d) = stack.pop() {
                if !visited.insert(d.loc) {
                    continue;
                }
                for sel in sels {
                    self.select(&d, sel, root, out);
                }
                let tree = self.tree(d.loc.doc);
                let end = tree.node(d.loc.node).subtree_end;
                if !self.subtree_has_refs(d.loc, end) {
                    self.scan_range(
                        tree,
                        d.loc.doc,
                        d.loc.node + 1,
                        end,
                        sels,
                        root,
                        out,
                        Some(&mut visited),
                    );
                    continue;
                }
                self.push_children(&d, &visited, &mut stack);
            }
        }
    }

    // ---- filters ------------------------------------------------------

    fn test(&self, f: &Filter, cand: &Match, cur: &Match, root: Loc) -> bool {
        let s = Scope {
            cand,
            cur,
            root,
            js: f.semantics == Semantics::JavaScript,
        };
        self.truth(&f.expr, &s).unwrap_or(false)
    }

    fn truth(&self, e: &Expr, s: &Scope) -> R<bool> {
        Ok(match e {
            Expr::Not(x) => !self.truth(x, s)?,
            Expr::And(a, b) => self.truth(a, s)? && self.truth(b, s)?,
            Expr::Or(a, b) => self.truth(a, s)? || self.truth(b, s)?,
            Expr::Compare(op, a, b) => {
                let a = self.value(a, s)?;
                let b = self.value(b, s)?;
                compare(self, *op, &a, &b, s.js)
            }
            Expr::Query(q) if !s.js || !q.is_singular() => self.exists(q, s),
            _ => truthy(&self.value(e, s)?),
        })
    }

    /// The node a filter query starts from; `None` for `@parent` of a
    /// node reached from nowhere (the query's start node).
    fn query_start(&self, q: &Query, s: &Scope) -> Option<Match> {
        Some(match q.root {
            QueryRoot::Current => *s.cand,
            // As in JSONPath-Plus and nimma: the parent of the node whose
            // children are filtered (`$.store.book[?(@parent.bicycle)]`
            // reads `$.store.bicycle`).
            QueryRoot::Parent => {
                let (loc, _) = s.cur.parent?;
                Match {
                    loc,
                    parent: self.physical_parent(loc),
                    key: false,
                }
            }
            QueryRoot::Root => Match {
                loc: s.root,
                parent: None,
                key: false,
            },
        })
    }

    /// Navigates a singular query.
    fn singular(&self, q: &Query, s: &Scope) -> Option<Loc> {
        let mut loc = self.query_start(q, s)?.loc;
        for seg in &q.segments {
            let Segment::Child(sels) = seg else {
                return None;
            };
            let v = self.value_of(loc);
            let child = match (&sels[0], v) {
                (Selector::Name(n), Value::Object(entries))
                | (Selector::NameOrIndex(n, _), Value::Object(entries)) => {
                    entries.iter().find(|e| e.is(n))?.value
                }
                (Selector::NameOrIndex(_, i), Value::Array(items)) => *items.get(*i)?,
                (Selector::Index(i), Value::Array(items)) => {
                    let len = items.len() as i64;
                    let i = if *i < 0 { len + *i } else { *i };
                    if !(0..len).contains(&i) {
                        return None;
                    }
                    items[i as usize]
                }
                _ => return None,
            };
            loc = self.follow(Loc::new(loc.doc, child));
        }
        Some(loc)
    }

    fn nodes(&self, q: &Query, s: &Scope) -> Vec<Match> {
        if q.is_singular() {
            return self
                .singular(q, s)
                .map(|loc| Match {
                    loc,
                    parent: None,
                    key: false,
                })
                .into_iter()
                .collect();
        }
        match self.query_start(q, s) {
            Some(start) => self.run_segments(&q.segments, vec![start], s.root),
            None => Vec::new(),
        }
    }

    fn exists(&self, q: &Query, s: &Scope) -> bool {
        if q.is_singular() {
            self.singular(q, s).is_some()
        } else {
            !self.nodes(q, s).is_empty()
        }
    }

    fn node_val(&self, loc: Loc) -> V<'a> {
        match self.value_of(loc) {
            Value::Null => V::Null,
            Value::Bool(b) => V::Bool(*b),
            Value::Number(n) => V::Num(n.as_f64()),
            Value::String(s) => V::Str(Cow::Borrowed(s)),
            Value::Array(_) | Value::Object(_) => V::Node(loc),
        }
    }

    /// The key (or index) under which `m` was reached.
    fn property(&self, m: &Match) -> V<'a> {
        match m.parent {
            Some((p, slot)) => match self.value_of(p) {
                Value::Object(entries) => V::Str(Cow::Borrowed(&entries[slot as usize].key)),
                _ => V::Num(slot as f64),
            },
            None => V::Undef,
        }
    }

    fn value<'e>(&self, e: &'e Expr, s: &Scope) -> R<V<'e>>
    where
        'a: 'e,
    {
        Ok(match e {
            Expr::Literal(l) => match l {
                Literal::Undefined => V::Undef,
                Literal::Null => V::Null,
                Literal::Bool(b) => V::Bool(*b),
                Literal::Number(n) => V::Num(*n),
                Literal::String(t) => V::Str(Cow::Borrowed(t)),
            },
            Expr::Query(q) => {
                if s.js {
                    self.js_query(q, s)?
                } else {
                    match self.singular(q, s) {
                        Some(loc) => self.node_val(loc),
                        None => V::Undef,
                    }
                }
            }
            Expr::Special(Special::Property) => self.property(s.cand),
            Expr::Special(Special::ParentProperty) => self.property(s.cur),
            Expr::Special(Special::Path) => V::Str(Cow::Owned(self.path_string(s.cand.loc))),
            Expr::Not(_) | Expr::And(..) | Expr::Or(..) | Expr::Compare(..) => {
                V::Bool(self.truth(e, s)?)
            }
            Expr::Func(f, args, re) => self.func(*f, args, re.as_ref(), s)?,
            Expr::Method(recv, m, args) => {
                let recv = self.value(recv, s)?;
                let args = args
                    .iter()
                    .map(|a| self.value(a, s))
                    .collect::<R<Vec<_>>>()?;
                self.method(recv, *m, &args)?
            }
            Expr::Member(recv, name) => {
                let recv = self.value(recv, s)?;
                self.js_member(recv, name)?
            }
            Expr::TypeOf(x) => V::Str(Cow::Borrowed(type_of(&self.value(x, s)?))),
            Expr::IsType(t) => V::Bool(has_type(self.value_of(s.cand.loc), *t)),
            Expr::Regex(re) => match &re.0 {
                Some(r) => V::Regex(r.clone()),
                None => return Err(Thrown),
            },
        })
    }

    fn func<'e>(&self, f: Func, args: &'e [Expr], re: Option<&Re>, s: &Scope) -> R<V<'e>>
    where
        'a: 'e,
    {
        let nodes_arg = |s: &Scope| match &args[0] {
            Expr::Query(q) => self.nodes(q, s),
            _ => Vec::new(),
        };
        Ok(match f {
            Func::Length => match self.value(&args[0], s)? {
                V::Str(t) => V::Num(t.chars().count() as f64),
                V::Node(loc) => match self.value_of(loc) {
                    Value::Array(items) => V::Num(items.len() as f64),
                    Value::Object(entries) => V::Num(entries.len() as f64),
                    _ => V::Undef,
                },
                _ => V::Undef,
            },
            Func::Count => V::Num(nodes_arg(s).len() as f64),
            Func::Value => {
                let n = nodes_arg(s);
                if n.len() == 1 {
                    self.node_val(n[0].loc)
                } else {
                    V::Undef
                }
            }
            Func::Match | Func::Search => {
                let V::Str(text) = self.value(&args[0], s)? else {
                    return Ok(V::Bool(false));
                };
                let full = f == Func::Match;
                let re = match re {
                    Some(re) => re.clone(),
                    None => match self.value(&args[1], s)? {
                        V::Str(p) => self.cached_regex(&p, if full { 1 } else { 0 }),
                        _ => return Ok(V::Bool(false)),
                    },
                };
                V::Bool(matches!(&re.0, Some(r) if r.is_match(&text)))
            }
        })
    }

    /// Compiles a pattern computed at run time: kind 0 = I-Regexp search,
    /// 1 = I-Regexp full match, 2 = JavaScript `RegExp(pattern)`.
    fn cached_regex(&self, pattern: &str, kind: u8) -> Re {
        let key = (pattern.to_string(), kind);
        if let Some(r) = self.regex_cache.borrow().get(&key) {
            return r.clone();
        }
        let re = match kind {
            2 => Re(crate::js_regex::JsPattern::new(pattern, "")
                .ok()
                .map(Arc::new)),
            k => super::rfc9535::compile_iregexp(pattern, k == 1),
        };
        self.regex_cache.borrow_mut().insert(key, re.clone());
        re
    }

    /// A singular query with JavaScript member semantics (`.length` of
    /// strings and arrays, `.constructor.name`).
    fn js_query<'e>(&self, q: &Query, s: &Scope) -> R<V<'e>>
    where
        'a: 'e,
    {
        // JSONPath-Plus's `@parent` of the start node is `null`.
        let mut v: V<'e> = match self.query_start(q, s) {
            Some(start) => self.node_val(start.loc),
            None => V::Null,
        };
        for seg in &q.segments {
            let Segment::Child(sels) = seg else {
                return Ok(V::Undef);
            };
            v = match (&sels[0], &v) {
                (Selector::Index(i), V::Node(loc)) => match self.value_of(*loc) {
                    Value::Array(items) => {
                        let len = items.len() as i64;
                        let i = if *i < 0 { len + *i } else { *i };
                        if (0..len).contains(&i) {
                            self.node_val(self.follow(Loc::new(loc.doc, items[i as usize])))
                        } else {
                            V::Undef
                        }
                    }
                    _ => self.js_member(v, &i.to_string())?,
                },
                (Selector::Index(i), _) => self.js_member(v, &i.to_string())?,
                (Selector::Name(n), _) | (Selector::NameOrIndex(n, _), _) => {
                    self.js_member(v, n)?
                }
                _ => V::Undef,
            };
        }
        Ok(v)
    }

    fn js_member<'e>(&self, v: V<'e>, name: &str) -> R<V<'e>>
    where
        'a: 'e,
    {
        Ok(match v {
            V::Undef | V::Null => return Err(Thrown),
            V::Node(loc) => match self.value_of(loc) {
                Value::Object(entries) => match entries.iter().find(|e| e.is(name)) {
                    Some(e) => self.node_val(self.follow(Loc::new(loc.doc, e.value))),
                    None if name == "constructor" => V::Ctor("Object"),
                    None => builtin_method(OBJECT_METHODS, name),
                },
                Value::Array(items) => match name {
                    "length" => V::Num(items.len() as f64),
                    "constructor" => V::Ctor("Array"),
                    _ => match canonical_index(name) {
                        Some(i) if i < items.len() => {
                            self.node_val(self.follow(Loc::new(loc.doc, items[i])))
                        }
                        Some(_) => V::Undef,
                        None => builtin_method(ARRAY_METHODS, name),
                    },
                },
                _ => V::Undef,
            },
            V::Str(t) => match name {
                "length" => V::Num(t.encode_utf16().count() as f64),
                "constructor" => V::Ctor("String"),
                _ => match canonical_index(name) {
                    Some(i) => match t.encode_utf16().nth(i) {
                        Some(u) => V::Str(Cow::Owned(String::from_utf16_lossy(&[u]))),
                        None => V::Undef,
                    },
                    None => builtin_method(STRING_METHODS, name),
                },
            },
            V::Num(_) if name == "constructor" => V::Ctor("Number"),
            V::Num(_) => builtin_method(NUMBER_METHODS, name),
            V::Bool(_) if name == "constructor" => V::Ctor("Boolean"),
            V::Bool(_) => builtin_method(&["toString", "valueOf"], name),
            V::Regex(_) if name == "constructor" => V::Ctor("RegExp"),
            V::Regex(_) => builtin_method(&["exec", "test", "toString"], name),
            V::Ctor(c) if name == "name" => V::Str(Cow::Borrowed(c)),
            _ => V::Undef,
        })
    }

    fn method<'e>(&self, recv: V<'e>, m: Method, args: &[V<'e>]) -> R<V<'e>>
    where
        'a: 'e,
    {
        let arg_str = |i: usize| self.to_js_string(&args[i], 0);
        Ok(match (m, &recv) {
            (Method::Includes, V::Str(t)) => V::Bool(t.contains(&*arg_str(0))),
            (Method::Includes, V::Node(loc)) => match self.value_of(*loc) {
                Value::Array(items) => V::Bool(items.iter().any(|&c| {
                    let item = self.node_val(self.follow(Loc::new(loc.doc, c)));
                    same_value_zero(&item, &args[0])
                })),
                _ => return Err(Thrown),
            },
            (Method::StartsWith, V::Str(t)) => V::Bool(t.starts_with(&*arg_str(0))),
            (Method::EndsWith, V::Str(t)) => V::Bool(t.ends_with(&*arg_str(0))),
            (Method::IndexOf, V::Str(t)) => V::Num(match t.find(&*arg_str(0)) {
                Some(b) => t[..b].encode_utf16().count() as f64,
                None => -1.0,
            }),
            (Method::IndexOf, V::Node(loc)) => match self.value_of(*loc) {
                Value::Array(items) => V::Num(
                    items
                        .iter()
                        .position(|&c| {
                            let item = self.node_val(self.follow(Loc::new(loc.doc, c)));
                            strict_eq(&item, &args[0])
                        })
                        .map_or(-1.0, |i| i as f64),
                ),
                _ => return Err(Thrown),
            },
            (Method::Match, V::Str(t)) => {
                let re = match &args[0] {
                    V::Regex(r) => Some(r.clone()),
                    other => self.cached_regex(&self.to_js_string(other, 0), 2).0,
                };
                match re {
                    Some(r) if r.is_match(t) => V::Opaque,
                    Some(_) => V::Null,
                    None => return Err(Thrown),
                }
            }
            (Method::Test, V::Regex(r)) => V::Bool(r.is_match(&arg_str(0))),
            (Method::ToLowerCase, V::Str(t)) => V::Str(Cow::Owned(t.to_lowercase())),
            (Method::ToUpperCase, V::Str(t)) => V::Str(Cow::Owned(t.to_uppercase())),
            (Method::Trim, V::Str(t)) => V::Str(Cow::Owned(t.trim().to_string())),
            _ => return Err(Thrown),
        })
    }

    /// JavaScript `String(v)`.
    fn to_js_string<'e>(&self, v: &V<'e>, depth: usize) -> Cow<'e, str>
    where
        'a: 'e,
    {
        match v {
            V::Undef => "undefined".into(),
            V::Null => "null".into(),
            V::Bool(b) => if *b { "true" } else { "false" }.into(),
            V::Num(n) => js_number_string(*n).into(),
            V::Str(t) => t.clone(),
            V::Node(loc) => match self.value_of(*loc) {
                Value::Array(items) if depth < MAX_DEPTH => {
                    let parts: Vec<String> = items
                        .iter()
                        .map(
                            |&c| match self.node_val(self.follow(Loc::new(loc.doc, c))) {
                                V::Null | V::Undef => String::new(),
                                x => self.to_js_string(&x, depth + 1).into_owned(),
                            },
                        )
                        .collect();
                    parts.join(",").into()
                }
                Value::Array(_) => "".into(),
                _ => "[object Object]".into(),
            },
            V::Ctor(c) => format!("function {c}() {{ [native code] }}").into(),
            V::Regex(_) => "/regex/".into(),
            V::Opaque => "[object Array]".into(),
            V::Function(name) => format!("function {name}() {{ [native code] }}").into(),
        }
    }

    fn to_js_number(&self, v: &V) -> f64 {
        match v {
            V::Undef => f64::NAN,
            V::Null => 0.0,
            V::Bool(b) => *b as u8 as f64,
            V::Num(n) => *n,
            V::Str(t) => js_string_to_number(t),
            V::Node(_) => js_string_to_number(&self.to_js_string(v, 0)),
            _ => f64::NAN,
        }
    }

    /// RFC 9535 deep equality of two nodes.
    fn deep_eq(&self, a: Loc, b: Loc, depth: usize) -> bool {
        if a == b {
            return true;
        }
        if depth > MAX_DEPTH {
            return false;
        }
        match (self.value_of(a), self.value_of(b)) {
            (Value::Array(x), Value::Array(y)) => {
                x.len() == y.len()
                    && x.iter().zip(y).all(|(&i, &j)| {
                        self.child_eq(Loc::new(a.doc, i), Loc::new(b.doc, j), depth)
                    })
            }
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len()
                    && x.iter().all(|e| match y.iter().find(|f| f.key == e.key) {
                        Some(f) => {
                            self.child_eq(Loc::new(a.doc, e.value), Loc::new(b.doc, f.value), depth)
                        }
                        None => false,
                    })
            }
            _ => false,
        }
    }

    fn child_eq(&self, a: Loc, b: Loc, depth: usize) -> bool {
        let (a, b) = (self.follow(a), self.follow(b));
        match (self.node_val(a), self.node_val(b)) {
            (V::Node(x), V::Node(y)) => self.deep_eq(x, y, depth + 1),
            (x, y) => rfc_scalar_eq(&x, &y),
        }
    }

    /// `$['a'][0]`-style path of a node in its document (JSONPath-Plus
    /// `@path`).
    fn path_string(&self, loc: Loc) -> String {
        let mut p = String::from("$");
        for seg in self.tree(loc.doc).segments(loc.node) {
            match seg {
                crate::tree::Segment::Key(k) => {
                    p.push_str("['");
                    for c in k.chars() {
                        if c == '\'' || c == '\\' {
                            p.push('\\');
                        }
                        p.push(c);
                    }
                    p.push_str("']");
                }
                crate::tree::Segment::Index(i) => {
                    p.push('[');
                    p.push_str(&i.to_string());
                    p.push(']');
                }
            }
        }
        p
    }
}

/// Final form of a query's results: document order, each node (or, for
/// `~`, each key) once.
fn finish(mut items: Vec<Match>, key: bool) -> Vec<Match> {
    if key {
        items.retain(|m| m.parent.is_some());
        for m in &mut items {
            m.key = true;
        }
        let k = |m: &Match| m.parent;
        if !items.windows(2).all(|w| k(&w[0]) < k(&w[1])) {
            items.sort_by_key(k);
            items.dedup_by_key(|m| k(m));
        }
    } else if !items.windows(2).all(|w| w[0].loc < w[1].loc) {
        // Among several ways to one node, keep the parent that comes first
        // in document order.
        items.sort_by_key(|m| (m.loc, m.parent));
        items.dedup_by_key(|m| m.loc);
    }
    items
}

/// Removes repeated (node, parent) pairs.
fn dedup_pairs(items: &mut Vec<Match>) {
    if items.len() > 1 {
        let k = |m: &Match| (m.loc, m.parent);
        items.sort_by_key(k);
        items.dedup_by_key(|m| k(m));
    }
}

fn canonical_index(s: &str) -> Option<usize> {
    if s.is_empty() || (s.len() > 1 && s.starts_with('0')) || !s.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    s.parse().ok()
}

fn type_of(v: &V) -> &'static str {
    match v {
        V::Undef => "undefined",
        V::Null | V::Node(_) | V::Regex(_) | V::Opaque => "object",
        V::Bool(_) => "boolean",
        V::Num(_) => "number",
        V::Str(_) => "string",
        V::Ctor(_) | V::Function(_) => "function",
    }
}

fn truthy(v: &V) -> bool {
    match v {
        V::Undef | V::Null => false,
        V::Bool(b) => *b,
        V::Num(n) => *n != 0.0 && !n.is_nan(),
        V::Str(s) => !s.is_empty(),
        V::Node(_) | V::Ctor(_) | V::Regex(_) | V::Opaque | V::Function(_) => true,
    }
}

/// Methods of `String.prototype` (read as members, they are functions).
#[rustfmt::skip]
const STRING_METHODS: &[&str] = &[
    "at", "charAt", "charCodeAt", "codePointAt", "concat", "endsWith", "includes", "indexOf",
    "lastIndexOf", "localeCompare", "match", "matchAll", "normalize", "padEnd", "padStart",
    "repeat", "replace", "replaceAll", "search", "slice", "split", "startsWith", "substr",
    "substring", "toLocaleLowerCase", "toLocaleUpperCase", "toLowerCase", "toString",
    "toUpperCase", "trim", "trimEnd", "trimStart", "valueOf",
];

/// Methods of `Array.prototype`.
#[rustfmt::skip]
const ARRAY_METHODS: &[&str] = &[
    "at", "concat", "entries", "every", "fill", "filter", "find", "findIndex", "findLast",
    "findLastIndex", "flat", "flatMap", "forEach", "includes", "indexOf", "join", "keys",
    "lastIndexOf", "map", "pop", "push", "reduce", "reduceRight", "reverse", "shift", "slice",
    "some", "sort", "splice", "toString", "unshift", "values",
];

/// Methods of `Object.prototype` (an object's own member of the same name
/// wins).
#[rustfmt::skip]
const OBJECT_METHODS: &[&str] = &[
    "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString",
    "valueOf",
];

/// Methods of `Number.prototype`.
#[rustfmt::skip]
const NUMBER_METHODS: &[&str] = &[
    "toExponential", "toFixed", "toLocaleString", "toPrecision", "toString", "valueOf",
];

/// The built-in method `name` of a type whose methods are `methods`, or
/// `undefined`.
fn builtin_method(methods: &'static [&'static str], name: &str) -> V<'static> {
    match methods.iter().find(|m| **m == name) {
        Some(m) => V::Function(m),
        None => V::Undef,
    }
}

/// A JSONPath-Plus type selector on a node's value.
fn has_type(v: &Value, t: ValueType) -> bool {
    match t {
        ValueType::Null => matches!(v, Value::Null),
        ValueType::Boolean => matches!(v, Value::Bool(_)),
        ValueType::Number => matches!(v, Value::Number(n) if n.as_f64().is_finite()),
        ValueType::Integer => {
            matches!(v, Value::Number(n) if n.as_f64().is_finite() && n.as_f64().fract() == 0.0)
        }
        ValueType::String => matches!(v, Value::String(_)),
        ValueType::Array => matches!(v, Value::Array(_)),
        ValueType::Object => matches!(v, Value::Array(_) | Value::Object(_)),
        ValueType::Scalar => !is_container(v),
        ValueType::Never => false,
    }
}

fn rfc_scalar_eq(a: &V, b: &V) -> bool {
    match (a, b) {
        (V::Undef, V::Undef) | (V::Null, V::Null) => true,
        (V::Bool(x), V::Bool(y)) => x == y,
        (V::Num(x), V::Num(y)) => x == y,
        (V::Str(x), V::Str(y)) => x == y,
        _ => false,
    }
}

/// JavaScript `===`.
fn strict_eq(a: &V, b: &V) -> bool {
    match (a, b) {
        (V::Node(x), V::Node(y)) => x == y,
        (V::Ctor(x), V::Ctor(y)) => x == y,
        _ => rfc_scalar_eq(a, b),
    }
}

/// `Array.prototype.includes` equality (`NaN` equals `NaN`).
fn same_value_zero(a: &V, b: &V) -> bool {
    match (a, b) {
        (V::Num(x), V::Num(y)) if x.is_nan() && y.is_nan() => true,
        _ => strict_eq(a, b),
    }
}

fn compare(en: &Engine, op: CmpOp, a: &V, b: &V, js: bool) -> bool {
    if !js {
        let eq = || match (a, b) {
            (V::Node(x), V::Node(y)) => en.deep_eq(*x, *y, 0),
            _ => rfc_scalar_eq(a, b),
        };
        let lt = |a: &V, b: &V| match (a, b) {
            (V::Num(x), V::Num(y)) => x < y,
            (V::Str(x), V::Str(y)) => x < y,
            _ => false,
        };
        return match op {
            CmpOp::Eq | CmpOp::StrictEq => eq(),
            CmpOp::Ne | CmpOp::StrictNe => !eq(),
            CmpOp::Lt => lt(a, b),
            CmpOp::Gt => lt(b, a),
            CmpOp::Le => lt(a, b) || eq(),
            CmpOp::Ge => lt(b, a) || eq(),
        };
    }
    match op {
        CmpOp::StrictEq => strict_eq(a, b),
        CmpOp::StrictNe => !strict_eq(a, b),
        CmpOp::Eq => loose_eq(en, a, b),
        CmpOp::Ne => !loose_eq(en, a, b),
        CmpOp::Lt => js_less(en, a, b, false),
        CmpOp::Gt => js_less(en, b, a, false),
        CmpOp::Le => js_less(en, b, a, true),
        CmpOp::Ge => js_less(en, a, b, true),
    }
}

/// JavaScript `==`.
fn loose_eq(en: &Engine, a: &V, b: &V) -> bool {
    use V::*;
    match (a, b) {
        (Undef | Null, Undef | Null) => true,
        (Undef | Null, _) | (_, Undef | Null) => false,
        (Num(_), Num(_)) | (Str(_), Str(_)) | (Bool(_), Bool(_)) | (Node(_), Node(_)) => {
            strict_eq(a, b)
        }
        (Num(x), Str(_)) => *x == en.to_js_number(b),
        (Str(_), Num(y)) => en.to_js_number(a) == *y,
        (Bool(_), _) => loose_eq(en, &Num(en.to_js_number(a)), b),
        (_, Bool(_)) => loose_eq(en, a, &Num(en.to_js_number(b))),
        (Node(_), Num(_) | Str(_)) => loose_eq(en, &Str(en.to_js_string(a, 0)), b),
        (Num(_) | Str(_), Node(_)) => loose_eq(en, a, &Str(en.to_js_string(b, 0))),
        _ => strict_eq(a, b),
    }
}

/// JavaScript `a < b`; with `or_equal_swapped`, JavaScript `b <= a`
/// (false whenever a number operand is `NaN`).
fn js_less(en: &Engine, a: &V, b: &V, or_equal_swapped: bool) -> bool {
    let prim = |v: &V| -> V<'static> {
        match v {
            V::Node(_) => V::Str(Cow::Owned(en.to_js_string(v, 0).into_owned())),
            V::Str(s) => V::Str(Cow::Owned(s.to_string())),
            V::Num(n) => V::Num(*n),
            V::Bool(b) => V::Bool(*b),
            V::Null => V::Null,
            _ => V::Undef,
        }
    };
    let (pa, pb) = (prim(a), prim(b));
    if let (V::Str(x), V::Str(y)) = (&pa, &pb) {
        let ord = x.encode_utf16().cmp(y.encode_utf16());
        return if or_equal_swapped {
            // b <= a  ⇔  !(a < b)
            ord != std::cmp::Ordering::Less
        } else {
            ord == std::cmp::Ordering::Less
        };
    }
    let (x, y) = (en.to_js_number(&pa), en.to_js_number(&pb));
    if or_equal_swapped {
        y <= x
    } else {
        x < y
    }
}

fn js_string_to_number(s: &str) -> f64 {
    let t = s.trim();
    if t.is_empty() {
        return 0.0;
    }
    match t {
        "Infinity" | "+Infinity" => return f64::INFINITY,
        "-Infinity" => return f64::NEG_INFINITY,
        _ => {}
    }
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return u64::from_str_radix(h, 16).map_or(f64::NAN, |v| v as f64);
    }
    if t.bytes()
        .any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E')
    {
        return f64::NAN;
    }
    t.parse::<f64>().unwrap_or(f64::NAN)
}

fn js_number_string(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if n == n.trunc() && n.abs() < 1e21 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// RFC 9535 §2.3.4.2 slice indexes, in selection order.
fn slice_indexes(
    len: usize,
    start: Option<i64>,
    end: Option<i64>,
    step: Option<i64>,
) -> Vec<usize> {
    let len = len as i64;
    let step = step.unwrap_or(1);
    let norm = |i: i64| if i >= 0 { i } else { len + i };
    let mut out = Vec::new();
    if step > 0 {
        let lower = norm(start.unwrap_or(0)).clamp(0, len);
        let upper = norm(end.unwrap_or(len)).clamp(0, len);
        let mut i = lower;
        while i < upper {
            out.push(i as usize);
            i += step;
        }
    } else if step < 0 {
        let upper = norm(start.unwrap_or(len - 1)).clamp(-1, len - 1);
        let lower = match end {
            Some(e) => norm(e).clamp(-1, len - 1),
            None => -1,
        };
        let mut i = upper;
        while lower < i {
            out.push(i as usize);
            i += step;
        }
    }
    out
}

/// A set of visited nodes: one bitset per document, allocated on first use.
struct Visited {
    docs: Vec<Vec<u64>>,
}

impl Visited {
    fn new(docs: usize) -> Visited {
        Visited {
            docs: vec![Vec::new(); docs],
        }
    }

    fn contains(&self, loc: Loc) -> bool {
        let bits = &self.docs[loc.doc as usize];
        let (w, b) = (loc.node as usize / 64, loc.node % 64);
        w < bits.len() && bits[w] & (1 << b) != 0
    }

    /// Marks `loc`; false if it was marked already.
    fn insert(&mut self, loc: Loc) -> bool {
        let bits = &mut self.docs[loc.doc as usize];
        let (w, b) = (loc.node as usize / 64, loc.node % 64);
        if w >= bits.len() {
            bits.resize((w + 1).max(bits.len() * 2), 0);
        }
        let was = bits[w] & (1 << b) != 0;
        bits[w] |= 1 << b;
        !was
    }
}
