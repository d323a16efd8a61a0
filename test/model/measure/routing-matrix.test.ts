/**
 * The routing matrix: logins per (user base, datacenter) pair over the measured period and around
 * the first WFE outage.
 * Given a hand-set recorder: each window keeps exactly the logins completed inside it, and a mean
 * that is the arithmetic mean of what was recorded. Given dc-outage-failover shortened to 30 min
 * (weu down 10-20 min, seed as shipped): the measured window's rows add up to each user base's
 * logins and its columns to each datacenter's (one record per login, nothing lost or doubled), and
 * while weu's WFE is down it serves no login (documented behaviour: an outage drops its work).
 */
import { describe, expect, it } from "vitest";
import { RoutingMatrix, routingWindows } from "../../../src/model/measure/routing-matrix.ts";
import { runScenario } from "../../../src/model/run/run-scenario.ts";
import { loadScenarioFile, type ResolvedScenario } from "../../../src/scenario/index.ts";

const handMade = (faults: unknown[]) =>
  ({
    simulation: { warmUp: 100, duration: 1000 },
    userBases: [{}, {}],
    datacenters: [{}, {}, {}],
    faults,
  }) as unknown as ResolvedScenario;

describe("RoutingMatrix", () => {
  it("keeps the measured period only when the scenario has no WFE outage", () => {
    const back = { type: "datacenterOutage", component: "backEnd", datacenterIndex: 1, start: 300, end: 400 };
    expect(routingWindows(handMade([back])).spans.map((s) => s.kind)).toEqual(["measured"]);
    expect(routingWindows(handMade([back])).outage).toBeNull();
  });

  it("splits logins into the windows they completed in, with exact means", () => {
    const fault = { type: "datacenterOutage", component: "wfe", datacenterIndex: 2, start: 400, end: 700 };
    const m = new RoutingMatrix(handMade([fault]));
    m.record(50, 0, 2, 9); // warm-up: in no window
    m.record(200, 0, 2, 0.4);
    m.record(300, 0, 2, 0.6);
    m.record(500, 0, 1, 1.5);
    m.record(699.9, 1, 1, 2.5);
    m.record(800, 1, 0, 0.3);
    const { windows, outageDatacenter } = m.report();
    expect(outageDatacenter).toBe(2);
    expect(windows.map((w) => [w.kind, w.start, w.end])).toEqual([
      ["measured", 100, 1000],
      ["beforeOutage", 100, 400],
      ["duringOutage", 400, 700],
    ]);
    expect(windows[0].logins).toEqual([
      [0, 1, 2],
      [1, 1, 0],
    ]);
    expect(windows[0].loginSystemMean[0][2]).toBeCloseTo(0.5, 12);
    expect(windows[0].loginSystemMean[0][0]).toBeNull();
    expect(windows[1].logins).toEqual([
      [0, 0, 2],
      [0, 0, 0],
    ]);
    expect(windows[2].logins).toEqual([
      [0, 1, 0],
      [0, 1, 0],
    ]);
    expect(windows[2].loginSystemMean[1][1]).toBe(2.5);
  });

  it("adds up to the run's per-user-base and per-datacenter logins, and the down WFE serves none", () => {
    const loaded = loadScenarioFile("scenarios/dc-outage-failover.yaml", {
      overrides: [
        "simulation.duration=30m",
        "simulation.warmUp=5m",
        "faults[0].start=10m",
        "faults[0].duration=10m",
      ],
    });
    if (!loaded.ok) throw new Error("dc-outage-failover.yaml does not load");
    const [r] = runScenario(loaded.scenario);
    const [measured, before, during] = r.routing.windows;
    expect(r.routing.windows.map((w) => w.kind)).toEqual(["measured", "beforeOutage", "duringOutage"]);
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    for (const [u, ub] of r.userBases.entries()) expect(sum(measured.logins[u]), ub.name).toBe(ub.logins);
    for (const [d, dc] of r.datacenters.entries())
      expect(sum(measured.logins.map((row) => row[d])), dc.name).toBe(dc.logins);
    const down = r.routing.outageDatacenter ?? -1;
    expect(loaded.scenario.datacenters[down].name).toBe("weu");
    expect(sum(during.logins.map((row) => row[down]))).toBe(0);
    expect(sum(before.logins.map((row) => row[down]))).toBeGreaterThan(0);
  });
});
