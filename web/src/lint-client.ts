// The page's side of the lint worker: requests answered by id. If the
// engine crashes (a WebAssembly trap, i.e. a bug in oaslint), the worker is
// replaced by a fresh one, so the editor keeps working.
import type { LintOptions, Report, RulesetListing } from "oaslint-wasm";
import { runsScripts, type WorkerEvent, type WorkerRequest, type WorkerResponse } from "./protocol";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Pending = { resolve: (r: WorkerResponse & { ok: true }) => void; reject: (e: Error) => void };
type Ready = WorkerEvent & { kind: "ready" };

/**
 * How long a lint or a ruleset load that runs custom functions may take
 * before the worker is stopped. Custom functions are synchronous code run
 * by the browser's own engine, which offers no time limit inside a
 * thread: terminating the worker is the only way to stop an endless loop.
 * Generous, because the whole lint counts (a 1 MB spec takes well under a
 * second with the built-in rules); the CLI's limit is 1 s per call.
 */
export const SCRIPT_DEADLINE_MS = 10_000;

export type LintAnswer = { report: Report; ms: number; waitMs: number; backMs: number; parseMs: number };

export class LintClient {
  #worker!: Worker;
  readonly #pending = new Map<number, Pending>();
  #next = 1;
  /** The first worker's start: the engine is loaded and answers. */
  readonly ready: Promise<Ready>;
  /** Called when the worker has warmed the engine up for a ruleset. */
  onWarmed?: (ms: number, ruleset: string) => void;
  /** Called when a crashed (or stopped) worker was replaced. */
  onRestart?: (reason: string) => void;
  /** The time limit of requests that run custom functions (ms). */
  deadlineMs = SCRIPT_DEADLINE_MS;

  constructor() {
    this.ready = this.#spawn();
  }

  #spawn(): Promise<Ready> {
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "oaslint" });
    this.#worker = worker;
    return new Promise((resolve, reject) => {
      worker.addEventListener("message", (event: MessageEvent<WorkerResponse | WorkerEvent>) => {
        const msg = event.data;
        if ("id" in msg) {
          const p = this.#pending.get(msg.id);
          if (!p) return;
          this.#pending.delete(msg.id);
          if (msg.ok) {
            p.resolve(msg);
          } else {
            p.reject(new Error(msg.error));
            if (msg.crashed) this.#restart(msg.error);
          }
        } else if (msg.kind === "ready") {
          resolve(msg);
        } else if (msg.kind === "warmed") {
          this.onWarmed?.(msg.ms, msg.ruleset);
        } else if (msg.kind === "crashed") {
          this.#restart(msg.error);
        } else {
          reject(new Error(msg.error));
        }
      });
      worker.addEventListener("error", (event) => {
        const error = new Error(event.message || "the lint worker failed to start");
        reject(error);
        for (const p of this.#pending.values()) p.reject(error);
        this.#pending.clear();
      });
    });
  }

  #restart(reason: string): void {
    this.#worker.terminate();
    for (const p of this.#pending.values()) p.reject(new Error(`the linter restarted: ${reason}`));
    this.#pending.clear();
    void this.#spawn().catch(() => undefined);
    this.onRestart?.(reason);
  }

  #request(body: DistributiveOmit<WorkerRequest, "id">): Promise<WorkerResponse & { ok: true }> {
    const id = this.#next++;
    const deadline = runsScripts(body.options) ? this.deadlineMs : undefined;
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = () => clearTimeout(timer);
      this.#pending.set(id, {
        resolve: (r) => {
          settle();
          resolve(r);
        },
        reject: (e) => {
          settle();
          reject(e);
        },
      });
      // A new worker queues requests until its engine is loaded.
      this.#worker.postMessage({ ...body, id } as WorkerRequest);
      if (deadline !== undefined) {
        // Counted from the request: a request queued behind another one
        // in the worker waits for it, which the other's deadline bounds.
        timer = setTimeout(() => {
          const seconds = deadline / 1000;
          this.#restart(`custom functions ran longer than ${seconds} s and were stopped`);
        }, deadline);
      }
    });
  }

  /**
   * Lints in the worker. Besides the report: `ms` the engine took, `waitMs`
   * from the request to the worker starting it, `backMs` from the worker's
   * answer to its arrival here, `parseMs` to parse the report's JSON.
   */
  async lint(text: string, options: LintOptions): Promise<LintAnswer> {
    const sentAt = performance.timeOrigin + performance.now();
    const r = await this.#request({ kind: "lint", text, options });
    if (r.kind !== "lint") throw new Error("unexpected answer from the lint worker");
    const arrivedAt = performance.timeOrigin + performance.now();
    const report = JSON.parse(r.reportJson) as Report;
    return {
      report,
      ms: r.ms,
      waitMs: r.startedAt - sentAt,
      backMs: arrivedAt - (r.startedAt + r.ms),
      parseMs: performance.timeOrigin + performance.now() - arrivedAt,
    };
  }

  async rules(options: LintOptions): Promise<RulesetListing> {
    const r = await this.#request({ kind: "rules", options });
    if (r.kind !== "rules") throw new Error("unexpected answer from the lint worker");
    return r.listing;
  }
}
