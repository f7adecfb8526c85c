// The typed facade in Node.js: node --test crates/oaslint-wasm/js/test/
// Needs wasm/ (node ../build.mjs after wasm-bindgen --target web).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as oaslint from "../node.js";
import { LineIndex, verdict, compareSeverity, severityLabel, SEVERITIES } from "../helpers.js";

const RULESET = `name: facade-test
version: 1.0.0
rules:
  must-contact:
    title: Name a contact
    severity: must
    given: $.info
    then: {field: contact, function: truthy}
  should-description:
    title: Describe the API
    severity: should
    given: $.info
    then: {field: description, function: truthy}
  hint-snake:
    severity: hint
    given: $..properties
    then: {field: '@key', function: casing, functionOptions: {type: snake}}
`;

const SPEC = 'openapi: 3.0.3\ninfo: {title: "Pets 🐾", version: 1.0.0}\npaths: {}\ncomponents:\n  schemas:\n    P:\n      properties:\n        petName: {type: string}\n';

test("calls before init() fail with a clear message", () => {
  assert.equal(oaslint.isReady(), false);
  assert.throws(() => oaslint.version(), /await init\(\) first/);
});

test("init() loads the module from disk, once", async () => {
  await Promise.all([oaslint.init(), oaslint.init()]);
  assert.equal(oaslint.isReady(), true);
  const v = oaslint.version();
  assert.equal(v.tool, "oaslint");
  assert.match(v.version, /^\d+\.\d+\.\d+/);
  assert.ok(v.rulesets.some((r) => r.name === "zalando"), JSON.stringify(v));
});

test("lint() returns the typed report; lintJson() the same as JSON text", () => {
  const options = { fileName: "api.yaml", rulesetText: RULESET };
  const report = oaslint.lint(SPEC, options);
  assert.deepEqual(report.ruleset, { name: "facade-test", version: "1.0.0" });
  assert.deepEqual(report.errors, []);
  const rules = report.findings.map((f) => `${f.severity} ${f.rule} ${f.pointer}`).sort();
  assert.deepEqual(rules, [
    "hint hint-snake /components/schemas/P/properties/petName",
    "must must-contact /info/contact",
    "should should-description /info/description",
  ]);
  assert.deepEqual(report.summary, { must: 1, should: 1, may: 0, hint: 1, ignored: 0 });
  for (const f of report.findings) assert.equal(f.file, "api.yaml");
  assert.deepEqual(JSON.parse(oaslint.lintJson(SPEC, options)), report);
});

test("rules() lists a ruleset's rules", () => {
  const listing = oaslint.rules({ rulesetText: RULESET, rulesetName: "acme.yaml" });
  assert.equal(listing.ruleset.name, "facade-test");
  assert.deepEqual(
    listing.rules.map((r) => [r.id, r.severity]),
    [["duplicate-key", "must"], ["hint-snake", "hint"], ["must-contact", "must"], ["remote-ref", "hint"], ["should-description", "should"]],
  );
});

test("wrong options and bad rulesets throw Errors; broken documents are report errors", () => {
  assert.throws(() => oaslint.lint(SPEC, { nope: 1 }), (e) => e instanceof Error && /unknown field `nope`/.test(e.message));
  assert.throws(() => oaslint.lint(SPEC, "zalando"), TypeError);
  assert.throws(() => oaslint.lint(SPEC, { ruleset: "no-such-ruleset" }), /unknown built-in ruleset/);
  assert.throws(() => oaslint.rules({ rulesetText: "rules: {r: {given: '$[', then: {function: truthy}}}", rulesetName: "acme.yaml" }), /acme\.yaml:1:/);
  const broken = oaslint.lint("{ broken", { rulesetText: RULESET });
  assert.equal(broken.errors[0].kind, "parse");
  assert.equal(verdict(broken), "error");
});

test("verdict() matches the pull-request check", () => {
  const base = { errors: [], findings: [] };
  const f = (severity) => ({ severity });
  assert.equal(verdict({ ...base, findings: [f("hint"), f("must"), f("should")] }), "blocked");
  assert.equal(verdict({ ...base, findings: [f("hint"), f("may")] }), "acknowledge");
  assert.equal(verdict({ ...base, findings: [f("should")] }), "acknowledge");
  assert.equal(verdict({ ...base, findings: [f("hint")] }), "clean");
  assert.equal(verdict(base), "clean");
  assert.equal(verdict({ errors: [{ kind: "parse" }], findings: [] }), "error");
});

test("severity helpers", () => {
  assert.deepEqual([...SEVERITIES], ["must", "should", "may", "hint"]);
  assert.deepEqual(["hint", "must", "may", "should"].sort(compareSeverity), ["must", "should", "may", "hint"]);
  assert.equal(severityLabel("should"), "SHOULD");
});

test("LineIndex maps lines and UTF-16 columns to offsets", () => {
  const text = "a: 1\r\nb: \"é😀x\"\rc\n";
  const idx = new LineIndex(text);
  assert.equal(idx.lineCount, 4);
  assert.equal(idx.offset({ line: 2, column: 1 }), 6);
  // "😀" is two UTF-16 code units: x is at column 8 of line 2.
  assert.equal(text[idx.offset({ line: 2, column: 8 })], "x");
  assert.equal(idx.offset({ line: 3, column: 1 }), text.indexOf("c"));
  // Clamped to the line's end, and to the text's end.
  assert.equal(idx.offset({ line: 1, column: 99 }), 4);
  assert.equal(idx.offset({ line: 9, column: 1 }), text.length);
  assert.deepEqual(idx.span({ start: { line: 2, column: 4 }, end: { line: 2, column: 8 } }), [9, 13]);
  assert.deepEqual(idx.position(text.indexOf("x")), { line: 2, column: 8 });
  assert.deepEqual(idx.position(text.length), { line: 4, column: 1 });
});

test("finding ranges land on the right text, past non-ASCII characters", () => {
  const report = oaslint.lint(SPEC, { rulesetText: RULESET.replace("field: description", "field: version, function: pattern, functionOptions: {match: '^v'}}\n  x:\n    given: $.info\n    then: {field: description") });
  const idx = new LineIndex(SPEC);
  const f = report.findings.find((x) => x.pointer === "/info/version");
  assert.ok(f, JSON.stringify(report.findings));
  const [from, to] = idx.span(f.range);
  assert.match(SPEC.slice(from, to), /^version: 1\.0\.0$|^1\.0\.0$/);
});
