// Custom JavaScript functions in the WebAssembly build: the host's own
// engine runs them (crates/oaslint-wasm/src/script.rs). The function files
// come in `files`, next to the ruleset, as the CLI reads them from disk;
// the findings must be the CLI's (same fixtures as tests/custom_functions.rs
// less the async function, which the synchronous wasm API cannot await:
// it is an error of its rule here).
//
// Run by ./test.sh after the wasm build:
//   node --test crates/oaslint-wasm/tests/
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const require = createRequire(import.meta.url);
const wasm = require(path.join(root, "target/wasm-pkg/node/oaslint_wasm.js"));
const dir = path.join(root, "tests/fixtures/custom-functions");
const read = (f) => readFileSync(path.join(dir, f), "utf8");
const bin = process.env.OASLINT_BIN ?? path.join(root, "target/debug/oaslint");

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
    ["has-servers", "/info", 2, 1, "has-servers: Pets lists no servers"],
    [
      "operation-id-prefix",
      "/paths/~1pets/post/operationId",
      13,
      7,
      'operationId "addPet" must start with one of: get, list, create, update, delete',
    ],
  ]);
});

test("the findings are the CLI's for the same ruleset and function files", () => {
  const work = mkdtempSync(path.join(tmpdir(), "oaslint-functions-"));
  try {
    mkdirSync(path.join(work, "functions"));
    writeFileSync(path.join(work, "ruleset.yaml"), rulesetText);
    writeFileSync(path.join(work, "api.yaml"), read("api.yaml"));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(work, name), text);
    let out;
    try {
      out = execFileSync(bin, ["lint", "--ruleset", "ruleset.yaml", "--format", "json", "--fail-on", "none", "api.yaml"], { cwd: work });
    } catch (e) {
      out = e.stdout;
    }
    // `blocking` and `status` are the CLI gate's (see native-vs-wasm.test.mjs).
    const native = JSON.parse(out.toString("utf8")).findings.map(({ blocking, status, ...finding }) => finding);
    const fromWasm = JSON.parse(wasm.lintJson(read("api.yaml"), { fileName: "api.yaml", rulesetText, files })).findings;
    assert.equal(native.length, 2);
    assert.deepEqual(fromWasm, native);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
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

test("an async function is an error of its rule naming the function file, not a crash", () => {
  const report = wasm.lint(read("api.yaml"), {
    fileName: "api.yaml",
    rulesetText: "functions: [versionInTitle]\nrules:\n  v:\n    given: $.info.version\n    then:\n      function: versionInTitle\n",
    files: { "functions/versionInTitle.js": read("functions/versionInTitle.js") },
  });
  assert.deepEqual(report.findings, []);
  assert.equal(report.errors.length, 1, JSON.stringify(report));
  assert.equal(report.errors[0].rule, "v");
  assert.match(report.errors[0].message, /functions\/versionInTitle\.js.*Promise/);
});

test("the usual doors to the network and the file system are closed (best effort, not a sandbox)", () => {
  const probe = [
    "export default () => [{ message: [",
    "  typeof fetch, typeof globalThis.fetch, typeof process, typeof globalThis.process,",
    "  typeof XMLHttpRequest, typeof require('@stoplight/spectral-core').createRulesetFunction,",
    "].join(' ') }];",
    "const process = 1;", // a module may declare a name that is hidden
  ].join("\n");
  const report = wasm.lint(read("api.yaml"), {
    fileName: "api.yaml",
    rulesetText: "functions: [probe]\nrules:\n  probe:\n    message: '{{error}}'\n    given: $.info\n    then:\n      function: probe\n",
    files: { "functions/probe.js": probe },
  });
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.findings.map((f) => f.message), ["undefined undefined number undefined undefined function"]);
  assert.equal(typeof globalThis.fetch, "function", "the host's own global is untouched");
});

test("the core function `schema` works inside a custom function", () => {
  const fn = [
    "import { schema } from '@stoplight/spectral-functions';",
    "export default (info, _o, context) => schema(info, { schema: { type: 'object', required: ['license'] } }, context);",
  ].join("\n");
  const report = wasm.lint(read("api.yaml"), {
    fileName: "api.yaml",
    rulesetText: "functions: [lic]\nrules:\n  lic:\n    message: '{{error}}'\n    given: $.info\n    then:\n      function: lic\n",
    files: { "functions/lic.js": fn },
  });
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.findings.map((f) => [f.pointer, f.message]), [["/info", '"license" is a required property']]);
});

test("linting again with the same function files gives the same findings (compiled once, reused)", () => {
  const options = { fileName: "api.yaml", rulesetText, files };
  const first = wasm.lintJson(read("api.yaml"), options);
  for (let i = 0; i < 3; i++) assert.equal(wasm.lintJson(read("api.yaml"), options), first);
});
