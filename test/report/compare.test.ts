/**
 * `authsim compare`, the pure part: which headline metrics are compared, differences, and Welch
 * significance only where both runs have replications. Summaries come from buildSummary on
 * fabricated runs, as they would be read from disk.
 */
import { describe, expect, it } from "vitest";
import type { RunResult } from "../../src/model/run/run-result.ts";
import {
  betterDirection,
  compareSummaries,
  formatComparison,
  formatDifference,
  formatValue,
  metricKind,
  notASummary,
} from "../../src/report/compare.ts";
import { fabricate } from "./fixtures/fabricated-run.ts";
import { fabricatedSummary } from "./fixtures/fabricated-summary.ts";

/** Replications whose login p95 [s] are `p95s`. */
const replications = (p95s: readonly number[], o: { failovers?: boolean } = {}): RunResult[] =>
  p95s.map((loginP95, i) => fabricate({ replication: i, seed: 42 + i, loginP95, ...o }));

const row = (rows: ReturnType<typeof compareSummaries>, metric: string) => {
  const r = rows.find((x) => x.metric === metric);
  if (!r) throw new Error(`no row for ${metric}`);
  return r;
};

describe("compareSummaries", () => {
  it("given two single runs, gives the planner's metrics with differences and no significance", () => {
    const rows = compareSummaries(fabricatedSummary(replications([2])), fabricatedSummary(replications([3])));
    expect(rows.map((r) => r.metric)).toEqual([
      "login.p50",
      "login.p95",
      "login.p99",
      "loginSystem.p95",
      "login.failureRate",
      "wfe.utilisation.peak@weu",
      "wfe.utilisation.peak@neu",
      "idp.tokenRate.peak",
      "tokens.renewal",
      "renewals.attempted",
      "renewals.retries",
      "renewals.failed",
    ]);
    expect(row(rows, "login.p95")).toMatchObject({
      kind: "latency",
      a: 2,
      b: 3,
      difference: 1,
      relative: 0.5,
      significance: "n/a (1 replication)",
      interval: null,
    });
  });

  it("leaves out a datacenter only one run has, and shows a failover only one run has", () => {
    const withoutNeu = fabricate({ failovers: true });
    const b = { ...withoutNeu, datacenters: withoutNeu.datacenters.filter((d) => d.name !== "neu") };
    const rows = compareSummaries(fabricatedSummary([fabricate()]), fabricatedSummary([b]));
    const names = rows.map((r) => r.metric);
    expect(names).toContain("wfe.utilisation.peak@weu");
    expect(names).not.toContain("wfe.utilisation.peak@neu");
    expect(row(rows, "failover.to90@weu")).toMatchObject({
      a: null,
      b: 71.25,
      difference: null,
      significance: "n/a",
    });
    expect(row(rows, "failover.to99@weu")).toMatchObject({ a: null, b: null, significance: "n/a" });
  });

  it("given replications in both, calls a clear shift significant and overlapping samples not", () => {
    const a = fabricatedSummary(replications([2.0, 2.1, 1.9, 2.05]));
    const shifted = row(
      compareSummaries(a, fabricatedSummary(replications([3.0, 3.1, 2.9, 3.05]))),
      "login.p95",
    );
    expect(shifted).toMatchObject({ a: 2.0125, b: 3.0125, difference: 1, significance: "significant" });
    expect(shifted.interval?.[0]).toBeGreaterThan(0);
    const same = row(
      compareSummaries(a, fabricatedSummary(replications([2.05, 1.9, 2.15, 2.0]))),
      "login.p95",
    );
    expect(same.significance).toBe("not significant");
    expect(same.interval?.[0]).toBeLessThan(0);
    expect(same.interval?.[1]).toBeGreaterThan(0);
  });

  it("flags a significant change for the worse by the metric's direction, and only that", () => {
    const a = fabricatedSummary(replications([2.0, 2.1, 1.9, 2.05]));
    const b = fabricatedSummary(replications([3.0, 3.1, 2.9, 3.05]));
    expect(row(compareSummaries(a, b), "login.p95")).toMatchObject({ better: "lower", worse: true });
    expect(row(compareSummaries(b, a), "login.p95")).toMatchObject({ better: "lower", worse: false });
    // Replications equal within each run (a quantised figure) give no estimate of the noise.
    expect(row(compareSummaries(a, b), "loginSystem.p95")).toMatchObject({
      significance: "n/a (no spread)",
      interval: null,
      worse: false,
    });
  });

  it("knows which way each headline metric improves; load figures have no better side", () => {
    for (const m of ["login.p95", "loginSystem.p50@weu", "failover.to90@weu", "login.failureRate"]) {
      expect(betterDirection(m), m).toBe("lower");
    }
    for (const m of [
      "wfe.utilisation.peak@weu",
      "wfe.queueLength.peak@weu",
      "renewals.failed",
      "renewals.retries",
    ]) {
      expect(betterDirection(m), m).toBe("lower");
    }
    for (const m of [
      "sessions.started",
      "logins.completed",
      "idp.tokenRate.peak",
      "tokens.renewal",
      "renewals.attempted",
    ]) {
      expect(betterDirection(m), m).toBeNull();
    }
  });

  it("given replications in only one run, says n/a (1 replication) and compares its mean", () => {
    const rows = compareSummaries(
      fabricatedSummary(replications([2, 3])),
      fabricatedSummary(replications([4])),
    );
    expect(row(rows, "login.p95")).toMatchObject({ a: 2.5, b: 4, significance: "n/a (1 replication)" });
  });

  it("with all, compares every headline metric", () => {
    const s = fabricatedSummary(replications([2]));
    const rows = compareSummaries(s, s, { all: true });
    expect(rows.map((r) => r.metric)).toEqual(Object.keys(s.headline));
  });
});

describe("notASummary", () => {
  it("accepts a summary and names what is wrong with anything else", () => {
    expect(notASummary(fabricatedSummary(replications([2])))).toBeNull();
    expect(notASummary([1, 2])).toMatch(/not an authsim summary/);
    expect(notASummary({ format: 1, scenarioName: "old" })).toMatch(/older authsim/);
    expect(notASummary("text")).toMatch(/not a JSON object/);
  });
});

describe("formatComparison", () => {
  it("names both runs, then one aligned line per metric with units and the interval", () => {
    const a = { label: "A", path: "out/a", summary: fabricatedSummary(replications([2.0, 2.1, 1.9])) };
    const b = { label: "B", path: "out/b", summary: fabricatedSummary(replications([3.0, 3.1, 2.9])) };
    const lines = formatComparison(compareSummaries(a.summary, b.summary), a, b).split("\n");
    expect(lines[0]).toBe("A: out/a (quickstart, seed 42, 3 replications: means)");
    expect(lines[2]).toMatch(/^metric\s+A\s+B\s+B - A\s+B vs A\s+significance$/);
    expect(lines[4]).toMatch(
      /^login\.p95\s+2\.000 s\s+3\.000 s\s+\+1\.000 s\s+\+50\.0%\s+significant, 95% CI \[\+/,
    );
    // Every row's verdict starts under the significance heading.
    const start = lines[2].indexOf("significance");
    for (const l of lines.slice(3)) expect(l.slice(start)).toMatch(/^(significant|not significant|n\/a)/);
  });

  it("shows values in the units a planner reads", () => {
    expect(metricKind("wfe.utilisation.peak@weu")).toBe("utilisation");
    expect(metricKind("failover.to90@weu#2")).toBe("time");
    expect(metricKind("idp.tokenRate.peak")).toBe("rate");
    expect(metricKind("login.failureRate")).toBe("share");
    expect(formatValue("latency", 0.5117)).toBe("511.7 ms");
    expect(formatValue("utilisation", 0.42)).toBe("42.0%");
    expect(formatDifference("utilisation", 0.00275)).toBe("+0.275 pp");
    expect(formatValue("rate", 1.8)).toBe("1.80/s");
    expect(formatDifference("count", -3)).toBe("-3");
    expect(formatValue("count", null)).toBe("–");
  });
});
