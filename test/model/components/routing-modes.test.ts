/**
 * Traffic Manager's routing methods and fail-open, on a hand-built Traffic Manager
 * (docs/model.md §3; traffic-manager.ts; learn.microsoft.com/azure/traffic-manager).
 *
 * Given: datacenters in westeurope, northeurope and eastus (and, for performance ties, a second
 * one in westeurope); WFE outages are set by the test and learnt only through probes, made fast
 * (every 10 s, 5 s timeout, 0 tolerated failures) so an endpoint whose WFE is down is Degraded
 * within 15 s; `degrade()` runs 20 s. Random choices come from the fixed stream
 * "trafficManager.choice" of seed 11; shares are counted over 20,000 queries, whose binomial
 * standard error is at most 0.0035, so the stated tolerance of ±0.015 is over 4 standard errors.
 */
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../../src/engine/random/index.ts";
import { Simulation } from "../../../src/engine/simulation.ts";
import { Network } from "../../../src/model/routing/network.ts";
import { NO_ANSWER, TrafficManager } from "../../../src/model/routing/traffic-manager.ts";
import { regionRtt, scenarioFrom } from "../scenario-fixture.ts";

const QUERIES = 20_000;
const TOLERANCE = 0.015;

function world(trafficManager: string, dcs: readonly string[] = ["weu", "neu", "eus"]) {
  const regionOf: Record<string, string> = {
    weu: "westeurope",
    weu2: "westeurope",
    neu: "northeurope",
    eus: "eastus",
  };
  const scenario = scenarioFrom(`
name: routing-modes
datacenters: [${dcs.map((d) => `{ name: ${d}, region: ${regionOf[d]} }`).join(", ")}]
trafficManager:
  probe: { interval: 10s, timeout: 5s, toleratedFailures: 0 }
  ${trafficManager}
userBases:
  - { name: amsterdam, region: westeurope, dailyActiveUsers: 1000 }
  - { name: commuters, region: northeurope, dailyActiveUsers: 1000 }
  - { name: dublin, region: northeurope, dailyActiveUsers: 1000 }
  - { name: newyork, region: eastus, dailyActiveUsers: 1000 }
  - { name: tokyo, region: japaneast, dailyActiveUsers: 1000 }
`);
  const sim = new Simulation();
  const down = new Set<number>();
  const tm = new TrafficManager(
    sim,
    scenario,
    new Network(scenario, () => 0),
    new RandomStreams(11).get("trafficManager.choice"),
    { isWfeDown: (dc) => down.has(dc) },
  );
  const dc = (name: string) => scenario.datacenters.findIndex((d) => d.name === name);
  const region = (name: string) => scenario.geography.regions.findIndex((r) => r.name === name);
  const userBase = (name: string) => scenario.userBases.findIndex((u) => u.name === name);
  const nameOf = (answer: number) => (answer === NO_ANSWER ? "none" : scenario.datacenters[answer].name);
  return {
    scenario,
    /** The answer for a resolver in `from` asking for user base `ub` (default amsterdam). */
    answer: (from = "westeurope", ub = "amsterdam") => nameOf(tm.resolve(region(from), userBase(ub))),
    /** Shares of each answer over QUERIES queries. */
    shares: (from = "westeurope") => {
      const counts: Record<string, number> = {};
      for (let i = 0; i < QUERIES; i++) {
        const a = nameOf(tm.resolve(region(from), 0));
        counts[a] = (counts[a] ?? 0) + 1;
      }
      return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / QUERIES]));
    },
    /** These WFEs go down (and the rest up); after 20 s Traffic Manager's probes know it. */
    setDown: (...names: string[]) => {
      down.clear();
      for (const n of names) down.add(dc(n));
      sim.run(sim.now + 20);
    },
  };
}

describe("priority routing", () => {
  const tm = `routing: priority
  endpoints:
    - { datacenter: weu2, enabled: false, priority: 1 }
    - { datacenter: weu, priority: 4 }
    - { datacenter: neu, priority: 2 }
    - { datacenter: eus, priority: 3 }`;

  it("answers the lowest priority number among enabled, non-Degraded endpoints, in order", () => {
    const w = world(tm, ["weu2", "weu", "neu", "eus"]);
    // weu2 has the best priority but is disabled: never answered.
    expect(w.answer()).toBe("neu");
    w.setDown("neu");
    expect(w.answer()).toBe("eus");
    w.setDown("neu", "eus");
    expect(w.answer()).toBe("weu");
    // One successful probe makes an endpoint healthy again.
    w.setDown();
    expect(w.answer()).toBe("neu");
  });

  it("fails open: with every endpoint Degraded it answers as if all were healthy", () => {
    const w = world(tm, ["weu2", "weu", "neu", "eus"]);
    w.setDown("weu", "neu", "eus");
    expect(w.answer()).toBe("neu");
  });
});

describe("weighted routing", () => {
  const tm = `routing: weighted
  endpoints:
    - { datacenter: weu, weight: 1 }
    - { datacenter: neu, weight: 3 }
    - { datacenter: eus, weight: 0 }`;

  it("splits in proportion to weight; weight 0 is never chosen", () => {
    const s = world(tm).shares();
    expect(Math.abs(s.weu - 0.25)).toBeLessThan(TOLERANCE);
    expect(Math.abs(s.neu - 0.75)).toBeLessThan(TOLERANCE);
    expect(s.eus).toBeUndefined();
  });

  it("leaves a Degraded endpoint out of the split", () => {
    const w = world(tm);
    w.setDown("neu");
    expect(w.shares()).toEqual({ weu: 1 });
  });

  it("fails open: with every endpoint Degraded the split is the healthy one", () => {
    const w = world(tm);
    w.setDown("weu", "neu", "eus");
    const s = w.shares();
    expect(Math.abs(s.weu - 0.25)).toBeLessThan(TOLERANCE);
    expect(Math.abs(s.neu - 0.75)).toBeLessThan(TOLERANCE);
  });
});

describe("geographic routing", () => {
  const endpoints = (eusGeos: string) => `routing: geographic
  endpoints:
    - { datacenter: weu, geos: [amsterdam, commuters] }
    - { datacenter: neu, geos: [northeurope] }
    - { datacenter: eus, geos: ${eusGeos} }`;

  it("maps a user base by its name, then its region, then world; unmapped gets no answer", () => {
    const w = world(endpoints("[eastus]"));
    // The resolver's region plays no part: only the user base counts.
    expect(w.answer("eastus", "amsterdam")).toBe("weu");
    // commuters live in northeurope, but their name is mapped to weu: the name wins.
    expect(w.answer("westeurope", "commuters")).toBe("weu");
    expect(w.answer("westeurope", "dublin")).toBe("neu");
    expect(w.answer("westeurope", "newyork")).toBe("eus");
    expect(w.answer("westeurope", "tokyo")).toBe("none");
    expect(world(endpoints("[world]")).answer("westeurope", "tokyo")).toBe("eus");
  });

  it("has no failover: a Degraded endpoint is still the answer", () => {
    const w = world(endpoints("[eastus]"));
    w.setDown("weu");
    expect(w.answer("westeurope", "amsterdam")).toBe("weu");
  });
});

describe("performance routing", () => {
  const dcs = ["weu", "weu2", "neu", "eus"];

  it("answers the closest endpoint by the RTT table from the resolver's region", () => {
    const w = world("routing: performance", dcs);
    expect(w.answer("northeurope")).toBe("neu");
    expect(w.answer("eastus")).toBe("eus");
  });

  it("splits evenly between endpoints in the closest region", () => {
    const s = world("routing: performance", dcs).shares("westeurope");
    expect(Math.abs(s.weu - 0.5)).toBeLessThan(TOLERANCE);
    expect(Math.abs(s.weu2 - 0.5)).toBeLessThan(TOLERANCE);
  });

  it("skips Degraded endpoints for the next closest", () => {
    const w = world("routing: performance", dcs);
    // Premise from the RTT table: from westeurope, northeurope is nearer than eastus.
    expect(regionRtt(w.scenario, "westeurope", "northeurope")).toBeLessThan(
      regionRtt(w.scenario, "westeurope", "eastus"),
    );
    w.setDown("weu");
    expect(w.shares("westeurope")).toEqual({ weu2: 1 });
    w.setDown("weu", "weu2");
    expect(w.answer("westeurope")).toBe("neu");
    w.setDown("weu", "weu2", "neu");
    expect(w.answer("westeurope")).toBe("eus");
  });

  it("fails open: with every endpoint Degraded the closest region answers again", () => {
    const w = world("routing: performance", dcs);
    w.setDown("weu", "weu2", "neu", "eus");
    const s = w.shares("westeurope");
    expect(Math.abs(s.weu - 0.5)).toBeLessThan(TOLERANCE);
    expect(Math.abs(s.weu2 - 0.5)).toBeLessThan(TOLERANCE);
  });
});
