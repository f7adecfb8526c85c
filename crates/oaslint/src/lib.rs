//! # oaslint
//!
//! The engine of the oaslint OpenAPI linter. It takes text (YAML or JSON),
//! a [`Resolver`] for `$ref`'d files and a ruleset, and returns a report of
//! findings, each with rule id, severity, message, file, RFC 6901 pointer
//! and a 1-based line:column range. It does no I/O of its own, so the same
//! code runs in the CLI, in WASM and inside other tools.

pub mod document;
pub mod error;
pub mod functions;
pub mod jsonpath;
pub mod parse;
pub mod severity;
pub mod source;
pub mod tree;
pub mod workspace;

pub use document::{Document, SpecFormat};
pub use error::{Error, ErrorKind};
pub use severity::{RuleSeverity, Severity};
pub use source::{Position, Range};
pub use workspace::{MemoryResolver, NoFiles, Resolver};
