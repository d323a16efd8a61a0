/**
 * Nested Traffic Manager profiles (issue 15 item 2; traffic-manager-nested-profiles): a parent
 * endpoint stands for a child profile and is healthy while at least MinChildEndpoints of the
 * child's endpoints are.
 *
 * West Europe has two WFE clusters (weu1, weu2) behind a child profile that splits by weight;
 * the parent routes by performance between that nested endpoint (location westeurope) and North
 * Europe (neu). Amsterdam's users, resolvers that all honour the 20 s TTL, no retries. weu1's
 * WFE is black-holed from 2 min on. Read from newLogins.<dc> per 10 s bin:
 * - before the outage: weu1 and weu2 each take 50% (± 8 points) of new logins, neu none (the
 *   nested endpoint is closer);
 * - from 3 min after the outage starts (detection 100-130 s, a 20 s TTL, slack) to its end:
 *   - minChildEndpoints 1: weu2 takes every new login (one healthy child is enough);
 *   - minChildEndpoints 2: neu takes every new login (the whole region fails over, which keeps a
 *     half-sized West Europe from taking all of its load);
 * - a scenario without nesting routes exactly as before (the fingerprints hold that).
 * And the loader: an endpoint with both datacenter and profile, an unknown profile, a datacenter
 * in two places are refused at their lines; MinChildEndpoints above the child's size warns.
 */
import { describe, expect, it } from "vitest";
import type { RunResult } from "../../src/model/run/run-result.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { formatProblem, loadScenarioText } from "../../src/scenario/index.ts";
import { FLAT_DAY, scenarioFrom, sum } from "./scenario-fixture.ts";

const nestedYaml = (minChild: number, extraEndpoint = "") => `
name: nested
simulation: { duration: 12m, warmUp: 0s, seed: 3, timeBin: 10s, warmStart: false }
datacenters:
  - { name: weu1, region: westeurope, wfe: { instances: 20 } }
  - { name: weu2, region: westeurope, wfe: { instances: 20 } }
  - { name: neu, region: northeurope, wfe: { instances: 20 } }
trafficManager:
  routing: performance
  ttl: 20s
  endpoints:
    - { profile: westeurope-pair, minChildEndpoints: ${minChild}, location: westeurope }
    - { datacenter: neu }${extraEndpoint}
  profiles:
    - name: westeurope-pair
      routing: weighted
      endpoints: [{ datacenter: weu1 }, { datacenter: weu2 }]
client: { retries: 0 }
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 400000
    timeZone: UTC
    profile: { hourly: ${FLAT_DAY}, interpolation: hourly }
    sessionLength: 5m
    backEndRate: 1/h
    dns: { staleShare: 0%, extendShare: 0% }
faults:
  - { type: datacenterOutage, datacenter: weu1, start: 2m, duration: 10m }
`;

/** Each datacenter's share of new logins in [from, to) s. */
function shares(r: RunResult, from: number, to: number): Record<string, number> {
  const { t } = r.series.columns;
  const count = (dc: string) =>
    sum(r.series.columns[`newLogins.${dc}`].filter((_, i) => t[i] >= from && t[i] < to));
  const all = count("weu1") + count("weu2") + count("neu");
  return { weu1: count("weu1") / all, weu2: count("weu2") / all, neu: count("neu") / all, all };
}

describe("nested Traffic Manager profiles", () => {
  const run = (minChild: number) => runScenario(scenarioFrom(nestedYaml(minChild)), { replications: 1 })[0];

  it("splits the region by the child's weights while both clusters are up", () => {
    const before = shares(run(1), 30, 120);
    expect(before.all).toBeGreaterThan(200);
    expect(Math.abs(before.weu1 - 0.5)).toBeLessThan(0.08);
    expect(Math.abs(before.weu2 - 0.5)).toBeLessThan(0.08);
    expect(before.neu).toBe(0);
  });

  it("keeps the region while MinChildEndpoints of its clusters are healthy, else fails it over", () => {
    const one = shares(run(1), 300, 720);
    expect(one.weu2).toBe(1);
    const two = shares(run(2), 300, 720);
    expect(two.neu).toBe(1);
  });

  it("refuses malformed nesting at its line and warns about an unreachable MinChildEndpoints", () => {
    const problems = (yaml: string) => {
      const r = loadScenarioText(yaml, "n.yaml");
      return r.ok ? [] : r.problems.map(formatProblem);
    };
    expect(problems(nestedYaml(1, "\n    - { datacenter: weu1 }"))).toEqual([
      expect.stringMatching(
        /^n\.yaml:\d+:\d+: trafficManager\.profiles\[0\]\.endpoints\[0\]\.datacenter: expected each datacenter once, found "weu1" again$/,
      ),
    ]);
    expect(problems(nestedYaml(1, "\n    - { datacenter: weu2, profile: westeurope-pair }"))[0]).toMatch(
      /trafficManager\.endpoints\[2\]: expected either datacenter or profile \(a nested endpoint\), found both$/,
    );
    expect(
      problems(nestedYaml(1).replace("profile: westeurope-pair,", "profile: westeurope-par,"))[0],
    ).toMatch(
      /trafficManager\.endpoints\[0\]\.profile: expected a child profile's name \("westeurope-pair"\), found "westeurope-par"/,
    );
    const r = loadScenarioText(nestedYaml(3), "n.yaml");
    expect(r.ok && r.warnings.map((w) => w.path)).toEqual(["trafficManager.endpoints[0].minChildEndpoints"]);
  });
});
