// ChartInput built from the fixtures, cached per test file: the outage day (two replications,
// the first drawn) or the baseline day (one replication).
import type { RunResult } from "../../../src/model/run/run-result.ts";
import type { ChartInput, LineChartConfig } from "../../../src/report/charts/index.ts";
import type { TimeWindow } from "../../../src/report/charts/time-windows.ts";
import { fixtureResult } from "./fixture.ts";
import { baselineScenario, outageScenario } from "./fixture-scenario.ts";

const cache = new Map<string, ChartInput>();

export function fixtureInput(kind: "outage" | "baseline" = "outage"): ChartInput {
  let input = cache.get(kind);
  if (!input) {
    const scenario = kind === "outage" ? outageScenario() : baselineScenario();
    const replications = kind === "outage" ? 2 : 1;
    input = { scenario, result: fixtureResult(scenario), replication: 1, replications };
    cache.set(kind, input);
  }
  return input;
}

/** The same input with another result (e.g. one missing columns). */
export function withResult(input: ChartInput, result: RunResult): ChartInput {
  return { ...input, result };
}

/** The shaded windows of a time-series chart. */
export function windowsOf(config: LineChartConfig): TimeWindow[] {
  return (config.options?.plugins?.timeWindows?.windows ?? []) as TimeWindow[];
}
