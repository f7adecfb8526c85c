// Comparing with a base version in the WebAssembly build (the `base`
// option): the changes must be the CLI's `oaslint diff` for the same two
// files, located in the linted text, beside the lint's own findings.
//
// Run by ./test.sh after the wasm build:
//   node --test crates/oaslint-wasm/tests/
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const require = createRequire(import.meta.url);
const wasm = require(path.join(root, "target/wasm-pkg/node/oaslint_wasm.js"));
const bin = process.env.OASLINT_BIN ?? path.join(root, "target/debug/oaslint");
const dir = path.join(root, "web/tests/fixtures/base-version");
const base = readFileSync(path.join(dir, "base.yaml"), "utf8");
const head = readFileSync(path.join(dir, "api.yaml"), "utf8");
const today = new Date().toISOString().slice(0, 10);

const located = (f) => `${f.rule} ${f.check} ${f.pointer} ${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`;

test("the changes against a base version are oaslint diff's, located in the linted text", () => {
  const report = wasm.lint(head, { fileName: "api.yaml", base: { text: base, fileName: "base.yaml", today } });
  assert.deepEqual(report.errors, []);
  const changes = report.findings.filter((f) => f.check);
  assert.deepEqual(changes.map(located).sort(), [
    "106 api-path-removed-without-deprecation /paths 5:1-5:6",
    "106 new-required-request-parameter /paths/~1pets/get/parameters/0 10:11-14:25",
    "116 api-major-version-not-bumped /info/version 4:3-4:17",
  ]);
  const removed = changes.find((f) => f.check === "api-path-removed-without-deprecation");
  assert.equal(removed.severity, "must");
  assert.deepEqual(removed.base, { file: "base.yaml", pointer: "/paths/~1toys/get", range: removed.base.range });
  assert.equal(removed.base.range.start.line, 13);
  // The guideline findings are still there, and the summary counts both.
  assert.ok(report.findings.some((f) => !f.check));
  assert.equal(report.summary.must, report.findings.filter((f) => f.severity === "must").length);

  let out;
  try {
    out = execFileSync(bin, ["diff", "base.yaml", "api.yaml", "--format", "json"], { cwd: dir });
  } catch (e) {
    out = e.stdout;
  }
  const native = JSON.parse(out.toString("utf8")).findings.map(({ blocking, status, ...finding }) => finding);
  assert.deepEqual(changes, native);
});

test("without changelog a change that breaks nothing is left out; with it, it is a hint", () => {
  const same = `${head}  /cats:\n    get:\n      operationId: listCats\n      responses:\n        '200':\n          description: ok\n`;
  const quiet = wasm.lint(same, { fileName: "api.yaml", base: { text: head, today } });
  assert.deepEqual(quiet.findings.filter((f) => f.check), []);
  const loud = wasm.lint(same, { fileName: "api.yaml", base: { text: head, today, changelog: true } });
  const hints = loud.findings.filter((f) => f.check);
  assert.deepEqual(hints.map((f) => [f.rule, f.check, f.severity, f.pointer]), [["106", "endpoint-added", "hint", "/paths/~1cats/get"]]);
});

test("a base version that cannot be read is an error of the report; a wrong date is refused", () => {
  const report = wasm.lint(head, { fileName: "api.yaml", base: { text: "openapi: [", fileName: "base.yaml", today } });
  assert.equal(report.errors.length, 1);
  assert.equal(report.errors[0].file, "base.yaml");
  assert.match(report.errors[0].message, /^the base version cannot be compared: /);
  assert.throws(() => wasm.lint(head, { base: { text: base, today: "06.12.2026" } }), /base\.today "06\.12\.2026" is no YYYY-MM-DD date/);
  assert.throws(() => wasm.lint(head, { base: { text: base, today, extra: 1 } }), /unknown field `extra`/);
});
