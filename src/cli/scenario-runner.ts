/**
 * Runs a resolved scenario off the main thread and hands back a handle: the results as a
 * promise, `stop()` to ask the model to stop at its next progress check, and `kill()` to end it
 * at once. The replications go to a WorkerPool (worker-pool.ts) of `workers` threads, so a run
 * with replications uses the cores it is given and still equals the sequential run bit for bit.
 */
import type { RunProgress, RunResult } from "../model/index.ts";
import type { ResolvedScenario } from "../scenario/index.ts";
import { type RunLimits, WorkerPool } from "./worker-pool.ts";

export { ModelError, RunKilled, type RunLimits } from "./worker-pool.ts";

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
    /** Called for each replication's progress (several interleave when workers > 1). */
    readonly onProgress?: (p: RunProgress) => void;
    readonly limits?: RunLimits;
    readonly fingerprint?: boolean;
    /** Threads for the replications (default 1; never more than there are replications). */
    readonly workers?: number;
  },
) => RunHandle;

/** Runs `scenario`'s replications on worker threads. */
export const workerRunner: ScenarioRunner = (scenario, hooks) => {
  const size = Math.max(1, Math.min(hooks.workers ?? 1, scenario.simulation.replications));
  const pool = new WorkerPool(size, { limits: hooks.limits, fingerprint: hooks.fingerprint });
  const results = pool.runScenario(scenario, hooks.onProgress);
  const closed = results.finally(() => pool.close());
  void closed.catch(() => {});
  return { results, stop: () => pool.stop(), kill: () => pool.kill() };
};
