/**
 * The failover measurements' setting, shared by the resolver-population tests, the drawn-fault
 * tests and scripts/validate-model.ts: Amsterdam's users in front of weu and neu (40 WFE
 * instances each) behind performance routing with a 20 s TTL, no client retries (so each
 * connection is a login's first), weu's WFE lost by the given fault; and the share of new logins
 * still sent to weu in a window after Traffic Manager switched (Flavel et al.'s stale tail).
 */
import type { RunResult } from "../../src/model/run/run-result.ts";

export interface FailoverOptions {
  readonly name: string;
  /** The `simulation:` mapping's body, e.g. "duration: 23m, warmUp: 0s, seed: 7, replications: 3, timeBin: 5s". */
  readonly simulation: string;
  readonly users: number;
  /** Extra `dns:` fields, each followed by ", " (e.g. "staleFor: 5m, "); "" for the defaults. */
  readonly dns?: string;
  /** The fault's fields after its type and datacenter, e.g. "start: 2m, duration: 25m". */
  readonly fault: string;
}

export function amsterdamFailoverYaml(o: FailoverOptions): string {
  return `
name: ${o.name}
simulation: { ${o.simulation} }
datacenters:
  - { name: weu, region: westeurope, wfe: { instances: 40 } }
  - { name: neu, region: northeurope, wfe: { instances: 40 } }
trafficManager: { routing: performance, ttl: 20s }
client: { retries: 0 }
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: ${o.users}
    timeZone: UTC
    profile: { hourly: [${Array(24).fill(1).join(", ")}], interpolation: hourly }
    sessionLength: 5m
    backEndRate: 1/h
    dns: { ${o.dns ?? ""}cacheHitLatency: 20ms, cacheMissLatency: 100ms }
faults:
  - { type: datacenterOutage, datacenter: weu, ${o.fault} }
`;
}

/** Share of new logins sent to weu in [from, to) s after Traffic Manager switched, and their count. */
export function staleShare(result: RunResult, from: number, to: number): { share: number; logins: number } {
  const report = result.failovers[0];
  const switched = report.start + (report.detection ?? Number.NaN);
  const { t, "newLogins.weu": weu, "newLogins.neu": neu } = result.series.columns;
  let failed = 0;
  let all = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] < switched + from || t[i] >= switched + to) continue;
    failed += weu[i];
    all += weu[i] + neu[i];
  }
  return { share: failed / all, logins: all };
}
