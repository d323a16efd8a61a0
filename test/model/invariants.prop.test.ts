/**
 * Invariants under generated scenarios (issue 7): fast-check draws scenarios across the format —
 * one user to tens of thousands, a single tiny WFE, TTL 0 s to 1 day, every datacenter down at
 * once, an identity provider failing every request, renewal offsets longer than the token's
 * lifetime, overlapping faults — runs each for a few simulated minutes and checks what must
 * hold whatever the input: the run terminates, sessions are conserved, no latency is negative or
 * NaN, failure counts are whole and non-negative, utilisations lie in [0, 1].
 * No warm-up, so station balances are exact (a warm-up reset would count completions of jobs
 * that arrived before it). Seed 20261127, 60 scenarios; a failing case prints its YAML.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LatencySummary } from "../../src/engine/stats/index.ts";
import type { RunResult } from "../../src/model/run-result.ts";
import { runScenario } from "../../src/model/run-scenario.ts";
import { loadScenarioText } from "../../src/scenario/index.ts";

const knobs = fc.record({
  users: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 40_000 })),
  instances: fc.integer({ min: 1, max: 3 }),
  concurrency: fc.integer({ min: 1, max: 4 }),
  queueLimit: fc.integer({ min: 0, max: 30 }),
  timeoutS: fc.integer({ min: 1, max: 30 }),
  ttl: fc.constantFrom("0s", "30s", "1d"),
  stalePct: fc.integer({ min: 0, max: 10 }),
  ssoPct: fc.integer({ min: 0, max: 100 }),
  embeddedPct: fc.integer({ min: 0, max: 100 }),
  lifetimeM: fc.integer({ min: 2, max: 90 }),
  offsetM: fc.integer({ min: 0, max: 120 }),
  outage: fc.option(
    fc.record({ start: fc.integer({ min: 0, max: 4 }), length: fc.integer({ min: 1, max: 5 }) }),
  ),
  bothDown: fc.boolean(),
  idpErrorPct: fc.option(fc.integer({ min: 1, max: 100 })),
  throttle: fc.option(fc.integer({ min: 1, max: 50 })),
  spikeMs: fc.option(fc.integer({ min: 1, max: 2000 })),
});

type Knobs = typeof knobs extends fc.Arbitrary<infer T> ? T : never;

function scenarioYaml(k: Knobs): string {
  const faults: string[] = [];
  if (k.outage) {
    const window = `start: ${k.outage.start}m, duration: ${k.outage.length}m`;
    faults.push(`  - { type: datacenterOutage, datacenter: weu, component: both, ${window} }`);
    if (k.bothDown) faults.push(`  - { type: datacenterOutage, datacenter: neu, component: wfe, ${window} }`);
  }
  if (k.idpErrorPct !== null)
    faults.push(`  - { type: identityErrors, errorRate: ${k.idpErrorPct}%, start: 1m, duration: 3m }`);
  if (k.spikeMs !== null) {
    faults.push(
      `  - { type: latencySpike, between: [westeurope, northeurope], extra: ${k.spikeMs}ms, start: 2m, duration: 2m }`,
    );
  }
  return `
name: generated
simulation: { duration: 6m, warmUp: 0s, seed: 3, timeBin: 30s }
datacenters:
  - name: weu
    region: westeurope
    wfe: { instances: ${k.instances}, concurrency: ${k.concurrency}, queueLimit: ${k.queueLimit}, timeout: ${k.timeoutS}s }
  - { name: neu, region: northeurope }
trafficManager: { ttl: ${k.ttl} }
identityProvider:
  ssoShare: ${k.ssoPct}%
  tokenLifetime: { constant: ${k.lifetimeM}m }
  renewalOffset: ${k.offsetM}m
${k.throttle === null ? "" : `  throttling: { rate: ${k.throttle}/s }\n`}tenants: [{ name: contoso, backEnd: neu }]
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: ${k.users}
    embeddedShare: ${k.embeddedPct}%
    sessionLength: { exponential: { mean: 3m } }
    dns: { staleShare: ${k.stalePct}% }
${faults.length > 0 ? `faults:\n${faults.join("\n")}\n` : ""}`;
}

const summaries = (r: RunResult): [string, LatencySummary][] => [
  ["login", r.latency.login],
  ["loginSystem", r.latency.loginSystem],
  ["backEnd", r.latency.backEnd],
  ["renewal", r.latency.renewal],
  ...Object.entries(r.latency.steps),
  ...r.userBases.map((u) => [`login@${u.name}`, u.login] as [string, LatencySummary]),
];

describe("invariants under generated scenarios", () => {
  it("hold for 60 scenarios across the format (seed 20261127)", () => {
    let accepted = 0;
    fc.assert(
      fc.property(knobs, (k) => {
        const yaml = scenarioYaml(k);
        const loaded = loadScenarioText(yaml, "generated.yaml");
        if (!loaded.ok) return; // counted below: most generated scenarios must load
        accepted++;
        const [r] = runScenario(loaded.scenario, { maxEvents: 3_000_000 });
        expect(r.complete, yaml).toBe(true);
        expect(r.sessions.started, yaml).toBe(r.sessions.ended + r.sessions.active);
        for (const [name, s] of summaries(r)) {
          if (s.count === 0) continue;
          for (const v of [s.min, s.mean, s.p50, s.p99, s.max]) {
            expect(Number.isFinite(v), `${name} finite\n${yaml}`).toBe(true);
            expect(v as number, `${name} >= 0\n${yaml}`).toBeGreaterThanOrEqual(0);
          }
        }
        for (const [cause, n] of Object.entries(r.failures)) {
          expect(Number.isInteger(n) && n >= 0, `${cause}\n${yaml}`).toBe(true);
        }
        for (const d of r.datacenters) {
          for (const st of [d.wfe, d.backEnd]) {
            expect(st.utilisationMean, yaml).toBeGreaterThanOrEqual(0);
            expect(st.utilisationMean, yaml).toBeLessThanOrEqual(1 + 1e-9);
            expect(st.queueMean, yaml).toBeGreaterThanOrEqual(0);
            expect(st.completions + st.rejected + st.timeouts + st.outageDrops, yaml).toBeLessThanOrEqual(
              st.arrivals,
            );
          }
        }
      }),
      { numRuns: 60, seed: 20261127 },
    );
    expect(accepted).toBeGreaterThanOrEqual(50);
  });
});
