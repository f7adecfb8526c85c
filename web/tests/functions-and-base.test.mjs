// Browser tests of a company ruleset's custom JavaScript functions (run by
// the browser's own engine in the lint worker, under a deadline) and of the
// comparison with a base version (guideline 106), in headless Chromium
// against the built site. The findings are compared with the CLI's
// (OASLINT_BIN, default target/debug/oaslint) for the same files.
//   node --test web/tests/functions-and-base.test.mjs   (after vite build)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fixturesDir, lintCount, openEditor, rangeKey, recordRequests, repoDir, screenshotDir, shownFindings, startBrowser, waitForLint } from "./helpers.mjs";

const BIN = path.resolve(process.env.OASLINT_BIN ?? path.join(repoDir, "target/debug/oaslint"));
const ENGINE_FIXTURES = path.join(repoDir, "tests/fixtures/custom-functions");
const FUNCTION_RULESET = path.join(fixturesDir, "custom-functions/ruleset.yaml");
const LOOPS_RULESET = path.join(fixturesDir, "custom-functions/loops.yaml");
const PREFIX_FUNCTION = path.join(ENGINE_FIXTURES, "functions/operationIdPrefix.js");
const LOOPS_FUNCTION = path.join(ENGINE_FIXTURES, "failing/functions/loops.js");
const FUNCTIONS_SPEC = path.join(ENGINE_FIXTURES, "api.yaml");
const BASE = path.join(fixturesDir, "base-version/base.yaml");
const HEAD = path.join(fixturesDir, "base-version/api.yaml");

let browser;
let requests;
let page;
const problems = [];

before(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  browser = await startBrowser();
  requests = recordRequests(browser.context);
  const opened = await openEditor(browser.context, browser.url);
  page = opened.page;
  problems.push(...opened.problems);
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
});

after(async () => {
  await browser?.close();
});

/** Runs the CLI in a fresh folder holding `files` ({name: source path}); returns its JSON report. */
function cli(args, files) {
  const dir = mkdtempSync(path.join(tmpdir(), "oaslint-web-"));
  try {
    for (const [name, from] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      cpSync(from, path.join(dir, name));
    }
    const r = spawnSync(BIN, [...args, "--format", "json"], { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw new Error(`cannot run ${BIN} (build it with cargo build -p oaslint-cli): ${r.error.message}`);
    return JSON.parse(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function openSpec(file) {
  const before = await lintCount(page);
  await page.locator("#file-input").setInputFiles(file);
  await waitForLint(page, before);
}

/** Applies the company dialog after `choose` picked files; waits for the relint. */
async function applyCompany(choose) {
  await page.locator("#company-open").click();
  await page.locator("#company-dialog[open]").waitFor();
  await choose();
  const before = await lintCount(page);
  await page.locator("#company-apply").click();
  await page.locator("#company-dialog").waitFor({ state: "hidden" });
  await waitForLint(page, before);
}

/** Texts under the lint underlines of editor line `line` (1-based). */
async function markedTexts(line) {
  return page.locator(".cm-content .cm-line").nth(line - 1).locator(".cm-lintRange").allTextContents();
}

/** The text of the lint tooltip shown when hovering the first underline of `line`. */
async function tooltipAt(line, text) {
  await page.locator(".cm-content .cm-line").nth(line - 1).locator(".cm-lintRange", { hasText: text }).first().hover();
  const tooltip = page.locator(".cm-tooltip-lint");
  await tooltip.waitFor();
  const shown = await tooltip.textContent();
  await page.mouse.move(0, 0);
  await tooltip.waitFor({ state: "hidden" });
  return shown;
}

const located = (f) => `${f.rule} ${f.pointer} ${f.range}`;

test("a company ruleset with its function file: the custom function runs in the browser, its finding located as the CLI's", async () => {
  await openSpec(FUNCTIONS_SPEC);
  // The ruleset and its function selected together: the script is functions/<name>.js.
  await applyCompany(() => page.locator("#company-file").setInputFiles([FUNCTION_RULESET, PREFIX_FUNCTION]));
  const cliReport = cli(["lint", "--ruleset", "ruleset.yaml", "api.yaml"], {
    "ruleset.yaml": FUNCTION_RULESET,
    "functions/operationIdPrefix.js": PREFIX_FUNCTION,
    "api.yaml": FUNCTIONS_SPEC,
  });
  assert.deepEqual(cliReport.errors, []);
  const shown = await shownFindings(page);
  assert.deepEqual(
    shown.map(located),
    cliReport.findings.map((f) => located({ ...f, range: rangeKey(f.range) })),
  );
  // The function's own path: the operationId of POST /pets, line 13 column 7.
  assert.deepEqual(shown.map(located), ["operation-id-prefix /paths/~1pets/post/operationId 13:7-13:26"]);
  assert.deepEqual(await markedTexts(13), ["operationId: addPet"]);
  assert.match(await tooltipAt(13, "addPet"), /MUST operation-id-prefix: operationId "addPet" must start with one of: get, list/);
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem("oaslint.companyFunctions"))["functions/operationIdPrefix.js"].length > 0), true);
  await page.screenshot({ path: path.join(screenshotDir, "custom-function.png") });

  // After a reload the function files come from this browser's storage.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
  await waitForLint(page, 0);
  assert.deepEqual((await shownFindings(page)).map(located), ["operation-id-prefix /paths/~1pets/post/operationId 13:7-13:26"]);
});

test("a company ruleset's folder: the ruleset at its top, the function files by their paths in it", async () => {
  const folder = mkdtempSync(path.join(tmpdir(), "oaslint-ruleset-"));
  try {
    const top = path.join(folder, "acme-rules");
    mkdirSync(path.join(top, "lib"), { recursive: true });
    // Another functionsDir than the default: the paths in the folder count.
    writeFileSync(path.join(top, "ruleset.yaml"), `functionsDir: lib\n${readFileSync(FUNCTION_RULESET, "utf8")}`);
    cpSync(PREFIX_FUNCTION, path.join(top, "lib/operationIdPrefix.js"));
    writeFileSync(path.join(top, "README.md"), "not a ruleset\n");
    await applyCompany(() => page.locator("#company-folder-input").setInputFiles(top));
    assert.deepEqual((await shownFindings(page)).map(located), ["operation-id-prefix /paths/~1pets/post/operationId 13:7-13:26"]);
    assert.deepEqual(Object.keys(await page.evaluate(() => JSON.parse(localStorage.getItem("oaslint.companyFunctions")))), ["lib/operationIdPrefix.js"]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test("a custom function that never returns is stopped at the deadline; the editor keeps linting", async () => {
  await applyCompany(async () => {
    await page.locator("#company-file").setInputFiles([LOOPS_RULESET, LOOPS_FUNCTION]);
  });
  // The lint fails after the deadline (10 s), with the reason.
  await page.waitForFunction(() => document.documentElement.dataset.lintState === "error", null, { timeout: 30_000 });
  assert.equal(await page.locator("#verdict").getAttribute("data-verdict"), "error");
  assert.match(await page.locator("#verdict").textContent(), /custom functions ran longer than 10 s and were stopped/);
  // The restarted worker lints with another ruleset at once.
  const before = await lintCount(page);
  await page.locator("#ruleset").selectOption("zalando");
  await waitForLint(page, before);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.lintState), "idle");
  assert.ok((await shownFindings(page)).length > 0);
  // What the restart logged is the expected reason, nothing else.
  const unexpected = problems.filter((p) => !/the lint worker was restarted: custom functions ran longer/.test(p));
  assert.deepEqual(unexpected, []);
});

test("a base version: its breaking changes are markers at their places in the edited text, with the check id", async () => {
  await page.locator("#ruleset").selectOption("zalando");
  await openSpec(HEAD);
  const before = await lintCount(page);
  await page.locator("#base-input").setInputFiles(BASE);
  await waitForLint(page, before);
  assert.equal((await page.locator("#base-name").textContent()).trim(), "base.yaml");
  const diff = cli(["diff", "base.yaml", "api.yaml"], { "base.yaml": BASE, "api.yaml": HEAD });
  const expected = diff.findings.map((f) => `${f.rule} ${f.check} ${f.pointer} ${rangeKey(f.range)}`).sort();
  assert.deepEqual(expected, [
    "106 api-path-removed-without-deprecation /paths 5:1-5:6",
    "106 new-required-request-parameter /paths/~1pets/get/parameters/0 10:11-14:25",
    "116 api-major-version-not-bumped /info/version 4:3-4:17",
  ]);
  const changes = await page.$$eval("#findings-list .finding[data-check]", (items) =>
    items.map((li) => `${li.dataset.rule} ${li.dataset.check} ${li.dataset.pointer} ${li.dataset.range}`),
  );
  assert.deepEqual(changes.sort(), expected);
  // The removed path is marked on line 5 (`paths`, the nearest part of HEAD that exists).
  assert.ok((await markedTexts(5)).includes("paths"), `line 5: ${await markedTexts(5)}`);
  assert.match(await tooltipAt(5, "paths"), /MUST 106 api-path-removed-without-deprecation: GET \/toys: path removed without deprecation \(base: base\.yaml:13/);
  assert.match(await tooltipAt(4, "version"), /MUST 116 api-major-version-not-bumped:/);
  assert.equal(await page.locator("#verdict").getAttribute("data-verdict"), "blocked");
  await page.screenshot({ path: path.join(screenshotDir, "base-version.png") });

  // Stop comparing: the changes go, the guideline findings stay.
  const beforeClear = await lintCount(page);
  await page.locator("#base-clear").click();
  await waitForLint(page, beforeClear);
  assert.equal(await page.locator("#findings-list .finding[data-check]").count(), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem("oaslint.base")), null);
});

test("no request left the page's origin", () => {
  const origin = new URL(browser.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")), []);
});
