/**
 * A renewal storm after an identity-provider outage must emerge from the model, not be scripted
 * (issue 4; domain.md §5).
 *
 * Given: one datacenter, sessions averaging 3 h that start at a flat rate, fixed 30 min access
 * tokens renewed 5 min before expiry (so a renewal falls due every 25 min per session), API calls
 * once a minute; the token endpoint answers every request with an error from minute 60 to
 * minute 80 (identityErrors 100%, tokenEndpoint). Nothing else in the scenario mentions renewals.
 * When: the run goes on 20 minutes past the recovery.
 * Then:
 * - during the fault no renewal token is issued; renewals fail (idpError) and retry with backoff
 *   until their token expires; the next API call then gets a 401 (expiredToken) and forces an
 *   interactive re-sign-in, which fails too while the fault lasts;
 * - right after recovery the renewal token rate jumps: every session whose renewal fell due in
 *   the last renewalOffset (5 min) of the fault still holds a valid token and is retrying, with
 *   backoff capped at 30 s (full jitter), so about 5 min of renewals arrive within about 30 s.
 *   Expected first-bin rate ≈ (300 s + 30 s) / 30 s ≈ 11 × the rate without the fault. Asserted:
 *   the highest of the first two 30 s bins after recovery is at least 5 × the mean of minutes
 *   40-60 (the population still grows in this short run, so that ratio comes out ~20), and
 *   6-18 × the same bins of the same scenario without the fault (the counterfactual).
 * Seed 3; one replication (~20-35 renewals a bin before and without the fault, ~400 in the storm
 * bin, so counting noise is a few percent against factors of 2 of margin).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../src/model/run/run-result.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { FLAT_DAY, scenarioFrom } from "./scenario-fixture.ts";

const MIN = 60;
const FAULT_START = 60 * MIN;
const FAULT_END = 80 * MIN;

const yaml = `
name: renewal-storm
simulation: { duration: 100m, warmUp: 0s, seed: 3, timeBin: 30s }
datacenters: [{ name: weu, region: westeurope }]
identityProvider: { tokenLifetime: 30m, renewalOffset: 5m }
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 30000
    timeZone: UTC
    profile: { hourly: ${FLAT_DAY}, interpolation: hourly }
    sessionLength: { exponential: { mean: 3h } }
    backEndRate: 1/min
faults:
  - { type: identityErrors, errorRate: 100%, endpoint: tokenEndpoint, start: 60m, duration: 20m }
`;

/** Values of a series column over the bins starting in [from, to). */
function binsBetween(r: RunResult, column: string, from: number, to: number): number[] {
  const { t, [column]: values } = r.series.columns;
  expect(values, column).toBeDefined();
  return t.flatMap((start, i) => (start >= from && start < to ? [values[i]] : []));
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Highest renewal token rate just after recovery over the mean rate before the fault. */
function stormRatio(r: RunResult): { before: number; after: number; ratio: number } {
  const before = mean(binsBetween(r, "tokens.renewal.rate", 40 * MIN, FAULT_START));
  const after = Math.max(...binsBetween(r, "tokens.renewal.rate", FAULT_END, FAULT_END + MIN));
  return { before, after, ratio: after / before };
}

describe("renewal storm after a 20-minute token-endpoint outage", () => {
  let storm: RunResult;
  let calm: RunResult;
  beforeAll(() => {
    [storm] = runScenario(scenarioFrom(yaml));
    [calm] = runScenario(scenarioFrom(yaml, ["faults=[]"]));
  });

  it("during the fault renewals fail and retry, and tokens expire into 401s", () => {
    expect(storm.renewals.retries).toBeGreaterThan(1000);
    expect(storm.renewals.failed).toBeGreaterThan(100);
    expect(storm.failures.idpError).toBeGreaterThan(storm.renewals.retries);
    expect(storm.failures.expiredToken).toBeGreaterThan(100);
    expect(storm.logins.reauthentications).toBe(storm.failures.expiredToken);
    expect(Math.max(...binsBetween(storm, "tokens.renewal.rate", FAULT_START, FAULT_END))).toBe(0);
    expect(Math.min(...binsBetween(storm, "failures.count", FAULT_START + MIN, FAULT_END))).toBeGreaterThan(
      0,
    );
    // Without the fault nothing fails.
    expect(calm.renewals.retries + calm.renewals.failed + calm.failures.expiredToken).toBe(0);
  });

  it("right after recovery the renewal token rate rises at least 5 × above its pre-fault level", () => {
    const { before, after, ratio } = stormRatio(storm);
    expect(before, "renewals before the fault").toBeGreaterThan(0.5);
    expect(ratio, `${after.toFixed(2)}/s after vs ${before.toFixed(2)}/s before`).toBeGreaterThanOrEqual(5);
  });

  it("without the fault the same bins show no storm: the jump is the fault's doing", () => {
    const stormy = stormRatio(storm);
    const quiet = stormRatio(calm);
    // The population and its renewal generations (sign-ins 25, 50, 75 min earlier) still grow
    // in this short run, so the rate roughly doubles between minutes 40-60 and 80 anyway.
    expect(quiet.ratio).toBeLessThan(2.5);
    // Against the counterfactual, the storm is the 5 min backlog landing in one 30 s bin: ~11 ×.
    const excess = stormy.after / quiet.after;
    expect(excess, `${stormy.after} vs ${quiet.after} per s`).toBeGreaterThanOrEqual(6);
    expect(excess).toBeLessThanOrEqual(18);
  });
});
