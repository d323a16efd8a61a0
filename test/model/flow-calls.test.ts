/**
 * The back ends' flow-level path against the exact call-by-call path (issue 19 item 2).
 *
 * Given: one datacenter whose back end has 64 servers (8 instances × 8) with the default
 * log-normal call time (median 50 ms, p99 800 ms: mean 102 ms, cs² 3.1), sessions of 10 min
 * starting at a flat 15.6/s, always active, calling at 2/min: about 9,400 signed-in sessions and
 * 313 calls/s, ρ ≈ 0.50, where Erlang C's probability of waiting is ~1e-6, so `auto` carries
 * the back end at flow level. Real round trips and jitter (amsterdam → westeurope).
 *
 * Seed 7, R = 8 replications of 15 measured minutes (about 280,000 calls each), each mode.
 * Tolerances (issue 19): the flow path's replication means of utilisation within 0.5 points of
 * the exact path's, back-end p50/p95/p99 within 2% relative, call counts and failures inside
 * the exact path's 95% interval over replications (widened by the flow path's own standard
 * error: both are estimates). Near saturation `auto` must run the exact path (flow share 0) and
 * give the exact path's figures; an outage must run exact from its start and drop as many
 * calls as the exact path does.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { summarizeReplications } from "../../src/engine/stats/index.ts";
import type { RunResult } from "../../src/model/run/run-result.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { FLAT_DAY, scenarioFrom } from "./scenario-fixture.ts";

const scenarioText = (backEnd: string, extra = "") => `
name: flow-calls
simulation: { duration: 20m, warmUp: 5m, seed: 7, replications: 8, timeBin: 1m, startDay: wednesday }
datacenters:
  - name: weu
    region: westeurope
    backEnd: ${backEnd}
identityProvider: { ssoShare: 100% }
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 900000
    sessionsPerUser: 1.5
    timeZone: UTC
    profile: { hourly: ${FLAT_DAY}, interpolation: hourly }
    sessionLength: 10m
    activity: { active: 10h, idle: 1s }
    backEndRate: 2/min
${extra}`;

const FAR = "{ instances: 8, concurrency: 8 }";
const NEAR = "{ instances: 1, concurrency: 40 }";
const OUTAGE = `faults:
  - { type: datacenterOutage, datacenter: weu, component: backEnd, start: 10m, duration: 2m }`;

const run = (text: string, model: "auto" | "exact") =>
  runScenario(scenarioFrom(text, [`simulation.backEndCalls.model=${model}`]));

const stats = (runs: readonly RunResult[], read: (r: RunResult) => number) =>
  summarizeReplications(runs.map(read));

/** Flow's mean inside exact's 95% interval, widened by flow's own standard error (both estimate). */
function expectInsideInterval(
  exact: readonly RunResult[],
  flow: readonly RunResult[],
  read: (r: RunResult) => number,
) {
  const e = stats(exact, read);
  const f = stats(flow, read);
  const halfWidth = Math.hypot(e.halfWidth, f.halfWidth);
  expect(Math.abs(f.mean - e.mean)).toBeLessThanOrEqual(halfWidth);
}

describe("back-end calls at flow level, far from saturation", () => {
  let exact: RunResult[];
  let flow: RunResult[];
  beforeAll(() => {
    exact = run(scenarioText(FAR), "exact");
    flow = run(scenarioText(FAR), "auto");
  });

  it("carries the back end at flow level and the exact path plays every call", () => {
    for (const r of flow) {
      expect(r.backEndCallModel.model).toBe("auto");
      expect(r.backEndCallModel.datacenters[0].flowShare).toBeGreaterThan(0.999);
    }
    for (const r of exact) expect(r.backEndCallModel.datacenters[0].flowShare).toBe(0);
    // ~280,000 calls per replication on the exact path, two local events each; at flow level
    // one draw per k = 6 (313/s ÷ 50/s), the sign-ins' events left (~300,000).
    const events = (runs: RunResult[]) => stats(runs, (r) => r.performance.events).mean;
    expect(events(exact) - events(flow)).toBeGreaterThan(450_000);
  });

  it("gives the exact path's utilisation within 0.5 points", () => {
    const u = (r: RunResult) => r.datacenters[0].backEnd.utilisationMean;
    const peak = (r: RunResult) => r.datacenters[0].backEnd.utilisationPeak;
    expect(stats(exact, u).mean).toBeGreaterThan(0.45);
    expect(Math.abs(stats(flow, u).mean - stats(exact, u).mean)).toBeLessThan(0.005);
    expect(Math.abs(stats(flow, peak).mean - stats(exact, peak).mean)).toBeLessThan(0.005);
  });

  it("gives the exact path's back-end percentiles within 2%", () => {
    for (const q of ["p50", "p95", "p99", "mean"] as const) {
      const read = (r: RunResult) => r.latency.backEnd[q] as number;
      const e = stats(exact, read).mean;
      expect(Math.abs(stats(flow, read).mean - e) / e, q).toBeLessThan(0.02);
    }
  });

  it("counts calls and failures inside the exact path's interval", () => {
    expectInsideInterval(exact, flow, (r) => r.backEndCalls.ok);
    expectInsideInterval(exact, flow, (r) => r.datacenters[0].backEnd.arrivals);
    expectInsideInterval(exact, flow, (r) => r.backEndCalls.failed);
    expectInsideInterval(exact, flow, (r) => r.logins.completed);
  });
});

describe("back-end calls near saturation", () => {
  it("runs the exact path under auto and gives its figures", () => {
    // 40 servers at ρ ≈ 0.80: Erlang C(40, 32) ≈ 0.2, far above the 0.1% bound.
    const text = scenarioText(NEAR).replace("replications: 8", "replications: 2");
    const exact = run(text, "exact");
    const auto = run(text, "auto");
    for (let i = 0; i < exact.length; i++) {
      expect(auto[i].backEndCallModel.datacenters[0].flowShare).toBe(0);
      expect(auto[i].backEndCallModel.datacenters[0].exactWindows).toEqual([[0, 1200]]);
      expect(auto[i].latency.backEnd).toEqual(exact[i].latency.backEnd);
      expect(auto[i].datacenters[0].backEnd).toEqual(exact[i].datacenters[0].backEnd);
    }
  });
});

describe("back-end calls through an outage", () => {
  let exact: RunResult[];
  let flow: RunResult[];
  beforeAll(() => {
    exact = run(scenarioText(FAR, OUTAGE), "exact");
    flow = run(scenarioText(FAR, OUTAGE), "auto");
  });

  it("runs the exact path from the outage's start to its end", () => {
    // From the bin the outage starts in; the bin after it ends is exact or not depending on
    // whether the fault's end or the bin's decision comes first at 12:00.
    for (const r of flow) {
      const [window, ...more] = r.backEndCallModel.datacenters[0].exactWindows;
      expect(more).toEqual([]);
      expect(window[0]).toBe(600);
      expect([720, 780]).toContain(window[1]);
    }
  });

  it("drops and rejects as many calls as the exact path", () => {
    const outage = (r: RunResult) => r.failures.outage;
    expect(stats(exact, outage).mean).toBeGreaterThan(30_000);
    expectInsideInterval(exact, flow, outage);
    expectInsideInterval(exact, flow, (r) => r.datacenters[0].backEnd.outageDrops);
    expectInsideInterval(exact, flow, (r) => r.backEndCalls.failed);
  });
});
