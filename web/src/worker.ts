// The lint worker: loads the WebAssembly engine off the main thread, so
// linting a large document never stalls typing.
import { init, lintJson, rules, version } from "oaslint-wasm";
import type { LintOptions } from "oaslint-wasm";
import { runsScripts, type WorkerEvent, type WorkerRequest, type WorkerResponse } from "./protocol";
import { warmupDocuments } from "./warmup";

// A tiny document: the first call into a fresh module is slower (the engine
// tiers up), so pay for it before the user's first lint.
const WARMUP = "openapi: 3.0.3\ninfo:\n  title: warm-up\n  version: 1.0.0\npaths: {}\n";

function send(message: WorkerResponse | WorkerEvent): void {
  self.postMessage(message);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// Rulesets the engine has been warmed up with (see warmup.ts).
const warmed = new Set<string>();
let parsersWarm = false;
/** Paths in each warm-up document (about 100 KB of YAML). */
const WARMUP_PATHS = 40;
/**
 * Lints of the warm-up documents per ruleset. Fewer rounds leave rule
 * functions that run once per finding or per schema in the baseline tier:
 * in Node.js a 1 MB spec's first lint took 1.2x a warm one after 3 lints
 * of ~100 KB, 1.0x after 10; in the page (web/tests, first visit) 6 + 3
 * rounds gave 243–283 ms for the first lint of the 1 MB test spec, these
 * 222–235 ms, for about 400 ms of warm-up in the background.
 */
const RULE_ROUNDS = { yaml: 12, json: 4 };

/** A warm-up lint of one ruleset (`key`), or one for the parsers. */
type Step = { key: string | null; run: () => void };

// Warm-up work still to do, one lint per task: a lint request that arrives
// meanwhile waits for one step (tens of milliseconds), not the whole
// warm-up.
let steps: Step[] = [];
/** Whether a `pump` task is queued (one at a time). */
let pumpQueued = false;

function schedulePump(): void {
  if (pumpQueued || !steps.length) return;
  pumpQueued = true;
  setTimeout(pump, 0);
}

function pump(): void {
  pumpQueued = false;
  const step = steps.shift();
  if (!step) return;
  try {
    step.run();
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      // A trap is a bug in the engine, after which its memory may be
      // inconsistent: stop, and let the page replace this worker.
      steps = [];
      send({ kind: "crashed", error: errorText(e) });
      return;
    }
    // Anything else (a broken ruleset) shows up on the real lint instead.
  } finally {
    schedulePump();
  }
}

/** What a lint's options warm up: the built-in ruleset's name or the text. */
function rulesetKey(options: LintOptions): string {
  return options.rulesetText !== undefined ? `text:${options.rulesetText}` : `builtin:${options.ruleset ?? "zalando"}`;
}

function warmUp(options: LintOptions): void {
  // Custom functions run only in lints the page asked for, each under the
  // page's deadline (lint-client.ts): a warm-up that never ends would hold
  // the worker with no request to time out.
  if (runsScripts(options)) return;
  const key = rulesetKey(options);
  if (warmed.has(key)) return;
  warmed.add(key);
  // The page has moved on from any other ruleset still queued: drop its
  // steps (it is warmed up again if it comes back).
  for (const s of steps) if (s.key !== null && s.key !== key) warmed.delete(s.key);
  steps = steps.filter((s) => s.key === null || s.key === key);
  const rulesetOptions = { ...options };
  delete rulesetOptions.fileName;
  // Comparing with a base version is not part of what a warm-up prepares.
  delete rulesetOptions.base;
  const t0 = performance.now();
  const docs = warmupDocuments(WARMUP_PATHS);
  // lintJson, as the page's lints: its report serialisation is warmed too.
  const step = (stepKey: string | null, text: string, opts: LintOptions): Step => ({ key: stepKey, run: () => void lintJson(text, opts) });
  if (!parsersWarm) {
    parsersWarm = true;
    const none = { rulesetText: "rules: {}\n" };
    for (let i = 0; i < 2; i++) {
      steps.push(step(null, docs.yaml, { ...none, fileName: "warm-up.yaml" }), step(null, docs.json, { ...none, fileName: "warm-up.json" }));
    }
  }
  for (let i = 0; i < RULE_ROUNDS.yaml; i++) steps.push(step(key, docs.yaml, { ...rulesetOptions, fileName: "warm-up.yaml" }));
  for (let i = 0; i < RULE_ROUNDS.json; i++) steps.push(step(key, docs.json, { ...rulesetOptions, fileName: "warm-up.json" }));
  steps.push({ key, run: () => send({ kind: "warmed", ruleset: key, ms: performance.now() - t0 }) });
  schedulePump();
}

const ready = (async () => {
  const t0 = performance.now();
  await init();
  const t1 = performance.now();
  try {
    lintJson(WARMUP, { fileName: "warm-up.yaml" });
  } catch {
    // A broken built-in ruleset shows up on the first real lint instead.
  }
  const t2 = performance.now();
  send({ kind: "ready", version: version(), initMs: t1 - t0, warmupMs: t2 - t1 });
})().catch((e: unknown) => {
  send({ kind: "fatal", error: errorText(e) });
  throw e;
});

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    await ready;
  } catch (e) {
    send({ id: request.id, ok: false, error: `the linter could not be loaded: ${errorText(e)}` });
    return;
  }
  const t0 = performance.now();
  try {
    if (request.kind === "lint") {
      const reportJson = lintJson(request.text, request.options);
      // startedAt is on the clock the page shares (timeOrigin + now): the
      // page tells the time its request waited from the time it took.
      send({ id: request.id, ok: true, kind: "lint", reportJson, ms: performance.now() - t0, startedAt: performance.timeOrigin + t0 });
      // Warm the engine up with this ruleset too (once per ruleset).
      warmUp(request.options);
    } else {
      const listing = rules(request.options);
      send({ id: request.id, ok: true, kind: "rules", listing, ms: performance.now() - t0 });
    }
  } catch (e) {
    // Wrong options and invalid rulesets are Errors; a trap is a bug in the
    // engine, after which its memory may be inconsistent.
    const crashed = e instanceof WebAssembly.RuntimeError;
    send({ id: request.id, ok: false, error: crashed ? `the linter crashed (${errorText(e)}); see the console` : errorText(e), crashed });
  }
};
