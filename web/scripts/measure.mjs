#!/usr/bin/env node
// Times the first lint of a large spec in the built page (web/dist), each
// run in a fresh page (a new worker, so a new WebAssembly instance):
//   node web/scripts/measure.mjs [--runs 5] [--spec FILE] [--ruleset zalando|FILE]
// Without --spec: a generated 1 MiB OpenAPI 3.0 YAML (tests/large-spec.mjs).
// Without --ruleset: the small company ruleset of the tests. Prints the
// engine time in the worker and the time until markers and list are shown.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fixturesDir, lintCount, openEditor, pasteText, startBrowser, waitForLint } from "../tests/helpers.mjs";
import { largeSpec } from "../tests/large-spec.mjs";

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
}

const runs = Number(arg("--runs", 5));
const specFile = arg("--spec");
const spec = specFile ? readFileSync(specFile, "utf8") : largeSpec(1024 * 1024);
const rulesetArg = arg("--ruleset", path.join(fixturesDir, "company-ruleset.yaml"));
const builtin = !rulesetArg.includes("/") && !rulesetArg.includes(".");

const browser = await startBrowser();
const rows = [];
try {
  const setup = await openEditor(browser.context, browser.url);
  await setup.page.evaluate(
    ({ builtin, name, text }) => {
      localStorage.clear();
      localStorage.setItem("oaslint.text", "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\n");
      if (builtin) {
        localStorage.setItem("oaslint.ruleset", name);
      } else {
        localStorage.setItem("oaslint.ruleset", "company");
        localStorage.setItem("oaslint.companyRuleset", text);
        localStorage.setItem("oaslint.companyRulesetName", name);
      }
    },
    builtin
      ? { builtin, name: rulesetArg }
      : { builtin, name: path.basename(rulesetArg), text: readFileSync(rulesetArg, "utf8") },
  );
  await setup.page.close();
  for (let i = 0; i < runs; i++) {
    const { page } = await openEditor(browser.context, browser.url);
    // Let the worker finish warming up for the ruleset, as a person would
    // take a moment before pasting.
    await page.waitForFunction(() => !!document.documentElement.dataset.warmedMs, null, { timeout: 60_000 });
    const before = await lintCount(page);
    await pasteText(page, spec);
    await waitForLint(page, before);
    const d = await page.evaluate(() => ({ ...document.documentElement.dataset }));
    rows.push({
      run: i + 1,
      chars: Number(d.lintChars),
      workerMs: Number(d.lintMs),
      roundtripMs: Number(d.roundtripMs),
      renderMs: Number(d.renderMs),
      waitMs: Number(d.waitMs),
      backMs: Number(d.backMs),
      parseMs: Number(d.parseMs),
      wasmInitMs: Number(d.wasmInitMs),
      warmedMs: Number(d.warmedMs),
    });
    await page.evaluate(() => localStorage.setItem("oaslint.text", "openapi: 3.0.3\npaths: {}\n"));
    await page.close();
  }
} finally {
  await browser.close();
}
console.table(rows);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `first lint of ${rows[0]?.chars} chars with ${path.basename(rulesetArg)}: median ${median(rows.map((r) => r.roundtripMs))} ms ` +
    `until shown (engine ${median(rows.map((r) => r.workerMs))} ms in the worker), ${runs} fresh pages`,
);
