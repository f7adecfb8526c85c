// Shared by the browser tests: a headless Debian Chromium through
// playwright-core (Playwright's own browser download is not used), the
// built site on 127.0.0.1, and page helpers.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "../scripts/serve.mjs";

export const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const repoDir = path.resolve(webDir, "..");
export const distDir = process.env.OASLINT_WEB_DIST ?? path.join(webDir, "dist");
export const fixturesDir = path.join(webDir, "tests/fixtures");
export const screenshotDir = process.env.OASLINT_SCREENSHOTS ?? path.join(repoDir, "target/web-screenshots");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/**
 * Starts a server for the built site (`dist`, default web/dist) and a
 * browser with a profile of its own; returns { url, context, stopServer,
 * startServer, close }. `log` receives each request the server answers
 * ("200 GET /x").
 */
export async function startBrowser({ dist = distDir, log } = {}) {
  if (!existsSync(path.join(dist, "index.html"))) throw new Error(`${dist} has no built site: run vite build`);
  let site = await serve(dist, { log });
  const profile = mkdtempSync(path.join(tmpdir(), "oaslint-chromium-"));
  // launchPersistentContext takes the profile directory (--user-data-dir).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
    viewport: { width: 1400, height: 900 },
  });
  return {
    url: site.url,
    context,
    /** Stops the server: from now on the site is unreachable (connection refused). */
    stopServer: () => site.close(),
    /** Starts the server again, at the same address, serving what `dist` holds now. */
    async startServer() {
      site = await serve(dist, { log, port: Number(new URL(site.url).port) });
    },
    async close() {
      await context.close();
      await site.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Every request the page (or its workers) makes; none may leave the site's origin. */
export function recordRequests(context) {
  const urls = [];
  context.on("request", (r) => urls.push(r.url()));
  return urls;
}

/** Opens the site in a fresh tab and waits until the first lint is shown. */
export async function openEditor(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === "true", null, { timeout: 30_000 });
  await waitForLint(page, 0);
  return { page, problems };
}

export async function lintCount(page) {
  return Number(await page.evaluate(() => document.documentElement.dataset.lintCount ?? "0"));
}

/** Waits until a lint newer than `after` is shown and nothing is pending. */
export async function waitForLint(page, after) {
  await page.waitForFunction(
    (n) => {
      const d = document.documentElement.dataset;
      return Number(d.lintCount ?? 0) > n && (d.lintState === "idle" || d.lintState === "error");
    },
    after,
    { timeout: 30_000 },
  );
}

/** Replaces the editor's text as a paste from the clipboard would. */
export async function pasteText(page, text) {
  const before = await lintCount(page);
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+A");
  await page.locator(".cm-content").evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await waitForLint(page, before);
}

/** The findings list as the page shows it (data attributes of each item). */
export async function shownFindings(page) {
  return page.$$eval("#findings-list .finding", (items) =>
    items.map((li) => ({
      rule: li.dataset.rule,
      pointer: li.dataset.pointer,
      range: li.dataset.range,
      severity: li.dataset.severity,
      file: li.dataset.file,
    })),
  );
}

export function rangeKey(r) {
  return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
}
