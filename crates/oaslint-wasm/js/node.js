// Node.js entry: the same API as index.js, but init() without an argument
// reads the .wasm file next to this package from disk (Node's fetch cannot
// read file: URLs).
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import * as api from "./index.js";

const WASM_URL = new URL("./wasm/oaslint_wasm_bg.wasm", import.meta.url);

export async function init(input) {
  if (api.isReady()) return;
  return api.init(input === undefined ? readFile(WASM_URL) : input);
}

export function initSync(module) {
  api.initSync(module === undefined ? readFileSync(WASM_URL) : module);
}

export {
  isReady,
  lint,
  lintJson,
  rules,
  version,
  SEVERITIES,
  severityLabel,
  compareSeverity,
  verdict,
  LineIndex,
} from "./index.js";
