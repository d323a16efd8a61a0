/**
 * Honest percentiles across replications (issue 16, item 5): two replications of the quickstart
 * (30 simulated minutes, seed 1: about 2,600 logins and 77,000 back-end calls each, past the
 * 2,048 values a sketch keeps exactly) give every latency percentile of a thousand samples or
 * more a 95% interval of non-zero width. The old 1% DDSketch snapped answers to bucket values:
 * `loginSystem.p50` read 0.4723 s in both replications, an interval of [0.4723, 0.4723].
 */
import { describe, expect, it } from "vitest";
import type { LatencySummary } from "../../src/engine/stats/index.ts";
import type { RunResult } from "../../src/model/index.ts";
import { runScenario } from "../../src/model/index.ts";
import { aggregateReplications } from "../../src/report/replication-aggregate.ts";
import { loadScenario } from "../../src/scenario/index.ts";
import { judgeSlos } from "../../src/study/index.ts";

/** The sketch a percentile headline metric reads, when it is one of the run-wide or per-user-base ones. */
function sketchOf(r: RunResult, metric: string): LatencySummary | null {
  const [name, scope] = metric.split("@");
  const base = name.replace(/\.p\d+$/, "");
  if (scope !== undefined)
    return base === "login" ? (r.userBases.find((u) => u.name === scope)?.login ?? null) : null;
  if (base === "login" || base === "loginSystem" || base === "backEnd") return r.latency[base];
  return null;
}

describe("percentiles over two replications", () => {
  const scenario = loadScenario("scenarios/quickstart.yaml", {
    overrides: ["simulation.duration=30m", "simulation.replications=2"],
  });
  const results = runScenario(scenario);

  it("never give a zero-width interval for a percentile of thousands of samples", () => {
    const stats = aggregateReplications(results);
    const checked: string[] = [];
    for (const [metric, s] of Object.entries(stats.metrics)) {
      if (!/\.p\d+(@|$)/.test(metric)) continue;
      const counts = results.map((r) => sketchOf(r, metric)?.count ?? 0);
      if (Math.min(...counts) < 1000) continue;
      checked.push(metric);
      expect(s.n, metric).toBe(2);
      expect(s.values[0], metric).not.toBe(s.values[1]);
      expect(s.high! - s.low!, metric).toBeGreaterThan(0);
    }
    expect(checked).toEqual(
      expect.arrayContaining(["login.p50", "loginSystem.p50", "loginSystem.p95", "backEnd.p95"]),
    );
  });

  it("judges latency objectives with an interval that has width", () => {
    for (const v of judgeSlos(scenario, results).verdicts) {
      if (!/\.p\d+$/.test(v.metric)) continue;
      expect(v.replications!.high! - v.replications!.low!, v.text).toBeGreaterThan(0);
    }
  });
});
