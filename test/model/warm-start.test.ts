/**
 * Warm start (issue 14): a run begins in its scenario's steady state, so a stationary scenario
 * looks the same in its first hour as in its third.
 *
 * Given: flat arrivals (λ = 18,900 × 1.5 / 86,400 = 0.328 sessions/s), the default session length
 * (lognormal, median 2 h, p99 10 h: mean 2.54 h), active/idle periods, token lifetimes (60-90
 * min) and on-demand renewal; 3 simulated hours from Thursday 00:00 UTC (the prehistory the warm
 * start plays, up to 67 h, is all weekdays: the weekend's lower rates would make it another
 * steady state), 5 replications, seed 8.
 * Then:
 * - the sessions alive at time 0 number about λ × E[length] = 3,000 (M/G/∞: Poisson with that
 *   mean, so sd ≈ 55): each replication within 4 sd, and their mean within 2%;
 * - renewal tokens in hour 1 and in hour 3 differ by less than the 95% Student-t interval of
 *   the paired difference over replications (and by under 5% of the hourly mean): no warm-up
 *   of a token lifetime is needed to see renewals;
 * - the same run started empty renews far less in its first hour (under half of hour 3):
 *   what the warm start is for;
 * - sessions balance: alive at start + started = ended + active.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { studentTQuantile } from "../../src/engine/stats/student-t-quantile.ts";
import type { RunResult } from "../../src/model/run/run-result.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { FLAT_DAY, scenarioFrom } from "./scenario-fixture.ts";

const HOUR = 3600;
const ARRIVAL_RATE = (18_900 * 1.5) / 86_400;
// Lognormal with median 2 h and p99 10 h: σ = ln 5 / 2.3263, mean = median × e^(σ²/2).
const SIGMA = Math.log(5) / 2.3263478740408408;
const MEAN_LENGTH = 2 * HOUR * Math.exp((SIGMA * SIGMA) / 2);

const yaml = `
name: warm-start
simulation: { duration: 3h, warmUp: 0s, seed: 8, replications: 5, timeBin: 5m, startDay: thursday }
datacenters: [{ name: weu, region: westeurope }]
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 18900
    timeZone: UTC
    profile: { hourly: ${FLAT_DAY}, interpolation: hourly }
`;

function renewalsInHour(r: RunResult, hour: number): number {
  const { t, "tokens.renewal.rate": rate } = r.series.columns;
  return t.reduce(
    (sum, start, i) =>
      start >= hour * HOUR && start < (hour + 1) * HOUR ? sum + rate[i] * r.series.binWidth : sum,
    0,
  );
}

describe("warm start: the run begins in the scenario's steady state", () => {
  let warm: RunResult[];
  let empty: RunResult[];
  beforeAll(() => {
    warm = runScenario(scenarioFrom(yaml));
    empty = runScenario(scenarioFrom(yaml, ["simulation.warmStart=false", "simulation.replications=1"]));
  });

  it("starts with about λ × E[session length] sessions alive", () => {
    const expected = ARRIVAL_RATE * MEAN_LENGTH;
    expect(expected).toBeGreaterThan(2900);
    for (const r of warm)
      expect(Math.abs(r.sessions.atStart - expected)).toBeLessThan(4 * Math.sqrt(expected));
    const mean = warm.reduce((a, r) => a + r.sessions.atStart, 0) / warm.length;
    expect(Math.abs(mean / expected - 1)).toBeLessThan(0.02);
    expect(empty[0].sessions.atStart).toBe(0);
  });

  it("renews as much in its first hour as in its third", () => {
    const first = warm.map((r) => renewalsInHour(r, 0));
    const third = warm.map((r) => renewalsInHour(r, 2));
    const d = first.map((x, i) => x - third[i]);
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (d.length - 1));
    const half = (studentTQuantile(0.975, d.length - 1) * sd) / Math.sqrt(d.length);
    const hourly = third.reduce((a, b) => a + b, 0) / third.length;
    const summary = `hour 1 ${first.map(Math.round)} vs hour 3 ${third.map(Math.round)}`;
    expect(hourly, summary).toBeGreaterThan(1000);
    expect(Math.abs(mean), summary).toBeLessThanOrEqual(half);
    expect(Math.abs(mean) / hourly, summary).toBeLessThan(0.05);
    // Started empty, the first hour has only the few sessions that came and stayed long enough.
    expect(renewalsInHour(empty[0], 0), summary).toBeLessThan(0.5 * renewalsInHour(empty[0], 2));
  });

  it("balances sessions: alive at start + started = ended + active", () => {
    for (const r of warm)
      expect(r.sessions.atStart + r.sessions.started).toBe(r.sessions.ended + r.sessions.active);
  });
});
