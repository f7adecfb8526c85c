// initSync() in its own process (the module loads once per process).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as browserEntry from "../index.js";
import * as nodeEntry from "../node.js";

test("initSync() with the bytes, through the browser entry", () => {
  const bytes = readFileSync(new URL("../wasm/oaslint_wasm_bg.wasm", import.meta.url));
  browserEntry.initSync(bytes);
  assert.equal(browserEntry.isReady(), true);
  // Both entries share the one module instance.
  assert.equal(nodeEntry.isReady(), true);
  nodeEntry.initSync();
  const report = browserEntry.lint("openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\n", { rulesetText: "rules: {}\n" });
  assert.deepEqual(report.findings, []);
  assert.deepEqual(report.errors, []);
  assert.equal(report.documents[0].format, "openapi-3.0");
});
