/**
 * One datacenter, no network, Poisson arrivals and exponential service: the back-end cluster
 * must give the M/M/c figures (issue 4, "What must show that it is right").
 *
 * Given: one datacenter whose back end has c = 4 servers (1 instance × 4) with exponential API
 * call service, mean 50 ms (μ = 20/s), no signature check and no key fetch (both 0 s); no
 * network (same-region RTT 0, last mile 0, no jitter), so a call's latency is its sojourn in the
 * station; sessions of exactly 10 min starting as a Poisson stream at a flat rate, each calling
 * at r = 0.768/min.
 *
 * The arrival rate, derived: sessions start at λ_s = dailyActiveUsers × sessionsPerUser / 86,400
 * (flat hourly profile, Monday factor 1) = 480,000 × 1.5 / 86,400 = 8.333/s. After a warm-up of
 * one session length the number of signed-in sessions N is stationary, Poisson with mean
 * λ_s × 600 s = 5,000 (M/G/∞; sign-in takes ~0.3 s of the 600, 0.05%). Calls: λ = E[N] × r =
 * 5,000 × 0.0128/s = 64/s, so ρ = λ / (c μ) = 0.8.
 *
 * Why Poisson: back-end-calls.ts draws the calls to a datacenter as one Poisson stream at rate
 * N(t) × r (the exact superposition of per-session Poisson streams). N(t) moves slowly (it changes
 * at 8 starts and 8 ends per second, against a population of 5,000) and by ±1.4% (Poisson sd
 * √5,000 / 5,000), so the process is Poisson with a slightly modulated rate. The modulation biases
 * the mean sojourn upwards by ½ W''(λ) Var(λ) ≈ ½ × 0.00048 s³ × 0.9² s⁻² ≈ 0.2 ms (0.2% of W),
 * far inside the interval below. (Before this commit the calls were closed-loop think times per
 * session, which is also near-Poisson by Palm-Khintchine with 5,000 sparse sources.)
 *
 * Seed 99, R = 10 replications of 30 measured minutes (about 115,000 calls each). Tolerances:
 * - measured λ: the replication mean within 1.5% of 64/s (its standard error is ~0.4%);
 * - utilisation = λ E[S] / c per replication within 1.5% (the sample mean of ~115,000
 *   exponential service times has a relative sd of 0.3%);
 * - mean latency: M/M/c at the derived λ inside the 95% Student-t interval of the replication
 *   means, and, sharper, the per-replication difference from M/M/c at that replication's own
 *   measured λ has a 95% interval containing 0 and narrower than ±2% of W.
 * A 95% interval misses one time in twenty by chance. Checked on other seeds: seed 99 with 40
 * replications gives a difference of +0.09 ± 0.48 ms, seed 11 with 24 gives +0.36 ± 0.55 ms
 * (both consistent with the +0.2 ms modulation bias; seed 11's first 8 replications alone miss,
 * +0.9 ± 0.8 ms). Look for a systematic miss before blaming a seed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { mmc } from "../../src/engine/analytic/queueing-formulas.ts";
import { summarizeReplications } from "../../src/engine/stats/index.ts";
import type { RunResult } from "../../src/model/run/run-result.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { FLAT_DAY, scenarioFrom } from "./scenario-fixture.ts";

const SERVERS = 4;
const MEAN_SERVICE = 0.05;
const SERVICE_RATE = 1 / MEAN_SERVICE;
const SESSION_STARTS = (480_000 * 1.5) / 86_400;
const SESSION_LENGTH = 600;
const CALL_RATE = 0.768 / 60;
const ARRIVAL_RATE = SESSION_STARTS * SESSION_LENGTH * CALL_RATE;

const yaml = `
name: mmc-back-end
simulation: { duration: 40m, warmUp: 10m, seed: 99, replications: 10, timeBin: 1m }
geography: { sameRegionRtt: 0s }
datacenters:
  - name: weu
    region: westeurope
    backEnd:
      instances: 1
      concurrency: ${SERVERS}
      serviceTime: { exponential: { mean: 50ms } }
      tokenValidation: 0s
      signingKeyFetch: 0s
identityProvider: { ssoShare: 100% }
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 480000
    sessionsPerUser: 1.5
    timeZone: UTC
    profile: { hourly: ${FLAT_DAY}, interpolation: hourly }
    sessionLength: 10m
    # Always active: every signed-in session calls (its first period outlasts the session).
    activity: { active: 10h, idle: 1s }
    backEndRate: 0.768/min
    lastMile: { rtt: 0s, jitter: 0s }
`;

describe("M/M/c reduction: the back-end cluster with no network", () => {
  const scenario = scenarioFrom(yaml);
  let results: RunResult[] = [];
  let rates: number[] = [];
  let latencies: number[] = [];
  beforeAll(() => {
    results = runScenario(scenario);
    rates = results.map((r) => r.datacenters[0].backEnd.meanRate);
    latencies = results.map((r) => r.latency.backEnd.mean ?? Number.NaN);
    // Ten replications take ~7 s alone; the default 10 s hook timeout fails on a shared machine.
  }, 120_000);

  it("derives the arrival rate from the scenario: 64 calls/s, ρ = 0.8", () => {
    expect(scenario.userBases[0].arrivals.weeklyRate[0]).toBeCloseTo(SESSION_STARTS, 12);
    expect(ARRIVAL_RATE).toBeCloseTo(64, 9);
    expect(results).toHaveLength(10);
    const measured = summarizeReplications(rates);
    expect(Math.abs(measured.mean / ARRIVAL_RATE - 1), `mean λ ${measured.mean}`).toBeLessThan(0.015);
    for (const r of results) {
      expect(r.backEndCalls.failed).toBe(0);
      expect(r.latency.backEnd.count).toBeGreaterThan(100_000);
    }
  });

  it("utilisation = λ E[S] / c in every replication (within 1.5%)", () => {
    for (const r of results) {
      const be = r.datacenters[0].backEnd;
      const expected = (be.meanRate * MEAN_SERVICE) / SERVERS;
      expect(
        Math.abs(be.utilisationMean / expected - 1),
        `ρ ${be.utilisationMean} vs ${expected}`,
      ).toBeLessThan(0.015);
    }
  });

  it("mean call latency matches M/M/c's mean sojourn", () => {
    const expected = mmc(ARRIVAL_RATE, SERVICE_RATE, SERVERS).meanSojourn; // 87.3 ms
    const measured = summarizeReplications(latencies);
    expect(expected, `W ${expected} outside [${measured.low}, ${measured.high}]`).toBeGreaterThanOrEqual(
      measured.low,
    );
    expect(expected).toBeLessThanOrEqual(measured.high);
    // Paired with each replication's own λ: removes the λ noise, to which W is sensitive here
    // (dW/dλ ≈ 3.7 ms per call/s).
    const differences = results.map(
      (_, i) => latencies[i] - mmc(rates[i], SERVICE_RATE, SERVERS).meanSojourn,
    );
    const paired = summarizeReplications(differences);
    expect(paired.low, `difference CI [${paired.low}, ${paired.high}]`).toBeLessThanOrEqual(0);
    expect(paired.high).toBeGreaterThanOrEqual(0);
    expect(paired.halfWidth / expected).toBeLessThan(0.02);
  });
});
