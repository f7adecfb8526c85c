//! Errors that stop a document or ruleset from being processed.

use crate::source::Range;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of input could not be processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// The text is not valid YAML or JSON, or exceeds a safety limit.
    Parse,
    /// The document is valid YAML/JSON but not Swagger 2.0 / OpenAPI 3.x.
    #[serde(rename = "not-openapi")]
    NotOpenApi,
    /// A `$ref` could not be read or points at nothing.
    Reference,
    /// The ruleset is invalid.
    Ruleset,
    /// Reading a file failed (CLI only).
    Io,
}

/// An error located in a file: the CLI prints it as `file:line:col: message`
/// and exits with code 2; the JSON report lists it under `errors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Error {
    /// What failed.
    pub kind: ErrorKind,
    /// The file the error is about.
    pub file: String,
    /// RFC 6901 pointer of the node involved, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Where in the file, when known.
    pub range: Option<Range>,
    /// The rule involved (ruleset errors).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// What went wrong, for people.
    pub message: String,
}

impl Error {
    /// An error of `kind` about `file`, without a place.
    pub fn new(kind: ErrorKind, file: impl Into<String>, message: impl Into<String>) -> Error {
        Error {
            kind,
            file: file.into(),
            pointer: None,
            range: None,
            rule: None,
            message: message.into(),
        }
    }

    /// The error at `range` of its file.
    pub fn at(mut self, range: Range) -> Error {
        self.range = Some(range);
        self
    }

    /// The error at the value of JSON pointer `pointer`.
    pub fn with_pointer(mut self, pointer: impl Into<String>) -> Error {
        self.pointer = Some(pointer.into());
        self
    }

    /// The error of rule `rule` (a rule that could not run).
    pub fn with_rule(mut self, rule: impl Into<String>) -> Error {
        self.rule = Some(rule.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(r) = &self.range {
            write!(f, ":{}:{}", r.start.line, r.start.column)?;
        }
        f.write_str(": ")?;
        if let Some(rule) = &self.rule {
            write!(f, "rule '{rule}': ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
