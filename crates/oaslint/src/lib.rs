//! # oaslint
//!
//! The engine of the oaslint OpenAPI linter. It takes text (YAML or JSON),
//! a [`Resolver`] for `$ref`'d files and a [`Ruleset`], and returns a
//! [`Report`] of findings, each with rule id, severity, message, file,
//! RFC 6901 pointer and a 1-based line:column range. It does no I/O of its
//! own, so the same code runs in the CLI, in WASM and inside other tools.
//!
//! ```
//! use oaslint::{Linter, MemoryResolver, RulesetLoader, FunctionRegistry, Severity};
//!
//! let registry = FunctionRegistry::default();
//! let files = MemoryResolver::new();
//! let ruleset = RulesetLoader::new(&files, &registry).load_builtin("zalando")?;
//! let linter = Linter::new(ruleset);
//!
//! let spec = "openapi: 3.0.3\ninfo:\n  title: Pets\n  version: v1\npaths: {}\n";
//! let report = linter.lint("pets.yaml", spec, &files);
//!
//! assert!(report.errors.is_empty());
//! let version = report.findings.iter().find(|f| f.rule == "116").unwrap();
//! assert_eq!(version.severity, Severity::Must);
//! assert_eq!(version.pointer, "/info/version");
//! assert_eq!((version.range.start.line, version.range.start.column), (4, 3));
//! # Ok::<(), oaslint::Error>(())
//! ```
//!
//! The JSON form of [`Report`] is a stable contract, described by the JSON
//! Schema in `docs/report.schema.json`.
//!
//! # Features
//!
//! - `docs` (default): each built-in function's documentation and options
//!   schema in the [`FunctionRegistry`]'s listing; without it the library
//!   is about 170 KB smaller (the WebAssembly build leaves it out).
//!
//! # Versions
//!
//! Before 1.0 a minor version (0.1 → 0.2) may change this API and a patch
//! version does not; the JSON report changes only by addition within its
//! format version ([`REPORT_FORMAT_VERSION`]); a change in what a built-in
//! rule reports changes that ruleset's version ([`BUILTIN_RULESETS`]). The
//! whole policy: `docs/compatibility.md` in the repository
//! (<https://github.com/oaslint/oaslint>).

pub mod diff;
mod document;
mod error;
pub mod function;
mod functions;
mod ignore;
mod js_regex;
mod jsonpath;
mod lint;
mod listing;
mod node;
mod parse;
mod report;
mod ruleset;
pub mod script;
mod severity;
mod source;
mod tree;
mod workspace;

pub use document::{Document, SpecFormat, Text};
pub use error::{Error, ErrorKind};
pub use functions::FunctionRegistry;
pub use lint::Linter;
pub use listing::{
    builtin_rule_title, RuleInfo, RulesetListing, DUPLICATE_KEY_RULE, REMOTE_REF_RULE,
};
pub use node::NodeRef;
pub use parse::Limits;
pub use report::{
    BaseLocation, DocumentInfo, Finding, IgnoreSite, IgnoredFinding, Report, RulesetInfo,
    SpectralLocation, Summary, ToolInfo, Truncation, DEFAULT_MAX_FINDINGS, REPORT_FORMAT_VERSION,
};
pub use ruleset::{
    lexical_path, Override, OverrideSetting, Rule, Ruleset, RulesetLoader, RulesetRef,
    BUILTIN_RULESETS, BUILTIN_RULE_IDS, OVERRIDE_ENTRY_KEYS, RULESET_KEYS, RULE_KEYS,
    RULE_OVERRIDE_KEYS,
};
pub use severity::{RuleSeverity, Severity};
pub use source::{LineIndex, Position, Range};
pub use workspace::{normalize_path, MemoryResolver, NoFiles, Resolver};

/// The parsers, the JSONPath evaluator and the workspace, for the
/// benchmarks (`oaslint-bench --jsonpath`) and the fuzz targets (`fuzz/`)
/// that exercise them on their own. Only with the feature `internals`:
/// not part of the API, no stability promise.
#[cfg(feature = "internals")]
#[doc(hidden)]
#[allow(missing_docs)]
pub mod internals {
    pub use crate::jsonpath::{Evaluator, JsonPath, PathError};
    pub use crate::parse::{parse, parse_json, parse_yaml, ParseError};
    pub use crate::workspace::Workspace;
}
