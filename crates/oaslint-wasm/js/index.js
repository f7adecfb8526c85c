// oaslint for JavaScript: a typed facade over the wasm-bindgen output
// (`wasm-bindgen --target web`, copied into ./wasm/ by build.mjs).
// Works in browsers, Web Workers, bundlers (Vite, webpack, esbuild) and,
// through ./node.js, in Node.js. Typings: ./index.d.ts.
import wasmInit, * as glue from "./wasm/oaslint_wasm.js";

let ready = false;
let pending;

export async function init(input) {
  if (ready) return;
  if (pending === undefined) {
    // The object form; wasm-bindgen warns about a bare argument.
    pending = wasmInit(input === undefined ? undefined : { module_or_path: input }).then(
      () => {
        ready = true;
      },
      (e) => {
        pending = undefined;
        throw e;
      },
    );
  }
  return pending;
}

export function initSync(module) {
  if (ready) return;
  glue.initSync({ module });
  ready = true;
}

export function isReady() {
  return ready;
}

function engine() {
  if (!ready) throw new Error("oaslint: the WebAssembly module is not loaded; await init() first");
  return glue;
}

// Plain objects only: wasm-bindgen would throw on anything else anyway,
// but with a less helpful message.
function opts(options) {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError("oaslint: options must be an object");
  }
  return options;
}

export function lint(text, options) {
  return engine().lint(String(text), opts(options));
}

export function lintJson(text, options) {
  return engine().lintJson(String(text), opts(options));
}

export function rules(options) {
  return engine().rules(opts(options));
}

export function version() {
  return engine().version();
}

export { SEVERITIES, severityLabel, compareSeverity, verdict, LineIndex } from "./helpers.js";
