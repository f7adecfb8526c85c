//! The compiled form of a JSONPath expression.

use std::sync::Arc;

/// One step of a query.
#[derive(Debug, Clone)]
pub(crate) enum Segment {
    /// `.name`, `.*`, `[...]`: selectors applied to the children of each node.
    Child(Vec<Selector>),
    /// `..name`, `..*`, `..[...]`: selectors applied to the children of each
    /// node and of all its descendants.
    Descendant(Vec<Selector>),
    /// `^` (JSONPath-Plus): the node each node was reached from.
    Parent,
    /// `@object()`, `@string()`, … (JSONPath-Plus): keeps the nodes whose
    /// value has that type.
    Type(ValueType),
}

/// A JSONPath-Plus type selector, with JavaScript's view of the JSON
/// types (so `@object()` also keeps arrays, `typeof [] === "object"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueType {
    Null,
    Boolean,
    Number,
    Integer,
    String,
    Array,
    Object,
    /// Anything but an array or object (`null` included).
    Scalar,
    /// `@undefined()`, `@function()`, `@nonFinite()`: types a JSON
    /// document cannot hold, so they select nothing.
    Never,
}

impl ValueType {
    /// The selector named `name` (without `@` and `()`); `@other()` is not
    /// here because it needs a callback a ruleset cannot give.
    pub fn from_name(name: &str) -> Option<ValueType> {
        Some(match name {
            "null" => ValueType::Null,
            "boolean" => ValueType::Boolean,
            "number" => ValueType::Number,
            "integer" => ValueType::Integer,
            "string" => ValueType::String,
            "array" => ValueType::Array,
            "object" => ValueType::Object,
            "scalar" => ValueType::Scalar,
            "undefined" | "function" | "nonFinite" => ValueType::Never,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Selector {
    /// `['name']`, `.name`, unquoted `[name]`: an object member.
    Name(Box<str>),
    /// A dot name made of digits only (`.200`, a JSONPath-Plus form): the
    /// member of that name of an object, or the item of that index of an
    /// array.
    NameOrIndex(Box<str>, usize),
    /// `*`: every member value or item.
    Wildcard,
    /// `[i]`, negative from the end.
    Index(i64),
    /// `[start:end:step]`.
    Slice(Option<i64>, Option<i64>, Option<i64>),
    /// `[?expr]` or `[?(expr)]`.
    Filter(Box<Filter>),
}

#[derive(Debug, Clone)]
pub(crate) struct Filter {
    pub expr: Expr,
    /// How the expression is evaluated (see the module docs).
    pub semantics: Semantics,
}

/// How a filter expression is evaluated: as RFC 9535 defines it (parsed by
/// [`super::rfc9535`]) or as the JavaScript JSONPath-Plus runs (parsed by
/// [`super::plus`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Semantics {
    /// RFC 9535: existence tests, type-strict comparisons, "Nothing".
    Rfc9535,
    /// JavaScript: truthiness, loose `==`, `undefined`, exceptions.
    JavaScript,
}

/// Where a query inside a filter starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QueryRoot {
    /// `@`: the node being tested.
    Current,
    /// `$` or `@root`: the node the whole query started from.
    Root,
    /// `@parent`: the node whose children are being tested.
    Parent,
}

#[derive(Debug, Clone)]
pub(crate) struct Query {
    pub root: QueryRoot,
    pub segments: Vec<Segment>,
}

impl Query {
    /// A singular query: only single names and indexes (RFC 9535 §2.3.5.1).
    pub fn is_singular(&self) -> bool {
        self.segments.iter().all(|s| match s {
            Segment::Child(sels) => {
                sels.len() == 1
                    && matches!(
                        sels[0],
                        Selector::Name(_) | Selector::Index(_) | Selector::NameOrIndex(..)
                    )
            }
            _ => false,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Literal {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(Box<str>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    StrictEq,
    StrictNe,
    Lt,
    Le,
    Gt,
    Ge,
}

/// RFC 9535 function extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Func {
    Length,
    Count,
    Match,
    Search,
    Value,
}

impl Func {
    /// The RFC 9535 function called `name`, if there is one (both dialects
    /// know the same five).
    pub(crate) fn from_name(name: &str) -> Option<Func> {
        Some(match name {
            "length" => Func::Length,
            "count" => Func::Count,
            "match" => Func::Match,
            "search" => Func::Search,
            "value" => Func::Value,
            _ => return None,
        })
    }
}

/// JavaScript methods accepted in `[?( … )]` filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Includes,
    StartsWith,
    EndsWith,
    IndexOf,
    Match,
    Test,
    ToLowerCase,
    ToUpperCase,
    Trim,
}

impl Method {
    pub fn from_name(name: &str) -> Option<(Method, usize)> {
        Some(match name {
            "includes" => (Method::Includes, 1),
            "startsWith" => (Method::StartsWith, 1),
            "endsWith" => (Method::EndsWith, 1),
            "indexOf" => (Method::IndexOf, 1),
            "match" => (Method::Match, 1),
            "test" => (Method::Test, 1),
            "toLowerCase" => (Method::ToLowerCase, 0),
            "toUpperCase" => (Method::ToUpperCase, 0),
            "trim" => (Method::Trim, 0),
            _ => return None,
        })
    }
}

/// `@property`, `@parentProperty`, `@path` (JSONPath-Plus filters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Special {
    Property,
    ParentProperty,
    Path,
}

/// A compiled regular expression; `None` when the pattern is invalid (an
/// I-Regexp that does not compile never matches, RFC 9535 §2.4.6).
#[derive(Debug, Clone)]
pub(crate) struct Re(pub Option<Arc<crate::js_regex::JsPattern>>);

#[derive(Debug, Clone)]
pub(crate) enum Expr {
    Literal(Literal),
    Query(Box<Query>),
    Special(Special),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Compare(CmpOp, Box<Expr>, Box<Expr>),
    /// A function; for `match`/`search` with a literal pattern the compiled
    /// regular expression.
    Func(Func, Vec<Expr>, Option<Re>),
    /// `receiver.method(args)` (JavaScript filters).
    Method(Box<Expr>, Method, Vec<Expr>),
    /// `receiver.name` or `receiver[index]` after a value that is not a
    /// query, such as a method call or `@property` (JavaScript).
    Member(Box<Expr>, Box<str>),
    /// `typeof x`.
    TypeOf(Box<Expr>),
    /// A `/regex/flags` literal.
    Regex(Re),
    /// `@object()`, `@string()`, … inside a filter (Spectral's JSONPath
    /// engine): whether the node being tested has that type.
    IsType(ValueType),
}
