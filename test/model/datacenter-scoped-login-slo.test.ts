/**
 * Login latency objectives scoped to a datacenter (`loginSystem.p95@weu < 1s`): what the scope
 * names, what is judged, and what `plan` judges while sizing each datacenter's WFE.
 *
 * Given: the quickstart scenario (user bases amsterdam, dublin, london; datacenters weu, neu),
 * 8 minutes after a 2-minute warm-up.
 * Then: a login scope resolves to a user base or a datacenter by name; an unknown name lists both
 * kinds; a name used by both is refused; a cluster metric still takes only datacenters. The
 * verdict of a datacenter-scoped objective reads that datacenter's logins, not the user base's
 * or the overall ones. Sizing weu's WFE keeps weu's objective and drops neu's, and the reverse.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { loadScenarioFile } from "../../src/scenario/index.ts";
import { withCapacity } from "../../src/study/capacity-targets.ts";

const SHORT = ["simulation.duration=8m", "simulation.warmUp=2m"];
const load = (slos: string[], more: string[] = []) =>
  loadScenarioFile("scenarios/quickstart.yaml", {
    overrides: [...SHORT, ...more, `slos=${JSON.stringify(slos)}`],
  });

const problemText = (slos: string[], more: string[] = []) => {
  const r = load(slos, more);
  if (r.ok) throw new Error(`expected problems for ${slos.join(", ")}`);
  return r.problems.map((p) => `${p.path}: expected ${p.expected}, found ${p.found}`).join("\n");
};

describe("a login objective's scope", () => {
  it("names a user base or a datacenter", () => {
    const r = load(["loginSystem.p95@weu < 1s", "login.p50@amsterdam < 2s", "login.p99@neu < 60s"]);
    if (!r.ok) throw new Error("does not load");
    expect(r.scenario.slos.map((s) => [s.scopeKind, s.scopeIndex])).toEqual([
      ["datacenter", 0],
      ["userBase", 0],
      ["datacenter", 1],
    ]);
  });

  it("lists both kinds when the name is unknown", () => {
    expect(problemText(["login.p95@wue < 3s"])).toMatch(
      /user-base or datacenter name \(amsterdam, dublin, london, weu, neu\), found "wue"/,
    );
  });

  it("refuses a name that is both a user base and a datacenter", () => {
    expect(problemText(["login.p95@weu < 3s"], ["userBases[amsterdam].name=weu"])).toMatch(
      /one user base or one datacenter \(rename one of the two called weu\)/,
    );
  });

  it("still takes only datacenters for cluster metrics, and only user bases for other user metrics", () => {
    expect(problemText(["wfe.utilisation.peak@amsterdam < 70%"])).toMatch(/a datacenter name \(weu, neu\)/);
    expect(problemText(["renewal.p95@weu < 1s"])).toMatch(/a user-base name \(amsterdam, dublin, london\)/);
  });
});

describe("judging a datacenter-scoped login objective", () => {
  const r = load(["loginSystem.p95@weu < 1s", "loginSystem.p95@neu < 1s", "login.p50@amsterdam < 2s"]);
  if (!r.ok) throw new Error("does not load");
  const [result] = runScenario(r.scenario, { replications: 1 });

  it("reads the datacenter's own logins", () => {
    const [weu, neu, amsterdam] = result.slos;
    expect(weu.value).toBe(result.datacenters[0].loginSystem.p95);
    expect(neu.value).toBe(result.datacenters[1].loginSystem.p95);
    expect(amsterdam.value).toBe(result.userBases[0].login.p50);
    // Not the overall figure: the two datacenters serve different user bases.
    expect(weu.value).not.toBe(neu.value);
  });

  it("is judged by plan only while sizing that datacenter's WFE", () => {
    const objectives = (dc: number, failed = -1) =>
      withCapacity(r.scenario, dc, 4, failed).slos.map((s) => s.text);
    expect(objectives(0)).toEqual(["loginSystem.p95@weu < 1s", "login.p50@amsterdam < 2s"]);
    expect(objectives(1)).toEqual(["loginSystem.p95@neu < 1s", "login.p50@amsterdam < 2s"]);
    // N+1: sizing neu with weu lost, weu's objective has nothing to judge.
    expect(objectives(1, 0)).toEqual(["loginSystem.p95@neu < 1s", "login.p50@amsterdam < 2s"]);
  });
});
