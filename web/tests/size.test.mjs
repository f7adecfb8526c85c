// The size budget of the issue: the shipped WebAssembly module, after
// wasm-opt -Oz, is at most 1.5 MB gzip-compressed. Over it in sessions 8
// and 9 (spectral:oas, the JSONPath-Plus parser, custom functions: up to
// 1 607 039 B, 1 675 207 B with the diff engine of session 10); back under
// it since session 10, when `jsonschema` was instantiated once instead of
// twice (1 447 994 B; docs/decisions.md, "WebAssembly size, session 10").
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { distDir, repoDir } from "./helpers.mjs";

const BUDGET = 1_500_000;

test("the site ships one optimised .wasm of at most 1.5 MB gzip", () => {
  const assets = path.join(distDir, "assets");
  const wasm = readdirSync(assets).filter((f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `wasm files in dist: ${wasm}`);
  const bytes = readFileSync(path.join(assets, wasm[0]));
  const gz = gzipSync(bytes, { level: 9 }).length;
  console.log(`# wasm ${wasm[0]}: ${bytes.length} B, gzip -9 ${gz} B (budget ${BUDGET} B)`);
  assert.ok(gz <= BUDGET, `${gz} B gzip is over the budget of ${BUDGET} B`);
  const unoptimised = path.join(repoDir, "target/wasm-pkg/web/oaslint_wasm_bg.wasm");
  if (existsSync(unoptimised)) {
    assert.ok(bytes.length < statSync(unoptimised).size, "the shipped module is not smaller than wasm-bindgen's output: was wasm-opt run?");
  }
});
