// The loader's promises: a resolved scenario for good input; for bad input every problem, each
// placed at file:line:column with a path, expected, found and (for typos) a did-you-mean.
import { describe, expect, it } from "vitest";
import { formatProblem, type LoadResult, loadScenarioText, type Problem } from "../../src/scenario/index.ts";

const MINIMAL = `name: tiny
datacenters:
  - name: weu
    region: westeurope
userBases:
  - name: lon
    region: uksouth
    dailyActiveUsers: 1000
`;

const problemsOf = (r: LoadResult): readonly Problem[] => (r.ok ? [] : r.problems);
const load = (text: string, overrides: string[] = []) => loadScenarioText(text, "s.yaml", { overrides });

describe("loadScenarioText", () => {
  it("resolves a minimal file with every default filled", () => {
    const r = load(MINIMAL);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.scenario;
    expect(s.trafficManager).toMatchObject({
      routing: "performance",
      ttl: 30,
      probe: { interval: 30, timeout: 10, toleratedFailures: 3 },
    });
    expect(s.identityProvider.tokenLifetime).toEqual({ kind: "uniform", min: 3600, max: 5400 });
    expect(s.identityProvider.renewalOffset).toBe(300);
    expect(s.tenants).toEqual([
      { index: 0, name: "default", datacenterIndex: 0, weight: 1, scaleUnitIndex: 0 },
    ]);
    expect(s.identityProvider.scaleUnits).toEqual(["default"]);
    expect(s.geography.regions.map((r) => r.name)).toEqual(["westeurope", "uksouth"]);
    expect(s.geography.rttSource[0][1]).toBe("measured");
    expect(s.geography.rtt[0][0]).toBe(0.001);
    expect(s.userBases[0].timeZone).toEqual({ name: "Europe/London", utcOffset: 0 });
    expect(s.userBases[0].arrivals.weeklyRate).toHaveLength(168);
    expect(s.trafficManager.endpoints).toEqual([
      {
        datacenterIndex: 0,
        childProfileIndex: -1,
        minChildEndpoints: 1,
        locationRegionIndex: 0,
        enabled: true,
        weight: 1,
        priority: 1,
        geos: [],
      },
    ]);
  });

  it("places an unknown key at its line and column with a did-you-mean", () => {
    const r = load(
      MINIMAL.replace(
        "    region: westeurope",
        "    region: westeurope\n    wfe: { instances: 2, concurency: 8 }",
      ),
    );
    const [p] = problemsOf(r);
    expect(p).toMatchObject({
      line: 5,
      column: 26,
      path: "datacenters[0].wfe.concurency",
      suggestion: "concurrency",
    });
    expect(formatProblem(p)).toBe(
      's.yaml:5:26: datacenters[0].wfe.concurency: expected a known key (instances, concurrency, queueLimit, timeout, minInstances, serviceTime, autoscaling, pricePerInstanceHour), found unknown key "concurency"; did you mean "concurrency"?',
    );
  });

  it("resolves a removed signing key's tenants and places an unknown one at its line", () => {
    const withKey = (tenants: string) =>
      `${MINIMAL}tenants:\n  - { name: contoso, backEnd: weu, weight: 1 }\n  - { name: fabrikam, backEnd: weu, weight: 1 }\nfaults:\n  - { type: signingKeyRemoved, start: 1m, duration: 5m${tenants} }\n`;
    const ok = load(withKey(", tenants: [fabrikam], invalidateCachesAfter: 10m"));
    expect(ok.ok && ok.scenario.faults[0]).toMatchObject({
      type: "signingKeyRemoved",
      tenantIndices: [1],
      invalidateCachesAfter: 600,
    });
    const every = load(withKey(""));
    expect(every.ok && every.scenario.faults[0]).toMatchObject({
      tenantIndices: [0, 1],
      invalidateCachesAfter: null,
    });
    expect(every.ok && every.scenario.datacenters[0].backEnd).toMatchObject({
      signingKeyCacheTtl: 43200,
      signingKeyRefreshOnUnknownKey: true,
      signingKeyRefreshInterval: 300,
    });
    const [p] = problemsOf(load(withKey(", tenants: [fabrikm]")));
    expect(formatProblem(p)).toBe(
      's.yaml:13:67: faults[0].tenants[0]: expected a tenant\'s name ("contoso", "fabrikam"), found "fabrikm"',
    );
  });

  it("suggests the region a misspelt one was meant to be", () => {
    const [p] = problemsOf(load(MINIMAL.replace("region: uksouth", "region: uksout")));
    expect(p).toMatchObject({
      line: 7,
      column: 13,
      path: "userBases[0].region",
      found: '"uksout"',
      suggestion: "uksouth",
    });
  });

  it("reports every problem at once, in line order", () => {
    const text = MINIMAL.replace(
      "dailyActiveUsers: 1000",
      "dailyActiveUsers: lots\n    sessionLength: { lognormal: { median: 10m, p99: 5m } }",
    )
      .replace("region: westeurope", "region: westeurop")
      .concat("simulation: { duration: 10 }\n");
    const ps = problemsOf(load(text));
    expect(ps.map((p) => p.path)).toEqual([
      "datacenters[0].region",
      "userBases[0].dailyActiveUsers",
      "userBases[0].sessionLength.lognormal.p99",
      "simulation.duration",
    ]);
    expect(ps[3].expected).toMatch(/bare number has no unit \(write 10s or 10ms\)/);
    expect(ps.every((p) => p.line > 0 && p.column > 0)).toBe(true);
  });

  it("checks across sections: warm-up, routing needs, weights, fault references and order", () => {
    const text = `${MINIMAL}simulation: { duration: 10m, warmUp: 10m }
trafficManager:
  routing: weighted
  endpoints: [{ datacenter: weu, weight: 0 }]
faults:
  - { type: datacenterOutage, datacenter: weu, start: 5m, end: 2m }
`;
    const ps = problemsOf(load(text));
    expect(ps.map((p) => p.path)).toEqual(["simulation.warmUp", "faults[0].end"]);
    const fixed = text.replace("warmUp: 10m", "warmUp: 1m").replace("end: 2m", "end: 7m");
    const [w] = problemsOf(load(fixed));
    expect(w).toMatchObject({
      path: "trafficManager.endpoints",
      expected: "endpoint weights that sum to more than zero",
    });
  });

  it("takes simulation.percentileAccuracy as a share (default 0.1%) and refuses one outside 0.01%-5%", () => {
    const r = load(MINIMAL);
    expect(r.ok && r.scenario.simulation.percentileAccuracy).toBe(0.001);
    const one = load(`${MINIMAL}simulation: { percentileAccuracy: 1% }\n`);
    expect(one.ok && one.scenario.simulation.percentileAccuracy).toBe(0.01);
    const [p] = problemsOf(load(`${MINIMAL}simulation:\n  percentileAccuracy: 10%\n`));
    expect(p).toMatchObject({
      file: "s.yaml",
      path: "simulation.percentileAccuracy",
      line: 10,
      expected: "a relative accuracy from 0.01% to 5%",
    });
  });

  it("requires geos for geographic routing and endpoints that name datacenters", () => {
    const ps = problemsOf(
      load(`${MINIMAL}trafficManager: { routing: geographic, endpoints: [{ datacenter: weux }] }\n`),
    );
    expect(ps[0]).toMatchObject({ path: "trafficManager.endpoints[0].datacenter", suggestion: "weu" });
    const geo = problemsOf(load(`${MINIMAL}trafficManager: { routing: geographic }\n`));
    expect(geo[0].expected).toMatch(/needs endpoints with geos/);
  });

  it("reports YAML syntax errors with their position, and empty or scalar documents", () => {
    const [syntax] = problemsOf(load("name: x\ndatacenters: [\n  - a\n"));
    expect(syntax.line).toBeGreaterThan(1);
    expect(syntax.expected).toBe("valid YAML or JSON");
    expect(problemsOf(load(""))[0].found).toBe("an empty document");
    expect(problemsOf(load("- 1\n- 2\n"))[0].found).toBe("a list of 2");
  });

  it("reads JSON with positions", () => {
    const json = JSON.stringify(
      {
        name: "j",
        datacenters: [{ name: "weu", region: "westeurope" }],
        userBases: [{ name: "u", region: "uksouth", dailyActiveUsers: "x" }],
      },
      null,
      2,
    );
    const [p] = problemsOf(loadScenarioText(json, "s.json"));
    expect(p).toMatchObject({ file: "s.json", path: "userBases[0].dailyActiveUsers", line: 13 });
  });

  it("applies --set overrides before validation, and names bad paths", () => {
    const r = load(MINIMAL, [
      "simulation.duration=2h",
      "datacenters[weu].wfe.instances=3",
      "identityProvider.mfa.share=90%",
    ]);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.scenario.simulation.duration).toBe(7200);
      expect(r.scenario.datacenters[0].wfe.instances).toBe(3);
      expect(r.scenario.identityProvider.mfa.share).toBe(0.9);
    }
    const [bad] = problemsOf(load(MINIMAL, ["simulation.duraton=2h"]));
    expect(bad).toMatchObject({
      file: "--set simulation.duraton=2h",
      path: "simulation.duraton",
      suggestion: "duration",
    });
    const [badValue] = problemsOf(load(MINIMAL, ["simulation.duration=2"]));
    expect(badValue.file).toBe("--set simulation.duration=2");
    const [badName] = problemsOf(load(MINIMAL, ["datacenters[weuu].wfe.instances=3"]));
    expect(badName.suggestion).toBe("weu");
  });

  it("resolves time zones to fixed standard offsets", () => {
    const at = (tz: string) => {
      const r = load(
        MINIMAL.replace("dailyActiveUsers: 1000", `dailyActiveUsers: 1000\n    timeZone: "${tz}"`),
      );
      return r.ok ? r.scenario.userBases[0].timeZone.utcOffset : Number.NaN;
    };
    expect(at("Asia/Kolkata")).toBe(19800);
    expect(at("America/New_York")).toBe(-18000);
    expect(at("Australia/Sydney")).toBe(36000);
    expect(at("UTC+05:30")).toBe(19800);
    expect(at("-3")).toBe(-10800);
  });
});
