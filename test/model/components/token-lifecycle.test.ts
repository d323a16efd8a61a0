/**
 * Tokens as MSAL.js and Entra ID handle them (issue 14; docs/model.md §10), checked by counting
 * in drained runs where every count is exact or has a stated tolerance.
 *
 * Common ground: sessions start only in the first hour, start empty (warmStart false), last a
 * fixed time, are always active unless said otherwise, and call every 6 s on average (10/min),
 * so a token due at T is renewed at T + a few seconds. Tokens live a fixed 20 min and count as
 * expired 5 min early: renewals come every 15 min + a call gap. Sign-ins take about a second.
 * With 70 min sessions the API token is renewed near 15, 30, 45 and 60 min: 4 times.
 */
import { describe, expect, it } from "vitest";
import type { RunResult } from "../../../src/model/run/run-result.ts";
import { runScenario } from "../../../src/model/run/run-scenario.ts";
import { FIRST_HOUR_ONLY, scenarioFrom } from "../scenario-fixture.ts";

const base = (extra: {
  idp?: string;
  userBase?: string;
  client?: string;
  faults?: string;
  length?: string;
}) => `
name: token-lifecycle
simulation: { duration: 200m, warmUp: 0s, seed: 12, timeBin: 1m, warmStart: false }
datacenters: [{ name: weu, region: westeurope }]
identityProvider:
  ssoShare: 100%
  tokenLifetime: 20m
  renewalOffset: 5m
${extra.idp ?? ""}
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 400
    timeZone: UTC
    profile: { hourly: ${FIRST_HOUR_ONLY}, interpolation: hourly }
    sessionLength: ${extra.length ?? "70m"}
    activity: { active: 1000h, idle: 1s }
    backEndRate: 10/min
    returns: { probability: 0% }
${extra.userBase ?? ""}
${extra.client ? `client: ${extra.client}` : ""}
${extra.faults ? `faults:\n${extra.faults}` : ""}
`;

const run = (yaml: string): RunResult => {
  const [r] = runScenario(scenarioFrom(yaml));
  expect(r.complete).toBe(true);
  expect(r.sessions.active, "drained").toBe(0);
  expect(r.sessions.started).toBeGreaterThan(200);
  return r;
};

describe("single-page app: refresh grants, then the iframe once the 24 h refresh token is gone", () => {
  // A 40 min refresh token: renewals near 15 and 30 min use it, the one near 45 min finds it
  // expired and goes through the iframe (which brings a new one), the one near 60 min refreshes.
  const idp = (blocked: string, fallback = true) =>
    `  refreshTokenLifetime: 40m\n  silentRenewal: { thirdPartyCookiesBlocked: ${blocked}, iframeFallback: ${fallback} }`;

  it("with third-party cookies allowed: 3 refresh grants and 1 iframe per session, no redirect", () => {
    const r = run(base({ idp: idp("0%") }));
    const n = r.sessions.started;
    expect(r.identityRequests.counts.refresh).toBe(3 * n);
    expect(r.identityRequests.counts.iframe).toBe(n);
    expect(r.logins.reauthentications).toBe(0);
    expect(r.renewals.succeeded).toBe(4 * n);
    // The iframe visits the login page once per session besides the sign-in's one SSO visit.
    expect(r.identityProvider.loginPage.arrivals).toBe(2 * n);
  });

  it("where the browser blocks third-party cookies the iframe fails and the app redirects (SSO)", () => {
    const r = run(base({ idp: idp("100%") }));
    const n = r.sessions.started;
    expect(r.identityRequests.counts.iframe).toBe(n);
    expect(r.logins.reauthentications).toBe(n);
    expect(r.identityRequests.counts.sso).toBe(2 * n);
    expect(r.identityRequests.counts.interactive).toBe(0);
    // The redirect's sign-in brings the token the iframe could not: the renewal near 60 min
    // is a refresh grant again.
    expect(r.identityRequests.counts.refresh).toBe(3 * n);
    expect(r.renewals.succeeded).toBe(3 * n);
  });

  it("without the iframe fallback the redirect comes at once", () => {
    const r = run(base({ idp: idp("0%", false) }));
    const n = r.sessions.started;
    expect(r.identityRequests.counts.iframe).toBe(0);
    expect(r.logins.reauthentications).toBe(n);
    expect(r.identityRequests.counts.refresh).toBe(3 * n);
  });
});

describe("client types", () => {
  it("a confidential web app renews through its WFE: WFE and token-endpoint load per renewal", () => {
    const r = run(base({ userBase: "    clients: { web: 100% }" }));
    const n = r.sessions.started;
    expect(r.identityRequests.counts.webRefresh).toBe(4 * n);
    expect(r.identityRequests.counts.refresh + r.identityRequests.counts.iframe).toBe(0);
    const wfe = r.datacenters[0].wfe;
    expect(wfe.arrivals).toBe(2 * r.logins.completed + 4 * n);
    expect(r.identityProvider.tokenEndpoint.arrivals).toBe(r.logins.completed + 4 * n);
  });

  it("a warm start's web sessions look their WFE up; one whose WFE is down looks it up again", () => {
    const yaml = `
name: web-warm
simulation: { duration: 60m, warmUp: 0s, seed: 13, timeBin: 1m, startDay: wednesday, startTime: "10:00" }
datacenters: [{ name: weu, region: westeurope }, { name: neu, region: northeurope }]
trafficManager: { ttl: 10s, probe: { interval: 10s, toleratedFailures: 0, timeout: 5s } }
identityProvider: { tokenLifetime: 20m, renewalOffset: 5m }
tenants: [{ name: contoso, backEnd: weu }]
userBases:
  - { name: amsterdam, region: westeurope, dailyActiveUsers: 20000, timeZone: UTC, clients: { web: 100% } }
faults:
  - { type: datacenterOutage, datacenter: weu, component: wfe, failure: fastFailure, start: 20m, duration: 30m }
`;
    const [r] = runScenario(scenarioFrom(yaml));
    expect(r.sessions.atStart).toBeGreaterThan(1000);
    const [weu, neu] = r.datacenters;
    expect(r.identityRequests.counts.webRefresh).toBeGreaterThan(1000);
    // Every WFE arrival is a sign-in visit (two per completed sign-in) or a renewal request.
    const arrivals = weu.wfe.arrivals + neu.wfe.arrivals;
    expect(arrivals).toBeGreaterThanOrEqual(r.identityRequests.counts.webRefresh);
    expect(arrivals).toBeLessThanOrEqual(2 * r.logins.started * 4 + r.identityRequests.counts.webRefresh);
    // During weu's outage a renewal that met it looks the name up again and goes to neu, so
    // renewals carry on at about their rate before the outage (bound to weu, they would fail
    // every minute for 30 minutes: only the sessions signed in at neu could renew).
    const { t, "tokens.renewal.rate": rate } = r.series.columns;
    const renewed = (from: number, to: number) =>
      t.reduce((sum, start, i) => (start >= from && start < to ? sum + rate[i] * r.series.binWidth : sum), 0);
    const before = renewed(0, 20 * 60) / 20;
    const during = renewed(25 * 60, 50 * 60) / 25;
    expect(during, `${during.toFixed(0)} renewals/min during, ${before.toFixed(0)} before`).toBeGreaterThan(
      0.7 * before,
    );
    expect(neu.wfe.completions).toBeGreaterThan(2 * neu.logins + 100);
    expect(r.failures.outage).toBeGreaterThan(0);
  });

  it("a broker's host signs in with the code it holds and refreshes from the device", () => {
    const r = run(base({ userBase: "    clients: { broker: 100% }", idp: "  refreshTokenLifetime: 40m" }));
    const n = r.sessions.started;
    expect(r.identityRequests.counts.broker).toBe(n);
    expect(r.identityRequests.counts.interactive + r.identityRequests.counts.sso).toBe(0);
    // No 24 h limit for the broker: no iframe even past the 40 min.
    expect(r.identityRequests.counts.brokerRefresh).toBe(4 * n);
    expect(r.identityRequests.counts.iframe).toBe(0);
    expect(r.identityRequests.existingSessionShare).toBe(1);
  });

  it("a mix draws each session's client by its share (binomial, 4 sd)", () => {
    const r = run(base({ userBase: "    clients: { spa: 50%, web: 25%, broker: 25% }" }));
    const n = r.sessions.started;
    const web = r.identityRequests.counts.webRefresh / 4;
    const broker = r.identityRequests.counts.broker;
    for (const [count, p] of [
      [web, 0.25],
      [broker, 0.25],
    ] as const)
      expect(Math.abs(count - p * n)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)));
  });
});

describe("other resources' tokens", () => {
  it("each resource is fetched at its first call and renewed on its own", () => {
    const r = run(
      base({ idp: "  refreshTokenLifetime: 24h\n  resources: [{ name: graph, callRate: 10/min }]" }),
    );
    const n = r.sessions.started;
    // API: 4 renewals. Graph: fetched a few seconds after the sign-in, renewed near 15, 30, 45
    // and 60 min after that.
    expect(r.identityRequests.counts.refresh).toBe(4 * n + 5 * n);
  });
});

describe("active and idle", () => {
  // 120 min sessions, active 10 min, idle 50 min: active during [0, 10) and [60, 70) min.
  const idle = (lifetime: string) =>
    base({ length: "120m", idp: `  tokenLifetime: ${lifetime}` }).replace(
      "activity: { active: 1000h, idle: 1s }",
      "activity: { active: 10m, idle: 50m }",
    );

  it("calls only while active: rate × 20 min per session (Poisson, 3%)", () => {
    const r = run(idle("5h").replace("  tokenLifetime: 20m\n", ""));
    const expected = r.sessions.started * 20 * 10;
    expect(Math.abs(r.backEndCalls.ok / expected - 1)).toBeLessThan(0.03);
    expect(r.renewals.attempted).toBe(0);
  });

  it("an idle tab renews nothing and renews when it wakes: once per session, near 60 min", () => {
    // Due at 25 min (idle), renewed at the first call after waking at 60 min; due again at
    // 85 min (idle), and the session ends at 120 min before waking again.
    const r = run(idle("30m").replace("  tokenLifetime: 20m\n", ""));
    expect(r.renewals.attempted).toBe(r.sessions.started);
    expect(r.renewals.succeeded).toBe(r.sessions.started);
  });
});

describe("MSAL's failure semantics", () => {
  // Token endpoint errors (5xx) from 20 to 40 min; calls every second (60/min). The renewal due
  // near 30 min fails; MSAL blocks it for throttleWithoutRetryAfter, the first call after the
  // block tries again: about one attempt per (block + 1 s) until 40 min.
  const faulty = (client?: string) =>
    base({
      length: "60m",
      client,
      faults:
        "  - { type: identityErrors, errorRate: 100%, endpoint: tokenEndpoint, start: 20m, duration: 20m }",
    })
      .replace("backEndRate: 10/min", "backEndRate: 60/min")
      .replace("dailyActiveUsers: 400", "dailyActiveUsers: 200");

  /** Failed renewals per session that was signed in before the fault and due during it. */
  function failedPerWaitingSession(r: RunResult): number {
    // Sessions that fail their sign-in (arrivals during the fault) are not renewing.
    const renewing = r.sessions.started - r.logins.failed;
    return r.renewals.failed / renewing;
  }

  it("after a 5xx the request is blocked 60 s: about one attempt a minute, calls fail in the browser", () => {
    const r = run(faulty());
    expect(r.failures.noToken).toBeGreaterThan(100 * r.renewals.failed * 0.5);
    // Every failed renewal is an identity-provider error (sign-ins' redemptions add the rest).
    expect(r.failures.idpError).toBeGreaterThanOrEqual(r.renewals.failed);
    // Not every session is due during the fault; those that are wait up to 10 min.
    expect(failedPerWaitingSession(r)).toBeLessThan(11);
    expect(failedPerWaitingSession(r)).toBeGreaterThan(1);
  });

  it("a longer block (throttleWithoutRetryAfter 120 s) halves the attempts", () => {
    const a = run(faulty());
    const b = run(faulty("{ throttleWithoutRetryAfter: 120s }"));
    const ratio = b.renewals.failed / a.renewals.failed;
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.65);
  });

  it("network errors: retried at the next call by default, after backoff when asked (fewer)", () => {
    const timeouts = (policy: string) =>
      base({
        length: "60m",
        client: `{ onNetworkError: ${policy} }`,
        idp: "  tokenEndpoint: { timeout: 2s }",
        faults: "  - { type: identitySlowdown, factor: 1000, start: 20m, duration: 20m }",
      }).replace("backEndRate: 10/min", "backEndRate: 60/min");
    const nextCall = run(timeouts("nextCall"));
    const backoff = run(timeouts("backoff"));
    expect(nextCall.failures.timeout).toBeGreaterThan(0);
    expect(nextCall.renewals.failed).toBeGreaterThan(2 * backoff.renewals.failed);
    expect(backoff.renewals.failed).toBeGreaterThan(0);
  });
});

describe("users come back", () => {
  it("a user whose sign-in failed returns with the stated probability (binomial, 4 sd)", () => {
    const r = run(
      base({
        faults: "  - { type: identityErrors, errorRate: 100%, endpoint: loginPage, start: 0s }",
      }).replace("returns: { probability: 0% }", "returns: { probability: 50%, delay: 1m }"),
    );
    expect(r.logins.completed).toBe(0);
    // Every session fails its sign-in, the returned ones too; each failure returns with p = 1/2.
    expect(r.logins.failed).toBe(r.sessions.started);
    const n = r.logins.failed;
    expect(Math.abs(r.logins.returned - n / 2)).toBeLessThan(4 * Math.sqrt(n / 4));
  });
});
