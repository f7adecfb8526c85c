//! NOT YET COMPILED: not declared in lib.rs yet (see the report of issue 10,
//! item 4). Wire with `mod script;` and
//! `.with_script_engine(std::sync::Arc::new(script::HostEngine))` in
//! `load_ruleset`, then build for wasm32 and run
//! `crates/oaslint-wasm/pending/custom-functions.test.mjs`.
//!
//! Custom JavaScript functions in the WebAssembly build: run by the
//! JavaScript engine the module runs in (the browser's, Node's), through
//! `js-sys`. A function file comes in `files` like any other file the
//! ruleset names (`functions/<name>.js`); its text is evaluated with
//! `new Function`, after a small rewrite of ES module `import`/`export`
//! statements into CommonJS form, with a `require` that knows only the
//! three Spectral modules (the same sources as the native engine's,
//! `crates/oaslint-script/js/`).
//!
//! Unlike the native engine, a call has no time or memory limit: a
//! synchronous call cannot be interrupted from inside its own thread. A page
//! that lints untrusted rulesets runs oaslint in a Worker and terminates it
//! after a deadline.

use js_sys::{Array, Function, Object, Reflect, JSON};
use oaslint::script::{
    FunctionSchemas, ScriptCall, ScriptEngine, ScriptError, ScriptFunction, ScriptModule,
    ScriptResult,
};
use serde_json::Value as Json;
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};

/// The loader: `(modules) => load(file, source)`, where `modules` maps a
/// specifier to its ES source. Written in JavaScript because it is about
/// JavaScript source.
const LOADER: &str = r#"
const rewrite = (source) => {
  const tail = [];
  const names = (list) => list.split(",").map((s) => s.trim()).filter(Boolean)
    .map((s) => { const [from, to] = s.split(/\s+as\s+/); return [from.trim(), (to ?? from).trim()]; });
  let out = source.replace(/^[ \t]*import\s+([\s\S]*?)\s+from\s+(['"])([^'"]+)\2\s*;?/gm, (_, what, _q, spec) => {
    const parts = [];
    let rest = what.trim();
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
const evaluate = (source, exports, es) => {
  const module = { exports };
  const body = es ? rewrite(source) : source;
  new Function("module", "exports", "require", "__require", "__exports", "__default", body)(
    module, exports, require, require, exports, (m) => (m && "default" in m ? m.default : m));
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

/// Builds the context object of a call: `(path, rule, docs)`.
const CONTEXT: &str = r#"
const document = { source: docs.source, data: docs.data };
return { path, rule: { name: rule }, document,
  documentInventory: { document, resolved: docs.resolved, source: docs.source } };
"#;

thread_local! {
    /// The loader function, made once.
    static LOAD: RefCell<Option<Function>> = const { RefCell::new(None) };
    /// The compiled functions, by index (JavaScript values cannot be
    /// shared between threads; the module has one).
    static FUNCTIONS: RefCell<Vec<Function>> = const { RefCell::new(Vec::new()) };
    /// The document of the current lint, by its key.
    static DOCUMENT: RefCell<Option<(u64, JsValue)>> = const { RefCell::new(None) };
}

const MODULES: &[(&str, &str)] = &[
    (
        "@stoplight/spectral-core",
        include_str!("../../oaslint-script/js/spectral-core.mjs"),
    ),
    (
        "@stoplight/spectral-formats",
        include_str!("../../oaslint-script/js/spectral-formats.mjs"),
    ),
    (
        "@stoplight/spectral-functions",
        include_str!("../../oaslint-script/js/spectral-functions.mjs"),
    ),
];

fn loader() -> Result<Function, String> {
    LOAD.with(|l| {
        if let Some(f) = &*l.borrow() {
            return Ok(f.clone());
        }
        let modules = Object::new();
        for (name, text) in MODULES {
            Reflect::set(&modules, &(*name).into(), &(*text).into()).map_err(describe)?;
        }
        let make = Function::new_with_args("modules", LOADER);
        let load: Function = make
            .call1(&JsValue::NULL, &modules)
            .map_err(describe)?
            .dyn_into()
            .map_err(|_| "the loader is not a function".to_string())?;
        *l.borrow_mut() = Some(load.clone());
        Ok(load)
    })
}

/// Runs custom functions in the JavaScript engine the module runs in.
#[derive(Debug, Default)]
pub struct HostEngine;

impl ScriptEngine for HostEngine {
    fn compile(&self, module: ScriptModule<'_>) -> Result<Arc<dyn ScriptFunction>, String> {
        let load = loader()?;
        let loaded = load
            .call2(&JsValue::NULL, &module.file.into(), &module.source.into())
            .map_err(describe)?;
        let pair: Array = loaded.unchecked_into();
        let f: Function = pair.get(0).unchecked_into();
        let schemas = match pair.get(1).as_string() {
            None => FunctionSchemas::default(),
            Some(text) => {
                let json: Json = serde_json::from_str(&text).unwrap_or(Json::Null);
                let schema = |k: &str| json.get(k).filter(|v| !v.is_null()).cloned();
                FunctionSchemas {
                    declared: true,
                    input: schema("input"),
                    options: schema("options"),
                    error_on_invalid_input: json.get("errorOnInvalidInput")
                        == Some(&Json::Bool(true)),
                }
            }
        };
        let index = FUNCTIONS.with(|fs| {
            let mut fs = fs.borrow_mut();
            fs.push(f);
            fs.len() - 1
        });
        Ok(Arc::new(HostFunction { index, schemas }))
    }
}

struct HostFunction {
    index: usize,
    schemas: FunctionSchemas,
}

fn describe(e: JsValue) -> String {
    if let Some(error) = e.dyn_ref::<js_sys::Error>() {
        let name: String = error.name().into();
        let message: String = error.message().into();
        return format!("{name}: {message}");
    }
    e.as_string()
        .unwrap_or_else(|| "a value that is not an Error was thrown".to_string())
}

fn parse(json: &Json) -> Result<JsValue, ScriptError> {
    JSON::parse(&json.to_string()).map_err(|e| ScriptError::thrown(describe(e)))
}

impl ScriptFunction for HostFunction {
    fn schemas(&self) -> &FunctionSchemas {
        &self.schemas
    }

    fn call(&self, call: &ScriptCall<'_>) -> Result<Vec<ScriptResult>, ScriptError> {
        let f = FUNCTIONS.with(|fs| fs.borrow()[self.index].clone());
        let key = call.document.key();
        let docs = DOCUMENT.with(|d| -> Result<JsValue, ScriptError> {
            if let Some((k, docs)) = &*d.borrow() {
                if *k == key {
                    return Ok(docs.clone());
                }
            }
            let docs = Object::new();
            let set = |k: &str, v: &JsValue| {
                Reflect::set(&docs, &k.into(), v).map_err(|e| ScriptError::thrown(describe(e)))
            };
            set("source", &call.document.source().into())?;
            set("data", &parse(&call.document.data())?)?;
            set("resolved", &parse(&call.document.resolved())?)?;
            *d.borrow_mut() = Some((key, docs.clone().into()));
            Ok(docs.into())
        })?;
        let context = Function::new_with_args("path, rule, docs", CONTEXT)
            .call3(
                &JsValue::NULL,
                &parse(&Json::Array(call.path.to_vec()))?,
                &call.rule.into(),
                &docs,
            )
            .map_err(|e| ScriptError::thrown(describe(e)))?;
        let target = match call.target {
            Some(v) => parse(v)?,
            None => JsValue::UNDEFINED,
        };
        let args = Array::of3(&target, &parse(call.options)?, &context);
        let value = f
            .apply(&JsValue::NULL, &args)
            .map_err(|e| ScriptError::thrown(describe(e)))?;
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
