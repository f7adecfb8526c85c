// NOT YET RUN: moved here (out of node --test's tests/) until src/script.rs is wired
// into lib.rs and built for wasm; move back to tests/ then.
// Custom JavaScript functions in the WebAssembly build: the host's own
// engine runs them (crates/oaslint-wasm/src/script.rs). The function files
// come in `files`, next to the ruleset, as the CLI reads them from disk;
// the findings must be the CLI's (same fixtures as tests/custom_functions.rs
// less the async function, which the synchronous wasm API cannot await).
//
// Run by ./test.sh after the wasm build:
//   node --test crates/oaslint-wasm/tests/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const require = createRequire(import.meta.url);
const wasm = require(path.join(root, "target/wasm-pkg/node/oaslint_wasm.js"));
const dir = path.join(root, "tests/fixtures/custom-functions");
const read = (f) => readFileSync(path.join(dir, f), "utf8");

const rulesetText = read("ruleset.yaml").replace(/ {2}- versionInTitle\n/, "").replace(/ {2}version-in-title:[\s\S]*$/, "");
const files = {
  "functions/operationIdPrefix.js": read("functions/operationIdPrefix.js"),
  "functions/hasServers.js": read("functions/hasServers.js"),
};

test("ES module and CommonJS functions run and their paths are located", () => {
  const report = wasm.lint(read("api.yaml"), { fileName: "api.yaml", rulesetText, files });
  assert.deepEqual(report.errors, []);
  const found = report.findings.map((f) => [f.rule, f.pointer, f.range.start.line, f.range.start.column, f.message]);
  assert.deepEqual(found, [
    ["has-servers", "/info", 3, 3, "has-servers: Pets lists no servers"],
    [
      "operation-id-prefix",
      "/paths/~1pets/post/operationId",
      13,
      20,
      'operationId "addPet" must start with one of: get, list, create, update, delete',
    ],
  ]);
});

test("a thrown error is an error of the rule naming the function file", () => {
  const report = wasm.lint(read("api.yaml"), {
    fileName: "api.yaml",
    rulesetText: "functions: [boom]\nrules:\n  boom:\n    given: $.info\n    then:\n      function: boom\n",
    files: { "functions/boom.js": "export default () => { throw new RangeError('no pets'); };" },
  });
  assert.equal(report.errors.length, 1, JSON.stringify(report));
  assert.equal(report.errors[0].rule, "boom");
  assert.match(report.errors[0].message, /functions\/boom\.js.*RangeError: no pets/);
});

test("imports other than Spectral's modules are refused when the ruleset loads", () => {
  assert.throws(
    () =>
      wasm.lint(read("api.yaml"), {
        rulesetText: "functions: [f]\nrules:\n  r:\n    given: $.info\n    then:\n      function: f\n",
        files: { "functions/f.js": "import { readFileSync } from 'fs';\nexport default () => [];\n" },
      }),
    /functions\/f\.js.*'fs'/,
  );
});

test("options are validated against the function's schema", () => {
  assert.throws(
    () =>
      wasm.lint(read("api.yaml"), {
        rulesetText: rulesetText.replace("prefixes: [get, list, create, update, delete]", "prefix: get"),
        files,
      }),
    /"operationIdPrefix" function is missing "prefixes" option/,
  );
});
