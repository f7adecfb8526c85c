// The page's side of the lint worker: requests answered by id. If the
// engine crashes (a WebAssembly trap, i.e. a bug in oaslint), the worker is
// replaced by a fresh one, so the editor keeps working.
import type { LintOptions, Report, RulesetListing } from "oaslint-wasm";
import type { WorkerEvent, WorkerRequest, WorkerResponse } from "./protocol";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Pending = { resolve: (r: WorkerResponse & { ok: true }) => void; reject: (e: Error) => void };
type Ready = WorkerEvent & { kind: "ready" };
export type LintAnswer = { report: Report; ms: number; waitMs: number; backMs: number; parseMs: number };

export class LintClient {
  #worker!: Worker;
  readonly #pending = new Map<number, Pending>();
  #next = 1;
  /** The first worker's start: the engine is loaded and answers. */
  readonly ready: Promise<Ready>;
  /** Called when the worker has warmed the engine up for a ruleset. */
  onWarmed?: (ms: number, ruleset: string) => void;
  /** Called when a crashed worker was replaced. */
  onRestart?: (reason: string) => void;

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
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // A new worker queues requests until its engine is loaded.
      this.#worker.postMessage({ ...body, id } as WorkerRequest);
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
