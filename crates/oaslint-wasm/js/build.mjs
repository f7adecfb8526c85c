#!/usr/bin/env node
// Assembles the package's wasm/ folder from the wasm-bindgen output:
//   node build.mjs [--from DIR] [--wasm-opt PATH | --no-opt] [--cli FILE] [--check]
// --from      wasm-bindgen --target web output (default: target/wasm-pkg/web
//             of this repository)
// --cli       the command line compiled to WASI (cargo build -p oaslint-cli
//             --target wasm32-wasip1 --profile wasm-release: target/
//             wasm32-wasip1/wasm-release/oaslint.wasm), copied without its
//             custom sections as wasm/oaslint-cli.wasm for bin/oaslint.js;
//             without it wasm/ keeps the one it has
// --wasm-opt  binaryen's wasm-opt, version 132 (npm binaryen@132.0.0; default:
//             $WASM_OPT, else node_modules/.bin/wasm-opt here or in web/).
//             Debian's binaryen corrupts wasm-bindgen output and is refused.
// --no-opt    copy the .wasm as it is (larger; for quick local runs)
// --check     only verify that wasm/ is complete, the CLI's module
//             included (npm prepack)
// The optimised module is reused while the input is unchanged.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");
const out = path.join(here, "wasm");
const FILES = ["oaslint_wasm.js", "oaslint_wasm.d.ts", "oaslint_wasm_bg.wasm"];
// The command line (bin/oaslint.js runs it); built apart from the rest.
const CLI_FILE = "oaslint-cli.wasm";
const WASM_OPT_VERSION = "132";
const WASM_OPT_FLAGS = ["-Oz"];

function arg(name) {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}
const has = (name) => process.argv.includes(name);
const fail = (msg) => {
  console.error(`build.mjs: ${msg}`);
  process.exit(1);
};

if (has("--check")) {
  const missing = [...FILES, CLI_FILE].filter((f) => !existsSync(path.join(out, f)));
  if (missing.length) fail(`wasm/ lacks ${missing.join(", ")}: run scripts/build-npm.sh (or \`npm run build\` with --cli) first`);
  process.exit(0);
}

const from = path.resolve(arg("--from") ?? path.join(repo, "target/wasm-pkg/web"));
for (const f of FILES) {
  if (!existsSync(path.join(from, f))) fail(`${path.join(from, f)} is missing; build it with wasm-bindgen --target web`);
}

function findWasmOpt() {
  const given = arg("--wasm-opt") ?? process.env.WASM_OPT;
  if (given) return given;
  for (const dir of [here, path.join(repo, "web")]) {
    const bin = path.join(dir, "node_modules/.bin/wasm-opt");
    if (existsSync(bin)) return bin;
  }
  fail("no wasm-opt: npm install binaryen@132.0.0 (in web/ or here), pass --wasm-opt PATH, or --no-opt");
}

const input = path.join(from, "oaslint_wasm_bg.wasm");
const inputBytes = readFileSync(input);
const wasmOpt = has("--no-opt") ? null : findWasmOpt();
let optVersion = "none";
if (wasmOpt) {
  optVersion = execFileSync(wasmOpt, ["--version"], { encoding: "utf8" }).trim();
  if (!new RegExp(`version ${WASM_OPT_VERSION}\\b`).test(optVersion)) {
    fail(`${wasmOpt} is "${optVersion}"; use npm binaryen@${WASM_OPT_VERSION}.0.0 (Debian's binaryen breaks the module)`);
  }
}
// The stamp: the input's hash, then how it was optimised. --no-opt keeps a
// module optimised from the same input (smaller, same behaviour), so that
// scripts/build-npm.sh does not undo scripts/test-web.sh's wasm-opt.
const inputStamp = createHash("sha256")
  .update(inputBytes)
  .update(readFileSync(path.join(from, "oaslint_wasm.js")))
  .digest("hex");
const stamp = `${inputStamp}\n${optVersion} ${WASM_OPT_FLAGS.join(" ")}\n`;
const stampFile = path.join(out, ".stamp");
const target = path.join(out, "oaslint_wasm_bg.wasm");
const oldStamp = existsSync(stampFile) ? readFileSync(stampFile, "utf8") : "";
const sameInput = oldStamp.startsWith(`${inputStamp}\n`);

if ((oldStamp === stamp || (sameInput && !wasmOpt)) && FILES.every((f) => existsSync(path.join(out, f)))) {
  console.log(`wasm/ is up to date (${from})`);
} else {
  mkdirSync(out, { recursive: true });
  rmSync(stampFile, { force: true });
  copyFileSync(path.join(from, "oaslint_wasm.js"), path.join(out, "oaslint_wasm.js"));
  copyFileSync(path.join(from, "oaslint_wasm.d.ts"), path.join(out, "oaslint_wasm.d.ts"));
  if (wasmOpt) {
    const tmp = `${target}.tmp`;
    const t0 = Date.now();
    execFileSync(wasmOpt, [...WASM_OPT_FLAGS, input, "-o", tmp], { stdio: "inherit" });
    renameSync(tmp, target);
    console.log(`wasm-opt -Oz took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } else {
    copyFileSync(input, target);
  }
  writeFileSync(stampFile, stamp);
}

const size = statSync(target).size;
const gz = gzipSync(readFileSync(target), { level: 9 }).length;
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
console.log(`oaslint_wasm_bg.wasm: wasm-bindgen ${inputBytes.length} B (${mb(inputBytes.length)}), ` +
  `${readFileSync(stampFile, "utf8").endsWith("\nnone -Oz\n") ? "not optimised" : "after wasm-opt -Oz"} ${size} B (${mb(size)}), gzip -9 ${gz} B (${mb(gz)})`);

const cli = arg("--cli");
if (cli) {
  if (!existsSync(cli)) fail(`${cli} is missing; build it with cargo build -p oaslint-cli --target wasm32-wasip1 --profile wasm-release`);
  const built = readFileSync(cli);
  const bytes = withoutCustomSections(built);
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, CLI_FILE), bytes);
  console.log(`${CLI_FILE}: ${built.length} B as built, ${bytes.length} B (${mb(bytes.length)}) without custom sections, ` +
    `gzip -9 ${gzipSync(bytes, { level: 9 }).length} B`);
}

// A WebAssembly module without its custom sections (DWARF debug info,
// function names, producers): Rust's profiles keep line tables, which
// would make the CLI's module several times larger; a panic still prints
// its message. The module's format: "\0asm", version, then sections of
// one id byte, a LEB128 size and the payload; custom sections have id 0.
function withoutCustomSections(bytes) {
  if (bytes.length < 8 || bytes.readUInt32LE(0) !== 0x6d736100) fail("the CLI module is not WebAssembly");
  const kept = [bytes.subarray(0, 8)];
  let pos = 8;
  while (pos < bytes.length) {
    const start = pos;
    const id = bytes[pos++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[pos++];
      size += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) break;
    }
    const end = pos + size;
    if (end > bytes.length) fail("the CLI module is truncated");
    if (id !== 0) kept.push(bytes.subarray(start, end));
    pos = end;
  }
  return Buffer.concat(kept);
}
