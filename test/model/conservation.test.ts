/**
 * Conservation (issue 4): every session that starts either completes, fails with a recorded
 * cause, or is still active at the end; no request is counted twice; renewals per session
 * match the token lifetimes.
 *
 * Most checks use a drained run: sessions start only in the first hour (an hourly profile of
 * [1, 0, ..., 0]) and the run goes on until every one has ended, with no warm-up, so whole-run
 * and measured counts cover the same events and every balance is an exact equality.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { FAILURE_CAUSES, type RunResult } from "../../src/model/run/run-result.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { FIRST_HOUR_ONLY, FLAT_DAY, scenarioFrom, sum } from "./scenario-fixture.ts";

const run = (yaml: string, overrides: readonly string[] = []): RunResult => {
  const [result] = runScenario(scenarioFrom(yaml, overrides));
  expect(result.complete).toBe(true);
  return result;
};

/** Every kind of failure at once: WFE outage, identity errors, throttling, back-end overload and outage. */
const mixedFaults = `
name: conservation
simulation: { duration: 110m, warmUp: 0s, seed: 5, timeBin: 1m, warmStart: false }
datacenters:
  - name: weu
    region: westeurope
    backEnd: { instances: 1, concurrency: 3, queueLimit: 20, timeout: 1s }
  - { name: neu, region: northeurope }
trafficManager: { ttl: 10s, probe: { interval: 10s, toleratedFailures: 1, timeout: 5s } }
identityProvider:
  tokenLifetime: { uniform: { min: 8m, max: 12m } }
  renewalOffset: 2m
  throttling: { rate: 4/s, retryAfter: 10s }
tenants: [{ name: contoso, backEnd: weu }]
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 2400
    timeZone: UTC
    profile: { hourly: ${FIRST_HOUR_ONLY}, interpolation: hourly }
    sessionLength: { uniform: { min: 5m, max: 30m } }
    backEndRate: 2/min
    returns: { probability: 0% }
client: { retries: 2 }
faults:
  - { type: datacenterOutage, datacenter: weu, component: wfe, start: 10m, duration: 5m }
  - { type: identityErrors, errorRate: 30%, start: 20m, duration: 10m }
  - { type: datacenterOutage, datacenter: weu, component: backEnd, start: 40m, duration: 2m }
`;

describe("conservation of sessions, logins, requests and failures", () => {
  describe("a drained run with every kind of failure", () => {
    let r: RunResult;
    beforeAll(() => {
      r = run(mixedFaults);
    });

    it("every kind of failure occurs", () => {
      for (const cause of [
        "connectTimeout",
        "timeout",
        "rejected",
        "throttled",
        "idpError",
        "outage",
      ] as const)
        expect(r.failures[cause], cause).toBeGreaterThan(0);
      expect(r.logins.failed).toBeGreaterThan(0);
      expect(r.renewals.retries).toBeGreaterThan(0);
    });

    it("sessions: started = ended + active, and all have ended", () => {
      expect(r.sessions.started).toBeGreaterThan(3000);
      expect(r.sessions.started).toBe(r.sessions.ended + r.sessions.active);
      expect(r.sessions.active).toBe(0);
    });

    it("logins: started = completed + failed; one latency and one token per completed login", () => {
      // Started counts sign-ins, not sessions: a re-sign-in after an expired token is a second one.
      expect(r.logins.started).toBe(r.sessions.started + r.logins.reauthentications);
      expect(r.logins.started).toBe(r.logins.completed + r.logins.failed);
      expect(r.latency.login.count).toBe(r.logins.completed);
      for (const step of Object.values(r.latency.steps)) expect(step.count).toBe(r.logins.completed);
      // The global service never fails here, so a token is issued exactly for each completed login.
      expect(r.tokens.browserSignIn + r.tokens.embedded).toBe(r.logins.completed);
      expect(r.tokens.renewal).toBe(r.renewals.succeeded);
      expect(r.logins.interactive + r.logins.sso + r.logins.embedded).toBe(r.logins.started);
    });

    it("failures: each has exactly one cause, and the causes add up to the failures counted over time", () => {
      const byCause = sum(FAILURE_CAUSES.map((c) => r.failures[c]));
      expect(byCause).toBe(sum(r.series.columns["failures.count"]));
      expect(r.failures.idpError).toBe(r.identityProvider.errors);
      expect(r.failures.throttled).toBe(r.identityProvider.throttled);
    });

    it("stations: each request ends once (completed, rejected, timed out or dropped)", () => {
      for (const dc of r.datacenters) {
        for (const st of [dc.wfe, dc.backEnd]) {
          expect(st.arrivals).toBe(st.completions + st.rejected + st.timeouts + st.outageDrops);
        }
      }
      const backEnds = r.datacenters.map((d) => d.backEnd);
      expect(r.backEndCalls.ok).toBe(sum(backEnds.map((b) => b.completions)));
      // A call with an expired token never reaches the station: it is the one failure outside it.
      expect(r.backEndCalls.failed).toBe(
        sum(backEnds.map((b) => b.rejected + b.timeouts + b.outageDrops)) + r.failures.noToken,
      );
    });

    it("renewals: one token per success; successes and failures never exceed attempts", () => {
      expect(r.tokens.renewal).toBe(r.renewals.succeeded);
      expect(r.latency.renewal.count).toBe(r.renewals.succeeded);
      expect(r.renewals.succeeded + r.renewals.failed).toBeLessThanOrEqual(r.renewals.attempted);
      // The rest were abandoned because their session ended (or signed in again) meanwhile.
      expect(r.renewals.attempted - r.renewals.succeeded - r.renewals.failed).toBeLessThan(
        0.01 * r.renewals.attempted,
      );
    });
  });

  it("when every sign-in fails, each session fails exactly retries + 1 times with a recorded cause", () => {
    const r = run(
      `
name: nothing-works
simulation: { duration: 70m, warmUp: 0s, seed: 2, timeBin: 1m, warmStart: false }
datacenters: [{ name: weu, region: westeurope }]
userBases:
  - { name: amsterdam, region: westeurope, dailyActiveUsers: 1000, timeZone: UTC, profile: { hourly: ${FIRST_HOUR_ONLY}, interpolation: hourly }, returns: { probability: 0% } }
client: { retries: 3 }
faults:
  - { type: identityErrors, errorRate: 100%, endpoint: loginPage, start: 0s }
`,
    );
    expect(r.sessions.started).toBeGreaterThan(1000);
    expect(r.logins.completed).toBe(0);
    expect(r.logins.failed).toBe(r.sessions.started);
    expect(r.sessions.ended).toBe(r.sessions.started);
    expect(r.failures.idpError).toBe(4 * r.logins.failed);
    expect(sum(FAILURE_CAUSES.map((c) => r.failures[c]))).toBe(r.failures.idpError);
  });

  it("sessions ending while their renewal is out are ended, not active (regression)", () => {
    // Renewals take 10 s to 3 min at the token endpoint, so at the end of the run some sessions
    // have ended with a renewal still out; their slots are held until it returns, but they must
    // not be counted as active as well as ended.
    const yaml = `
name: renewals-in-flight
simulation: { duration: 30m, warmUp: 0s, seed: 3, timeBin: 1m, warmStart: false }
datacenters: [{ name: weu, region: westeurope }]
identityProvider:
  ssoShare: 100%
  tokenLifetime: 6m
  renewalOffset: 5m
  tokenEndpoint: { serviceTime: { uniform: { min: 10s, max: 3m } }, timeout: 1h }
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 200000
    timeZone: UTC
    profile: { hourly: ${FLAT_DAY}, interpolation: hourly }
    sessionLength: { uniform: { min: 2m, max: 10m } }
    # Always active and calling often, so every token is renewed within seconds of its due time.
    activity: { active: 10h, idle: 1s }
    backEndRate: 30/min
`;
    for (const end of ["30m", "31m"]) {
      const r = run(yaml, [`simulation.duration=${end}`]);
      expect(r.sessions.started - r.sessions.ended, `at ${end}`).toBe(r.sessions.active);
      expect(r.sessions.active).toBeGreaterThan(0);
    }
  });

  it("with a warm-up: completed + failed <= started + logins begun in the warm-up", () => {
    const r = run(mixedFaults, ["simulation.duration=40m", "simulation.warmUp=12m"]);
    const measuredSessions = sum(r.userBases.map((u) => u.sessions));
    // At most one sign-in per session is in flight at any instant.
    const begunInWarmUp = r.sessions.started - measuredSessions;
    const finished = r.logins.completed + r.logins.failed;
    expect(finished).toBeLessThanOrEqual(r.logins.started + begunInWarmUp);
    expect(finished).toBeGreaterThanOrEqual(r.logins.started - r.sessions.active);
    expect(r.sessions.started).toBe(r.sessions.ended + r.sessions.active);
  });

  describe("renewals per session = the renewal times that fit in the session", () => {
    // A fixed 1 h token counts as expired 5 min early and is renewed at the first API call after
    // that (MSAL renews on demand). The sessions are always active and call every 6 s on
    // average, so renewals come at 55 min + a few seconds after the sign-in and after each
    // renewal: a session of length L renews floor(L / 55 min) times unless L sits within
    // seconds of a multiple. 3 h: renewals near 55, 110 and 165 min, so 3. 2 h: 2. Every session
    // lives its whole length inside the drained run.
    const yaml = (length: string) => `
name: renewals-per-session
simulation: { duration: 250m, warmUp: 0s, seed: 4, timeBin: 5m, warmStart: false }
datacenters: [{ name: weu, region: westeurope }]
identityProvider: { ssoShare: 100%, tokenLifetime: 1h, renewalOffset: 5m }
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 600
    timeZone: UTC
    profile: { hourly: ${FIRST_HOUR_ONLY}, interpolation: hourly }
    sessionLength: ${length}
    activity: { active: 10h, idle: 1s }
    backEndRate: 10/min
`;
    it.each([
      ["3h", 3],
      ["2h", 2],
    ] as const)("%s sessions renew %i times each (exactly)", (length, perSession) => {
      const r = run(yaml(length));
      expect(r.sessions.started).toBeGreaterThan(500);
      expect(r.sessions.active).toBe(0);
      expect(r.logins.completed).toBe(r.sessions.started);
      expect(r.renewals.failed + r.renewals.retries).toBe(0);
      expect(r.renewals.attempted).toBe(perSession * r.sessions.started);
      expect(r.renewals.succeeded).toBe(perSession * r.sessions.started);
      expect(r.logins.reauthentications).toBe(0);
    });
  });
});
