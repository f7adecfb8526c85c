// Offline use as a user meets it: the page was loaded once, the browser has
// since emptied its HTTP cache, and the site cannot be reached. Only the
// service worker's precache can serve the page then. The tests have a
// browser profile and a server of their own, which they stop, on a copy of
// dist, which the second test deploys a new build over (one browser for
// both: a browser and a first load less in CI).
//   node --test web/tests/offline.test.mjs      (after vite build)
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { precacheList, writeServiceWorker } from "../scripts/precache.mjs";
import { distDir, fixturesDir, openEditor, pasteText, screenshotDir, shownFindings, startBrowser, waitForLint } from "./helpers.mjs";

const SPEC = readFileSync(path.join(fixturesDir, "spec-with-findings.yaml"), "utf8");

/** The version dist/sw.js was written with. */
function builtVersion(dist) {
  const match = /"version": "([0-9a-f]+)"/.exec(readFileSync(path.join(dist, "sw.js"), "utf8"));
  assert.ok(match, `${dist}/sw.js has no precache version: was it written by scripts/precache.mjs?`);
  return match[1];
}

/** Waits until a service worker controls the page (its precache is then complete). */
async function waitForControl(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated", null, { timeout: 30_000 });
}

/** Every cache of the origin: name → the URLs it holds. */
async function cacheContents(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => r.url).sort();
    return out;
  });
}

/** Empties the browser's HTTP cache (memory and disk) and keeps it out of use. */
async function emptyHttpCache(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.clearBrowserCache");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  return cdp;
}

/** What shows that the site's stylesheet applies (not the browser's defaults). */
async function styling(page) {
  return page.evaluate(() => ({
    toolbarDisplay: getComputedStyle(document.querySelector(".toolbar")).display,
    hiddenTitleWidth: getComputedStyle(document.querySelector("#editor-title")).width,
    toolbarBorder: getComputedStyle(document.querySelector(".toolbar")).borderBottomWidth,
  }));
}

/** Reloads with the site unreachable; the page must be whole and lint. */
async function reloadOffline(page) {
  const responses = [];
  const failed = [];
  const onResponse = (r) => responses.push({ url: r.url(), fromServiceWorker: r.fromServiceWorker(), status: r.status() });
  const onFailed = (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`);
  page.on("response", onResponse);
  page.on("requestfailed", onFailed);
  try {
    await page.reload({ timeout: 30_000 });
    await page.waitForFunction(() => document.documentElement.dataset.ready === "true", null, { timeout: 30_000 });
    await waitForLint(page, 0);
  } catch (e) {
    const banner = await page.locator("#verdict").textContent().catch(() => "?");
    throw new Error(`offline, the editor did not load (banner "${banner.trim()}"; failed requests: ${failed.join(", ") || "none"}): ${e.message}`);
  } finally {
    page.off("response", onResponse);
    page.off("requestfailed", onFailed);
  }
  return { responses, failed };
}

test("offline use (service worker)", async (t) => {
  const site = mkdtempSync(path.join(tmpdir(), "oaslint-site-"));
  cpSync(distDir, site, { recursive: true });
  const served = [];
  const browser = await startBrowser({ dist: site, log: (line) => served.push(line) });
  const prefix = `oaslint-editor ${browser.url} `;
  try {
    const { page, problems } = await openEditor(browser.context, browser.url);

    await t.test("with the HTTP cache emptied and the server stopped, the page loads from the service worker, styled, and lints", async () => {
      await waitForControl(page);
      const expected = precacheList(site).map((f) => new URL(f.url, browser.url).href).sort();
      assert.deepEqual(await cacheContents(page), { [prefix + builtVersion(site)]: expected });
      await pasteText(page, SPEC);
      await page.waitForFunction((text) => localStorage.getItem("oaslint.text") === text, SPEC);
      const online = await shownFindings(page);
      assert.ok(online.length > 0, "the fixture has findings");
      const onlineStyle = await styling(page);
      assert.equal(onlineStyle.toolbarDisplay, "flex");
      assert.equal(onlineStyle.hiddenTitleWidth, "1px");

      await emptyHttpCache(browser.context, page);
      await browser.stopServer();
      const { responses } = await reloadOffline(page);
      // Every file came from the service worker: the server is gone, the HTTP cache empty.
      const fromSite = responses.filter((r) => r.url.startsWith(browser.url) && !r.url.endsWith("/sw.js"));
      assert.ok(fromSite.length >= 4, `responses: ${JSON.stringify(responses)}`);
      assert.deepEqual(fromSite.filter((r) => !r.fromServiceWorker || r.status !== 200), []);
      assert.deepEqual(await styling(page), onlineStyle);
      assert.deepEqual(await shownFindings(page), online);
      assert.notEqual(await page.locator("#verdict").getAttribute("data-verdict"), "pending");
      await page.screenshot({ path: path.join(screenshotDir, "offline.png") });
    });

    await t.test("an updated build (new asset hashes) replaces the old build's cache, and works offline", async () => {
      const oldVersion = builtVersion(site);
      // The first service worker's cache, and a cache that is not the editor's.
      await page.evaluate(() => Promise.all([caches.open("oaslint-editor-v1"), caches.open("another-app")]));
      // A new deployment over the old one: a changed stylesheet under a new
      // hashed name, sw.js written again.
      const assets = path.join(site, "assets");
      const oldCss = readdirSync(assets).find((f) => f.endsWith(".css"));
      const newCss = "index-UpDated1.css";
      writeFileSync(path.join(assets, newCss), `${readFileSync(path.join(assets, oldCss), "utf8")}\n.toolbar { border-bottom-width: 3px; }\n`);
      rmSync(path.join(assets, oldCss));
      const index = readFileSync(path.join(site, "index.html"), "utf8");
      assert.ok(index.includes(`assets/${oldCss}`));
      writeFileSync(path.join(site, "index.html"), index.replace(`assets/${oldCss}`, `assets/${newCss}`));
      const { version: newVersion, files } = writeServiceWorker(site);
      assert.notEqual(newVersion, oldVersion);
      await browser.startServer();

      // The browser finds the new sw.js (as on a later visit) and installs it.
      served.length = 0;
      await page.evaluate(async () => {
        const changed = new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
        await (await navigator.serviceWorker.getRegistration()).update();
        await changed;
      });
      await waitForControl(page);
      const expected = files.map((f) => new URL(f.url, browser.url).href).sort();
      assert.deepEqual(await cacheContents(page), { "another-app": [], [prefix + newVersion]: expected });
      assert.ok(expected.includes(`${browser.url}assets/${newCss}`));
      // Unchanged files (the .wasm, the scripts) came from the old cache, not the server.
      assert.deepEqual(
        served.filter((line) => / GET .*\/assets\//.test(line)),
        [`200 GET /assets/${newCss}`],
      );

      // The new build, offline: its stylesheet is the changed one.
      await emptyHttpCache(browser.context, page);
      await browser.stopServer();
      await reloadOffline(page);
      assert.deepEqual(await styling(page), { toolbarDisplay: "flex", hiddenTitleWidth: "1px", toolbarBorder: "3px" });
      assert.ok((await shownFindings(page)).length > 0);
    });

    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    rmSync(site, { recursive: true, force: true });
  }
});
