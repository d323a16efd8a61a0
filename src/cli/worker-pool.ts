/**
 * A pool of worker threads that simulate single replications: what `run --workers`, `sweep` and
 * `plan` spread over the cores. A replication's random streams derive from (seed, replication
 * index) alone (RandomStreams.forReplication), so which thread runs it, and in which order, never
 * changes its result: a pooled run equals the sequential one bit for bit.
 *
 * Threads start on demand up to `size` and stay for the next job (registering tsx costs ~0.3 s a
 * thread), taking jobs first come, first served. `stop()` asks every running replication to stop
 * at its next progress check (shared memory); `kill()` ends the threads at once. `close()` must
 * be called when done, or the threads keep the process alive.
 */
import { Worker } from "node:worker_threads";
import type { RunProgress, RunResult } from "../model/index.ts";
import type { ResolvedScenario } from "../scenario/index.ts";

/** Guards from the command line: stop a replication cleanly past these (the result says so). */
export interface RunLimits {
  readonly maxEvents?: number;
  /** [s] */
  readonly maxWallSeconds?: number;
}

export interface PoolOptions {
  readonly limits?: RunLimits;
  /** Record each replication's event-trajectory fingerprint (RunResult.fingerprint). */
  readonly fingerprint?: boolean;
}

/** What the pool hands a thread when it starts. */
export interface PoolWorkerInput {
  /** One Int32: 1 = stop requested. */
  readonly stop: SharedArrayBuffer;
  readonly tsxApi: string | null;
  readonly entry: string;
  readonly limits: RunLimits;
  readonly fingerprint: boolean;
}

/** Main thread -> worker: simulate one replication. */
export interface PoolJob {
  readonly type: "job";
  readonly scenario: ResolvedScenario;
  readonly replication: number;
}

/** Worker -> main thread. `result` is null when the replication was stopped from outside. */
export type PoolMessage =
  | { readonly type: "progress"; readonly progress: RunProgress }
  | { readonly type: "done"; readonly result: RunResult | null }
  | { readonly type: "error"; readonly message: string; readonly stack: string | null };

/** The model threw; `stack` is kept for the "please report" path, never printed by default. */
export class ModelError extends Error {
  constructor(
    message: string,
    readonly modelStack: string | null,
  ) {
    super(message);
    this.name = "ModelError";
  }
}

/** The run was killed before it finished. */
export class RunKilled extends Error {}

interface QueuedJob {
  readonly job: PoolJob;
  readonly onProgress?: (p: RunProgress) => void;
  readonly resolve: (r: RunResult | null) => void;
  readonly reject: (e: Error) => void;
  /** This job's share of its replication done, 0..1, for the pool's work total. */
  within: number;
  events: number;
}

// CommonJS in an eval'd worker: when the pool runs from the TypeScript sources, register tsx first;
// from the bundled CLI (bin/cli-build.js) the entry is plain JS and loads directly.
const BOOTSTRAP = `
const { workerData, parentPort } = require("node:worker_threads");
(workerData.tsxApi ? import(workerData.tsxApi).then((tsx) => tsx.register()) : Promise.resolve())
  .then(() => import(workerData.entry))
  .catch((e) => parentPort.postMessage({ type: "error", message: String((e && e.message) || e), stack: (e && e.stack) || null }));
`;

/** True when this module is the TypeScript source (tests, tsx), false inside the bundled CLI. */
const FROM_SOURCES = import.meta.url.endsWith(".ts");

/** What sweep and plan need from a pool (the real one is WorkerPool; tests may fake it). */
export interface ReplicationPool {
  runReplication(
    scenario: ResolvedScenario,
    replication: number,
    onProgress?: (p: RunProgress) => void,
  ): Promise<RunResult | null>;
  runScenario(scenario: ResolvedScenario, onProgress?: (p: RunProgress) => void): Promise<RunResult[]>;
  workDone(): number;
  eventsDone(): number;
  stop(): void;
  kill(): void;
  close(): Promise<void>;
}

export class WorkerPool implements ReplicationPool {
  private readonly stopFlag = new SharedArrayBuffer(4);
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, QueuedJob>();
  private readonly queue: QueuedJob[] = [];
  private threads = 0;
  private killed = false;
  private finishedJobs = 0;
  private finishedEvents = 0;

  constructor(
    readonly size: number,
    private readonly options: PoolOptions = {},
  ) {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`pool size must be >= 1, got ${size}`);
  }

  /** Simulates replication `replication` of `scenario`; null when stopped from outside. */
  runReplication(
    scenario: ResolvedScenario,
    replication: number,
    onProgress?: (p: RunProgress) => void,
  ): Promise<RunResult | null> {
    if (this.killed) return Promise.reject(new RunKilled("run killed"));
    return new Promise((resolve, reject) => {
      this.queue.push({
        job: { type: "job", scenario, replication },
        onProgress,
        resolve,
        reject,
        within: 0,
        events: 0,
      });
      this.dispatch();
    });
  }

  /**
   * Every replication of `scenario`, spread over the pool, in replication order. Like the
   * sequential runScenario, results end before the first replication that was stopped.
   */
  async runScenario(scenario: ResolvedScenario, onProgress?: (p: RunProgress) => void): Promise<RunResult[]> {
    const n = scenario.simulation.replications;
    const all = await Promise.all(
      Array.from({ length: n }, (_, r) => this.runReplication(scenario, r, onProgress)),
    );
    const firstStopped = all.indexOf(null);
    return (firstStopped < 0 ? all : all.slice(0, firstStopped)) as RunResult[];
  }

  /** Replications finished so far plus the done share of those running: work in replications. */
  workDone(): number {
    let running = 0;
    for (const q of this.busy.values()) running += q.within;
    return this.finishedJobs + running;
  }

  /** Events simulated so far by every job of this pool. */
  eventsDone(): number {
    let running = 0;
    for (const q of this.busy.values()) running += q.events;
    return this.finishedEvents + running;
  }

  /** Asks every running replication to stop at its next check; later jobs stop at once. */
  stop(): void {
    Atomics.store(new Int32Array(this.stopFlag), 0, 1);
  }

  /** Ends every thread now; pending and running jobs reject with RunKilled. */
  kill(): void {
    this.killed = true;
    const jobs = [...this.busy.values(), ...this.queue.splice(0)];
    const threads = [...this.busy.keys(), ...this.idle.splice(0)];
    this.busy.clear();
    for (const w of threads) void w.terminate();
    for (const q of jobs) q.reject(new RunKilled("run killed"));
  }

  /** Ends the idle threads; call once no more jobs will come. */
  async close(): Promise<void> {
    this.killed = true;
    const threads = [...this.busy.keys(), ...this.idle.splice(0)];
    await Promise.all(threads.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let worker = this.idle.pop();
      if (worker === undefined) {
        if (this.threads >= this.size) return;
        worker = this.startThread();
      }
      const q = this.queue.shift() as QueuedJob;
      this.busy.set(worker, q);
      worker.postMessage(q.job);
    }
  }

  private startThread(): Worker {
    this.threads++;
    const input: PoolWorkerInput = {
      stop: this.stopFlag,
      tsxApi: FROM_SOURCES ? import.meta.resolve("tsx/esm/api") : null,
      entry: new URL(FROM_SOURCES ? "./pool-worker.ts" : "./pool-worker.js", import.meta.url).href,
      limits: this.options.limits ?? {},
      fingerprint: this.options.fingerprint ?? false,
    };
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: input });
    worker.on("message", (m: PoolMessage) => this.onMessage(worker, m));
    worker.on("error", (e) => this.onThreadEnd(worker, new ModelError(e.message, e.stack ?? null)));
    worker.on("exit", (code) =>
      this.onThreadEnd(worker, new ModelError(`the model's thread exited (code ${code})`, null)),
    );
    return worker;
  }

  private onMessage(worker: Worker, m: PoolMessage): void {
    const q = this.busy.get(worker);
    if (q === undefined) return;
    if (m.type === "progress") {
      const p = m.progress;
      q.within = p.duration > 0 ? Math.min(1, Math.max(0, p.simulated / p.duration)) : 0;
      q.events = p.events;
      q.onProgress?.(p);
      return;
    }
    this.busy.delete(worker);
    if (m.type === "done") {
      this.finishedJobs++;
      this.finishedEvents += m.result?.performance.events ?? q.events;
      this.idle.push(worker);
      q.resolve(m.result);
      this.dispatch();
    } else {
      // The thread may be in any state after a model error: do not reuse it.
      this.threads--;
      void worker.terminate();
      q.reject(new ModelError(m.message, m.stack));
      this.dispatch();
    }
  }

  /** A thread died (or was ended): fail its job, if it had one, and replace it if work remains. */
  private onThreadEnd(worker: Worker, error: Error): void {
    const i = this.idle.indexOf(worker);
    if (i >= 0) {
      this.idle.splice(i, 1);
      this.threads--;
    }
    const q = this.busy.get(worker);
    if (q === undefined) return;
    this.busy.delete(worker);
    this.threads--;
    q.reject(this.killed ? new RunKilled("run killed") : error);
    if (!this.killed) this.dispatch();
  }
}
