#!/usr/bin/env node
// A tiny static file server for the built site, with the same headers as
// Azure Static Web Apps gives it (dist/staticwebapp.config.json: global
// headers, route headers, MIME types). Used by the browser tests and for
// a local look:  node scripts/serve.mjs dist [port]   (127.0.0.1 only)
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

function loadConfig(root) {
  const file = path.join(root, "staticwebapp.config.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
}

// SWA route patterns: exact, or a trailing "*" wildcard.
function routeMatches(route, urlPath) {
  return route.endsWith("*") ? urlPath.startsWith(route.slice(0, -1)) : urlPath === route;
}

/** Starts the server; resolves to { url, close() }. Port 0 picks a free one. */
export async function serve(root, { port = 0, host = "127.0.0.1", log = () => {} } = {}) {
  const dir = path.resolve(root);
  const config = loadConfig(dir);
  const types = { ...TYPES, ...(config.mimeTypes ?? {}) };
  const server = createServer(async (req, res) => {
    const send = (status, headers, body) => {
      res.writeHead(status, { ...(config.globalHeaders ?? {}), ...headers });
      res.end(req.method === "HEAD" ? undefined : body);
      log(`${status} ${req.method} ${req.url}`);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, { Allow: "GET, HEAD" }, "");
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    } catch {
      return send(400, {}, "bad request");
    }
    let file = path.join(dir, path.normalize(urlPath));
    if (!file.startsWith(dir)) return send(403, {}, "forbidden");
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
      const body = await readFile(file);
      const headers = { "Content-Type": types[path.extname(file)] ?? "application/octet-stream", "Content-Length": body.length };
      for (const r of config.routes ?? []) if (routeMatches(r.route, urlPath)) Object.assign(headers, r.headers ?? {});
      send(200, headers, body);
    } catch {
      send(404, { "Content-Type": "text/plain; charset=utf-8" }, "not found");
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const { port: actual } = server.address();
  return {
    url: `http://${host}:${actual}/`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "../dist");
  const port = Number(process.argv[3] ?? 8080);
  const { url } = await serve(root, { port, log: (l) => console.log(l) });
  console.log(`serving ${path.resolve(root)} at ${url} (Ctrl+C stops)`);
}
