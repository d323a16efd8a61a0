/**
 * The two caches of the model (docs/model.md §7 step 2 and §9):
 * - each WFE caches the global service's tenant -> back-end answer per tenant for
 *   `globalService.cacheTtl`; a cached answer costs nothing (global-service.ts, sign-in-flow.ts);
 * - each datacenter's back end caches the identity provider's signing keys for
 *   `signingKeyCacheTtl`; the one call that finds them expired pays `signingKeyFetch`, calls at
 *   the same moment do not wait for it (datacenters.ts, back-end-calls.ts).
 * First each cache on its own with hand-picked times, then once through a tiny run to see the
 * flow consult it.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/engine/simulation.ts";
import { runScenario } from "../../../src/model/run/run-scenario.ts";
import { Datacenters } from "../../../src/model/services/datacenters.ts";
import { GlobalService } from "../../../src/model/services/global-service.ts";
import { FLAT_DAY, scenarioFrom } from "../scenario-fixture.ts";

const HOUR = 3600;

/** Two datacenters, two tenants; `extra` adds sections. */
const twoByTwo = (extra: string) =>
  scenarioFrom(`
name: caches
datacenters:
  - { name: weu, region: westeurope, backEnd: { signingKeyCacheTtl: 1h } }
  - { name: neu, region: northeurope }
tenants: [{ name: contoso, backEnd: weu }, { name: fabrikam, backEnd: neu }]
userBases: [{ name: amsterdam, region: westeurope, dailyActiveUsers: 1000 }]
${extra}
`);

describe("global-service cache at the WFE", () => {
  const cache = (ttl: string) =>
    new GlobalService(new Simulation(), twoByTwo(`globalService: { cacheTtl: ${ttl} }`), () => 0.002);

  it("holds an answer for cacheTtl from when it was remembered, then expires exactly", () => {
    const gs = cache("1h");
    expect(gs.isCached(0, 1, 100)).toBe(false); // starts empty
    gs.remember(0, 1, 100);
    expect(gs.isCached(0, 1, 100)).toBe(true);
    expect(gs.isCached(0, 1, 100 + HOUR - 0.001)).toBe(true);
    expect(gs.isCached(0, 1, 100 + HOUR)).toBe(false); // expired at remember + TTL
    expect(gs.lookups).toBe(4);
    expect(gs.cacheHits).toBe(2);
  });

  it("keeps one entry per (datacenter, tenant)", () => {
    const gs = cache("1h");
    gs.remember(0, 1, 0);
    expect(gs.isCached(0, 1, 10)).toBe(true);
    expect(gs.isCached(0, 0, 10)).toBe(false); // other tenant, same WFE
    expect(gs.isCached(1, 1, 10)).toBe(false); // same tenant, other WFE
  });

  it("restarts the TTL when the answer is fetched again", () => {
    const gs = cache("1h");
    gs.remember(1, 0, 0);
    gs.remember(1, 0, 1800);
    expect(gs.isCached(1, 0, HOUR + 1)).toBe(true);
    expect(gs.isCached(1, 0, 1800 + HOUR)).toBe(false);
  });

  it("caches nothing with a TTL of 0", () => {
    const gs = cache("0s");
    gs.remember(0, 0, 50);
    expect(gs.isCached(0, 0, 50)).toBe(false);
  });
});

describe("signing-key cache at the back end", () => {
  // Constant parts so each call's server time shows whether it paid the key fetch.
  const CALL = 0.05;
  const CHECK = 0.001;
  const FETCH = 0.3;
  /** `phase`: where in its refresh cycle each cache starts (0: it expires at t = 0). */
  const datacenters = (phase = 0) => {
    const constant = { redirect: () => 0, callback: () => 0, page: () => 0, backEndCall: () => CALL };
    return new Datacenters(
      new Simulation(),
      twoByTwo(""),
      [0, 1].map(() => ({ ...constant, tokenValidation: () => CHECK, keyFetch: () => FETCH })),
      [0, 1].map(() => () => phase),
    );
  };

  it("makes the first call after each expiry pay the fetch, and only that call", () => {
    const dcs = datacenters(); // weu's keys live 1 h
    const withFetch = CALL + CHECK + FETCH;
    const without = CALL + CHECK;
    expect(dcs.backEndCallTime(0, 20)).toBeCloseTo(withFetch, 12); // empty at the start
    expect(dcs.backEndCallTime(0, 20)).toBeCloseTo(without, 12); // same moment: no second fetch
    expect(dcs.backEndCallTime(0, 20 + HOUR - 0.001)).toBeCloseTo(without, 12);
    expect(dcs.backEndCallTime(0, 20 + HOUR)).toBeCloseTo(withFetch, 12); // expired at fetch + TTL
    expect(dcs.backEndCallTime(0, 20 + HOUR + 1)).toBeCloseTo(without, 12);
  });

  it("keeps each datacenter's keys apart, with its own TTL (neu: the 12 h default)", () => {
    const dcs = datacenters();
    dcs.backEndCallTime(0, 0);
    expect(dcs.backEndCallTime(1, 10)).toBeCloseTo(CALL + CHECK + FETCH, 12);
    expect(dcs.backEndCallTime(1, 10 + 2 * HOUR)).toBeCloseTo(CALL + CHECK, 12);
    expect(dcs.backEndCallTime(1, 10 + 12 * HOUR - 0.001)).toBeCloseTo(CALL + CHECK, 12);
    expect(dcs.backEndCallTime(1, 10 + 12 * HOUR)).toBeCloseTo(CALL + CHECK + FETCH, 12);
  });

  it("starts each cache part-way through its cycle: the first fetch is at phase × TTL, not at t = 0", () => {
    const dcs = datacenters(0.25); // weu's keys live 1 h: fetched 45 min before the run
    expect(dcs.backEndCallTime(0, 10)).toBeCloseTo(CALL + CHECK, 12);
    expect(dcs.backEndCallTime(0, 0.25 * HOUR - 0.001)).toBeCloseTo(CALL + CHECK, 12);
    expect(dcs.backEndCallTime(0, 0.25 * HOUR)).toBeCloseTo(CALL + CHECK + FETCH, 12);
    expect(dcs.backEndCallTime(0, 1.25 * HOUR)).toBeCloseTo(CALL + CHECK + FETCH, 12);
  });
});

/**
 * A tiny world with no network and constant service times. Sessions start at
 * 8,640 × 1.5 / 86,400 = 0.15/s, all SSO (no typing), each signing in once and calling the back
 * end every second (Poisson, 60/min) for 10 min.
 */
const tinyRun = (sets: readonly string[]) =>
  runScenario(
    scenarioFrom(
      `
name: caches-run
simulation: { duration: 10m, seed: 5 }
geography: { sameRegionRtt: 0s }
datacenters:
  - name: weu
    region: westeurope
    backEnd: { serviceTime: 10ms, tokenValidation: 0s, signingKeyFetch: 5s, signingKeyCacheTtl: 2m }
globalService: { serviceTime: 2ms }
identityProvider: { ssoShare: 100% }
tenants: [{ name: contoso, backEnd: weu }, { name: fabrikam, backEnd: weu }]
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 8640
    timeZone: UTC
    profile: { hourly: ${FLAT_DAY} }
    sessionLength: 10m
    backEndRate: 60/min
    lastMile: { rtt: 0s, jitter: 0s }
    dns: { cacheHitLatency: 20ms, cacheMissLatency: 100ms, staleShare: 0% }
`,
      sets,
    ),
  )[0];

describe("the caches in a run", () => {
  it("sends a sign-in to the global service only on a WFE cache miss", () => {
    // TTL longer than the run: one visit per tenant (the two tenants), every later lookup a
    // hit. Sign-ins are ~7 s apart and a miss is open for 2 ms, so no two share a miss.
    const cached = tinyRun(["globalService.cacheTtl=1h"]).globalService;
    expect(cached.lookups).toBeGreaterThan(50);
    expect(cached.station.arrivals).toBe(2);
    expect(cached.cacheHits).toBe(cached.lookups - 2);
    // TTL 0: every lookup goes to the global service.
    const uncached = tinyRun(["globalService.cacheTtl=0s"]).globalService;
    expect(uncached.cacheHits).toBe(0);
    expect(uncached.station.arrivals).toBe(uncached.lookups);
  });

  it("pays one signing-key fetch per TTL at the back end", () => {
    // Every call takes 10 ms (no network; no queueing: 320 servers for under 100 calls/s),
    // plus 5 s for the call that fetches the keys. The first call comes within the first
    // minute, and with tens of calls a second each later fetch comes within a second of the
    // previous one's expiry, 2 min after it: fetches near t0 + 0, 2, 4, 6, 8 min -> 5 in 10 min.
    // The sketch's count, mean and max are exact, so sum = count × 10 ms + fetches × 5 s.
    const b = tinyRun([]).latency.backEnd;
    const fetches = ((b.mean ?? 0) - 0.01) * (b.count / 5);
    expect(b.count).toBeGreaterThan(1000);
    expect(fetches).toBeCloseTo(5, 6);
    expect(b.max).toBeCloseTo(5.01, 9); // one fetch per call at most: no call waited for another's
  });
});
