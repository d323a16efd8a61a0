/**
 * DNS and probe behaviour after a datacenter outage (issue 4; domain.md §2, Traffic Manager
 * failover timing).
 *
 * Given: two datacenters, weu (westeurope) and neu (northeurope), performance routing, and one
 * user base in Amsterdam whose resolvers are in westeurope, so every answer is weu until Traffic
 * Manager marks it Degraded; weu's WFE cluster fails 2 minutes in. DNS latencies are constant
 * (miss 100 ms, hit 20 ms) so the only slack is known.
 *
 * Detection. Probes run every `interval` from a random phase; the first probe after the fault
 * comes U(0, interval) later, fails `timeout` after it is sent, and the endpoint is Degraded on the
 * (tolerated + 1)-th consecutive failure, so
 *   detection ∈ [tolerated × interval + timeout, (tolerated + 1) × interval + timeout)
 * = [100 s, 130 s) with the defaults (30 s, 3, 10 s) and [5 s, 15 s) with the fast settings
 * (10 s, 0, 5 s). Three replications each, so three probe phases.
 *
 * Clients moving. After detection Traffic Manager answers neu; a resolver's cached weu answer
 * lives at most one TTL; new sessions have an empty browser cache and retries re-resolve
 * (client.reResolveOnRetry), so no client can take weu from a cache younger than that. A new
 * connection is counted when its DNS answer arrives, at most one DNS miss latency (100 ms)
 * after the lookup. So no connection goes to weu after detection + TTL + 100 ms, and the share
 * reports (5 s bins, the start of the first bin after which every bin is within the share) give
 *   to99 ≤ detection + TTL + 0.1 s + 5 s,
 * and no earlier than detection allows: to90 ≥ detection - 5 s. With TTL 0 and 10 s probes that
 * is under 20 s (Microsoft: under about 10-15 s, plus our 5 s bins).
 *
 * Every resolver here honours the TTL (staleShare and extendShare 0%): the formula's setting.
 * A fast failure (the outage's `failure: fastFailure`, 503 at once) fails probes at once, so
 * detection loses the probe timeout: [tolerated × interval, (tolerated + 1) × interval).
 * The resolver population that ignores TTLs is checked in dns-population.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { FailoverReport, RunResult } from "../../src/model/run/run-result.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { FLAT_DAY, scenarioFrom } from "./scenario-fixture.ts";

const FAULT_START = 120;
const BIN = 5;
const DNS_MISS = 0.1;

interface Probe {
  readonly interval: number;
  readonly tolerated: number;
  readonly timeout: number;
}
const DEFAULT_PROBE: Probe = { interval: 30, tolerated: 3, timeout: 10 };
const FAST_PROBE: Probe = { interval: 10, tolerated: 0, timeout: 5 };

function failoverText(
  probe: Probe,
  ttl: number,
  stale: string,
  duration: string,
  users: number,
  failure = "blackHole",
): string {
  return `
name: failover
simulation: { duration: ${duration}, warmUp: 0s, seed: 7, replications: 3, timeBin: 5s }
datacenters:
  - { name: weu, region: westeurope }
  - { name: neu, region: northeurope }
trafficManager:
  routing: performance
  ttl: ${ttl}s
  probe: { interval: ${probe.interval}s, toleratedFailures: ${probe.tolerated}, timeout: ${probe.timeout}s }
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: ${users}
    timeZone: UTC
    profile: { hourly: ${FLAT_DAY}, interpolation: hourly }
    sessionLength: 5m
    backEndRate: 1/h
    dns: { ${stale}, cacheHitLatency: 20ms, cacheMissLatency: 100ms }
faults:
  - { type: datacenterOutage, datacenter: weu, component: wfe, failure: ${failure}, start: 2m, duration: 15m }
`;
}

/** Every resolver honours the TTL: the failover formula's setting. */
const HONEST_RESOLVERS = "staleShare: 0%, extendShare: 0%";

function failovers(probe: Probe, ttl: number, stale = HONEST_RESOLVERS, duration = "7m", users = 500_000) {
  const results = runScenario(scenarioFrom(failoverText(probe, ttl, stale, duration, users)));
  expect(results).toHaveLength(3);
  return results.map((r) => {
    expect(r.failovers).toHaveLength(1);
    return { result: r, report: r.failovers[0] };
  });
}

function expectDetectionWindow(report: FailoverReport, p: Probe): number {
  const detection = report.detection;
  expect(detection, "Traffic Manager never marked weu Degraded").not.toBeNull();
  expect(detection!).toBeGreaterThanOrEqual(p.tolerated * p.interval + p.timeout);
  expect(detection!).toBeLessThan((p.tolerated + 1) * p.interval + p.timeout);
  return detection!;
}

/** After `cutoff` s past the fault, no 5 s bin of new connections goes to weu. */
function expectNoWeuConnectionsAfter(result: RunResult, cutoff: number): void {
  const { t, "newLogins.weu": weu, "newLogins.neu": neu } = result.series.columns;
  let checked = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] < FAULT_START + cutoff) continue;
    expect(weu[i], `new connections to weu in the bin at ${t[i]} s`).toBe(0);
    checked += neu[i];
  }
  expect(checked, "traffic after the cutoff").toBeGreaterThan(500);
}

describe("failover after a WFE outage: detection, then clients move within a TTL", () => {
  it("default probes (30 s, 3 tolerated, 10 s timeout), TTL 30 s: detected in 100-130 s, 99% moved within TTL", () => {
    for (const { result, report } of failovers(DEFAULT_PROBE, 30)) {
      const detection = expectDetectionWindow(report, DEFAULT_PROBE);
      expect(report.to90!).toBeGreaterThanOrEqual(detection - BIN);
      expect(report.to99!).toBeLessThanOrEqual(detection + 30 + DNS_MISS + BIN);
      expectNoWeuConnectionsAfter(result, detection + 30 + DNS_MISS);
    }
  });

  it("fast probes (10 s, 0 tolerated, 5 s timeout), TTL 30 s: detected in 5-15 s", () => {
    for (const { result, report } of failovers(FAST_PROBE, 30)) {
      const detection = expectDetectionWindow(report, FAST_PROBE);
      expect(report.to90!).toBeGreaterThanOrEqual(detection - BIN);
      expect(report.to99!).toBeLessThanOrEqual(detection + 30 + DNS_MISS + BIN);
      expectNoWeuConnectionsAfter(result, detection + 30 + DNS_MISS);
    }
  });

  it("fast probes and TTL 0: near-immediate, 99% within 20 s (Microsoft: about 10-15 s)", () => {
    for (const { result, report } of failovers(FAST_PROBE, 0)) {
      const detection = expectDetectionWindow(report, FAST_PROBE);
      expect(report.to99!).toBeLessThanOrEqual(detection + DNS_MISS + BIN);
      expect(report.to99!).toBeLessThanOrEqual(20);
      expectNoWeuConnectionsAfter(result, detection + DNS_MISS);
    }
  });

  it("a fast failure (503 at once) instead of a black hole: detected a probe timeout sooner, and clients fail at once instead of after the 21 s connect timeout", () => {
    const run = (failure: string) =>
      runScenario(scenarioFrom(failoverText(DEFAULT_PROBE, 30, HONEST_RESOLVERS, "7m", 500_000, failure)));
    const fast = run("fastFailure");
    const blackHole = run("blackHole");
    for (const r of fast) {
      const detection = r.failovers[0].detection!;
      expect(detection).toBeGreaterThanOrEqual(DEFAULT_PROBE.tolerated * DEFAULT_PROBE.interval);
      expect(detection).toBeLessThan((DEFAULT_PROBE.tolerated + 1) * DEFAULT_PROBE.interval);
      expect(r.failures.connectTimeout).toBe(0);
      expect(r.failures.outage).toBeGreaterThan(0);
    }
    for (const r of blackHole) expect(r.failures.connectTimeout).toBeGreaterThan(0);
  });
});
