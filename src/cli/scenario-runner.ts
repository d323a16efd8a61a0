/**
 * Runs a resolved scenario on a worker thread (see run-worker.ts for why) and hands back a
 * handle: the results as a promise, `stop()` to ask the model to stop at its next progress check,
 * and `kill()` to end the thread at once. The worker loads TypeScript through tsx, registered in
 * the worker itself, so this works from bin/authsim.js and under vitest alike.
 */
import { Worker } from "node:worker_threads";
import type { RunResult } from "../model/run-result.ts";
import type { RunProgress } from "../model/run-scenario.ts";
import type { ResolvedScenario } from "../scenario/index.ts";

export interface WorkerInput {
  readonly scenario: ResolvedScenario;
  /** One Int32: 1 = stop requested. */
  readonly stop: SharedArrayBuffer;
  readonly tsxApi: string;
  readonly entry: string;
  readonly limits: RunLimits;
  /** Record each replication's event-trajectory fingerprint (RunResult.fingerprint). */
  readonly fingerprint: boolean;
}

/** Guards from the command line: stop a replication cleanly past these (the result says so). */
export interface RunLimits {
  readonly maxEvents?: number;
  /** [s] */
  readonly maxWallSeconds?: number;
}

export type WorkerMessage =
  | { readonly type: "progress"; readonly progress: RunProgress }
  | { readonly type: "done"; readonly results: RunResult[] }
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

export interface RunHandle {
  readonly results: Promise<RunResult[]>;
  /** Asks the model to stop (its shouldStop returns true from now on). */
  stop(): void;
  /** Ends the run now; `results` rejects with RunKilled. */
  kill(): void;
}

export type ScenarioRunner = (
  scenario: ResolvedScenario,
  hooks: {
    readonly onProgress?: (p: RunProgress) => void;
    readonly limits?: RunLimits;
    readonly fingerprint?: boolean;
  },
) => RunHandle;

// CommonJS in an eval'd worker: register tsx first, then import the real (TypeScript) entry.
const BOOTSTRAP = `
const { workerData, parentPort } = require("node:worker_threads");
import(workerData.tsxApi)
  .then((tsx) => { tsx.register(); return import(workerData.entry); })
  .catch((e) => parentPort.postMessage({ type: "error", message: String((e && e.message) || e), stack: (e && e.stack) || null }));
`;

/** Runs `scenario` on a new worker thread. */
export const workerRunner: ScenarioRunner = (scenario, hooks) => {
  const stop = new SharedArrayBuffer(4);
  const input: WorkerInput = {
    scenario,
    stop,
    tsxApi: import.meta.resolve("tsx/esm/api"),
    entry: new URL("./run-worker.ts", import.meta.url).href,
    limits: hooks.limits ?? {},
    fingerprint: hooks.fingerprint ?? false,
  };
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: input });
  let killed = false;
  const results = new Promise<RunResult[]>((resolve, reject) => {
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "progress") hooks.onProgress?.(m.progress);
      else if (m.type === "done") resolve(m.results);
      else reject(new ModelError(m.message, m.stack));
    });
    worker.on("error", (e) => reject(new ModelError(e.message, e.stack ?? null)));
    // After "done" or "error" this settles nothing; otherwise the thread died without a word.
    worker.on("exit", (code) =>
      reject(
        killed
          ? new RunKilled("run killed")
          : new ModelError(`the model's thread exited (code ${code})`, null),
      ),
    );
  });
  // The worker ends by itself after posting its last message.
  void results.then(
    () => worker.terminate(),
    () => worker.terminate(),
  );
  return {
    results,
    stop: () => Atomics.store(new Int32Array(stop), 0, 1),
    kill: () => {
      killed = true;
      void worker.terminate();
    },
  };
};
