// summary.json: byte-identical for the same inputs whatever the wall clock or the order the model
// built its objects in; headline metrics across replications with a known Student-t interval;
// SLOs judged on the mean when there are replications.
import { describe, expect, it } from "vitest";
import type { RunResult } from "../../src/model/run/run-result.ts";
import { buildSummary, type SummaryMeta, scenarioHash, serializeSummary } from "../../src/report/index.ts";
import { judgeRun } from "../../src/study/index.ts";
import { fabricate, quickstart } from "./fixtures/fabricated-run.ts";

const scenario = quickstart();
const meta: SummaryMeta = {
  version: "0.1.0",
  nodeVersion: "v20.0.0",
  platform: "linux-x64",
  scenarioHash: scenarioHash(scenario),
};

/** The same data with every object's keys in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as object).reverse();
  return Object.fromEntries(entries.map(([k, v]) => [k, reversedKeys(v)])) as T;
}

describe("buildSummary", () => {
  it("gives byte-identical JSON for the same scenario and results", () => {
    const a = serializeSummary(buildSummary(judgeRun(scenario, [fabricate()]), meta));
    const b = serializeSummary(buildSummary(judgeRun(quickstart(), [fabricate()]), meta));
    expect(b).toBe(a);
  });

  it("does not depend on wall-clock figures or on the key order of the model's objects", () => {
    const a = serializeSummary(buildSummary(judgeRun(scenario, [fabricate({ wallSeconds: 1 })]), meta));
    const shuffled = reversedKeys(fabricate({ wallSeconds: 99 }));
    const b = serializeSummary(buildSummary(judgeRun(scenario, [shuffled]), meta));
    expect(b).toBe(a);
    expect(a).not.toContain("wallSeconds");
    expect(a).not.toContain("eventsPerSecond");
  });

  it("has a fixed top-level shape, 2-space indent and a trailing newline", () => {
    const text = serializeSummary(buildSummary(judgeRun(scenario, [fabricate()]), meta));
    expect(Object.keys(JSON.parse(text))).toEqual([
      "format",
      "scenarioName",
      "scenarioHash",
      "seed",
      "replications",
      "replicationSeeds",
      "authsim",
      "units",
      "slos",
      "metrics",
      "headline",
      "replicationStats",
      "scenario",
    ]);
    expect(text.startsWith('{\n  "format": 1,\n')).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("puts a run stamp inside only when one is passed", () => {
    const plain = buildSummary(judgeRun(scenario, [fabricate()]), meta);
    expect("startedAt" in plain).toBe(false);
    const stamped = buildSummary(judgeRun(scenario, [fabricate()]), {
      ...meta,
      startedAt: "2025-01-01T00:00:00Z",
    });
    expect(stamped.startedAt).toBe("2025-01-01T00:00:00Z");
  });

  it("rounds latencies to 0.1 ms and echoes the resolved scenario with its defaults", () => {
    const s = buildSummary(judgeRun(scenario, [fabricate()]), meta);
    expect(s.metrics.latency.steps.userTyping.p50).toBe(0.1235);
    expect(s.metrics.datacenters[0].wfe.headroom).toBe(0.58);
    expect(s.scenario.simulation.replications).toBe(1);
    expect(s.scenario.trafficManager.probe.interval).toBeGreaterThan(0);
    expect(s.seed).toBe(42);
  });

  it("reports the model's SLO verdicts for one replication, on replication 1", () => {
    const s = buildSummary(judgeRun(scenario, [fabricate({ loginP95: 3.5 })]), meta);
    expect(s.slos.judgedOn).toBe("replication 1");
    expect(s.slos.allPass).toBe(false);
    expect(s.slos.verdicts.map((v) => [v.text, v.pass, v.value])).toEqual([
      ["login.p95 < 3s", false, 3.5],
      ["loginSystem.p95 < 1s", true, 0.75],
      ["wfe.utilisation.peak < 70%", true, 0.42],
    ]);
    expect(s.replicationStats).toBeNull();
  });
});

describe("buildSummary with replications", () => {
  const runs: RunResult[] = [1, 2, 3].map((p95, i) =>
    fabricate({ replication: i, seed: 100 + i, loginP95: p95 }),
  );

  it("gives mean, sd and a Student-t 95% interval for each headline metric", () => {
    const stats = buildSummary(judgeRun(scenario, runs), meta).replicationStats;
    expect(stats).not.toBeNull();
    const p95 = stats!.metrics["login.p95"];
    // mean 2, sd 1, half-width t(0.975, 2) / sqrt(3) = 4.302653 / 1.732051 = 2.484138; the
    // interval's low end, -0.4841 s, is cut to 0 (a latency cannot be negative).
    expect(p95).toEqual({ mean: 2, sd: 1, low: 0, high: 4.4841, n: 3, values: [1, 2, 3] });
    expect(stats!.replications).toBe(3);
    expect(stats!.confidence).toBe(0.95);
  });

  it("covers every headline metric, per datacenter and per user base", () => {
    const names = Object.keys(buildSummary(judgeRun(scenario, runs), meta).replicationStats!.metrics);
    for (const name of [
      "login.p50",
      "login.p99",
      "loginSystem.p95",
      "login.failureRate",
      "login.p95@london",
      "wfe.utilisation.peak@weu",
      "wfe.utilisation.peak@neu",
      "idp.tokenRate.peak",
      "tokens.renewal",
      "renewals.attempted",
    ]) {
      expect(names).toContain(name);
    }
  });

  it("adds failover times per fault when there are failovers", () => {
    const withFaults = [0, 1].map((i) => fabricate({ replication: i, failovers: true }));
    const m = buildSummary(judgeRun(scenario, withFaults), meta).replicationStats!.metrics;
    expect(m["failover.to90@weu"]).toMatchObject({ mean: 71.25, sd: 0, n: 2 });
    // Never reaching 99% is null in each replication, so nothing to average.
    expect(m["failover.to99@weu"]).toMatchObject({ mean: null, n: 0, values: [null, null] });
  });

  it("judges SLOs on the mean and says how many replications passed on their own", () => {
    const marginal = [2.9, 3.2, 2.95].map((p95, i) => fabricate({ replication: i, loginP95: p95 }));
    const slos = buildSummary(judgeRun(scenario, marginal), meta).slos;
    expect(slos.judgedOn).toBe("mean of 3 replications");
    const login = slos.verdicts[0];
    expect(login.value).toBe(3.0167);
    expect(login.pass).toBe(false);
    expect(login.replications).toMatchObject({ n: 3, passed: 2 });
    expect(slos.allPass).toBe(false);
  });
});

describe("scenarioHash", () => {
  it("ignores where the scenario was read from and changes with its content", () => {
    const h = scenarioHash(scenario);
    expect(h).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(scenarioHash({ ...scenario, source: "elsewhere.yaml" })).toBe(h);
    expect(scenarioHash(quickstart(["simulation.seed=7"]))).not.toBe(h);
  });
});
