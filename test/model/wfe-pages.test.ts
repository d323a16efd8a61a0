/**
 * The WFEs' page traffic (issue 16; src/model/pages/page-requests.ts).
 *
 * Given: one datacenter, sessions of 10 min starting at a flat 15.625/s (900,000 users × 1.5
 * sessions a day), always active, SSO sign-ins (no typing), each sending 2 pages a minute to the
 * WFE it signed in at: about 9,375 sessions and 312.5 pages/s. Seed 11.
 *
 * - Far from saturation (64 servers, pages log-normal with median 50 ms, p99 800 ms: ρ ≈ 0.5), the flow-level
 *   path against the exact path, 8 replications of 15 measured minutes each: utilisation within
 *   0.5 points, page percentiles within 2%, counts inside the exact path's 95% interval (widened
 *   by the flow path's standard error), as issue 19 bounds the back ends' calls.
 * - Rate and load against the arithmetic: pages/s within 2% of sessions × 2/min, and the WFE's
 *   mean utilisation within 1 point of (pages × E[page] + sign-ins × E[redirect + callback]) / c.
 * - Near saturation, every job exponential with mean 100 ms (pages, redirects and callbacks) on
 *   40 servers, ρ ≈ 0.86: `auto` runs the exact path (identical figures) and the WFE's mean queue
 *   is Erlang C's Lq = C(c, a) ρ / (1 - ρ) at the measured arrival rate, within 8% (the sign-in
 *   visits are not quite Poisson; 4 replications).
 * - A WFE outage of 2 min: the sessions that signed in there keep sending pages to it, each fails
 *   at once (cause outage): 312.5/s × 120 s ≈ 37,500, within 10%, on both paths.
 * - Without page traffic nothing of this runs.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { erlangC } from "../../src/engine/analytic/queueing-formulas.ts";
import { distributionMean } from "../../src/engine/random/index.ts";
import { summarizeReplications } from "../../src/engine/stats/index.ts";
import type { RunResult } from "../../src/model/run/run-result.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { FLAT_DAY, scenarioFrom } from "./scenario-fixture.ts";

const SESSIONS_PER_SECOND = (900_000 * 1.5) / 86_400;
const PAGES_PER_SECOND = (SESSIONS_PER_SECOND * 600 * 2) / 60;

const scenarioText = (wfe: string, extra = "", replications = 8) => `
name: wfe-pages
simulation: { duration: 20m, warmUp: 5m, seed: 11, replications: ${replications}, timeBin: 1m, startDay: wednesday }
datacenters:
  - name: weu
    region: westeurope
    wfe: ${wfe}
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
    pageRate: 2/min
${extra}`;

const FAR =
  "{ instances: 8, concurrency: 8, serviceTime: { page: { lognormal: { median: 50ms, p99: 800ms } } } }";
const EXP = "{ exponential: { mean: 100ms } }";
const NEAR = `{ instances: 1, concurrency: 40, serviceTime: { redirect: ${EXP}, callback: ${EXP}, page: ${EXP} } }`;
const OUTAGE = `faults:
  - { type: datacenterOutage, datacenter: weu, component: wfe, start: 10m, duration: 2m, failure: fastFailure }`;

const run = (text: string, model: "auto" | "exact") =>
  runScenario(scenarioFrom(text, [`simulation.backEndCalls.model=${model}`]));

const stats = (runs: readonly RunResult[], read: (r: RunResult) => number) =>
  summarizeReplications(runs.map(read));

function expectInsideInterval(
  exact: readonly RunResult[],
  flow: readonly RunResult[],
  read: (r: RunResult) => number,
) {
  const e = stats(exact, read);
  const f = stats(flow, read);
  expect(Math.abs(f.mean - e.mean)).toBeLessThanOrEqual(Math.hypot(e.halfWidth, f.halfWidth));
}

describe("WFE pages far from saturation", () => {
  let exact: RunResult[];
  let flow: RunResult[];
  beforeAll(() => {
    exact = run(scenarioText(FAR), "exact");
    flow = run(scenarioText(FAR), "auto");
  });

  it("carries the pages at flow level under auto, and as jobs under exact", () => {
    for (const r of flow) expect(r.wfePageModel?.datacenters[0].flowShare).toBeGreaterThan(0.99);
    for (const r of exact) {
      expect(r.wfePageModel?.datacenters[0].flowShare).toBe(0);
      expect(r.wfePageModel?.model).toBe("exact");
    }
  });

  it("sends sessions × pageRate pages a second, and loads the WFE with their work", () => {
    const scenario = scenarioFrom(scenarioText(FAR));
    const wfe = scenario.datacenters[0].wfe;
    const mean = (d: Parameters<typeof distributionMean>[0]) => distributionMean(d);
    const expected =
      (PAGES_PER_SECOND * mean(wfe.serviceTime.page) +
        SESSIONS_PER_SECOND * (mean(wfe.serviceTime.redirect) + mean(wfe.serviceTime.callback))) /
      64;
    for (const runs of [exact, flow]) {
      const rate = stats(runs, (r) => r.wfePages.ok / 900).mean;
      expect(Math.abs(rate / PAGES_PER_SECOND - 1)).toBeLessThan(0.02);
      const u = stats(runs, (r) => r.datacenters[0].wfe.utilisationMean).mean;
      expect(u).toBeGreaterThan(0.4);
      expect(Math.abs(u - expected)).toBeLessThan(0.01);
    }
  });

  it("gives the exact path's utilisation within 0.5 points and its percentiles within 2%", () => {
    const u = (r: RunResult) => r.datacenters[0].wfe.utilisationMean;
    const peak = (r: RunResult) => r.datacenters[0].wfe.utilisationPeak;
    expect(Math.abs(stats(flow, u).mean - stats(exact, u).mean)).toBeLessThan(0.005);
    expect(Math.abs(stats(flow, peak).mean - stats(exact, peak).mean)).toBeLessThan(0.005);
    for (const q of ["p50", "p95", "p99", "mean"] as const) {
      const read = (r: RunResult) => r.latency.wfePage[q] as number;
      const e = stats(exact, read).mean;
      expect(Math.abs(stats(flow, read).mean - e) / e, q).toBeLessThan(0.02);
    }
  });

  it("counts pages, arrivals and sign-ins inside the exact path's interval", () => {
    expectInsideInterval(exact, flow, (r) => r.wfePages.ok);
    expectInsideInterval(exact, flow, (r) => r.datacenters[0].wfe.arrivals);
    expectInsideInterval(exact, flow, (r) => r.datacenters[0].wfe.peakRate);
    expectInsideInterval(exact, flow, (r) => r.logins.completed);
  });
});

describe("WFE pages near saturation", () => {
  it("runs the exact path under auto, and the queue is Erlang C's", () => {
    const text = scenarioText(NEAR, "", 4);
    const exact = run(text, "exact");
    const auto = run(text, "auto");
    for (let i = 0; i < exact.length; i++) {
      expect(auto[i].wfePageModel?.datacenters[0].flowShare).toBe(0);
      expect(auto[i].latency.wfePage).toEqual(exact[i].latency.wfePage);
      expect(auto[i].datacenters[0].wfe).toEqual(exact[i].datacenters[0].wfe);
    }
    const rate = stats(exact, (r) => r.datacenters[0].wfe.meanRate).mean;
    const load = rate * 0.1;
    const rho = load / 40;
    expect(rho).toBeGreaterThan(0.8);
    const lq = (erlangC(40, load) * rho) / (1 - rho);
    const measured = stats(exact, (r) => r.datacenters[0].wfe.queueMean).mean;
    expect(Math.abs(measured / lq - 1)).toBeLessThan(0.08);
  });
});

describe("WFE pages through an outage", () => {
  let exact: RunResult[];
  let flow: RunResult[];
  beforeAll(() => {
    exact = run(scenarioText(FAR, OUTAGE, 4), "exact");
    flow = run(scenarioText(FAR, OUTAGE, 4), "auto");
  });

  it("fails the pages sent to the down WFE, on both paths", () => {
    for (const runs of [exact, flow]) {
      const failed = stats(runs, (r) => r.wfePages.failed).mean;
      expect(Math.abs(failed / (PAGES_PER_SECOND * 120) - 1)).toBeLessThan(0.1);
    }
    expectInsideInterval(exact, flow, (r) => r.wfePages.failed);
    for (const r of flow) {
      const windows = r.wfePageModel?.datacenters[0].exactWindows ?? [];
      expect(windows.some(([start, end]) => start <= 600 && end >= 720)).toBe(true);
    }
  });
});

describe("without page traffic", () => {
  it("runs none of it", () => {
    const [r] = runScenario(
      scenarioFrom(scenarioText(FAR, "", 1).replace("pageRate: 2/min", "backEndRate: 2/min")),
    );
    expect(r.wfePageModel).toBeNull();
    expect(r.wfePages).toEqual({ ok: 0, failed: 0 });
    expect(r.latency.wfePage.count).toBe(0);
  });
});
