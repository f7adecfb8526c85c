// Writes the service worker of a built site: dist/sw.js from src/sw.js, with
// the list of every file the site needs offline, each with its SHA-256, and
// a version that changes whenever a file or the worker's code changes.
// vite.config.ts runs it after `vite build`; the tests run it on a copy of
// dist to make an updated build.
//   node scripts/precache.mjs [DIST]     (default: dist)
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const TEMPLATE = path.join(webDir, "src/sw.js");
const PLACEHOLDER = "__OASLINT_PRECACHE__";

/**
 * Files of dist that are not precached: the worker itself (the browser keeps
 * it), and the hosts' configuration files, which the hosts do not serve
 * (a precache that fetches a missing file fails as a whole).
 */
export const NOT_PRECACHED = new Set(["sw.js", "staticwebapp.config.json", "web.config"]);

/** Every file under `dist` to precache: URL relative to dist, SRI integrity. */
export function precacheList(dist) {
  const files = [];
  const walk = (dir, prefix) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix + entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${rel}/`);
      else if (!NOT_PRECACHED.has(rel)) {
        const digest = createHash("sha256").update(readFileSync(path.join(dir, entry.name))).digest("base64");
        files.push({ url: rel.split("/").map(encodeURIComponent).join("/"), integrity: `sha256-${digest}` });
      }
    }
  };
  walk(dist, "");
  return files.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/** Writes `dist/sw.js`; returns the build's `{ version, files }`. */
export function writeServiceWorker(dist, template = TEMPLATE) {
  const files = precacheList(dist);
  if (!files.some((f) => f.url === "index.html")) throw new Error(`${dist} has no index.html: not a built site`);
  const code = readFileSync(template, "utf8");
  if (code.split(PLACEHOLDER).length !== 2) throw new Error(`${template} must name ${PLACEHOLDER} exactly once`);
  const version = createHash("sha256").update(code).update(JSON.stringify(files)).digest("hex").slice(0, 16);
  const build = { version, files };
  writeFileSync(path.join(dist, "sw.js"), code.replace(PLACEHOLDER, JSON.stringify(build, null, 2)));
  return build;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const dist = path.resolve(process.argv[2] ?? path.join(webDir, "dist"));
  const { version, files } = writeServiceWorker(dist);
  console.log(`${path.join(dist, "sw.js")}: version ${version}, ${files.length} files precached`);
}
