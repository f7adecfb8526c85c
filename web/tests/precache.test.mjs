// The service worker's file list as the build writes it (scripts/precache.mjs),
// on a made-up site; offline.test.mjs runs the written worker in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { precacheList, writeServiceWorker } from "../scripts/precache.mjs";

function site(files) {
  const dir = mkdtempSync(path.join(tmpdir(), "oaslint-precache-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const BUILD = {
  "index.html": "<!doctype html>",
  "assets/index-a1.js": "console.log(1)",
  "assets/index-b2.css": "body{}",
  "assets/oaslint_wasm_bg-c3.wasm": "\0asm",
  "favicon.svg": "<svg/>",
  "sw.js": "old worker",
  "staticwebapp.config.json": "{}",
  "web.config": "<configuration/>",
};

test("every file of the build is precached with its SHA-256, except the worker and the hosts' configuration", () => {
  const dir = site(BUILD);
  try {
    const integrity = (text) => `sha256-${createHash("sha256").update(text).digest("base64")}`;
    assert.deepEqual(precacheList(dir), [
      { url: "assets/index-a1.js", integrity: integrity("console.log(1)") },
      { url: "assets/index-b2.css", integrity: integrity("body{}") },
      { url: "assets/oaslint_wasm_bg-c3.wasm", integrity: integrity("\0asm") },
      { url: "favicon.svg", integrity: integrity("<svg/>") },
      { url: "index.html", integrity: integrity("<!doctype html>") },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("sw.js carries the list; its version changes with any file's content and only then", () => {
  const dir = site(BUILD);
  try {
    const first = writeServiceWorker(dir);
    const code = readFileSync(path.join(dir, "sw.js"), "utf8");
    assert.ok(!code.includes("__OASLINT_PRECACHE__"), "the placeholder is replaced");
    assert.ok(code.includes(`"version": "${first.version}"`));
    assert.ok(code.includes('"url": "assets/oaslint_wasm_bg-c3.wasm"'));
    assert.equal(first.files.length, 5);
    // Writing again (sw.js itself is not in the list) gives the same version.
    assert.equal(writeServiceWorker(dir).version, first.version);
    writeFileSync(path.join(dir, "assets/index-b2.css"), "body{color:red}");
    assert.notEqual(writeServiceWorker(dir).version, first.version);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a folder without index.html is refused", () => {
  const dir = site({ "assets/x.js": "" });
  try {
    assert.throws(() => writeServiceWorker(dir), /no index\.html/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
