/**
 * What `authsim run` takes from the world besides stdout/stderr lines: the runner (a worker
 * thread), the clock, the environment, the raw stderr for the progress line, Ctrl-C and SIGTERM,
 * the chart renderer and authsim's version. Injected so tests can fake every one of them.
 */
import type { RunResult } from "../model/index.ts";
import type { ResolvedScenario } from "../scenario/index.ts";
import { type Interrupts, processInterrupts } from "./interrupts.ts";
import { packageVersion } from "./package-version.ts";
import { type ScenarioRunner, workerRunner } from "./scenario-runner.ts";
import { type ReplicationPool, WorkerPool } from "./worker-pool.ts";

/** What `run` needs from the world beyond stdout/stderr lines. */
export interface RunDeps {
  readonly runner: ScenarioRunner;
  /** A pool of `size` threads for sweep and plan (their many runs share the threads). */
  readonly makePool: (size: number) => ReplicationPool;
  readonly now: () => Date;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Raw stderr for the progress line. */
  readonly stderr: { readonly isTTY: boolean; readonly columns: number; write(text: string): void };
  readonly stdoutIsTTY: boolean;
  /** Subscribes to Ctrl-C and SIGTERM; returns the unsubscribe. */
  readonly onInterrupt: Interrupts;
  readonly renderCharts: (
    scenario: ResolvedScenario,
    results: RunResult[],
  ) => Promise<ReadonlyMap<string, Uint8Array>>;
  readonly version: string;
  /** How long a stop request may take before the run is killed [ms]. */
  readonly stopGrace: number;
  /** Called after each output file is written (tests send their signal mid-write here). */
  readonly onOutputFile?: (name: string) => void;
}

/** The real world: this process's streams, signals and clock, the worker runner, the charts. */
export function processDeps(): RunDeps {
  return {
    runner: workerRunner,
    makePool: (size) => new WorkerPool(size),
    now: () => new Date(),
    env: process.env,
    stderr: {
      isTTY: process.stderr.isTTY === true,
      // A pseudo-terminal without a size reports 0 columns.
      columns: process.stderr.columns || 80,
      write: (text) => process.stderr.write(text),
    },
    stdoutIsTTY: process.stdout.isTTY === true,
    onInterrupt: processInterrupts,
    // Loaded on demand: the canvas binding is heavy and only `run` draws charts.
    renderCharts: async (scenario, results) =>
      (await import("../report/charts/index.ts")).renderCharts(scenario, results),
    version: packageVersion(),
    stopGrace: 1000,
  };
}
