/**
 * Determinism (issue 4): the same scenario and seed give the same results, number for number;
 * another seed, or another replication, gives other numbers.
 *
 * Given: scenarios/quickstart.yaml as shipped, shortened to 8 simulated minutes (2 of warm-up).
 * Only the wall-clock figures (performance.wallSeconds and eventsPerSecond) may differ between
 * runs, so they are removed before comparing; the comparison is of the JSON text (byte for
 * byte, as summary.json would be) and deep equality (which also sees NaN and -0).
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../src/model/run/run-result.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { scenarioFrom } from "./scenario-fixture.ts";

const quickstart = readFileSync(new URL("../../scenarios/quickstart.yaml", import.meta.url), "utf8");
const SHORT = ["simulation.duration=8m", "simulation.warmUp=2m"];

/** The result without what the wall clock decides. */
function simulated(r: RunResult) {
  const { wallSeconds: _w, eventsPerSecond: _e, ...performance } = r.performance;
  return { ...r, performance };
}

/** Login percentiles. They come from a sketch with ~1% buckets, so two runs may share one. */
const percentiles = (r: Pick<RunResult, "latency">) => {
  const { p50, p90, p95, p99, p999 } = r.latency.login;
  return [p50, p90, p95, p99, p999];
};

const run = (overrides: readonly string[] = [], replications = 1) =>
  runScenario(scenarioFrom(quickstart, [...SHORT, ...overrides]), { replications }).map(simulated);

describe("determinism of runScenario", () => {
  let first: ReturnType<typeof simulated>;
  beforeAll(() => {
    [first] = run();
  });

  it("the same scenario and seed give identical results", () => {
    const [second] = run();
    expect(first.logins.completed).toBeGreaterThan(300);
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it("a replication's result does not depend on how many replications run", () => {
    const [zero] = run([], 2);
    expect(JSON.stringify(zero)).toBe(JSON.stringify(first));
  });

  it("another seed gives other login percentiles", () => {
    const [other] = run(["simulation.seed=43"]);
    expect(other.seed).toBe(43);
    expect(percentiles(other)).not.toEqual(percentiles(first));
    expect(other.latency.login.mean).not.toBe(first.latency.login.mean);
  });

  it("replications differ from each other", () => {
    const [a, b, c] = run([], 3);
    const means = [a, b, c].map((r) => r.latency.login.mean);
    expect(new Set(means).size).toBe(3);
    expect(new Set([a, b, c].map((r) => r.logins.started)).size).toBeGreaterThan(1);
    expect(percentiles(b)).not.toEqual(percentiles(a));
    expect(percentiles(c)).not.toEqual(percentiles(b));
  });
});
