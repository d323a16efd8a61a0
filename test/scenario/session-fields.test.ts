/**
 * The session and token fields of issue 14: client mixes resolve to shares that add up to one,
 * the removed fields (`embeddedShare`, `client.requestTimeout`) are refused at their line with a
 * way forward, and the new fields resolve with their documented defaults.
 */
import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../src/scenario/index.ts";

const scenario = (userBase: string, rest = "") => `
name: sessions
datacenters: [{ name: weu, region: westeurope }]
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 1000
${userBase}
${rest}
`;

describe("session and token fields", () => {
  it("defaults: every session a single-page app, 2 h median sessions, warm start, no other resources", () => {
    const r = loadScenarioText(scenario(""), "s.yaml");
    if (!r.ok) throw new Error("does not load");
    const u = r.scenario.userBases[0];
    expect(u.clients).toEqual({ spa: 1, web: 0, broker: 0 });
    expect(u.sessionLength).toMatchObject({ kind: "lognormal" });
    expect(u.returns.probability).toBe(0.7);
    expect(r.scenario.simulation.warmStart).toBe(true);
    expect(r.scenario.identityProvider.resources).toEqual([]);
    expect(r.scenario.identityProvider.silentRenewal.iframeTimeout).toBe(10);
    expect(r.scenario.client.throttleWithoutRetryAfter).toBe(60);
    expect(r.scenario.client.onNetworkError).toBe("nextCall");
  });

  it("a partial client mix fills the rest with zeros and must add up to 100%", () => {
    const ok = loadScenarioText(scenario("    clients: { broker: 30%, web: 70% }"), "s.yaml");
    if (!ok.ok) throw new Error("does not load");
    expect(ok.scenario.userBases[0].clients).toEqual({ spa: 0, web: 0.7, broker: 0.3 });
    const bad = loadScenarioText(scenario("    clients: { broker: 30%, spa: 30% }"), "s.yaml");
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems[0].path).toBe("userBases[0].clients");
    expect(bad.problems[0].expected).toContain("add up to 100%");
  });

  it("refuses embeddedShare and client.requestTimeout at their lines, saying what replaced them", () => {
    const r = loadScenarioText(
      scenario("    embeddedShare: 70%", "client: { requestTimeout: 30s }"),
      "old.yaml",
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = new Map(r.problems.map((p) => [p.path, p]));
    const embedded = byPath.get("userBases[0].embeddedShare");
    expect(embedded?.line).toBe(8);
    expect(embedded?.expected).toContain("clients: { broker:");
    const timeout = byPath.get("client.requestTimeout");
    expect(timeout?.expected).toContain("MSAL.js sets no timeout");
    expect(r.problems).toHaveLength(2);
  });

  it("another resource takes the identity provider's token lifetime unless it has its own", () => {
    const r = loadScenarioText(
      scenario(
        "",
        "identityProvider:\n  resources:\n    - { name: graph, callRate: 1/min }\n    - { name: sharepoint, callRate: 2/h, tokenLifetime: 1h }",
      ),
      "s.yaml",
    );
    if (!r.ok) throw new Error("does not load");
    const [graph, sharepoint] = r.scenario.identityProvider.resources;
    expect(graph.tokenLifetime).toEqual(r.scenario.identityProvider.tokenLifetime);
    expect(graph.callRate).toBeCloseTo(1 / 60, 12);
    expect(sharepoint.tokenLifetime).toEqual({ kind: "constant", value: 3600 });
  });
});
