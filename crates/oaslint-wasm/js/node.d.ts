// Node.js entry: as index.d.ts, but init() and initSync() without an
// argument read the .wasm file from disk.
export * from "./index.js";
export function init(input?: import("./index.js").InitInput): Promise<void>;
export function initSync(module?: ArrayBuffer | ArrayBufferView | WebAssembly.Module): void;
