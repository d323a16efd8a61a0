/**
 * The failure matrix's pieces. parseHours reads lists, ranges and stepped ranges and refuses
 * hours past 23. A cell's overrides start the run `lead` before the hour (on the day before when
 * the hour is too early), measure from the loss on, and replace the scenario's faults by one
 * loss, and the cell loads like a scenario file. On a hand-made scenario (user base amsterdam in
 * West Europe, datacenters weu there and neu in North Europe, 5 min lead, loss and tail; seed 5):
 * losing weu, which served amsterdam, takes time to move its new logins (or never moves them all)
 * and fails some of them; losing neu, which served no one, moves nothing (0 s) and fails no
 * login; an identity region lost has no failover time and fails logins (errors at 100%:
 * documented behaviour of identityErrors).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/model/index.ts";
import { loadScenarioFile } from "../../src/scenario/index.ts";
import { failureCell, failureCellOverrides, failureLosses, parseHours } from "../../src/study/index.ts";

const YAML = `
name: matrix-small
simulation: { duration: 15m, warmUp: 1m, seed: 5, timeBin: 30s, startDay: wednesday, startTime: "10:00" }
datacenters:
  - { name: weu, region: westeurope, wfe: { instances: 4 } }
  - { name: neu, region: northeurope, wfe: { instances: 4 } }
tenants: [{ name: a, backEnd: neu }]
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 200000
    sessionsPerUser: 1
    timeZone: UTC
    profile: { hourly: [${Array(24).fill(1).join(", ")}] }
    backEndRate: 1/h
faults: [{ type: latencySpike, between: [westeurope, northeurope], extra: 50ms, start: 2m, duration: 1m }]
`;

const file = (() => {
  const dir = mkdtempSync(join(tmpdir(), "authsim-matrix-"));
  writeFileSync(join(dir, "s.yaml"), YAML);
  return join(dir, "s.yaml");
})();

const load = (overrides: string[] = []) => {
  const loaded = loadScenarioFile(file, { overrides });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.scenario;
};

const timing = { lead: 300, fault: 300, tail: 300 };

describe("parseHours", () => {
  it("reads lists, ranges and stepped ranges, sorted and distinct", () => {
    expect(parseHours("0,6,12,18")).toEqual([0, 6, 12, 18]);
    expect(parseHours("0-23/6")).toEqual([0, 6, 12, 18]);
    expect(parseHours("22-23,1,1")).toEqual([1, 22, 23]);
    expect(parseHours("all")).toHaveLength(24);
  });
  it("refuses what is not an hour of the day", () => {
    expect(parseHours("24")).toMatch(/--hours/);
    expect(parseHours("5-3")).toMatch(/--hours/);
    expect(parseHours("noon")).toMatch(/--hours/);
  });
});

describe("failureCellOverrides", () => {
  it("starts lead before the hour, on the day before for an early hour, with the loss as the one fault", () => {
    const base = load();
    const [weu, , idp] = failureLosses(base);
    expect(failureLosses(base).map((l) => l.label)).toContain("weu (datacenter)");
    expect(idp.kind).toBe("identityRegion");
    const early = failureCellOverrides(base, weu, 0, { lead: 1800, fault: 600, tail: 600 });
    expect(early).toContain("simulation.startDay=tuesday");
    expect(early).toContain('simulation.startTime="23:30"');
    const cell = load(early);
    expect(cell.simulation.duration).toBe(3000);
    expect(cell.simulation.warmUp).toBe(1800);
    expect(cell.faults).toHaveLength(1);
    expect(cell.faults[0]).toMatchObject({
      type: "datacenterOutage",
      datacenterIndex: 0,
      component: "both",
      start: 1800,
      end: 2400,
    });
    const identity = load(failureCellOverrides(base, idp, 9, timing));
    expect(identity.simulation.startTimeOfDay).toBe(9 * 3600 - 300);
    expect(identity.faults.map((f) => f.type)).toEqual(["identityErrors"]);
  });
});

describe("failureCell", () => {
  const base = load();
  const cellOf = (name: string) => {
    const loss = failureLosses(base).find((l) => l.name === name);
    if (!loss) throw new Error(name);
    const scenario = load(failureCellOverrides(base, loss, 10, timing));
    return failureCell(scenario, loss, 10, runScenario(scenario));
  };

  it("losing the datacenter that serves the user base is not over at once and fails some logins", () => {
    const weu = cellOf("weu");
    expect(weu.failoverApplies).toBe(true);
    // Not the 0 s of a datacenter nobody used: its users' new logins take time to move (or never
    // all move within the run: resolvers that hold answers keep sending some to weu).
    expect(weu.failoverTo90 ?? Number.POSITIVE_INFINITY).toBeGreaterThan(0);
    expect(weu.worstUserBase).toBe("amsterdam");
    expect(weu.worstFailureShare ?? 0).toBeGreaterThan(0);
    expect(weu.logins).toBeGreaterThan(0);
  });

  it("losing a datacenter that served no one moves nothing and fails nothing", () => {
    const neu = cellOf("neu");
    expect(neu.failoverTo99).toBe(0);
    expect(neu.worstFailureShare).toBe(0);
  });

  it("an identity region lost has no failover time and fails logins", () => {
    const region = failureLosses(base).find((l) => l.kind === "identityRegion");
    if (!region) throw new Error("no identity region");
    const cell = cellOf(region.name);
    expect(cell.failoverApplies).toBe(false);
    expect(cell.failoverTo99).toBeNull();
    expect(cell.worstFailureShare ?? 0).toBeGreaterThan(0);
  });
});
