//! JSONPath for rule `given`s and `field`s, evaluated directly on the
//! document tree (no `serde_json` copy), across `$ref`s in a resolved view.
//!
//! # Syntax
//!
//! **RFC 9535** in full:
//!
//! | Form | Meaning |
//! |---|---|
//! | `$` | the start node (the document root for a `given`) |
//! | `.name`, `['name']`, `["name"]` | member; quoted names take the RFC escapes `\b \f \n \r \t \/ \\ \' \" \uXXXX` (surrogate pairs too) |
//! | `.*`, `[*]` | every member value / array item |
//! | `[3]`, `[-1]` | array item; negative counts from the end |
//! | `[start:end:step]` | slice, any part optional, negative steps go backwards |
//! | `['a','b',0,1:3,*]` | union of selectors |
//! | `..name`, `..*`, `..[…]` | the selectors applied to the node and all its descendants |
//! | `[?expr]` | filter (below) |
//!
//! Whitespace is allowed where RFC 9535 allows it (between segments, around
//! selectors, operators and arguments) and nowhere else, so ` $.a` and `$.a `
//! are errors.
//!
//! **JSONPath-Plus / Spectral extensions**:
//!
//! | Form | Meaning |
//! |---|---|
//! | `[?( … )]` | JavaScript-style filter (see *Filters*) |
//! | `[get,put,post]` | unquoted names in brackets (an integer is still an index) |
//! | `.x-example`, `.$ref`, `.200` | dot names may contain `-` and `$` and may start with a digit or `$`; an all-digit name selects that member of an object or that item of an array |
//! | `…~` (at the very end only) | select the property *name*: each [`Match`] gets `key: true` and is identified by its `parent` slot; the start node (no parent) is dropped |
//! | `^` | the node each match was reached from (its `$ref`-aware parent); deeper ancestors follow the physical tree |
//! | `@property`, `@parentProperty` | in filters: the key (or index) of `@`, and of the node whose children are filtered |
//! | `@parent…`, `@root…` | in filters: queries from the node whose children are filtered, and from `$` |
//! | `@path` | in filters: `$['a'][0]`-style path of `@` in its own document |
//! | `===`, `!==` | strict equality (in `[?…]` the same as `==`/`!=`) |
//!
//! Anything else is a [`PathError`] with the byte offset of the offending
//! construct; nothing unsupported is accepted and silently matches nothing.
//! Not supported: `~` or `^` inside a filter query, `~` before the end,
//! `@object()`-style type selectors, JavaScript arithmetic (`+ - * /`),
//! the `in`/`nin`/`~=` operators, and JavaScript methods other than those
//! listed below.
//!
//! # Filters
//!
//! A filter is evaluated for each member value / item (`@`) of each node.
//! **Which semantics apply is decided by syntax**, because the two
//! dialects disagree and a ruleset cannot be told apart otherwise:
//!
//! * **`[?expr]` — RFC 9535.** A bare query is an *existence* test
//!   (`[?@.deprecated]` selects members that have `deprecated`, even
//!   `false`); a query with several results (`@.*`) is true when non-empty.
//!   `==` is type-strict with deep equality of arrays/objects (across
//!   `$ref`s in a resolved view); `<`, `<=`, `>`, `>=` compare two numbers
//!   or two strings (by code point), otherwise they are false except that
//!   `<=`/`>=` also hold when `==` holds (as RFC 9535 §2.3.5.2.2 defines
//!   them, so a missing value ("Nothing") `<=` Nothing is true). Nothing
//!   equals only Nothing. Functions: `length()` (characters of a string,
//!   items, members), `count()`, `value()`, `match()` (the I-Regexp must
//!   match the whole string), `search()` (anywhere); `.` in an I-Regexp
//!   excludes only `\n` and `\r`; an invalid pattern matches nothing. The
//!   RFC's well-typedness rules are enforced at parse time (`@.* == 1`,
//!   `length(@.a)` used as a test, `match(…) == true` are errors).
//!   Extensions allowed here too: `@property`, `@parentProperty`, `@path`,
//!   `@parent`, `@root` as values, `===`/`!==` (same as `==`/`!=`).
//! * **`[?( … )]`, parentheses around the whole filter — JavaScript, as
//!   JSONPath-Plus / Spectral evaluate it.** A bare value is tested for
//!   *truthiness* (`[?(@.deprecated)]` skips `deprecated: false`; `[?(@)]`
//!   skips `null`, `false`, `0`, `""`); a query with several results is
//!   true when non-empty. Missing members are `undefined`. `==`/`!=` are
//!   JavaScript loose equality (`1 == "1"`, `0 == ""`, `null ==
//!   undefined`), `===`/`!==` strict; arrays/objects are equal only to
//!   themselves (the same node); `<`, `<=`, `>`, `>=` compare two strings
//!   by UTF-16 units and anything else as numbers (`"400" >= 400`).
//!   Also available: `undefined`, `void 0`, `typeof x`, `x.length`
//!   (strings: UTF-16 units; arrays: items; objects: their `length`
//!   member), `x.constructor.name`, `@['x-y']`, `@.$ref`, `/regex/flags`
//!   literals (ECMAScript syntax via `regress`) and the methods `includes`,
//!   `startsWith`, `endsWith`, `indexOf`, `match` (truthy when it matches,
//!   `null` otherwise), `test` (on a regex), `toLowerCase`, `toUpperCase`,
//!   `trim`. As in JavaScript, reading a member of `undefined`/`null` or
//!   calling a method on the wrong type throws; a filter that throws does
//!   not select the node (so `[?(!@.tags.includes('x'))]` skips nodes
//!   without `tags`). The RFC functions work here too.
//!
//! So an RFC query written as `$[?(@.a)]` gets truthiness instead of an
//! existence test, and `[?(@ == $.x)]` compares arrays/objects by identity.
//! For scalars of the same type every comparison gives the same result in
//! both forms. Spectral rulesets use the parenthesised form, so they get
//! the semantics they were written for.
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
mod filter;
mod filter_js;
mod lexer;
mod parser;

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

impl JsonPath {
    /// Compiles a JSONPath (see the module docs for the syntax).
    pub fn parse(expr: &str) -> Result<JsonPath, PathError> {
        let p = parser::parse(expr)?;
        Ok(JsonPath {
            source: expr.to_string(),
            segments: p.segments,
            key: p.key,
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
