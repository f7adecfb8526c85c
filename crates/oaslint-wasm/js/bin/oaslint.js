#!/usr/bin/env node
// `oaslint` of the npm package: the native command line itself
// (crates/oaslint-cli, compiled to wasm32-wasip1) run by Node's WASI. Its
// flags, exit codes, output formats, configuration discovery and `$ref`
// confinement are the Rust CLI's own code; this file only connects the
// module to the process: arguments, environment, the working directory, the
// file system and the exit code.
import { readFile } from "node:fs/promises";
import { writeSync } from "node:fs";
import path from "node:path";

const MODULE_URL = new URL("../wasm/oaslint-cli.wasm", import.meta.url);

// node:wasi announces itself with an ExperimentalWarning on stderr, which
// would not be the native CLI's stderr (and tests and pipelines compare
// it). Only that warning is dropped; the module is imported after this.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  const type = typeof rest[0] === "string" ? rest[0] : rest[0]?.type;
  if (type === "ExperimentalWarning" && /\bWASI\b/.test(String(warning))) return;
  return emitWarning.call(process, warning, ...rest);
};
const { WASI } = await import("node:wasi");
process.emitWarning = emitWarning;

/**
 * The WASI file system and working directory for this process. The whole
 * file system is made visible at `/` (the CLI confines what it reads to
 * the repository itself, as natively, and resolves symlinks on its own);
 * the working directory goes in `PWD`, which the CLI enters first.
 * On Windows the current drive is `/` and other drives are not visible
 * (untested: the package's tests run on Linux).
 */
function fileSystem() {
  const cwd = process.cwd();
  if (process.platform !== "win32") return { preopens: { "/": "/" }, pwd: cwd };
  const drive = path.win32.parse(cwd).root;
  const rest = cwd.slice(drive.length).split(path.win32.sep).filter(Boolean);
  return { preopens: { "/": drive }, pwd: `/${rest.join("/")}` };
}

const { preopens, pwd } = fileSystem();
const wasi = new WASI({
  version: "preview1",
  args: ["oaslint", ...process.argv.slice(2)],
  env: { ...process.env, PWD: pwd },
  preopens,
  // The standard streams are the process's own file descriptors, written
  // synchronously; process.stdout is never touched here (that would make a
  // pipe non-blocking under the module's writes).
  // proc_exit ends the process there and then: everything is written by then.
  // With `returnOnExit: true` Node unwinds the module's frames by throwing,
  // and Node 20's V8 crashed in that unwinding (SIGSEGV in
  // HandlerTable::LookupRange) after linting the 13 MB GitHub spec.
  returnOnExit: false,
});

let code;
try {
  const module = await WebAssembly.compile(await readFile(MODULE_URL));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  code = wasi.start(instance) ?? 0;
} catch (e) {
  // A trap (a Rust panic aborts; its message is already on stderr) or a
  // missing module. The native CLI exits 101 on a panic.
  writeSync(2, `oaslint: ${e instanceof WebAssembly.RuntimeError ? "WebAssembly trap" : "cannot run"}: ${e.message}\n`);
  code = 101;
}
process.exitCode = code;
