/**
 * A run with its verdicts: all replications of one scenario, judged once. The report presents a
 * JudgedRun and never judges; the CLI makes one with judgeRun after the model has run.
 */
import type { RunResult } from "../model/index.ts";
import type { ResolvedScenario } from "../scenario/index.ts";
import { judgeSlos, type SloVerdicts } from "./slo-judge.ts";

export interface JudgedRun {
  readonly scenario: ResolvedScenario;
  /** Every replication, in replication order (at least one). */
  readonly results: readonly RunResult[];
  readonly slos: SloVerdicts;
}

export function judgeRun(scenario: ResolvedScenario, results: readonly RunResult[]): JudgedRun {
  return { scenario, results, slos: judgeSlos(scenario, results) };
}
