/**
 * Signing keys removed from the identity provider's metadata (issue 15 item 5;
 * model/services/signing-keys.ts): each instance's cached copy picks the change up when it
 * refetches, and rejects the key's tokens until it refetches after the key is back.
 *
 * With many instances (1,000 per back end; shares within 4 binomial sd, ±1.1 points at 8%), a fault of D = 2 h 05 min starting at 1 h:
 * - onset: x after the start, the share of instances whose copy lacks the key is x / TTL (each
 *   copy refetches at a uniform phase of its TTL), for 12 h and 24 h TTLs;
 * - without a refetch on an unknown key (OWIN), the share stays D / TTL after the rollback until
 *   the first of those copies' next automatic refresh (start + TTL), and is 0 at end + TTL;
 * - `invalidateCachesAfter`: 0 right after the invalidation;
 * - with a refetch on an unknown key (ASP.NET Core's default), every rejected call's instance
 *   refetches at most once per 5 minutes: none lacks the key 5 minutes after the rollback plus
 *   the time until a call reaches it, and the refetches during the fault are at most one per
 *   instance per 5 minutes plus one automatic one each;
 * - rejections through a run (failures.keyRejected per 5-minute bin): none before the fault,
 *   some in every bin of it, none 10 minutes after the rollback where instances refetch on an
 *   unknown key; and only for the tenants the fault names: naming one of two equal tenants gives
 *   half the rejections (0.5 ± 0.1);
 * - a scenario without the fault has no key events at all (its trajectory is as before).
 */
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../src/engine/random/index.ts";
import type { RunResult } from "../../src/model/run/run-result.ts";
import { buildRun, runScenario } from "../../src/model/run/run-scenario.ts";
import type { World } from "../../src/model/run/world.ts";
import { FLAT_DAY, scenarioFrom, sum } from "./scenario-fixture.ts";

const H = 3600;
const START = H;
const D = 2 * H + 5 * 60;

function keysYaml(o: {
  instances?: number;
  ttl?: string;
  refreshOnUnknownKey?: boolean;
  users?: number;
  fault?: string;
  duration?: string;
  tenants?: string;
}): string {
  const backEnd = `{ instances: ${o.instances ?? 1000}, signingKeyCacheTtl: ${o.ttl ?? "12h"}, signingKeyRefreshOnUnknownKey: ${o.refreshOnUnknownKey ?? true} }`;
  return `
name: signing-keys
simulation: { duration: ${o.duration ?? "30h"}, warmUp: 0s, seed: 7, timeBin: 5m, warmStart: false }
datacenters:
  - { name: weu, region: westeurope, backEnd: ${backEnd} }
tenants:
  - { name: contoso, backEnd: weu, weight: 1 }
  - { name: fabrikam, backEnd: weu, weight: 1 }
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: ${o.users ?? 0}
    timeZone: UTC
    profile: { hourly: ${FLAT_DAY}, interpolation: hourly }
    sessionLength: 1h
faults:
  - { type: signingKeyRemoved, start: 1h, duration: 2h5m${o.tenants ? `, tenants: ${o.tenants}` : ""}${o.fault ?? ""} }
`;
}

/** Share of weu's back-end instances lacking the key at each time, stepping one world. */
function lackingShares(yaml: string, times: readonly number[]): number[] {
  const { world } = buildRun(scenarioFrom(yaml), new RandomStreams(7));
  return times.map((t) => {
    world.sim.run(t);
    return world.signingKeys.backEndLackingShare(0, 0);
  });
}

/** 4 binomial sd of a share `p` read over 1,000 instances. */
const tolerance = (p: number) => 4 * Math.sqrt((p * (1 - p)) / 1000);

describe("signing-key caches pick a removed key up as they refetch", () => {
  it("lacks the key in x / TTL of instances x after the fault starts", () => {
    for (const ttl of [12, 24]) {
      const xs = [0.5 * H, H, 2 * H];
      const shares = lackingShares(
        keysYaml({ ttl: `${ttl}h` }),
        xs.map((x) => START + x),
      );
      xs.forEach((x, i) => {
        const p = x / (ttl * H);
        expect(Math.abs(shares[i] - p)).toBeLessThan(tolerance(p));
      });
    }
  });

  it("without a refetch on an unknown key, keeps lacking it until the next automatic refresh", () => {
    const ttl = 24 * H;
    const [afterRollback, beforeFirstRefresh, afterAll] = lackingShares(
      keysYaml({ ttl: "24h", refreshOnUnknownKey: false }),
      [START + D + H, START + ttl - 60, START + D + ttl + 1],
    );
    expect(Math.abs(afterRollback - D / ttl)).toBeLessThan(tolerance(D / ttl));
    expect(beforeFirstRefresh).toBe(afterRollback);
    expect(afterAll).toBe(0);
  });

  it("stops lacking it when operators invalidate every cache", () => {
    const [before, after] = lackingShares(
      keysYaml({ ttl: "24h", refreshOnUnknownKey: false, fault: ", invalidateCachesAfter: 14h25m" }),
      [START + 14 * H, START + 14 * H + 25 * 60 + 1],
    );
    expect(before).toBeGreaterThan(0.05);
    expect(after).toBe(0);
  });
});

/** failures.keyRejected per 5-minute bin, with each bin's start [s]. */
function rejectionsByBin(r: RunResult): { t: readonly number[]; rejected: readonly number[] } {
  return { t: r.series.columns.t, rejected: r.series.columns["failures.keyRejected"] };
}

describe("rejections through a run", () => {
  // 20 instances on a 1 h TTL, so every instance has the bad copy within the fault's first hour.
  const busy = { instances: 20, ttl: "1h", users: 40_000, duration: "5h" };
  const runBusy = (extra: Partial<Parameters<typeof keysYaml>[0]> = {}) => {
    const scenario = scenarioFrom(keysYaml({ ...busy, ...extra }));
    const streams = new RandomStreams(scenario.simulation.seed);
    const { world } = buildRun(scenario, streams.forReplication(0));
    return { scenario, world };
  };

  it("rejects only during the fault and up to the refetch after it", () => {
    const [r] = runScenario(scenarioFrom(keysYaml(busy)), { replications: 1 });
    const { t, rejected } = rejectionsByBin(r);
    const inBins = (from: number, to: number) => rejected.filter((_, i) => t[i] >= from && t[i] < to);
    expect(sum(inBins(0, START))).toBe(0);
    // From the first bin in which every instance has refetched once (within its 1 h TTL).
    expect(Math.min(...inBins(START + H, START + D))).toBeGreaterThan(0);
    expect(sum(inBins(START + D + 10 * 60, 5 * H))).toBe(0);
    expect(r.failures.keyRejected).toBeGreaterThan(1000);
  });

  it("refetches on an unknown key at most once per 5 minutes per instance", () => {
    const { world } = runBusy();
    world.sim.run(START + D);
    const instances = 2 * busy.instances; // the WFE's and the back end's
    const bound = instances * (D / 300 + 1 + START / H + D / H);
    expect(world.signingKeys.refetches).toBeLessThanOrEqual(bound);
    expect(world.signingKeys.refetches).toBeGreaterThan(instances * (D / 300) * 0.5);
  });

  it("rejects only the tokens of the tenants the fault names", () => {
    const all = runScenario(scenarioFrom(keysYaml(busy)), { replications: 1 })[0].failures.keyRejected;
    const one = runScenario(scenarioFrom(keysYaml({ ...busy, tenants: "[contoso]" })), { replications: 1 })[0]
      .failures.keyRejected;
    expect(Math.abs(one / all - 0.5)).toBeLessThan(0.1);
  });

  it("schedules nothing without the fault", () => {
    const yaml = keysYaml(busy).replace(/faults:[\s\S]*$/, "faults: []\n");
    const { world }: { world: World } = buildRun(scenarioFrom(yaml), new RandomStreams(7));
    expect(world.signingKeys.isActive).toBe(false);
    world.sim.run(3 * H);
    expect(world.signingKeys.refetches).toBe(0);
  });
});
