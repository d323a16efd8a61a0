/**
 * What each user base and datacenter reports of its logins, read from the same sketches as the
 * overall figures.
 *
 * Given: the quickstart scenario, 8 minutes after a 2-minute warm-up, seed as bundled.
 * Then, for `loginCdf` (drawn as the report's CDF chart): every row with logins has one point per
 * CDF_SHARES entry, its latencies never decrease, its ends are the exact min and max, and at the
 * shares the summary also reports (0.5, 0.9, 0.95, 0.99, 0.999) it equals the summary exactly; a
 * row without logins has no points; summary.json carries the points rounded as the summary's
 * latencies are (0.1 ms).
 * And for each datacenter's `loginSystem` (without typing time): its count is the datacenter's
 * logins, the datacenters' counts and sums add up to the overall `loginSystem` exactly, and no
 * login is faster with its typing than without.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { LatencySummary } from "../../src/engine/stats/index.ts";
import { CDF_SHARES, type CdfPoint, type RunResult } from "../../src/model/run/run-result.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { runMetrics } from "../../src/report/run-metrics.ts";
import { scenarioFrom } from "./scenario-fixture.ts";

const quickstart = readFileSync(new URL("../../scenarios/quickstart.yaml", import.meta.url), "utf8");
const scenario = scenarioFrom(quickstart, ["simulation.duration=8m", "simulation.warmUp=2m"]);
const [result] = runScenario(scenario, { replications: 1 }) as [RunResult];

const SUMMARY_SHARES = [
  [0.5, "p50"],
  [0.9, "p90"],
  [0.95, "p95"],
  [0.99, "p99"],
  [0.999, "p999"],
] as const;

function expectConsistent(points: readonly CdfPoint[], summary: LatencySummary): void {
  expect(points.map((p) => p.share)).toEqual(CDF_SHARES);
  for (let i = 1; i < points.length; i++)
    expect(points[i].latency).toBeGreaterThanOrEqual(points[i - 1].latency);
  expect(points[0].latency).toBe(summary.min);
  expect(points.at(-1)?.latency).toBe(summary.max);
  for (const [share, key] of SUMMARY_SHARES) {
    expect(points.find((p) => p.share === share)?.latency).toBe(summary[key]);
  }
}

describe("loginCdf", () => {
  it("agrees with each user base's and datacenter's percentile summary", () => {
    const rows = [...result.userBases, ...result.datacenters];
    expect(rows.filter((r) => r.login.count > 0).length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      if (row.login.count === 0) expect(row.loginCdf).toEqual([]);
      else expectConsistent(row.loginCdf, row.login);
    }
  });

  it("spans more than the summary: distinct latencies between the summary's percentiles", () => {
    const london = result.userBases.find((u) => u.name === "london")!;
    const belowMedian = london.loginCdf.filter((p) => p.share > 0 && p.share < 0.5).map((p) => p.latency);
    expect(new Set(belowMedian).size).toBeGreaterThan(5);
  });

  it("goes into summary.json rounded to 0.1 ms", () => {
    const metrics = runMetrics(result);
    const amsterdam = metrics.userBases.find((u) => u.name === "amsterdam")!;
    const given = result.userBases.find((u) => u.name === "amsterdam")!.loginCdf;
    expect(amsterdam.loginCdf).toHaveLength(CDF_SHARES.length);
    amsterdam.loginCdf.forEach((p, i) => {
      expect(p.share).toBe(given[i].share);
      expect(Math.abs((p.latency ?? 0) - given[i].latency)).toBeLessThanOrEqual(0.00005 + 1e-12);
    });
    expect(metrics.datacenters[0].loginCdf).toHaveLength(CDF_SHARES.length);
  });
});

describe("loginSystem per datacenter", () => {
  it("counts each datacenter's logins and adds up to the overall figure", () => {
    const dcs = result.datacenters;
    expect(dcs.filter((d) => d.logins > 0).length).toBe(2);
    for (const d of dcs) {
      expect(d.loginSystem.count).toBe(d.logins);
      expect(d.loginSystem.count).toBe(d.login.count);
      if (d.logins === 0) continue;
      expect(d.loginSystem.mean!).toBeLessThanOrEqual(d.login.mean!);
      expect(d.loginSystem.min!).toBeLessThanOrEqual(d.login.min!);
      expect(d.loginSystem.max!).toBeLessThanOrEqual(d.login.max!);
    }
    const overall = result.latency.loginSystem;
    expect(dcs.reduce((n, d) => n + d.loginSystem.count, 0)).toBe(overall.count);
    const sum = dcs.reduce((t, d) => t + (d.loginSystem.mean ?? 0) * d.loginSystem.count, 0);
    expect(sum / overall.count).toBeCloseTo(overall.mean!, 9);
    expect(Math.min(...dcs.map((d) => d.loginSystem.min ?? Number.POSITIVE_INFINITY))).toBe(overall.min);
    expect(Math.max(...dcs.map((d) => d.loginSystem.max ?? 0))).toBe(overall.max);
  });
});
