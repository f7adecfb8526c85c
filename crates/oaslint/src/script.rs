//! Custom JavaScript functions: the seam between the engine and a
//! JavaScript engine the application supplies.
//!
//! A Spectral ruleset may name functions written in JavaScript
//! (`functions: [name, …]`, files `functionsDir/name.js`). The engine crate
//! has no JavaScript engine of its own (its WebAssembly build stays small,
//! and the browser has one already): an application that wants such
//! rulesets to run gives the [`RulesetLoader`](crate::RulesetLoader) a
//! [`ScriptEngine`] with
//! [`RulesetLoader::with_script_engine`](crate::RulesetLoader::with_script_engine).
//! The CLI uses an embedded engine (crate `oaslint-script`), the WebAssembly
//! module the JavaScript engine it runs in.
//!
//! The engine compiles each function file once, when the ruleset loads
//! ([`ScriptEngine::compile`]), into a [`ScriptFunction`] that the linter
//! calls for every target of the rules using it, possibly from several
//! threads. Everything crossing the seam is JSON, so that an engine needs
//! no knowledge of oaslint's document model. What Spectral's
//! `createRulesetFunction` adds (validating `functionOptions` against its
//! `options` schema when the ruleset loads, and the input against its
//! `input` schema before each call) is done here, in Rust, from the
//! schemas the engine reports ([`FunctionSchemas`]): every engine behaves
//! the same.

use serde_json::Value as Json;
use std::cell::RefCell;
use std::sync::Arc;

/// One function module to compile: the text of `functionsDir/<name>.js`.
#[derive(Debug, Clone, Copy)]
pub struct ScriptModule<'a> {
    /// The function's name (`functions: [name]`, the file's stem).
    pub name: &'a str,
    /// The file as the ruleset's resolver names it (for errors).
    pub file: &'a str,
    /// The module's source text.
    pub source: &'a str,
}

/// A JavaScript engine able to run Spectral custom functions.
///
/// Implementations give functions no file system or network access, stop
/// a call that runs longer than their time limit or allocates more than
/// their memory limit (as an `Err`, never a panic or a hang), and provide
/// the modules Spectral functions import (`@stoplight/spectral-core`,
/// `@stoplight/spectral-functions`, `@stoplight/spectral-formats`); any
/// other import is an error naming the module.
pub trait ScriptEngine: Send + Sync {
    /// Compiles a function module (an ES module whose default export is the
    /// function, or a CommonJS module setting `module.exports`). `Err` says
    /// why it cannot be used (a syntax error, an unknown import, no
    /// function exported); the loader adds the file and the rule.
    fn compile(&self, module: ScriptModule<'_>) -> Result<Arc<dyn ScriptFunction>, String>;
}

/// A compiled custom function.
pub trait ScriptFunction: Send + Sync {
    /// The schemas the function declared with `createRulesetFunction`
    /// (both `None` for a plain function).
    fn schemas(&self) -> &FunctionSchemas;
    /// Calls the function. `Err` is a thrown error, a timeout or a memory
    /// limit (the linter adds the rule and the function's file).
    fn call(&self, call: &ScriptCall<'_>) -> Result<Vec<ScriptResult>, ScriptError>;
}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptError {
    /// What went wrong, for the user (`Error: …` for a thrown error).
    pub message: String,
    /// The call hit the time or memory limit: the function is not called
    /// again in this lint (each call would wait as long again).
    pub stops: bool,
}

impl ScriptError {
    /// A thrown error (the function is called again for the next target).
    pub fn thrown(message: impl Into<String>) -> ScriptError {
        ScriptError {
            message: message.into(),
            stops: false,
        }
    }

    /// A call stopped by a limit (the function is not called again).
    pub fn stopped(message: impl Into<String>) -> ScriptError {
        ScriptError {
            message: message.into(),
            stops: true,
        }
    }
}

/// What `createRulesetFunction({ input, options, errorOnInvalidInput }, fn)`
/// declared.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FunctionSchemas {
    /// The function was made by `createRulesetFunction`: its options are
    /// validated (against `options`, or must be absent when `options` is
    /// `null`).
    pub declared: bool,
    /// The JSON Schema of the input; an input that does not match is not
    /// passed to the function.
    pub input: Option<Json>,
    /// The JSON Schema of `functionOptions`.
    pub options: Option<Json>,
    /// An input that does not match `input` gives a result (the schema's
    /// `errorMessage`, else "invalid input") rather than none.
    pub error_on_invalid_input: bool,
}

/// The arguments of one call: Spectral's `(input, options, context)`.
pub struct ScriptCall<'a> {
    /// The target value (`None`: `undefined`, a `field` that is missing).
    pub target: Option<&'a Json>,
    /// The rule's `functionOptions` (`null` when it has none).
    pub options: &'a Json,
    /// `context.path`: the target's path in the document (keys as
    /// strings, array indexes as numbers).
    pub path: &'a [Json],
    /// `context.rule.name`.
    pub rule: &'a str,
    /// `context.document` and `context.documentInventory`.
    pub document: &'a dyn ScriptDocument,
}

/// The linted document as functions see it, made on demand: most
/// functions never look at it.
pub trait ScriptDocument {
    /// Identifies this document for the whole lint: an engine may keep
    /// what it made of [`ScriptDocument::data`] under this key.
    fn key(&self) -> u64;
    /// `context.document.source`: the document's name.
    fn source(&self) -> &str;
    /// `context.document.data`: the document as parsed, `$ref`s kept.
    fn data(&self) -> Json;
    /// `context.documentInventory.resolved`: the document with `$ref`s
    /// inlined.
    fn resolved(&self) -> Json;
}

/// One result of a function: `{ message, path? }`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptResult {
    /// The result's message (`{{error}}` in the rule's message).
    pub message: String,
    /// The absolute document path of the problem (Spectral's `path`);
    /// `None`: the target itself.
    pub path: Option<Vec<Json>>,
}

/// A failed call, recorded for the linter (which knows the rule and where
/// it is declared) by [`take_failures`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ScriptFailure {
    /// The function's file.
    pub file: String,
    /// The function's name.
    pub function: String,
    /// What went wrong.
    pub message: String,
    /// The function is not called again in this lint (a time or memory
    /// limit).
    pub stops: bool,
}

thread_local! {
    static FAILURES: RefCell<Vec<ScriptFailure>> = const { RefCell::new(Vec::new()) };
    static CURRENT_RULE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Records a failed call of a custom function on this thread.
pub(crate) fn record_failure(failure: ScriptFailure) {
    FAILURES.with(|f| f.borrow_mut().push(failure));
}

/// The failures recorded on this thread since the last call (the linter
/// drains them after each function call, as it does regex cut-offs).
pub(crate) fn take_failures() -> Vec<ScriptFailure> {
    FAILURES.with(|f| std::mem::take(&mut *f.borrow_mut()))
}

/// Sets the rule whose functions run next on this thread
/// (`context.rule.name`).
pub(crate) fn set_current_rule(id: &str) {
    CURRENT_RULE.with(|r| {
        let mut r = r.borrow_mut();
        r.clear();
        r.push_str(id);
    });
}

/// The rule set by [`set_current_rule`].
pub(crate) fn with_current_rule<T>(f: impl FnOnce(&str) -> T) -> T {
    CURRENT_RULE.with(|r| f(&r.borrow()))
}
