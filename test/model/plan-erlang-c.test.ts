/**
 * `plan` against Erlang C (issue 6): one datacenter whose WFE is the only queue that matters,
 * exponential service (100 ms for both visits, concurrency 1), Poisson logins with 10 s of typing
 * between a login's two WFE visits (so the callback stream is a displaced, nearly independent
 * copy of the redirect stream: together about Poisson at 2 × the login rate), and the objective
 * `wfe.wait.mean < 10ms`. Erlang C at the measured λ ≈ 40/s, μ = 10/s: 6 servers wait 14 ms, 7
 * wait 4.5 ms, so the answer is 7 — and the search (3 replications, seed 17) must find exactly 7.
 */
import { describe, expect, it } from "vitest";
import { serversForMeanWait } from "../../src/engine/analytic/queueing-formulas.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { judgeCapacityObjectives, searchCapacity } from "../../src/study/index.ts";
import { FLAT_DAY, scenarioFrom } from "./scenario-fixture.ts";

const scenario = scenarioFrom(`
name: erlang-plan
simulation: { duration: 20m, warmUp: 3m, seed: 17, replications: 3, timeBin: 1m, startDay: wednesday, startTime: "10:00" }
datacenters:
  - name: weu
    region: westeurope
    wfe:
      instances: 20
      concurrency: 1
      serviceTime: { redirect: { exponential: { mean: 100ms } }, callback: { exponential: { mean: 100ms } } }
identityProvider: { ssoShare: 0%, mfa: { share: 0% }, credentialEntry: { exponential: { mean: 10s } } }
tenants: [{ name: contoso, backEnd: weu }]
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 1728000
    sessionsPerUser: 1
    timeZone: UTC
    profile: { hourly: ${FLAT_DAY}, interpolation: hourly }
    backEndRate: 1/h
    # Short sessions: only sign-ins load the WFE, and the warm start has little to draw.
    sessionLength: 2m
slos: ["wfe.wait.mean < 10ms"]
`);

describe("plan against Erlang C", () => {
  it("recommends the server count Erlang C gives for the wait objective", async () => {
    const reference = runScenario(scenario);
    const lambda = reference.reduce((a, r) => a + r.datacenters[0].wfe.meanRate, 0) / reference.length;
    expect(lambda).toBeGreaterThan(38);
    expect(lambda).toBeLessThan(42);
    const erlangC = serversForMeanWait(lambda, 10, 0.01);
    expect(erlangC).toBe(7);
    const [answer] = await searchCapacity(scenario, { judge: judgeCapacityObjectives });
    expect(answer.recommended).toBe(erlangC);
    expect(answer.binding).toBe("wfe.wait.mean < 10ms");
  });
});
