/**
 * Runs a resolved scenario: builds the world for each replication and steps the engine.
 * (Being written; the signature is final.)
 */
import type { ResolvedScenario } from "../scenario/index.ts";
import type { RunResult } from "./run-result.ts";

export interface RunProgress {
  readonly replication: number;
  readonly replications: number;
  /** Simulated seconds done in this replication. */
  readonly simulated: number;
  readonly duration: number;
  readonly events: number;
}

export interface RunOptions {
  /** Overrides simulation.replications. */
  readonly replications?: number;
  /** Called now and then (every ~0.25 s of wall time at most), never per event. */
  readonly onProgress?: (progress: RunProgress) => void;
  /** Returns true to stop the run early (Ctrl-C); checked with onProgress. */
  readonly shouldStop?: () => boolean;
}

export function runScenario(scenario: ResolvedScenario, options: RunOptions = {}): RunResult[] {
  void scenario;
  void options;
  throw new Error("runScenario: not implemented yet");
}
