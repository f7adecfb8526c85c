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

use crate::jsonpath::Match;
use serde_json::Value as Json;
use std::cell::{Cell, RefCell};
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
    /// Whether the engine takes an object or array target from the
    /// documents it builds once per lint from [`ScriptDocument::data_text`]
    /// and [`ScriptDocument::refs`] ([`ScriptCall::node`]), rather than
    /// from a copy made for each call ([`ScriptCall::target`]). A copy
    /// inlines every `$ref` (a large document's schemas many times over),
    /// cuts `$ref` cycles, and a target of more than [`COPY_LIMIT`] nodes
    /// is an error of the rule instead of a call.
    fn takes_nodes(&self) -> bool {
        false
    }
}

/// The most nodes a copy of a target may have ([`ScriptFunction::takes_nodes`]).
pub const COPY_LIMIT: usize = 200_000;

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
    /// The target value (`None`: `undefined`, a `field` that is missing),
    /// as a copy. `None` as well when [`ScriptCall::node`] is set: the
    /// engine then takes the value from the documents.
    pub target: Option<&'a Json>,
    /// Where an object or array target is in the documents, for an engine
    /// that [takes nodes](ScriptFunction::takes_nodes) (`None` for other
    /// engines and other targets).
    pub node: Option<ScriptNode<'a>>,
    /// The rule's `functionOptions` (`null` when it has none).
    pub options: &'a Json,
    /// `context.path`: the target's path in the document (keys as
    /// strings, array indexes as numbers).
    pub path: &'a [Json],
    /// `context.rule.name`.
    pub rule: &'a str,
    /// `context.rule`: the rule as Spectral gives it to functions
    /// (`name`, `description`, `message`, `severity` as Spectral's number,
    /// `given`, `then`, `formats`, `recommended`, `documentationUrl`, …).
    pub rule_info: &'a Json,
    /// `context.document` and `context.documentInventory`.
    pub document: &'a dyn ScriptDocument,
}

/// A node of the lint's documents: a target an engine takes from the
/// documents it built ([`ScriptFunction::takes_nodes`]).
#[derive(Debug, Clone, Copy)]
pub struct ScriptNode<'a> {
    /// The document: an index into [`ScriptDocument::names`].
    pub doc: u32,
    /// The node's path in that document as written (member keys as
    /// strings, array indexes as numbers): it never passes through a
    /// `$ref`.
    pub path: &'a [Json],
    /// Take it from the resolved documents (`$ref`s replaced by their
    /// targets), else from the documents as parsed (a rule with
    /// `resolved: false`).
    pub resolved: bool,
}

/// The linted document as functions see it, made on demand: most
/// functions never look at it.
pub trait ScriptDocument {
    /// Identifies this document for the whole lint: an engine may keep
    /// what it made of the documents under this key.
    fn key(&self) -> u64;
    /// `context.document.source`: the document's name.
    fn source(&self) -> &str;
    /// `context.document.data`: the document as parsed, `$ref`s kept.
    fn data(&self) -> Json;
    /// `context.documentInventory.resolved` as a copy, for engines that
    /// take copies: `$ref`s inlined, a `$ref` cycle cut (the repeated node
    /// is `{}`), and at most [`COPY_LIMIT`] nodes (a larger document is
    /// recorded as an error of the rule, and the rest is `{}`).
    fn resolved(&self) -> Json;
    /// The names of the lint's documents: the linted one first, then each
    /// file its `$ref`s load.
    fn names(&self) -> Vec<String>;
    /// Document `doc` (an index into [`ScriptDocument::names`]) as parsed,
    /// `$ref`s kept, as JSON text.
    fn data_text(&self, doc: u32) -> String;
    /// Every `$ref` of the documents that resolves, one hop each (a target
    /// may be a `$ref` again), in document order. The resolved documents
    /// replace each `$ref` that is not [circular](ScriptRef::circular) by
    /// its target.
    fn refs(&self) -> Vec<ScriptRef>;
}

/// A `$ref` that resolves: the object holding it and the node it names.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptRef {
    /// The document of the object holding the `$ref`.
    pub doc: u32,
    /// That object's path in its document.
    pub path: Vec<Json>,
    /// The document of the target.
    pub target_doc: u32,
    /// The target's path in its document.
    pub target_path: Vec<Json>,
    /// Spectral's resolver leaves this `$ref` as it is: it is part of a
    /// cycle of `$ref`s (its target holds it, or leads back to the node
    /// holding it), so that the resolved document has no cycles.
    pub circular: bool,
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

/// `schema` of `@stoplight/spectral-functions` as the engines provide it to
/// custom functions: validates the JSON text `value` against the JSON
/// Schema text `schema` with oaslint's validator and answers the errors as
/// JSON text, `[{ "message": …, "path": [segment…] }]` (an unreadable text
/// is `null`; an invalid schema is one error saying so). Both engines (the
/// embedded one and the WebAssembly module's host) call this one function,
/// so that functions get the same answers everywhere.
pub fn validate_schema(value: &str, schema: &str) -> String {
    let parse = |t: &str| serde_json::from_str::<Json>(t).unwrap_or(Json::Null);
    let (value, schema) = (parse(value), parse(schema));
    let errors: Vec<Json> = match jsonschema::validator_for(&schema) {
        Ok(validator) => validator
            .iter_errors(&value)
            .map(|e| {
                let path: Vec<Json> = e
                    .instance_path()
                    .as_str()
                    .split('/')
                    .skip(1)
                    .map(|s| Json::String(s.replace("~1", "/").replace("~0", "~")))
                    .collect();
                serde_json::json!({ "message": e.to_string(), "path": path })
            })
            .collect(),
        Err(e) => {
            vec![serde_json::json!({ "message": format!("invalid schema: {e}"), "path": [] })]
        }
    };
    Json::Array(errors).to_string()
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

/// The rule whose functions run next on a thread, as custom functions see
/// it.
#[derive(Debug, Default)]
pub(crate) struct CurrentRule {
    /// `context.rule.name`.
    pub id: String,
    /// `context.rule`.
    pub info: Json,
    /// The `field` of each `then` entry (for `context.path`).
    pub fields: Vec<Option<crate::ruleset::Field>>,
}

thread_local! {
    static FAILURES: RefCell<Vec<ScriptFailure>> = const { RefCell::new(Vec::new()) };
    static CURRENT_RULE: RefCell<Option<CurrentRule>> = const { RefCell::new(None) };
    static CURRENT_MATCH: Cell<Option<(Match, usize)>> = const { Cell::new(None) };
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

/// Sets the rule whose functions run next on this thread (the linter sets
/// it before running each rule).
pub(crate) fn set_current_rule(rule: &crate::ruleset::Rule) {
    CURRENT_RULE.with(|r| {
        *r.borrow_mut() = Some(CurrentRule {
            id: rule.id.clone(),
            info: rule_info(rule),
            fields: rule.then.iter().map(|t| t.field.clone()).collect(),
        })
    });
    CURRENT_MATCH.with(|m| m.set(None));
}

/// Sets the match of the rule's `given` and the index of the `then`
/// entry whose targets the next function calls on this thread get (the
/// linter sets it for each; `context.path` is computed from it).
pub(crate) fn set_current_match(m: &Match, then: usize) {
    CURRENT_MATCH.with(|c| c.set(Some((*m, then))));
}

/// The match and `then` entry set by [`set_current_match`].
pub(crate) fn current_match() -> Option<(Match, usize)> {
    CURRENT_MATCH.with(Cell::get)
}

/// Runs `f` with the rule set by [`set_current_rule`] (an empty one when
/// none was set).
pub(crate) fn with_current_rule<T>(f: impl FnOnce(&CurrentRule) -> T) -> T {
    CURRENT_RULE.with(|r| match &*r.borrow() {
        Some(rule) => f(rule),
        None => f(&CurrentRule::default()),
    })
}

/// `context.rule` of a rule: the members of Spectral's `Rule` that
/// functions read. `severity` is Spectral's number (0 error, 1 warn,
/// 2 info, 3 hint; -1 off); `then[].function` is the function's name (as
/// in Spectral's `Rule.toJSON`), not the function itself; a `field` path
/// is given dotted.
fn rule_info(rule: &crate::ruleset::Rule) -> Json {
    use crate::ruleset::Field;
    use crate::severity::Severity;
    let text = |s: &Option<String>| s.as_ref().map_or(Json::Null, |s| Json::from(s.as_str()));
    let severity = match rule.severity.level() {
        Some(Severity::Must) => 0,
        Some(Severity::Should) => 1,
        Some(Severity::May) => 2,
        Some(Severity::Hint) => 3,
        None => -1,
    };
    let then: Vec<Json> = rule
        .then
        .iter()
        .map(|t| {
            let mut entry = serde_json::Map::new();
            if let Some(field) = &t.field {
                let field = match field {
                    Field::Keys => "@key".to_string(),
                    Field::Path(segments) => segments.join("."),
                    Field::Query(query) => query.source().to_string(),
                };
                entry.insert("field".into(), Json::from(field));
            }
            entry.insert("function".into(), Json::from(t.function_name.as_str()));
            if !t.function_options.is_null() {
                entry.insert("functionOptions".into(), t.function_options.clone());
            }
            Json::Object(entry)
        })
        .collect();
    serde_json::json!({
        "name": rule.id,
        "description": text(&rule.description),
        "message": text(&rule.message),
        "severity": severity,
        "resolved": rule.resolved,
        "formats": if rule.formats.is_empty() { Json::Null } else { Json::from(rule.formats.clone()) },
        "enabled": true,
        "recommended": rule.recommended,
        "documentationUrl": text(&rule.link),
        "given": rule.given.iter().map(|g| g.source()).collect::<Vec<_>>(),
        "then": then,
        "extensions": Json::Null,
    })
}
