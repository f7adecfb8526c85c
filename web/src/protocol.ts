// Messages between the page and the lint worker (src/worker.ts).
import type { LintOptions, RulesetListing, VersionInfo } from "oaslint-wasm";

export type WorkerRequest =
  | { id: number; kind: "lint"; text: string; options: LintOptions }
  | { id: number; kind: "rules"; options: LintOptions };

export type WorkerResponse =
  /** The report as JSON text: one string crosses to the page far faster
   * than thousands of finding objects (structured clone). */
  | { id: number; ok: true; kind: "lint"; reportJson: string; ms: number; startedAt: number }
  | { id: number; ok: true; kind: "rules"; listing: RulesetListing; ms: number }
  /** `crashed`: the engine trapped (a bug); this worker is not to be used again. */
  | { id: number; ok: false; error: string; crashed?: boolean };

/**
 * Sent unasked: the module is loaded (after a tiny first lint), or it
 * failed to load; later, each time the engine was warmed up for a ruleset,
 * or crashed while warming up.
 */
export type WorkerEvent =
  | { kind: "ready"; version: VersionInfo; initMs: number; warmupMs: number }
  /** `ruleset`: which one (`builtin:NAME` or `text:…`, see worker.ts). */
  | { kind: "warmed"; ruleset: string; ms: number }
  /** The engine trapped during a warm-up (a bug): replace this worker. */
  | { kind: "crashed"; error: string }
  | { kind: "fatal"; error: string };

/** Whether a request runs custom JavaScript functions (files ending in `.js`). */
export function runsScripts(options: LintOptions): boolean {
  return Object.keys(options.files ?? {}).some((name) => /\.[cm]?js$/.test(name));
}
