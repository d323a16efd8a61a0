/**
 * Helpers for the model validations: scenarios are written as YAML in the tests, so each test
 * reads as documentation of the situation it checks.
 */
import { formatProblem, loadScenarioText, type ResolvedScenario } from "../../src/scenario/index.ts";

/** Hourly profile weights for a flat day: the same session-start rate every hour. */
export const FLAT_DAY = `[${Array(24).fill(1).join(", ")}]`;

/** Sessions start only in the first local hour of the day (then the run drains). */
export const FIRST_HOUR_ONLY = `[1, ${Array(23).fill(0).join(", ")}]`;

/** Loads scenario text (with `--set` overrides); throws every problem if it does not load. */
export function scenarioFrom(yaml: string, overrides: readonly string[] = []): ResolvedScenario {
  const r = loadScenarioText(yaml, "test-scenario.yaml", { overrides });
  if (!r.ok) throw new Error(`the test scenario does not load:\n${r.problems.map(formatProblem).join("\n")}`);
  return r.scenario;
}

/** Round-trip time between two regions of the resolved geography, by name [s]. */
export function regionRtt(scenario: ResolvedScenario, a: string, b: string): number {
  const names = scenario.geography.regions.map((r) => r.name);
  const i = names.indexOf(a);
  const j = names.indexOf(b);
  if (i < 0 || j < 0) throw new Error(`unknown region ${i < 0 ? a : b} (have ${names.join(", ")})`);
  return scenario.geography.rtt[i][j];
}

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
