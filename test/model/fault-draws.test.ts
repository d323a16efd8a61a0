/**
 * Fault times drawn per replication (issue 15 item 6; model/faults/fault-draws.ts).
 *
 * Given a scenario whose outage starts `{ between: [3m, 15m] }`:
 * - each replication draws its own start, inside the window, from stream `faults.0.start`; the
 *   same seed and replication give the same draw, another seed another; adding a second drawn
 *   fault or changing the rest of the scenario does not move the first fault's draw;
 * - the run uses that draw: the failover report of replication r starts where the draw says, and
 *   the fault's duration is kept (30 s probes see the outage start at the drawn time);
 * - a scenario with fixed times is returned as it is (same object), so nothing changes for it;
 * - windows outside the run, durations that can reach zero and ends before the latest start are
 *   refused at their line.
 *
 * And the point of drawing: the time until 99% of new logins reach the healthy datacenter does
 * not hang on when the outage starts. The scenario of dns-population.test.ts (holders shortened
 * to a 5-minute median so the tail ends within the run), 6 replications of seed 11 with the start
 * drawn over [3 min, 15 min] against 6 with it fixed at 9 min: the two means differ by less than
 * Welch's 95% interval of their difference, i.e. drawing the start adds no bias, and the drawn
 * replications' spread stays within the interval the fixed ones give.
 */
import { describe, expect, it } from "vitest";
import { scenarioOfReplication } from "../../src/model/index.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { loadScenarioText } from "../../src/scenario/index.ts";
import { amsterdamFailoverYaml } from "./failover-fixture.ts";
import { scenarioFrom } from "./scenario-fixture.ts";

const outage = (start: string, extra = "") =>
  amsterdamFailoverYaml({
    name: "fault-draws",
    simulation: "duration: 36m, warmUp: 0s, seed: 11, replications: 6, timeBin: 5s",
    users: 1_000_000,
    dns: "staleFor: { lognormal: { median: 5m, p99: 20m } }, ",
    fault: `start: ${start}, duration: 20m`,
  }) + extra;

const DRAWN = "{ between: [3m, 15m] }";

const startsOf = (yaml: string, replications: number, overrides: string[] = []) => {
  const s = scenarioFrom(yaml, overrides);
  return Array.from({ length: replications }, (_, r) => scenarioOfReplication(s, r).faults[0].start);
};

describe("fault times drawn per replication", () => {
  it("differ per replication, fall inside the window and are reproducible", () => {
    const starts = startsOf(outage(DRAWN), 20);
    for (const t of starts) {
      expect(t).toBeGreaterThanOrEqual(180);
      expect(t).toBeLessThanOrEqual(900);
    }
    expect(new Set(starts).size).toBe(20);
    // Uniform over 12 minutes: 20 draws spread over most of it.
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThan(400);
    expect(startsOf(outage(DRAWN), 20)).toEqual(starts);
    expect(startsOf(outage(DRAWN), 20, ["simulation.seed=12"])).not.toEqual(starts);
  });

  it("depend on the seed, the replication and the fault's own spec only", () => {
    const alone = startsOf(outage(DRAWN), 5);
    const withAnother = startsOf(
      outage(
        DRAWN,
        "\n  - { type: identityErrors, errorRate: 5%, start: { between: [1m, 30m] }, duration: 2m }",
      ),
      5,
    );
    const otherwise = startsOf(outage(DRAWN), 5, [
      "trafficManager.ttl=60s",
      "userBases[0].dailyActiveUsers=5000",
    ]);
    expect(withAnother).toEqual(alone);
    expect(otherwise).toEqual(alone);
  });

  it("keep a fixed duration and can draw the duration too", () => {
    const s = scenarioFrom(outage(DRAWN));
    for (let r = 0; r < 5; r++) {
      const f = scenarioOfReplication(s, r).faults[0];
      expect(f.end - f.start).toBeCloseTo(1200, 9);
      expect(f.draw).toBeUndefined();
    }
    const d = scenarioFrom(outage("5m").replace("duration: 20m", "duration: { between: [2m, 4m] }"));
    const lengths = [0, 1, 2, 3].map((r) => {
      const f = scenarioOfReplication(d, r).faults[0];
      expect(f.start).toBe(300);
      return f.end - f.start;
    });
    for (const l of lengths) expect(l >= 120 && l <= 240).toBe(true);
    expect(new Set(lengths).size).toBe(4);
  });

  it("leave a scenario with fixed times exactly as it was", () => {
    const s = scenarioFrom(outage("9m"));
    expect(s.faults[0].draw).toBeUndefined();
    expect(scenarioOfReplication(s, 3)).toBe(s);
  });

  it("are refused outside the run, at or below zero, or after a fixed end, at their line", () => {
    const problems = (start: string, extra = "") => {
      const r = loadScenarioText(outage(start).replace("duration: 20m", extra || "duration: 20m"), "s.yaml");
      return r.ok ? [] : r.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.expected}`);
    };
    expect(problems("{ between: [30m, 40m] }")).toEqual([
      "19:55 faults[0].start: a start drawn inside the run (0s to 2160s)",
    ]);
    expect(problems("{ between: [10m, 5m] }")[0]).toContain(
      "faults[0].start.between[1]: a window end after its start",
    );
    expect(problems("5m", "duration: { between: [0s, 4m] }")[0]).toContain(
      "faults[0].duration: a drawn duration",
    );
    expect(problems(DRAWN, "end: 10m")[0]).toContain("faults[0].end: an end after the latest start drawn");
    expect(problems("{ distribution: { uniform: { min: 1m, max: 1h } } }")[0]).toContain("inside the run");
    // A fixed start past the run is a warning, as it always was, whatever its duration.
    const late = loadScenarioText(
      outage("40m").replace("duration: 20m", "duration: { between: [1m, 2m] }"),
      "s.yaml",
    );
    expect(late.ok && late.warnings.map((w) => w.path)).toEqual(["faults[0].start"]);
  });
});

describe("a drawn start gives the failover time of any start", () => {
  const to99 = (start: string) =>
    runScenario(scenarioFrom(outage(start))).map((r) => {
      expect(r.failovers[0].to99, `an outage at ${r.failovers[0].start} s never reached 99%`).not.toBeNull();
      return { start: r.failovers[0].start, to99: r.failovers[0].to99! };
    });
  const drawn = to99(DRAWN);
  const fixed = to99("9m");

  it("each replication's outage starts at its own draw", () => {
    const s = scenarioFrom(outage(DRAWN));
    drawn.forEach((d, r) => {
      expect(d.start).toBe(scenarioOfReplication(s, r).faults[0].start);
    });
    expect(new Set(drawn.map((d) => d.start)).size).toBe(drawn.length);
    for (const f of fixed) expect(f.start).toBe(540);
  });

  it("the time to 99% with drawn starts lies within the replications' interval of a fixed start", () => {
    const stats = (xs: readonly number[]) => {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
      return { mean, variance, n: xs.length };
    };
    const a = stats(drawn.map((d) => d.to99));
    const b = stats(fixed.map((d) => d.to99));
    // Welch's interval for the difference of means; 2.57 ≈ t(0.975) at the ~5 degrees of
    // freedom that two samples of 6 give at the least.
    const half = 2.57 * Math.sqrt(a.variance / a.n + b.variance / b.n);
    const detail = JSON.stringify({ drawn, fixed });
    expect(Math.abs(a.mean - b.mean), detail).toBeLessThanOrEqual(half);
    // The spread over drawn starts is the spread of any one start: no wider than 2x its sd.
    expect(Math.sqrt(a.variance), detail).toBeLessThanOrEqual(2 * Math.sqrt(b.variance) + 30);
  });
});
