//! Custom JavaScript functions in the WebAssembly build, run by the
//! JavaScript engine the module runs in (the browser's, Node's) through
//! `js-sys`.
//!
//! A function file comes in `files` like any other file the ruleset names
//! (`functions/<name>.js` next to the ruleset). Its text is evaluated with
//! `new Function`, after a small rewrite of ES module `import`/`export`
//! statements into CommonJS form, with a `require` that knows only the
//! three Spectral modules (the native engine's sources,
//! `crates/oaslint-script/js/`, reached through the `spectral-modules` link
//! in this crate).
//!
//! What this engine cannot promise, unlike the native one (QuickJS):
//! - **No time or memory limit per call.** A synchronous call cannot be
//!   interrupted from inside its own thread. A page that lints rulesets it
//!   does not trust runs oaslint in a Worker and terminates the Worker
//!   after a deadline (a limit per lint, not per call).
//! - **Isolation is best effort.** A function sees a `globalThis` on which
//!   `fetch`, `XMLHttpRequest`, `WebSocket`, `EventSource`,
//!   `importScripts`, `process`, `Deno` and `Bun` are `undefined`, and
//!   `require` knows only Spectral's modules, so the usual ways to reach
//!   the network or the file system fail; but it runs in the host's realm,
//!   and code that sets out to escape can (`Function("return this")()`).
//!   A browser page limits what escapes can do with its
//!   Content-Security-Policy (`connect-src`). Spectral itself runs
//!   functions with all of Node.js's access.
//! - **Synchronous functions only**: a function returning a `Promise` is an
//!   error of its rule (the API is synchronous).

use js_sys::{Array, Function, Object, Reflect, JSON};
use oaslint::script::{
    FunctionSchemas, ScriptCall, ScriptEngine, ScriptError, ScriptFunction, ScriptModule,
    ScriptResult,
};
use serde_json::Value as Json;
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The loader, the body of `(modules, validateSchema) => load`, where
/// `modules` maps a specifier to its ES source and `load(file, source)`
/// returns `[function, schemas JSON or undefined]`. Written in JavaScript
/// because it is about JavaScript source.
const LOADER: &str = r#"
const rewrite = (source) => {
  const tail = [];
  const names = (list) => list.split(",").map((s) => s.trim()).filter(Boolean)
    .map((s) => { const [from, to] = s.split(/\s+as\s+/); return [from.trim(), (to ?? from).trim()]; });
  let out = source.replace(/^[ \t]*import\s+([\s\S]*?)\s+from\s+(['"])([^'"]+)\2\s*;?/gm, (_, what, _q, spec) => {
    const parts = [];
    const rest = what.trim();
    const ns = /^\*\s+as\s+([\w$]+)$/.exec(rest);
    if (ns) return `const ${ns[1]} = __require(${JSON.stringify(spec)});`;
    const braces = /\{([\s\S]*)\}/.exec(rest);
    const def = rest.replace(/\{[\s\S]*\}/, "").replace(/,/g, "").trim();
    if (def) parts.push(`const ${def} = __default(__require(${JSON.stringify(spec)}));`);
    if (braces) parts.push(`const { ${names(braces[1]).map(([a, b]) => `${a}: ${b}`).join(", ")} } = __require(${JSON.stringify(spec)});`);
    return parts.join(" ");
  });
  out = out.replace(/^[ \t]*import\s+(['"])([^'"]+)\1\s*;?/gm, (_, _q, spec) => `__require(${JSON.stringify(spec)});`);
  out = out.replace(/^[ \t]*export\s+default\s+/gm, "__exports.default = ");
  out = out.replace(/^[ \t]*export\s+((?:async\s+)?function\*?\s*([\w$]+)|class\s+([\w$]+)|(?:const|let|var)\s+([\w$]+))/gm,
    (_, decl, fn, cls, v) => { tail.push(fn ?? cls ?? v); return decl; });
  out = out.replace(/^[ \t]*export\s*\{([^}]*)\}\s*;?/gm, (_, list) => {
    for (const [a, b] of names(list)) tail.push([a, b]);
    return "";
  });
  const exports = tail.map((e) => Array.isArray(e) ? `__exports[${JSON.stringify(e[1])}] = ${e[0]};` : `__exports[${JSON.stringify(e)}] = ${e};`);
  return `${out}\n;${exports.join("\n")}`;
};
const isEs = (source) => /^[ \t]*(import[\s{'"*]|export\s)/m.test(source);
// What functions see as the global object: the host's, without its usual
// doors to the network and the file system (best effort, see script.rs).
const hidden = ["fetch", "XMLHttpRequest", "WebSocket", "EventSource", "importScripts", "process", "Deno", "Bun"];
const sandbox = Object.create(globalThis, Object.fromEntries([
  ...hidden.map((name) => [name, { value: undefined }]),
  ["__oaslintSchema", { value: validateSchema }],
]));
for (const name of ["globalThis", "self", "window", "global"]) Object.defineProperty(sandbox, name, { value: sandbox });
const shadowed = [...hidden, "globalThis", "self", "window", "global"];
const cache = new Map();
const require = (spec) => {
  if (cache.has(spec)) return cache.get(spec);
  if (!Object.hasOwn(modules, spec)) {
    throw new Error(`it imports '${spec}', which is not available: oaslint provides only ${Object.keys(modules).join(", ")} to custom functions (no file system, network or other packages)`);
  }
  const exports = {};
  cache.set(spec, exports);
  evaluate(modules[spec], exports, true);
  return exports;
};
const defaultOf = (m) => (m && "default" in m ? m.default : m);
// The shadowed names are parameters of an outer function, so that a
// module may still declare its own `const process` or `let global`; ES
// modules are strict code.
const evaluate = (source, exports, es) => {
  const module = { exports };
  const body = es ? `"use strict";\n${rewrite(source)}` : source;
  const scope = new Function(...shadowed,
    `return function (module, exports, require, __require, __exports, __default) {\n${body}\n};`);
  scope(...shadowed.map((name) => sandbox[name]))
    .call(exports, module, exports, require, require, exports, defaultOf);
  return module.exports;
};
return (file, source) => {
  const exported = evaluate(source, {}, isEs(source));
  const fn = typeof exported === "function" ? exported : exported?.default;
  if (typeof fn !== "function") throw new Error("the module exports no function");
  const schemas = fn.__oaslintSchemas;
  return [fn, schemas === undefined ? undefined : JSON.stringify(schemas)];
};
"#;

/// The body of `(path, rule, docs) => context`: Spectral's `context`.
const CONTEXT: &str = r#"
const document = { source: docs.source, data: docs.data };
return { path, rule: { name: rule }, document,
  documentInventory: { document, resolved: docs.resolved, source: docs.source } };
"#;

/// The body of `(value) => value`, frozen all through: a function cannot
/// write into the documents, as in the native engine (where the calls of
/// one lint run in several engine instances and a write would be seen by
/// only some of the later calls).
const FREEZE: &str = r#"
const stack = [value];
while (stack.length > 0) {
  const node = stack.pop();
  if (typeof node !== "object" || node === null || Object.isFrozen(node)) continue;
  Object.freeze(node);
  for (const child of Object.values(node)) stack.push(child);
}
return value;
"#;

/// The modules functions may import, by specifier.
const MODULES: &[(&str, &str)] = &[
    (
        "@stoplight/spectral-core",
        include_str!("../spectral-modules/spectral-core.mjs"),
    ),
    (
        "@stoplight/spectral-formats",
        include_str!("../spectral-modules/spectral-formats.mjs"),
    ),
    (
        "@stoplight/spectral-functions",
        include_str!("../spectral-modules/spectral-functions.mjs"),
    ),
];

/// JavaScript values live on the one thread the module has.
struct Host {
    /// `load(file, source)`.
    load: Function,
    /// `(path, rule, docs) => context`.
    context: Function,
    /// `(value) => value`, deeply frozen.
    freeze: Function,
    /// Compiled functions: file and source, the function, its schemas.
    /// An editor reloads its ruleset on every lint; a file compiled
    /// before is reused rather than kept twice.
    functions: Vec<(String, String, Function, FunctionSchemas)>,
    /// The document of the current lint, by its key.
    document: Option<(u64, JsValue)>,
}

thread_local! {
    static HOST: RefCell<Option<Host>> = const { RefCell::new(None) };
}

/// Runs `f` with the host state, made on first use.
fn with_host<T>(f: impl FnOnce(&mut Host) -> Result<T, String>) -> Result<T, String> {
    HOST.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(make_host()?);
        }
        f(slot.as_mut().expect("made above"))
    })
}

fn make_host() -> Result<Host, String> {
    let modules = Object::new();
    for (name, text) in MODULES {
        Reflect::set(&modules, &(*name).into(), &(*text).into()).map_err(describe)?;
    }
    // `schema` of @stoplight/spectral-functions validates with oaslint's
    // JSON Schema validator, as in the native engine.
    let validate =
        Closure::<dyn Fn(String, String) -> String>::new(|value: String, schema: String| {
            oaslint::script::validate_schema(&value, &schema)
        });
    let load = Function::new_with_args("modules, validateSchema", LOADER)
        .call2(&JsValue::NULL, &modules, &validate.into_js_value())
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "the loader is not a function".to_string())?;
    Ok(Host {
        load,
        context: Function::new_with_args("path, rule, docs", CONTEXT),
        freeze: Function::new_with_args("value", FREEZE),
        functions: Vec::new(),
        document: None,
    })
}

/// Runs custom functions in the JavaScript engine the module runs in.
#[derive(Debug, Default)]
pub struct HostEngine;

impl ScriptEngine for HostEngine {
    fn compile(&self, module: ScriptModule<'_>) -> Result<Arc<dyn ScriptFunction>, String> {
        with_host(|host| {
            let known = host
                .functions
                .iter()
                .position(|(file, source, _, _)| file == module.file && source == module.source);
            let index = match known {
                Some(i) => i,
                None => {
                    let loaded: Array = host
                        .load
                        .call2(&JsValue::NULL, &module.file.into(), &module.source.into())
                        .map_err(describe)?
                        .unchecked_into();
                    let function: Function = loaded.get(0).unchecked_into();
                    let schemas = declared_schemas(loaded.get(1).as_string());
                    host.functions.push((
                        module.file.to_string(),
                        module.source.to_string(),
                        function,
                        schemas,
                    ));
                    host.functions.len() - 1
                }
            };
            Ok(Arc::new(HostFunction {
                index,
                schemas: host.functions[index].3.clone(),
            }) as Arc<dyn ScriptFunction>)
        })
    }
}

/// What `createRulesetFunction` recorded (`None`: a plain function).
fn declared_schemas(text: Option<String>) -> FunctionSchemas {
    let Some(text) = text else {
        return FunctionSchemas::default();
    };
    let json: Json = serde_json::from_str(&text).unwrap_or(Json::Null);
    let schema = |k: &str| json.get(k).filter(|v| !v.is_null()).cloned();
    FunctionSchemas {
        declared: true,
        input: schema("input"),
        options: schema("options"),
        error_on_invalid_input: json.get("errorOnInvalidInput") == Some(&Json::Bool(true)),
    }
}

/// A compiled function: its place in [`Host::functions`].
struct HostFunction {
    index: usize,
    schemas: FunctionSchemas,
}

/// A thrown value as the error's text: `Name: message` for an `Error`.
fn describe(e: JsValue) -> String {
    if let Some(error) = e.dyn_ref::<js_sys::Error>() {
        let name: String = error.name().into();
        let message: String = error.message().into();
        return format!("{name}: {message}");
    }
    e.as_string()
        .map(|s| format!("uncaught string: {s}"))
        .unwrap_or_else(|| "a value that is not an Error was thrown".to_string())
}

fn to_js(json: &Json) -> Result<JsValue, String> {
    JSON::parse(&json.to_string()).map_err(describe)
}

impl ScriptFunction for HostFunction {
    fn schemas(&self) -> &FunctionSchemas {
        &self.schemas
    }

    fn call(&self, call: &ScriptCall<'_>) -> Result<Vec<ScriptResult>, ScriptError> {
        let value = with_host(|host| {
            let key = call.document.key();
            let docs = match &host.document {
                Some((k, docs)) if *k == key => docs.clone(),
                _ => {
                    let docs = Object::new();
                    let set = |k: &str, v: &JsValue| Reflect::set(&docs, &k.into(), v);
                    set("source", &call.document.source().into()).map_err(describe)?;
                    let frozen = |json: &Json| -> Result<JsValue, String> {
                        host.freeze
                            .call1(&JsValue::NULL, &to_js(json)?)
                            .map_err(describe)
                    };
                    set("data", &frozen(&call.document.data())?).map_err(describe)?;
                    set("resolved", &frozen(&call.document.resolved())?).map_err(describe)?;
                    host.document = Some((key, docs.clone().into()));
                    docs.into()
                }
            };
            let path = to_js(&Json::Array(call.path.to_vec()))?;
            let context = host
                .context
                .call3(&JsValue::NULL, &path, &call.rule.into(), &docs)
                .map_err(describe)?;
            let target = match call.target {
                Some(v) => host
                    .freeze
                    .call1(&JsValue::NULL, &to_js(v)?)
                    .map_err(describe)?,
                None => JsValue::UNDEFINED,
            };
            let args = Array::of3(&target, &to_js(call.options)?, &context);
            let function = host.functions[self.index].2.clone();
            function.apply(&JsValue::NULL, &args).map_err(describe)
        })
        .map_err(ScriptError::thrown)?;
        if value.has_type::<js_sys::Promise>() {
            return Err(ScriptError::thrown(
                "it returned a Promise: asynchronous functions are not supported in the WebAssembly build",
            ));
        }
        if value.is_undefined() || value.is_null() {
            return Ok(Vec::new());
        }
        let text = JSON::stringify(&value)
            .map_err(|e| ScriptError::thrown(describe(e)))?
            .as_string()
            .unwrap_or_default();
        let json: Json = serde_json::from_str(&text).unwrap_or(Json::Null);
        results(json).map_err(ScriptError::thrown)
    }
}

/// A function's return value as results (as the native engine reads it).
fn results(json: Json) -> Result<Vec<ScriptResult>, String> {
    let items = match json {
        Json::Null => return Ok(Vec::new()),
        Json::Array(items) => items,
        _ => return Err("it returned something other than an array of results".to_string()),
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
