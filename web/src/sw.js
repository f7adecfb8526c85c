// oaslint editor's service worker: keeps every file of one build so that the
// editor loads, is styled and lints offline, even after the browser has
// emptied its HTTP cache. It never touches requests to other origins (the
// page makes none).
//
// This is a template: the build (scripts/precache.mjs, run by vite.config.ts)
// writes dist/sw.js from it, with the placeholder below replaced by the
// build's file list, each file with its SHA-256 (as a Subresource Integrity
// value), and a version: a hash of that list and of this template. A new
// deployment therefore has a new sw.js, which the browser installs as an
// update; it precaches the new build into a cache of its own and, once
// active, deletes the caches of earlier builds.

/** @type {{ version: string, files: { url: string, integrity: string }[] }} */
const BUILD = __OASLINT_PRECACHE__;

// Caches are per origin, but a site may host the editor in several folders:
// each registration (scope) keeps and deletes only its own caches.
const PREFIX = `oaslint-editor ${self.registration.scope} `;
const CACHE = `${PREFIX}${BUILD.version}`;
// The cache of the first service worker, which kept only "./" and "./index.html".
const LEGACY_CACHE = "oaslint-editor-v1";
/** Absolute URL of each precached file → its integrity value. */
const FILES = new Map(BUILD.files.map((f) => [new URL(f.url, self.location.href).href, f.integrity]));
const INDEX = new URL("index.html", self.location.href).href;
const HOME = new URL("./", self.location.href).href;

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const old = (await caches.keys()).filter((k) => k === LEGACY_CACHE || (k.startsWith(PREFIX) && k !== CACHE));
      await Promise.all(old.map((k) => caches.delete(k)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  url.hash = "";
  url.search = "";
  if (request.mode === "navigate") {
    // The page itself: the network first, so a new deployment shows at
    // once; offline, this build's index.html (whose assets are all here).
    if (url.href === HOME || url.href === INDEX) event.respondWith(networkElseIndex(request));
    return;
  }
  // Every other file of the build (hashed assets, the icon): this build's
  // copy first. A file the build does not have goes to the network as usual.
  if (FILES.has(url.href)) event.respondWith(precachedElseNetwork(request, url.href));
});

/**
 * Puts every file of this build into CACHE. A file an earlier build already
 * cached with the same content (same URL and hash, e.g. an unchanged .wasm)
 * is copied from there; the others are fetched past the HTTP cache's
 * freshness (`no-cache` revalidates) and checked against their hash, so a
 * cache holds exactly the build it is named after, or the install fails and
 * the browser keeps the previous worker (it retries on a later visit).
 */
async function precache() {
  const cache = await caches.open(CACHE);
  const toFetch = [];
  for (const [url, integrity] of FILES) {
    const earlier = await caches.match(url);
    if (earlier && (await integrityOf(earlier.clone())) === integrity) await cache.put(url, earlier);
    else toFetch.push(new Request(url, { cache: "no-cache", integrity }));
  }
  await cache.addAll(toFetch);
}

/** The Subresource Integrity value (sha256-…) of a response's body. */
async function integrityOf(response) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await response.arrayBuffer()));
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `sha256-${btoa(binary)}`;
}

async function precachedElseNetwork(request, url) {
  const cached = await (await caches.open(CACHE)).match(url);
  return cached ?? fetch(request);
}

async function networkElseIndex(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await (await caches.open(CACHE)).match(INDEX);
    if (cached) return cached;
    throw error;
  }
}
