/**
 * Traffic Manager's endpoint monitoring on a hand-built Traffic Manager (routing/
 * endpoint-monitor.ts; learn.microsoft.com/azure/traffic-manager/traffic-manager-monitoring):
 * several probing locations each counting failures on its own, outages that black-hole or fail
 * fast, and a custom health page that fails above a utilisation or latency threshold, so
 * overload ejects endpoints, and ejection can cascade into fail-open.
 *
 * Given: weu (westeurope) and neu (northeurope), performance routing from westeurope. The WFE
 * clusters are stubs whose busy servers, queue and down state the test sets; utilisation is their
 * busy integral over the probe's window. Random probe phases from stream "tm" of seed 5.
 */
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../../src/engine/random/index.ts";
import { Simulation } from "../../../src/engine/simulation.ts";
import { Network } from "../../../src/model/routing/network.ts";
import { type ProbedWfe, TrafficManager } from "../../../src/model/routing/traffic-manager.ts";
import { scenarioFrom } from "../scenario-fixture.ts";

/** A WFE cluster of 10 servers whose busy level the test sets; its busy integral follows. */
class StubWfe implements ProbedWfe {
  serverCount = 10;
  busyServers = 0;
  queueLength = 0;
  queueLimit = Number.POSITIVE_INFINITY;
  private area = 0;
  private since = 0;
  readonly busy = {
    start: 0,
    integral: (now: number) => this.area + this.busyServers * (now - this.since),
  };
  set(now: number, busyServers: number, queueLength = 0): void {
    this.area += this.busyServers * (now - this.since);
    this.since = now;
    this.busyServers = busyServers;
    this.queueLength = queueLength;
  }
}

function world(probe: string) {
  const scenario = scenarioFrom(`
name: endpoint-monitor
datacenters: [{ name: weu, region: westeurope }, { name: neu, region: northeurope }]
trafficManager:
  probe: ${probe}
userBases: [{ name: amsterdam, region: westeurope, dailyActiveUsers: 1000 }]
`);
  const sim = new Simulation();
  const wfe = [new StubWfe(), new StubWfe()];
  const down = [false, false];
  const fast = [false, false];
  const changes: { dc: string; isDegraded: boolean; at: number }[] = [];
  const names = scenario.datacenters.map((d) => d.name);
  const tm = new TrafficManager(
    sim,
    scenario,
    new Network(scenario, () => 0),
    new RandomStreams(5).get("tm"),
    {
      isWfeDown: (dc) => down[dc],
      failsFast: (dc) => fast[dc],
      wfe: (dc) => wfe[dc],
      onHealthChange: (dc, isDegraded, at) => changes.push({ dc: names[dc], isDegraded, at }),
    },
  );
  const westeurope = scenario.geography.regions.findIndex((r) => r.name === "westeurope");
  return {
    sim,
    wfe,
    down,
    fast,
    changes,
    answer: () => names[tm.resolve(westeurope, 0)],
    firstDegraded: () => changes.find((c) => c.isDegraded)?.at ?? null,
  };
}

const DEFAULTS = "{ interval: 30s, timeout: 10s, toleratedFailures: 3";

describe("probing from several locations, each counting on its own", () => {
  it("a WFE down from t = 0: any <= majority <= all of 3 locations, each in [100 s, 130 s)", () => {
    const at = (rule: string) => {
      const w = world(`${DEFAULTS}, locations: 3, degradedWhen: ${rule} }`);
      w.down[0] = true;
      w.sim.run(200);
      return w.firstDegraded();
    };
    const [any, majority, all] = [at("any"), at("majority"), at("all")];
    // Same seed, same three phases: "any" is the first location's (tolerated + 1)-th failure,
    // "majority" the second's, "all" the last's.
    expect(any!).toBeLessThanOrEqual(majority!);
    expect(majority!).toBeLessThanOrEqual(all!);
    for (const t of [any!, majority!, all!]) {
      expect(t).toBeGreaterThanOrEqual(3 * 30 + 10);
      expect(t).toBeLessThan(4 * 30 + 10);
    }
    expect(all! - any!).toBeGreaterThan(0);
  });

  it("a fast failure (503 at once) is detected a probe timeout sooner: in [90 s, 120 s)", () => {
    const w = world(`${DEFAULTS} }`);
    w.down[0] = true;
    w.fast[0] = true;
    w.sim.run(200);
    expect(w.firstDegraded()!).toBeGreaterThanOrEqual(3 * 30);
    expect(w.firstDegraded()!).toBeLessThan(4 * 30);
    expect(w.answer()).toBe("neu");
  });

  it("a full queue answers probes with 503: the endpoint is ejected without any outage", () => {
    const w = world("{ interval: 10s, timeout: 5s, toleratedFailures: 0 }");
    w.wfe[0].queueLimit = 100;
    w.wfe[0].set(0, 10, 100);
    w.sim.run(20);
    expect(w.answer()).toBe("neu");
  });
});

describe("a custom health page that sees overload", () => {
  const fastPage = (threshold: string) =>
    `{ interval: 10s, timeout: 5s, toleratedFailures: 0, ${threshold} }`;

  it("fails above 80% utilisation: weu at 95% is ejected, at 50% it comes back", () => {
    const w = world(fastPage("failAboveUtilisation: 80%"));
    w.wfe[0].set(0, 9.5);
    w.sim.run(20);
    expect(w.answer()).toBe("neu");
    w.wfe[0].set(20, 5);
    // The first probe after the drop may still average some of the busy spell; the next cannot.
    w.sim.run(45);
    expect(w.answer()).toBe("weu");
  });

  it("ejection cascades into fail-open: with both clusters over the threshold, both are Degraded and Traffic Manager answers as if both were healthy", () => {
    const w = world(fastPage("failAboveUtilisation: 80%"));
    w.wfe[0].set(0, 9.5);
    w.sim.run(20);
    expect(w.answer()).toBe("neu");
    // weu's load moved to neu, which now runs hot too.
    w.wfe[1].set(20, 9.8);
    w.sim.run(40);
    const degraded = new Set(w.changes.filter((c) => c.isDegraded).map((c) => c.dc));
    expect([...degraded].sort()).toEqual(["neu", "weu"]);
    // Fail open: performance routing's closest endpoint again.
    expect(w.answer()).toBe("weu");
  });

  it("fails above a latency: a queue of 1,000 behind 10 busy servers (about 0.8 s) trips a 200 ms page", () => {
    const w = world(fastPage("failAboveLatency: 200ms"));
    w.wfe[0].set(0, 10, 1000);
    w.sim.run(20);
    expect(w.answer()).toBe("neu");
    w.wfe[0].set(20, 4, 0);
    w.sim.run(40);
    expect(w.answer()).toBe("weu");
  });

  it("without a threshold, the same overload is never seen (only outages fail the default page)", () => {
    const w = world("{ interval: 10s, timeout: 5s, toleratedFailures: 0 }");
    w.wfe[0].set(0, 10, 1000);
    w.sim.run(60);
    expect(w.changes).toEqual([]);
  });
});
