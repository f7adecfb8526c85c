//! JSONPath for rule `given`s and `field`s, evaluated directly on the
//! document tree (no `serde_json` copy), across `$ref`s in a resolved view.
//!
//! # Dialects
//!
//! Two languages, each with its own parser producing the shared syntax
//! tree (`ast.rs`) that one evaluator (`eval.rs`) runs:
//!
//! * **JSONPath-Plus** (`plus/`), the default ([`JsonPath::parse`]): the
//!   dialect Spectral rulesets are written in (Spectral 6 runs nimma with
//!   jsonpath-plus 10 as its fallback). Its filters `[?( … )]` are
//!   JavaScript.
//! * **RFC 9535** (`rfc9535/`), exactly the standard, for rulesets that
//!   ask for it with the top-level key `jsonPathDialect: rfc9535`
//!   ([`Dialect`], [`JsonPath::parse_in`]).
//!
//! `tests/fixtures/jsonpath-plus/` holds a differential test against
//! jsonpath-plus itself (its own test suite's expressions, run by the
//! pinned package in `scripts/jsonpath-plus/`); the cases where oaslint
//! differs on purpose are listed there with their reasons.
//!
//! # Syntax
//!
//! | Form | JSONPath-Plus | RFC 9535 | Meaning |
//! |---|---|---|---|
//! | `$` | yes | yes | the start node (the document root for a `given`) |
//! | `.name`, `..name` | yes | yes | member, and member of the node or any descendant |
//! | `['name']`, `["name"]` | yes | yes | member; quoted names take JavaScript escapes (`\/`, `\'`, `\.`, `\xHH`, `\uXXXX`) in JSONPath-Plus, the RFC escapes `\b \f \n \r \t \/ \\ \' \" \uXXXX` in RFC 9535 |
//! | `.*`, `[*]`, `..*`, `..[…]` | yes | yes | every member value / item, of the node or its descendants |
//! | `[3]`, `[-1]` | yes | yes | array item; negative counts from the end; in JSONPath-Plus `[3]` (and `.3`) is also the member `"3"` of an object (`[200]` on `responses`) |
//! | `[start:end:step]` | yes | yes | slice, any part optional, negative steps go backwards |
//! | `['a','b',0,1:3,*]` | yes | yes | union of selectors |
//! | `[?expr]` | yes | yes | RFC 9535 filter (below) |
//! | `[?( … )]` | yes | – | JavaScript filter (below); in RFC 9535 the parentheses only group |
//! | `.x-example`, `.$ref`, `.200`, `./users/{id}` | yes | `.name` only | a dot name runs to the next `.`, `[`, `]`, `~`, `^`, quote, comma or blank |
//! | `.'/status'`, `."/status"` | yes | – | quoted member after a dot |
//! | `$.paths.[*]` | yes | – | `.[` is a descendant step, as in JSONPath-Plus (`$.paths..[*]`) |
//! | `[get,put]`, `[/health]` | yes | – | unquoted names in brackets, up to `,` or `]` (blanks around them ignored) |
//! | `@object()`, `@array()`, `@string()`, `@number()`, `@integer()`, `@boolean()`, `@null()`, `@scalar()` | yes | – | after a step: keep the nodes of that type; `@object()` keeps arrays too (JavaScript's `typeof`), `@scalar()` is anything but an array or object, `@integer()` a number without fraction; `@undefined()`, `@function()`, `@nonFinite()` select nothing in JSON; `@other()` is an error (it needs a JavaScript callback); inside a filter (`[?(@object() && …)]`, with or without `()`) the eight JSON types test the node being tested, as Spectral's nimma reads them |
//! | `^` | yes | – | the node each match was reached from (its `$ref`-aware parent); deeper ancestors follow the physical tree |
//! | `…~`, `[?( … )~]` | yes | – | at the end only: select the property *name*; each [`Match`] gets `key: true` and is identified by its `parent` slot; the start node (no parent) is dropped |
//!
//! Whitespace is allowed between segments and around selectors, operators
//! and arguments, and nowhere else, so ` $.a` and `$.a ` are errors.
//!
//! Anything else is a [`PathError`] with the byte offset of the offending
//! construct; nothing unsupported is accepted and silently matches nothing.
//! Not supported (JSONPath-Plus features no ruleset needs, or that run
//! JavaScript): script expressions `[( … )]`, backtick escapes, paths
//! without `$`, `~` or `^` inside a filter query, `~` before the end,
//! JavaScript arithmetic (`+ - * /`), `?:`, array literals, the
//! `in`/`nin`/`~=` operators, sandbox variables, and JavaScript methods
//! other than those listed below (reading any built-in method as a value,
//! `@.name.match`, works).
//!
//! # Filters
//!
//! A filter is evaluated for each member value / item (`@`) of each node.
//! In JSONPath-Plus **the semantics are decided by syntax**, because the
//! two languages disagree and a ruleset cannot be told apart otherwise:
//!
//! * **`[?expr]` — RFC 9535** (in both dialects). A bare query is an
//!   *existence* test (`[?@.deprecated]` selects members that have
//!   `deprecated`, even `false`); a query with several results (`@.*`) is
//!   true when non-empty. `==` is type-strict with deep equality of
//!   arrays/objects (across `$ref`s in a resolved view); `<`, `<=`, `>`,
//!   `>=` compare two numbers or two strings (by code point), otherwise
//!   they are false except that `<=`/`>=` also hold when `==` holds (as
//!   RFC 9535 §2.3.5.2.2 defines them, so a missing value ("Nothing") `<=`
//!   Nothing is true). Nothing equals only Nothing. Functions: `length()`
//!   (characters of a string, items, members), `count()`, `value()`,
//!   `match()` (the I-Regexp must match the whole string), `search()`
//!   (anywhere); `.` in an I-Regexp excludes only `\n` and `\r`; an
//!   invalid pattern matches nothing. The RFC's well-typedness rules are
//!   enforced at parse time (`@.* == 1`, `length(@.a)` used as a test,
//!   `match(…) == true` are errors). JSONPath-Plus forms (`@property`,
//!   `===`, methods) are errors here that say to use `[?( … )]`.
//! * **`[?( … )]`, parentheses around the whole filter — JavaScript, as
//!   JSONPath-Plus / Spectral evaluate it** (JSONPath-Plus dialect only).
//!   A bare value is tested for *truthiness* (`[?(@.deprecated)]` skips
//!   `deprecated: false`; `[?(@)]` skips `null`, `false`, `0`, `""`); a
//!   query with several results is true when non-empty. Missing members
//!   are `undefined`. `==`/`!=` are JavaScript loose equality (`1 == "1"`,
//!   `0 == ""`, `null == undefined`), `===`/`!==` strict; arrays/objects
//!   are equal only to themselves (the same node); `<`, `<=`, `>`, `>=`
//!   compare two strings by UTF-16 units and anything else as numbers
//!   (`"400" >= 400`); relational operators bind tighter than equality and
//!   comparisons chain, as in JavaScript. Available: `@` queries,
//!   `@property`, `@parentProperty` (the key or index of `@`, and of the
//!   node whose children are filtered), `@parent…` (from the *parent* of
//!   the node whose children are filtered, as in JSONPath-Plus and nimma:
//!   `$.store.book[?(@parent.bicycle)]` reads `$.store.bicycle`; `null`
//!   at the start node), `@root…` and `$…` (from the query's start),
//!   `@path` (`$['a'][0]`-style path of `@`), `undefined`, `void 0`,
//!   `typeof x`, member reads on any value (`x.length` — strings: UTF-16
//!   units; arrays: items; objects: their `length` member —,
//!   `@property[0]`, `x['name']`, `x.constructor.name`, and a built-in
//!   method read as a value, such as `@.operationId.match`, which is a
//!   function and so truthy), `@['x-y']`, `@.$ref`, `/regex/flags`
//!   literals (ECMAScript syntax via `regress`), strings with JavaScript
//!   escapes, and the methods `includes`, `startsWith`, `endsWith`,
//!   `indexOf`, `match` (truthy when it matches, `null` otherwise), `test`
//!   (on a regex), `toLowerCase`, `toUpperCase`, `trim`. As in JavaScript,
//!   reading a member of `undefined`/`null` or calling a method on the
//!   wrong type throws; a filter that throws does not select the node (so
//!   `[?(!@.tags.includes('x'))]` skips nodes without `tags`; jsonpath-plus
//!   fails the whole query instead, and Spectral reports nothing for it).
//!   The RFC functions work here too, as oaslint extensions.
//!
//! So an RFC query written as `$[?(@.a)]` gets truthiness instead of an
//! existence test, and `[?(@ == $.x)]` compares arrays/objects by identity.
//! For scalars of the same type every comparison gives the same result in
//! both forms. Spectral rulesets use the parenthesised form, so they get
//! the semantics they were written for; a ruleset with `jsonPathDialect:
//! rfc9535` gets RFC semantics for every filter.
//!
//! # Results
//!
//! [`JsonPath::query`] returns each physical node at most once, in document
//! order (by document, then position), with the node it was reached from
//! and its slot there (when it is reached in several ways, the parent that
//! comes first in document order). Key matches (`~`) are distinct per (parent, slot), so two
//! keys whose values `$ref` the same node are both reported, in the order
//! of the keys. RFC 9535 orders `..` results by the node they are selected
//! from, and unions by selector; we return document order instead (same
//! node set). In a resolved view every step follows `$ref`s
//! (`view.follow`), so results can lie in other documents, and `..` walks
//! through `$ref`s visiting each physical node at most once per `..` step,
//! so circular references terminate. In an unresolved view `..` scans the
//! contiguous pre-order id range of each subtree; in a resolved view the
//! same scan is used for every subtree that holds no `$ref`. Nodelists
//! inside filters (`count()`, existence tests) are sets too.
//!
//! A rule's `then.field` that starts with `$` is such a path too; `@key`
//! and lodash paths (`info.contact`, `a[0].b`) are read by the ruleset
//! loader (`ruleset::Field`). Use one [`Evaluator`] per view to run many
//! queries.

mod ast;
mod eval;
mod lexer;
mod plus;
mod rfc9535;

#[cfg(test)]
mod plus_diff_tests;
#[cfg(test)]
mod tests;

use crate::workspace::{Loc, View};
use std::fmt;

/// A compiled JSONPath expression.
#[derive(Debug, Clone)]
pub struct JsonPath {
    source: String,
    segments: Vec<ast::Segment>,
    key: bool,
}

/// A syntax error in a JSONPath expression, at a byte offset of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    /// What is wrong.
    pub message: String,
    /// Where, in bytes from the start of the expression.
    pub offset: usize,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at offset {})", self.message, self.offset)
    }
}

impl std::error::Error for PathError {}

/// One node selected by a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// The selected node (after following `$ref`s in a resolved view).
    pub loc: Loc,
    /// The node it was reached from, and its position there (entry index of
    /// an object or item index of an array); `None` for the start node.
    pub parent: Option<(Loc, u32)>,
    /// The query ends in `~`: the match is the key of `loc`, not its value.
    pub key: bool,
}

/// The JSONPath language an expression is written in (see the module
/// docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// JSONPath-Plus as Spectral rulesets use it (the default).
    #[default]
    JsonPathPlus,
    /// RFC 9535, without extensions.
    Rfc9535,
}

impl Dialect {
    /// The dialect named `name` in a ruleset (`jsonpath-plus`, `rfc9535`).
    pub fn from_name(name: &str) -> Option<Dialect> {
        match name {
            "jsonpath-plus" => Some(Dialect::JsonPathPlus),
            "rfc9535" => Some(Dialect::Rfc9535),
            _ => None,
        }
    }
}

impl JsonPath {
    /// Compiles a JSONPath in the default dialect, JSONPath-Plus (see the
    /// module docs for the syntax).
    // Rulesets go through `parse_in` with their dialect; this is for the
    // tests, the benchmarks and the fuzz targets (`internals`).
    #[cfg_attr(not(any(test, feature = "internals")), allow(dead_code))]
    pub fn parse(expr: &str) -> Result<JsonPath, PathError> {
        JsonPath::parse_in(expr, Dialect::JsonPathPlus)
    }

    /// Compiles a JSONPath written in `dialect`.
    pub fn parse_in(expr: &str, dialect: Dialect) -> Result<JsonPath, PathError> {
        let (segments, key) = match dialect {
            Dialect::JsonPathPlus => plus::parse(expr)?,
            Dialect::Rfc9535 => (rfc9535::parse(expr)?, false),
        };
        Ok(JsonPath {
            source: expr.to_string(),
            segments,
            key,
        })
    }

    /// The expression as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Evaluates the query from `start`.
    pub fn query(&self, view: &View<'_>, start: Loc) -> Vec<Match> {
        Evaluator::new(*view).query(self, start)
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

/// Runs many queries on one view, sharing what can be shared between them
/// (the index of `$ref` objects, regexes compiled at run time). Create one
/// per view and lint run rather than calling [`JsonPath::query`] per rule.
pub struct Evaluator<'a> {
    engine: eval::Engine<'a>,
}

impl<'a> Evaluator<'a> {
    /// An evaluator of expressions over `view`.
    pub fn new(view: View<'a>) -> Evaluator<'a> {
        Evaluator {
            engine: eval::Engine::new(view),
        }
    }

    /// Evaluates `path` from `start`.
    pub fn query(&self, path: &JsonPath, start: Loc) -> Vec<Match> {
        self.engine.run(&path.segments, path.key, start)
    }

    /// Evaluates several paths from `start`; the results are the same as
    /// [`Evaluator::query`] for each, but the paths that begin with `..`
    /// (`$..x`, `$..[?…]`) share one walk of the tree for that step.
    pub fn query_many(&self, paths: &[&JsonPath], start: Loc) -> Vec<Vec<Match>> {
        let list: Vec<(&[ast::Segment], bool)> =
            paths.iter().map(|p| (&p.segments[..], p.key)).collect();
        self.engine.run_many(&list, start)
    }
}
