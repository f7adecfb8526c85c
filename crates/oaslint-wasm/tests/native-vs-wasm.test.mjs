// The WebAssembly build and the native CLI must report byte-identical
// findings for every corpus spec small enough for a browser (≤ 3 MB).
//
// Run by ./test.sh after the wasm build:
//   node --test crates/oaslint-wasm/tests/
// Needs target/wasm-pkg/node (wasm-bindgen --target nodejs) and the CLI
// binary (OASLINT_BIN, default target/debug/oaslint).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const corpus = path.resolve(root, "../shared/corpus");
const bin = process.env.OASLINT_BIN ?? path.join(root, "target/debug/oaslint");
const require = createRequire(import.meta.url);
const wasm = require(path.join(root, "target/wasm-pkg/node/oaslint_wasm.js"));
const MAX_BYTES = 3 * 1024 * 1024;

function nativeFindings(dir, file) {
  let out;
  try {
    out = execFileSync(bin, ["lint", "--format", "json", "--fail-on", "none", file], {
      cwd: dir,
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (e) {
    // Exit code 2 still prints the report.
    out = e.stdout;
  }
  // `blocking` and `status` are the CLI gate's verdict on each finding
  // (acknowledgements, baseline, --new-only: report format 1.1); the
  // engine's findings, which the browser shows, are the rest.
  const findings = JSON.parse(out.toString("utf8")).findings.map(({ blocking, status, ...finding }) => finding);
  return JSON.stringify(findings, null, 2);
}

function wasmFindings(dir, file) {
  const text = readFileSync(path.join(dir, file), "utf8");
  const report = JSON.parse(wasm.lintJson(text, { fileName: file }));
  return JSON.stringify(report.findings, null, 2);
}

const specs = existsSync(corpus)
  ? readdirSync(corpus).filter((f) => /\.(ya?ml|json)$/.test(f) && statSync(path.join(corpus, f)).size <= MAX_BYTES)
  : [];

test("the shared corpus is there", () => {
  assert.ok(specs.length >= 10, `expected the corpus at ${corpus}`);
});

let compared = 0;
for (const file of specs) {
  test(`native and wasm agree on ${file}`, () => {
    const native = nativeFindings(corpus, file);
    const fromWasm = wasmFindings(corpus, file);
    assert.equal(fromWasm, native);
    compared += JSON.parse(native).length;
  });
}

test("the comparison covered findings", () => {
  assert.ok(compared > 100, `only ${compared} findings were compared`);
});

test("fixture with a $ref'd file agrees, columns are UTF-16", () => {
  const dir = path.join(root, "tests/fixtures/specs");
  const native = nativeFindings(dir, "pets-api.yaml");
  const text = readFileSync(path.join(dir, "pets-api.yaml"), "utf8");
  const files = { "schemas/pet.yaml": readFileSync(path.join(dir, "schemas/pet.yaml"), "utf8") };
  const report = JSON.parse(wasm.lintJson(text, { fileName: "pets-api.yaml", files }));
  assert.equal(JSON.stringify(report.findings, null, 2), native);
});

test("errors are thrown as JavaScript errors", () => {
  assert.throws(() => wasm.lint("openapi: 3.0.3\n", { nope: 1 }), /unknown field `nope`/);
  assert.throws(() => wasm.lint("openapi: 3.0.3\n", { ruleset: "nosuch" }), /unknown built-in ruleset/);
  assert.throws(
    () => wasm.lint("openapi: 3.0.3\n", { rulesetText: "rules: {r: {given: '$[', then: {function: truthy}}}" }),
    /ruleset\.yaml:1:/,
  );
  const report = wasm.lint("{ broken", {});
  assert.equal(report.errors[0].kind, "parse");
});

test("rules and version describe the built-in rulesets", () => {
  const v = wasm.version();
  assert.equal(v.tool, "oaslint");
  assert.ok(v.rulesets.some((r) => r.name === "zalando"));
  const listing = wasm.rules({ ruleset: "zalando" });
  assert.equal(listing.ruleset.name, "zalando");
  for (const r of listing.rules) {
    assert.ok(["must", "should", "may", "hint", "off"].includes(r.severity), r.id);
  }
});

test("rules() is the listing `oaslint rules --format json` prints", () => {
  const native = JSON.parse(
    execFileSync(bin, ["rules", "--ruleset", "zalando", "--format", "json"], { cwd: root }).toString("utf8"),
  );
  assert.deepEqual(wasm.rules({ ruleset: "zalando" }), native);
});
