//! Spectral custom JavaScript functions for oaslint, run in an embedded
//! QuickJS engine ([`QuickJsEngine`], an [`oaslint::script::ScriptEngine`]).
//!
//! A function runs with no file system, network or process access: the
//! engine has only the JavaScript language and the three modules Spectral
//! functions import (`@stoplight/spectral-core`,
//! `@stoplight/spectral-functions`, `@stoplight/spectral-formats`); any
//! other import or `require` fails when the ruleset loads. Each call has a
//! time limit (an interrupt handler checks a deadline) and each engine
//! instance a memory limit; hitting either ends the call with an error,
//! never a hang or a crash.
//!
//! QuickJS runtimes cannot move between threads, while oaslint calls
//! functions from several: each thread keeps its own instance of an engine
//! (a runtime with the function modules loaded on first use), and a
//! compiled function is only its source and what the first compilation
//! learnt (its schemas).

use oaslint::script::{
    FunctionSchemas, ScriptCall, ScriptDocument, ScriptEngine, ScriptError, ScriptFunction,
    ScriptModule, ScriptResult,
};
use rquickjs::{CatchResultExt, CaughtError, Context, Ctx, Function, Module, Persistent, Runtime};
use serde_json::Value as Json;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

mod pure;

/// The modules functions may import, by specifier.
const MODULES: &[(&str, &str)] = &[
    (
        "@stoplight/spectral-core",
        include_str!("../js/spectral-core.mjs"),
    ),
    (
        "@stoplight/spectral-formats",
        include_str!("../js/spectral-formats.mjs"),
    ),
    (
        "@stoplight/spectral-functions",
        include_str!("../js/spectral-functions.mjs"),
    ),
];

/// oaslint's own modules, imported by the bootstrap: the documents of a
/// lint as functions see them, and the `URL` global QuickJS lacks.
const INTERNAL_MODULES: &[(&str, &str)] = &[
    (
        "oaslint:document",
        include_str!("../js/oaslint-document.mjs"),
    ),
    ("oaslint:url", include_str!("../js/url.mjs")),
];

/// Set up in every instance: CommonJS `require` of the same modules,
/// the call context, and error descriptions.
const BOOTSTRAP: &str = r#"
import * as core from "@stoplight/spectral-core";
import * as formats from "@stoplight/spectral-formats";
import * as functions from "@stoplight/spectral-functions";
import { dependencyGraph, nodeAt, resolveDocuments } from "oaslint:document";
import { URL, URLSearchParams } from "oaslint:url";
const isContainer = (v) => typeof v === "object" && v !== null;
// Freezes everything reachable from `roots` (shared and cyclic subtrees
// once).
const freezeAll = (roots) => {
  const stack = roots.filter(isContainer);
  while (stack.length > 0) {
    const node = stack.pop();
    // Parsed JSON is extensible until frozen here (`isFrozen` would list
    // the members).
    if (!Object.isExtensible(node)) continue;
    Object.freeze(node);
    for (const child of Object.values(node)) if (isContainer(child) && Object.isExtensible(child)) stack.push(child);
  }
};
const modules = {
  "@stoplight/spectral-core": core,
  "@stoplight/spectral-formats": formats,
  "@stoplight/spectral-functions": functions,
};
const hidden = (name, value) =>
  Object.defineProperty(globalThis, name, { value, enumerable: false, writable: true });
hidden("__oaslintRequire", (name) => {
  if (Object.hasOwn(modules, name)) return modules[name];
  throw new Error(`Cannot find module '${name}': oaslint provides only ${Object.keys(modules).join(", ")} to custom functions`);
});
// Globals of Node.js and browsers that functions use and QuickJS lacks.
if (typeof globalThis.URL === "undefined") hidden("URL", URL);
if (typeof globalThis.URLSearchParams === "undefined") hidden("URLSearchParams", URLSearchParams);
hidden("__oaslintDocs", { source: "", data: undefined, resolved: undefined, dataRoots: [], resolvedRoots: [], graph: null });
// The documents' roots, and what `JSON.stringify` made of each (below).
let documentRoots = new WeakSet();
let stringified = new WeakMap();
// The documents of a lint: built once, then each call's target is taken
// from them by its place. They are frozen: the calls of one lint run in
// several engine instances (one per thread), so a write by one function
// would be seen by some later calls and not by others.
hidden("__oaslintLoad", (source, names, data, refs) => {
  const resolvedRoots = resolveDocuments(data, refs);
  freezeAll([...data, ...resolvedRoots]);
  documentRoots = new WeakSet([...data, ...resolvedRoots].filter(isContainer));
  stringified = new WeakMap();
  globalThis.__oaslintDocs = {
    source,
    data: data[0],
    resolved: resolvedRoots[0],
    dataRoots: data,
    resolvedRoots,
    graph: dependencyGraph(names, refs),
  };
});
hidden("__oaslintNode", (doc, path, resolved) => {
  const docs = globalThis.__oaslintDocs;
  return nodeAt((resolved ? docs.resolvedRoots : docs.dataRoots)[doc], JSON.parse(path));
});
hidden("__oaslintContext", (path, rule) => {
  const docs = globalThis.__oaslintDocs;
  const document = { source: docs.source, data: docs.data };
  return {
    path,
    rule,
    document,
    documentInventory: { document, resolved: docs.resolved, unresolved: docs.data, source: docs.source, graph: docs.graph },
  };
});
// Only what Spectral reads of a result: its message and path (a result
// may carry other members, even the cyclic target itself).
hidden("__oaslintResults", (value) =>
  Array.isArray(value)
    ? value.map((r) => (typeof r === "object" && r !== null ? { message: r.message, path: Array.isArray(r.path) ? r.path : undefined } : r))
    : value,
);
// `JSON.stringify` of a document's root is made once per lint: functions
// that notice a changed document by its text (azure's) ask for it on every
// call. The root is frozen, so only a `toJSON` on a prototype could change
// the text; with one, every call stringifies.
let memoOff = false;
hidden("__oaslintMemoOff", () => {
  memoOff = true;
});
const stringify = JSON.stringify;
// Taken now: a function module may replace these later (and such a module
// switches the memo, and this cache, off).
const apply = Reflect.apply;
const prototypes = [Object.prototype, Array.prototype, String.prototype, Number.prototype, Boolean.prototype];
const anyToJSON = () => {
  for (const p of prototypes) if ("toJSON" in p) return true;
  return false;
};
Object.defineProperty(JSON, "stringify", {
  value: function stringify_(value, replacer, space) {
    if (!memoOff && replacer === undefined && space === undefined && documentRoots.has(value) && !anyToJSON()) {
      let text = stringified.get(value);
      if (text === undefined) {
        text = stringify(value);
        stringified.set(value, text);
      }
      return text;
    }
    return apply(stringify, JSON, arguments);
  },
  writable: true,
  configurable: true,
});
Object.defineProperty(JSON.stringify, "name", { value: "stringify" });
// Remembers the results of a pure function (`src/pure.rs` decides which
// and installs this on them) for primitive arguments and a primitive
// result; a module that can replace built-ins switches it off.
const MEMO_ENTRIES = 4096;
const MEMO_CHARS = 1 << 24;
// `-0` is no key: a `Map` does not tell it from `0`.
const isKey = (v) => v === null || (typeof v !== "object" && typeof v !== "function" && typeof v !== "symbol" && !Object.is(v, -0));
hidden("__oaslintMemo", (fn, arity) => {
  let results = new Map();
  let entries = 0;
  let chars = 0;
  let last = null;
  return function memo(a, b) {
    const first = arity > 0 ? a : undefined;
    const second = arity > 1 ? b : undefined;
    if (memoOff || !isKey(first) || !isKey(second)) return apply(fn, this, arguments);
    // The same arguments as the last call (a document's text, say) are
    // compared before any hashing.
    if (last !== null && last.first === first && last.second === second) return last.result;
    const known = results.get(first);
    if (known !== undefined && known.has(second)) {
      last = { first, second, result: known.get(second) };
      return last.result;
    }
    const result = apply(fn, this, arguments);
    if (typeof result === "object" ? result !== null : typeof result === "function") return result;
    if (entries >= MEMO_ENTRIES || chars >= MEMO_CHARS) {
      results = new Map();
      entries = 0;
      chars = 0;
    }
    let inner = results.get(first);
    if (inner === undefined) {
      inner = new Map();
      results.set(first, inner);
      if (typeof first === "string") chars += first.length;
    }
    inner.set(second, result);
    if (typeof second === "string") chars += second.length;
    entries += 1;
    last = { first, second, result };
    return result;
  };
});
hidden("__oaslintDescribe", (e) => {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  try { return `uncaught ${typeof e}: ${String(e)}`; } catch { return "uncaught value"; }
});
"#;

/// The default time limit of one call.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(1);
/// The default memory limit of an engine instance (one per thread): room
/// for a large document, parsed and resolved.
pub const DEFAULT_MEMORY_LIMIT: usize = 512 << 20;
/// The JavaScript stack limit: well inside the 2 MiB of a Rust thread.
const STACK_LIMIT: usize = 512 << 10;

/// Runs custom functions in QuickJS.
#[derive(Debug)]
pub struct QuickJsEngine {
    limits: Arc<Limits>,
}

#[derive(Debug)]
struct Limits {
    /// Identifies the engine's instances in each thread.
    engine: u64,
    time: Duration,
    memory: usize,
}

impl Default for QuickJsEngine {
    fn default() -> Self {
        Self::new(DEFAULT_TIME_LIMIT, DEFAULT_MEMORY_LIMIT)
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl QuickJsEngine {
    /// An engine whose calls stop after `time` and whose instances (one
    /// per thread) allocate at most `memory` bytes.
    pub fn new(time: Duration, memory: usize) -> QuickJsEngine {
        QuickJsEngine {
            limits: Arc::new(Limits {
                engine: NEXT_ID.fetch_add(1, Ordering::Relaxed),
                time,
                memory,
            }),
        }
    }
}

impl ScriptEngine for QuickJsEngine {
    fn compile(&self, module: ScriptModule<'_>) -> Result<Arc<dyn ScriptFunction>, String> {
        let touches_builtins = pure::touches_builtins(module.source);
        let source = Arc::new(Source {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            file: module.file.to_string(),
            text: module.source.to_string(),
            // A module that can replace built-ins keeps its functions as
            // written (it could also name its own `__oaslintMemo`).
            with_memo: (!touches_builtins)
                .then(|| pure::with_memo(module.source))
                .flatten(),
            touches_builtins,
        });
        let schemas = with_instance(&self.limits, |instance| instance.load(&source))?;
        Ok(Arc::new(QuickJsFunction {
            limits: self.limits.clone(),
            source,
            schemas,
        }))
    }
}

/// A function's module source.
struct Source {
    id: u64,
    file: String,
    text: String,
    /// The text with a memo on its pure functions ([`pure`]), if it has
    /// any.
    with_memo: Option<String>,
    /// Whether the module could replace built-ins a pure function uses.
    touches_builtins: bool,
}

struct QuickJsFunction {
    limits: Arc<Limits>,
    source: Arc<Source>,
    schemas: FunctionSchemas,
}

impl ScriptFunction for QuickJsFunction {
    fn schemas(&self) -> &FunctionSchemas {
        &self.schemas
    }

    fn takes_nodes(&self) -> bool {
        true
    }

    fn call(&self, call: &ScriptCall<'_>) -> Result<Vec<ScriptResult>, ScriptError> {
        let outcome = with_instance(&self.limits, |instance| {
            if !instance.functions.contains_key(&self.source.id) {
                instance.load(&self.source).map_err(ScriptError::thrown)?;
            }
            instance.call(&self.source, call, self.limits.time)
        });
        if let Err(e) = &outcome {
            if e.message.contains("out of memory") {
                // The runtime may be left half-built: start afresh.
                INSTANCES.with(|i| i.borrow_mut().remove(&self.limits.engine));
            }
        }
        outcome
    }
}

thread_local! {
    /// This thread's instance of each engine.
    static INSTANCES: RefCell<HashMap<u64, Instance>> = RefCell::new(HashMap::new());
}

fn with_instance<T>(limits: &Limits, f: impl FnOnce(&mut Instance) -> T) -> T {
    INSTANCES.with(|instances| {
        let mut instances = instances.borrow_mut();
        let instance = instances
            .entry(limits.engine)
            .or_insert_with(|| Instance::new(limits.memory));
        f(instance)
    })
}

/// One QuickJS runtime with the modules and the functions loaded so far.
struct Instance {
    // Dropped before the runtime that holds them.
    functions: HashMap<u64, Persistent<Function<'static>>>,
    /// The lint whose documents `__oaslintDocs` holds
    /// ([`ScriptDocument::key`]).
    document: Option<u64>,
    deadline: Rc<Cell<Option<Instant>>>,
    context: Context,
    runtime: Runtime,
    /// Why the instance cannot run anything (set up failed).
    broken: Option<String>,
}

impl Instance {
    fn new(memory: usize) -> Instance {
        let runtime = Runtime::new().expect("QuickJS runtime");
        runtime.set_memory_limit(memory);
        runtime.set_max_stack_size(STACK_LIMIT);
        let deadline: Rc<Cell<Option<Instant>>> = Rc::new(Cell::new(None));
        let watch = deadline.clone();
        runtime.set_interrupt_handler(Some(Box::new(move || {
            watch.get().is_some_and(|d| Instant::now() >= d)
        })));
        let context = Context::full(&runtime).expect("QuickJS context");
        let broken = context.with(|ctx| set_up(&ctx).err());
        Instance {
            functions: HashMap::new(),
            document: None,
            deadline,
            context,
            runtime,
            broken,
        }
    }

    /// Loads a function module into this instance; returns its schemas.
    fn load(&mut self, source: &Source) -> Result<FunctionSchemas, String> {
        if let Some(why) = &self.broken {
            return Err(why.clone());
        }
        self.deadline
            .set(Some(Instant::now() + Duration::from_secs(5)));
        let loaded = self.context.with(|ctx| -> Result<_, String> {
            if source.touches_builtins {
                let off: Function = ctx
                    .globals()
                    .get("__oaslintMemoOff")
                    .map_err(|e| e.to_string())?;
                off.call::<_, ()>(()).map_err(|e| e.to_string())?;
            }
            let load = |text: &str, name: String| {
                if is_es_module(text) {
                    load_es_module(&ctx, text, name)
                } else {
                    load_commonjs(&ctx, text)
                }
            };
            let name = format!("{}#{}", source.file, source.id);
            // The memo only appends to the source; should that fail to
            // load, the module runs as written.
            let f = match &source.with_memo {
                Some(text) => {
                    load(text, format!("{name}+memo")).or_else(|_| load(&source.text, name))?
                }
                None => load(&source.text, name)?,
            };
            let schemas = schemas_of(&ctx, &f)?;
            Ok((Persistent::save(&ctx, f), schemas))
        });
        self.deadline.set(None);
        let (f, schemas) = loaded?;
        self.functions.insert(source.id, f);
        Ok(schemas)
    }

    /// Builds the documents of the lint `call.document` belongs to, when
    /// this instance holds another lint's (or none).
    fn load_documents(&mut self, document: &dyn ScriptDocument) -> Result<(), ScriptError> {
        let key = document.key();
        if self.document == Some(key) {
            return Ok(());
        }
        // Free the last lint's documents before building these. Building
        // them is oaslint's work, not the function's: no time limit.
        self.document = None;
        self.deadline.set(None);
        self.context.with(|ctx| {
            let _ = ctx
                .globals()
                .get::<_, rquickjs::Object>("__oaslintDocs")
                .and_then(|docs| {
                    docs.set("dataRoots", rquickjs::Value::new_undefined(ctx.clone()))?;
                    docs.set("resolvedRoots", rquickjs::Value::new_undefined(ctx.clone()))?;
                    docs.set("data", rquickjs::Value::new_undefined(ctx.clone()))?;
                    docs.set("resolved", rquickjs::Value::new_undefined(ctx.clone()))
                });
        });
        self.runtime.run_gc();
        self.context
            .with(|ctx| -> Result<(), ScriptError> {
                let fail = |e: rquickjs::Error| describe(&ctx, e);
                let names = document.names();
                let data = rquickjs::Array::new(ctx.clone()).map_err(fail)?;
                for doc in 0..names.len() {
                    let text = document.data_text(doc as u32);
                    data.set(doc, ctx.json_parse(text).map_err(fail)?)
                        .map_err(fail)?;
                }
                let refs: Vec<Json> = document
                    .refs()
                    .into_iter()
                    .map(|r| {
                        serde_json::json!([r.doc, r.path, r.target_doc, r.target_path, r.circular])
                    })
                    .collect();
                let refs = ctx
                    .json_parse(Json::Array(refs).to_string())
                    .map_err(fail)?;
                let load: Function = ctx.globals().get("__oaslintLoad").map_err(fail)?;
                load.call::<_, ()>((document.source(), names, data, refs))
                    .map_err(fail)
            })
            .map_err(|e| {
                ScriptError::stopped(format!(
                    "building the documents for the function: {}",
                    e.message
                ))
            })?;
        self.document = Some(key);
        Ok(())
    }

    fn call(
        &mut self,
        source: &Source,
        call: &ScriptCall<'_>,
        limit: Duration,
    ) -> Result<Vec<ScriptResult>, ScriptError> {
        let f = self.functions[&source.id].clone();
        self.load_documents(call.document)?;
        let started = Instant::now();
        self.deadline.set(Some(started + limit));
        let outcome = self.context.with(|ctx| -> Result<Json, ScriptError> {
            let fail = |e: rquickjs::Error| describe(&ctx, e);
            let f = f.restore(&ctx).map_err(fail)?;
            let target = match (call.node, call.target) {
                (Some(node), _) => {
                    let at: Function = ctx.globals().get("__oaslintNode").map_err(fail)?;
                    let path = Json::Array(node.path.to_vec()).to_string();
                    at.call((node.doc, path, node.resolved)).map_err(fail)?
                }
                (None, Some(v)) => ctx.json_parse(v.to_string()).map_err(fail)?,
                (None, None) => rquickjs::Value::new_undefined(ctx.clone()),
            };
            let options = ctx.json_parse(call.options.to_string()).map_err(fail)?;
            let path = ctx
                .json_parse(Json::Array(call.path.to_vec()).to_string())
                .map_err(fail)?;
            let make_context: Function = ctx.globals().get("__oaslintContext").map_err(fail)?;
            let rule = ctx.json_parse(call.rule_info.to_string()).map_err(fail)?;
            let context: rquickjs::Value = make_context.call((path, rule)).map_err(fail)?;
            let mut value: rquickjs::Value = f.call((target, options, context)).map_err(fail)?;
            if let Some(promise) = value.as_promise() {
                value = promise.finish().map_err(fail)?;
            }
            if value.is_undefined() || value.is_null() {
                return Ok(Json::Null);
            }
            let only_results: Function = ctx.globals().get("__oaslintResults").map_err(fail)?;
            let value: rquickjs::Value = only_results.call((value,)).map_err(fail)?;
            let text = ctx
                .json_stringify(value)
                .map_err(fail)?
                .map(|s| s.to_string())
                .transpose()
                .map_err(fail)?;
            Ok(text
                .and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or(Json::Null))
        });
        self.deadline.set(None);
        let json = outcome.map_err(|e| {
            if Instant::now() >= started + limit && e.message.contains("interrupted") {
                ScriptError::stopped(format!(
                    "it ran longer than the time limit of {}",
                    seconds(limit)
                ))
            } else if e.message.contains("out of memory") {
                ScriptError::stopped(format!("{} (the memory limit)", e.message))
            } else {
                e
            }
        })?;
        results(json).map_err(ScriptError::thrown)
    }
}

fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

/// Declares the modules functions may import and runs the bootstrap.
fn set_up(ctx: &Ctx<'_>) -> Result<(), String> {
    let validate_schema =
        |value: String, schema: String| oaslint::script::validate_schema(&value, &schema);
    Function::new(ctx.clone(), validate_schema)
        .and_then(|f| ctx.globals().set("__oaslintSchema", f))
        .map_err(|e| format!("oaslint's schema function: {e}"))?;
    for (name, text) in MODULES.iter().chain(INTERNAL_MODULES) {
        Module::declare(ctx.clone(), *name, *text)
            .catch(ctx)
            .map_err(|e| format!("oaslint's module {name}: {e}"))?;
    }
    let (_, done) = Module::declare(ctx.clone(), "oaslint:bootstrap", BOOTSTRAP)
        .and_then(|m| m.eval())
        .catch(ctx)
        .map_err(|e| format!("oaslint's bootstrap: {e}"))?;
    done.finish::<()>()
        .catch(ctx)
        .map_err(|e| format!("oaslint's bootstrap: {e}"))
}

/// Whether a source is an ES module (an `import` or `export` statement at
/// the start of a line) rather than CommonJS.
fn is_es_module(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        ["import ", "import{", "import\"", "import'", "export "]
            .iter()
            .any(|p| line.starts_with(p))
    })
}

fn load_es_module<'js>(ctx: &Ctx<'js>, text: &str, name: String) -> Result<Function<'js>, String> {
    let (module, done) = Module::declare(ctx.clone(), name, text)
        .and_then(|m| m.eval())
        .catch(ctx)
        .map_err(|e| load_error(&e))?;
    done.finish::<()>().catch(ctx).map_err(|e| load_error(&e))?;
    let export: rquickjs::Value = module
        .get("default")
        .catch(ctx)
        .map_err(|e| load_error(&e))?;
    export
        .into_function()
        .ok_or_else(|| "the module's default export is not a function".to_string())
}

fn load_commonjs<'js>(ctx: &Ctx<'js>, text: &str) -> Result<Function<'js>, String> {
    let wrapper = format!("(function (module, exports, require) {{\n{text}\n}})");
    let run = || -> rquickjs::Result<rquickjs::Value<'js>> {
        // Sloppy code, as Node runs CommonJS (rquickjs' default is strict).
        let mut options = rquickjs::context::EvalOptions::default();
        options.strict = false;
        let f: Function = ctx.eval_with_options(wrapper.as_bytes().to_vec(), options)?;
        let module = rquickjs::Object::new(ctx.clone())?;
        let exports = rquickjs::Object::new(ctx.clone())?;
        module.set("exports", exports.clone())?;
        let require: Function = ctx.globals().get("__oaslintRequire")?;
        f.call::<_, ()>((module.clone(), exports, require))?;
        let exported: rquickjs::Value = module.get("exports")?;
        // A transpiled ES module: `exports.default = fn`.
        if let Some(o) = exported.as_object() {
            if !exported.is_function() {
                let default: rquickjs::Value = o.get("default")?;
                if default.is_function() {
                    return Ok(default);
                }
            }
        }
        Ok(exported)
    };
    let exported = run().catch(ctx).map_err(|e| load_error(&e))?;
    exported
        .into_function()
        .ok_or_else(|| "`module.exports` is not a function".to_string())
}

/// A failure to load a module, worded for the user.
fn load_error(e: &CaughtError<'_>) -> String {
    let text = match e {
        CaughtError::Exception(x) => {
            let message = x.message().unwrap_or_default();
            let name: String = x.get("name").unwrap_or_else(|_| "Error".to_string());
            format!("{name}: {message}")
        }
        other => other.to_string(),
    };
    if let Some(rest) = text.split("could not load module '").nth(1) {
        let module = rest.split('\'').next().unwrap_or(rest);
        return format!(
            "it imports '{module}', which is not available: oaslint provides only {} to custom functions (no file system, network or other packages)",
            MODULES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
        );
    }
    text.lines().next().unwrap_or_default().to_string()
}

/// What `createRulesetFunction` declared on `f` (its hidden
/// `__oaslintSchemas`).
fn schemas_of<'js>(ctx: &Ctx<'js>, f: &Function<'js>) -> Result<FunctionSchemas, String> {
    let declared: rquickjs::Value = f.get("__oaslintSchemas").map_err(|e| e.to_string())?;
    if declared.is_undefined() {
        return Ok(FunctionSchemas::default());
    }
    let text = ctx
        .json_stringify(declared)
        .map_err(|e| e.to_string())?
        .map(|s| s.to_string())
        .transpose()
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    let json: Json = serde_json::from_str(&text).unwrap_or(Json::Null);
    let schema = |k: &str| json.get(k).filter(|v| !v.is_null()).cloned();
    Ok(FunctionSchemas {
        declared: true,
        input: schema("input"),
        options: schema("options"),
        error_on_invalid_input: json.get("errorOnInvalidInput") == Some(&Json::Bool(true)),
    })
}

/// A failed call as the user reads it: `Name: message` of the thrown
/// error (the first line), or QuickJS's own error.
fn describe(ctx: &Ctx<'_>, e: rquickjs::Error) -> ScriptError {
    let thrown = if e.is_exception() {
        let value = ctx.catch();
        ctx.globals()
            .get::<_, Function>("__oaslintDescribe")
            .and_then(|d| d.call::<_, String>((value,)))
            .unwrap_or_else(|_| "an error was thrown".to_string())
    } else {
        e.to_string()
    };
    ScriptError::thrown(thrown)
}

/// A function's return value as results: nothing, or an array of
/// `{ message, path? }`.
fn results(json: Json) -> Result<Vec<ScriptResult>, String> {
    let items = match json {
        Json::Null => return Ok(Vec::new()),
        Json::Array(items) => items,
        other => {
            return Err(format!(
                "it returned {}, not an array of results",
                type_name(&other)
            ))
        }
    };
    items
        .into_iter()
        .map(|item| {
            let message = match item.get("message") {
                Some(Json::String(s)) => s.clone(),
                Some(other) if !other.is_null() => other.to_string(),
                _ => return Err("a result has no `message`".to_string()),
            };
            let path = match item.get("path") {
                Some(Json::Array(p)) => Some(p.clone()),
                _ => None,
            };
            Ok(ScriptResult { message, path })
        })
        .collect()
}

fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `script` (a function body) returns, as JSON, in a fresh
    /// instance.
    fn run(script: &str) -> Json {
        let instance = Instance::new(DEFAULT_MEMORY_LIMIT);
        assert_eq!(instance.broken, None);
        instance.context.with(|ctx| {
            let text: String = ctx
                .eval(format!("JSON.stringify((() => {{ {script} }})())"))
                .catch(&ctx)
                .unwrap_or_else(|e| panic!("{e}"));
            serde_json::from_str(&text).unwrap()
        })
    }

    #[test]
    fn the_memo_remembers_results_for_primitive_arguments_only() {
        let got = run(r#"
            let runs = 0;
            const length = __oaslintMemo((s) => { runs += 1; return s.length; }, 1);
            const counts = [];
            // The same text twice, then an equal one built anew: one run.
            length("abc"); length("abc"); length(["ab", "c"].join(""));
            counts.push(runs);
            // An argument past the arity is no part of the key.
            length("abc", 1); length("abc", 2);
            counts.push(runs);
            // An object: run every time.
            const o = { length: 7 };
            length(o); length(o);
            counts.push(runs);
            // A result that is an object is not remembered: each caller
            // gets its own.
            let made = 0;
            const box = __oaslintMemo((x) => { made += 1; return [x]; }, 1);
            const first = box(1);
            first.push(2);
            counts.push(made, box(1).length, made);
            // A throw is not remembered.
            let thrown = 0;
            const fails = __oaslintMemo((x) => { thrown += 1; throw new Error(x); }, 1);
            for (let i = 0; i < 2; i++) try { fails("no"); } catch {}
            counts.push(thrown);
            // 0 and -0 are told apart.
            const sign = __oaslintMemo((x) => 1 / x, 1);
            counts.push(sign(0) === Infinity, sign(-0) === -Infinity);
            // Two arguments key together.
            let pairs = 0;
            const add = __oaslintMemo((a, b) => { pairs += 1; return a + b; }, 2);
            counts.push(add(1, 2), add(1, 3), add(1, 2), pairs);
            // Switched off: every call runs.
            __oaslintMemoOff();
            length("abc");
            counts.push(runs);
            return counts;
        "#);
        assert_eq!(
            got,
            serde_json::json!([1, 1, 3, 1, 1, 2, 2, true, true, 3, 4, 3, 2, 4])
        );
    }
}
