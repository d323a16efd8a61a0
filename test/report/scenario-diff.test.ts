/**
 * The scenario diff `authsim compare` prints: one change per differing path, named lists matched
 * by name (reordering is no change, an added datacenter is one change), plain lists as one
 * change, `source` ignored, hostile nesting bounded; values shown short.
 */
import { describe, expect, it } from "vitest";
import { diffScenarios, formatScenarioValue } from "../../src/report/scenario-diff.ts";

const base = () => ({
  name: "s",
  source: "a.yaml",
  simulation: { seed: 1, duration: 3600 },
  datacenters: [
    { name: "weu", wfe: { instances: 10 } },
    { name: "neu", wfe: { instances: 4 } },
  ],
  arrivals: { weeklyRate: Array.from({ length: 168 }, (_, i) => i) },
  slos: [{ text: "login.p95 < 3s" }],
});

describe("diffScenarios", () => {
  it("gives nothing for the same scenario read from another file or with datacenters reordered", () => {
    const b = base();
    b.source = "elsewhere/b.yaml";
    b.datacenters.reverse();
    expect(diffScenarios(base(), b)).toEqual([]);
  });

  it("names each changed leaf by path, datacenters by name, in A's order", () => {
    const b = base();
    b.datacenters[1].wfe.instances = 6;
    b.simulation.duration = 7200;
    expect(diffScenarios(base(), b)).toEqual([
      { path: "simulation.duration", a: 3600, b: 7200 },
      { path: "datacenters[neu].wfe.instances", a: 4, b: 6 },
    ]);
  });

  it("reports an added or removed named item, a changed plain list and a new key as one change each", () => {
    const b: Record<string, unknown> & ReturnType<typeof base> = base();
    b.datacenters = [b.datacenters[0], { name: "eus", wfe: { instances: 2 } }];
    b.arrivals.weeklyRate = b.arrivals.weeklyRate.map((x) => x * 2);
    b.client = { retries: 3 };
    const changes = diffScenarios(base(), b);
    expect(changes.map((c) => c.path)).toEqual([
      "datacenters[neu]",
      "datacenters[eus]",
      "arrivals.weeklyRate",
      "client",
    ]);
    expect(changes[0].b).toBeUndefined();
    expect(changes[1].a).toBeUndefined();
    expect(formatScenarioValue(changes[0].a)).toBe('{ name: "neu", ... }');
    expect(formatScenarioValue(changes[2].b)).toBe("[168 items]");
    expect(formatScenarioValue(changes[3].a)).toBe("(absent)");
    expect(formatScenarioValue(0.5)).toBe("0.5");
  });

  it("compares lists of unnamed objects by position", () => {
    const b = base();
    b.slos[0].text = "login.p95 < 2s";
    expect(diffScenarios(base(), b)).toEqual([
      { path: "slos[0].text", a: "login.p95 < 3s", b: "login.p95 < 2s" },
    ]);
  });

  it("stops at 64 levels of nesting instead of overflowing the stack", () => {
    const deep = (leaf: number) => {
      let x: unknown = leaf;
      for (let i = 0; i < 10_000; i++) x = { x };
      return x;
    };
    const changes = diffScenarios(deep(1), deep(2));
    expect(changes).toHaveLength(1);
    expect(changes[0].path.split(".")).toHaveLength(64);
    expect(formatScenarioValue(changes[0].a)).toBe("(too deep to show)");
  });
});
