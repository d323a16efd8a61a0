/**
 * Identity scale units (issue 15 item 4; domain.md §3, §5): a fault that hits one scale unit
 * fails every request of that unit's tenants, retries included, while per-request errors of the
 * same overall rate are retried away. That is why the 14 December 2020 incident, one European
 * scale unit degraded, showed as authentication success 95.85%: the share of requests outside it.
 *
 * Given: one datacenter and identity region; tenants contoso (weight 96, unit eu-1) and fabrikam
 * (weight 4, unit eu-2); sessions start in the first hour (empty start, no returns, 3 retries).
 * - A 100% error fault on unit eu-2 for the whole run fails fabrikam's every sign-in: the login
 *   failure rate is fabrikam's share, 4%, within 4 binomial sd; contoso's sign-ins all complete.
 * - The same 4% as per-request errors on every tenant: a sign-in fails only when all 4 attempts
 *   of one step fail (4%^4 ≈ 3e-6 per step): no more than a handful of failures in ~2,000.
 * - A fault on a scale unit no tenant names is refused at its line.
 */
import { describe, expect, it } from "vitest";
import type { RunResult } from "../../src/model/run/run-result.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { loadScenarioText } from "../../src/scenario/index.ts";
import { FIRST_HOUR_ONLY, scenarioFrom } from "./scenario-fixture.ts";

const yaml = (fault: string) => `
name: scale-units
simulation: { duration: 90m, warmUp: 0s, seed: 21, timeBin: 1m, warmStart: false }
datacenters: [{ name: weu, region: westeurope }]
tenants:
  - { name: contoso, backEnd: weu, weight: 96, scaleUnit: eu-1 }
  - { name: fabrikam, backEnd: weu, weight: 4, scaleUnit: eu-2 }
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 1400
    timeZone: UTC
    profile: { hourly: ${FIRST_HOUR_ONLY}, interpolation: hourly }
    sessionLength: 20m
    returns: { probability: 0% }
faults:
  - ${fault}
`;

const run = (fault: string): RunResult => runScenario(scenarioFrom(yaml(fault)))[0];

describe("identity scale units", () => {
  it("a fault on one unit fails every request of its tenants, retries included", () => {
    const r = run("{ type: identityErrors, errorRate: 100%, scaleUnit: eu-2, start: 0s }");
    const n = r.logins.completed + r.logins.failed;
    expect(n).toBeGreaterThan(1500);
    const rate = r.logins.failed / n;
    expect(Math.abs(rate - 0.04), `failure rate ${rate}`).toBeLessThan(4 * Math.sqrt((0.04 * 0.96) / n));
    // Each failed sign-in tried 4 times (1 + 3 retries), every try an identity-provider error.
    expect(r.failures.idpError).toBe(4 * r.logins.failed);
  });

  it("the same share as per-request errors on every tenant is retried away", () => {
    const r = run("{ type: identityErrors, errorRate: 4%, start: 0s }");
    expect(r.failures.idpError).toBeGreaterThan(100);
    expect(r.logins.failed).toBeLessThanOrEqual(2);
  });

  it("refuses a fault on a scale unit no tenant names", () => {
    const loaded = loadScenarioText(
      yaml("{ type: identitySlowdown, factor: 3, scaleUnit: eu-9, start: 0s }"),
      "s.yaml",
    );
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.problems.map((p) => p.path)).toEqual(["faults[0].scaleUnit"]);
    expect(loaded.problems[0].expected).toContain('"eu-1", "eu-2"');
  });
});
