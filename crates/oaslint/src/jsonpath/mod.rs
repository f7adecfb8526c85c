//! JSONPath for rule `given`s and `field`s, evaluated on the document tree.
//!
//! (Being written: see the module docs once implemented.)

use crate::workspace::{Loc, View};

/// A compiled JSONPath expression.
#[derive(Debug, Clone)]
pub struct JsonPath {
    source: String,
}

/// A syntax error in a JSONPath expression, at a byte offset of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub message: String,
    pub offset: usize,
}

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
    pub fn parse(expr: &str) -> Result<JsonPath, PathError> {
        Ok(JsonPath {
            source: expr.to_string(),
        })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// Evaluates the query from `start`.
    pub fn query(&self, _view: &View<'_>, _start: Loc) -> Vec<Match> {
        Vec::new()
    }
}
