#!/usr/bin/env node
// Assembles the package's wasm/ folder from the wasm-bindgen output:
//   node build.mjs [--from DIR] [--wasm-opt PATH | --no-opt] [--check]
// --from      wasm-bindgen --target web output (default: target/wasm-pkg/web
//             of this repository)
// --wasm-opt  binaryen's wasm-opt, version 132 (npm binaryen@132.0.0; default:
//             $WASM_OPT, else node_modules/.bin/wasm-opt here or in web/).
//             Debian's binaryen corrupts wasm-bindgen output and is refused.
// --no-opt    copy the .wasm as it is (larger; for quick local runs)
// --check     only verify that wasm/ is complete (npm prepack)
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
  const missing = FILES.filter((f) => !existsSync(path.join(out, f)));
  if (missing.length) fail(`wasm/ lacks ${missing.join(", ")}: run \`npm run build\` first`);
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
const stamp = createHash("sha256")
  .update(inputBytes)
  .update(readFileSync(path.join(from, "oaslint_wasm.js")))
  .update(`${optVersion} ${WASM_OPT_FLAGS.join(" ")}`)
  .digest("hex");
const stampFile = path.join(out, ".stamp");
const target = path.join(out, "oaslint_wasm_bg.wasm");

if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp && FILES.every((f) => existsSync(path.join(out, f)))) {
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
  `${wasmOpt ? "after wasm-opt -Oz" : "not optimised"} ${size} B (${mb(size)}), gzip -9 ${gz} B (${mb(gz)})`);
