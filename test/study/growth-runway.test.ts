/**
 * The growth runway against Erlang C (issue 16, "What must show that it is right"): the M/M/c
 * reduction of test/model/plan-erlang-c.test.ts (one datacenter, a WFE of c = 7 single-request
 * instances with exponential 100 ms service, Poisson logins whose two WFE visits make a nearly
 * Poisson stream at ≈ 40/s, the objective `wfe.wait.mean < 10ms`). Today Erlang C gives a mean
 * wait of 4.5 ms; raising daily users raises λ in proportion, so the objective first fails at
 * the growth g* where M/M/7's mean wait crosses 10 ms, λ(1 + g*) = λ*, found here by bisection on
 * Erlang C. The simulated runway (3 replications, seed 17, +5% steps bisected to 0.5%) must
 * bracket g* within ±3 points of growth: the mean wait's standard error over three 15-minute
 * replications is ~5%, and W's elasticity in λ near ρ = 0.64 is ~5, so ~1% of λ.
 */
import { describe, expect, it } from "vitest";
import { mmc } from "../../src/engine/analytic/queueing-formulas.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { growthRunway } from "../../src/study/index.ts";
import { FLAT_DAY, scenarioFrom } from "../model/scenario-fixture.ts";

const USERS = 1_728_000;
const yaml = `
name: erlang-runway
simulation: { duration: 17m, warmUp: 2m, seed: 17, replications: 3, timeBin: 1m, startDay: wednesday, startTime: "10:00" }
datacenters:
  - name: weu
    region: westeurope
    wfe:
      instances: 7
      concurrency: 1
      serviceTime: { redirect: { exponential: { mean: 100ms } }, callback: { exponential: { mean: 100ms } } }
identityProvider: { ssoShare: 0%, mfa: { share: 0% }, credentialEntry: { exponential: { mean: 10s } } }
tenants: [{ name: contoso, backEnd: weu }]
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: ${USERS}
    sessionsPerUser: 1
    timeZone: UTC
    profile: { hourly: ${FLAT_DAY} }
    backEndRate: 1/h
    # Short sessions: only sign-ins load the WFE, and the warm start has little to draw.
    sessionLength: 2m
slos: ["wfe.wait.mean < 10ms"]
`;

const scenarioAt = (g: number) =>
  scenarioFrom(yaml, [`userBases[amsterdam].dailyActiveUsers=${Math.round(USERS * (1 + g))}`]);

/** λ at which M/M/c's mean wait equals `wait` (bisection; Wq rises with λ). */
function lambdaForWait(mu: number, c: number, wait: number): number {
  let lo = 0;
  let hi = c * mu * (1 - 1e-9);
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (mmc(mid, mu, c).meanWait < wait) lo = mid;
    else hi = mid;
  }
  return lo;
}

describe("growth runway against Erlang C", () => {
  it("the WFE's wait objective first fails where M/M/7's mean wait crosses 10 ms", async () => {
    const today = runScenario(scenarioAt(0));
    const lambda = today.reduce((a, r) => a + r.datacenters[0].wfe.meanRate, 0) / today.length;
    expect(mmc(lambda, 10, 7).meanWait).toBeLessThan(0.01);
    const expected = lambdaForWait(10, 7, 0.01) / lambda - 1;
    const [item] = await growthRunway({
      scenarioAt,
      run: async (s) => runScenario(s),
      step: 0.05,
      maxGrowth: 0.5,
      resolution: 0.005,
    });
    expect(item.objective).toBe("wfe.wait.mean@weu < 10ms");
    expect(item.datacenter).toBe("weu");
    expect(item.component).toBe("WFE");
    expect(item.holdsTo).not.toBeNull();
    expect(item.failsAt).not.toBeNull();
    const holds = item.holdsTo as number;
    const fails = item.failsAt as number;
    expect(fails - holds).toBeLessThanOrEqual(0.0051);
    expect(
      Math.abs((holds + fails) / 2 - expected),
      `runway ${holds}..${fails}, Erlang C ${expected}`,
    ).toBeLessThan(0.03);
  }, 60_000);
});
