/**
 * Invariants under generated scenarios (issue 7): fast-check draws scenarios across the format —
 * one user to tens of thousands, a single tiny WFE, TTL 0 s to 1 day, every datacenter down at
 * once, an identity provider failing every request, renewal offsets longer than the token's
 * lifetime, overlapping faults — and runs each until well after its load stops: sessions start
 * only in the last 1-5 minutes of a Tuesday (an hourly profile that is zero from midnight on),
 * every fault ends by minute 9, and the run goes on to minute 20. What must hold whatever the
 * input: the run terminates, simulated time never goes backwards, sessions are conserved, no
 * latency is negative or NaN, every failure has a cause, and every station is empty at the end
 * with each job it accepted accounted for. No warm-up, so the counters cover the whole run.
 * Seed 20261127, 60 scenarios; a failing case prints its YAML. Cases found on the way are fixed
 * tests at the end.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../src/engine/random/index.ts";
import type { LatencySummary } from "../../src/engine/stats/index.ts";
import { collectResult } from "../../src/model/run/results.ts";
import type { RunResult } from "../../src/model/run/run-result.ts";
import { buildRun } from "../../src/model/run/run-scenario.ts";
import type { World } from "../../src/model/run/world.ts";
import { loadScenarioText, type ResolvedScenario } from "../../src/scenario/index.ts";

const knobs = fc.record({
  users: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 40_000 })),
  /** 0 is outside the format: the loader must refuse it (and only it). */
  instances: fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 9, arbitrary: fc.integer({ min: 1, max: 3 }) },
  ),
  concurrency: fc.integer({ min: 1, max: 4 }),
  queueLimit: fc.integer({ min: 0, max: 30 }),
  timeoutS: fc.integer({ min: 1, max: 30 }),
  ttl: fc.constantFrom("0s", "30s", "1d"),
  stalePct: fc.integer({ min: 0, max: 10 }),
  ssoPct: fc.integer({ min: 0, max: 100 }),
  embeddedPct: fc.integer({ min: 0, max: 100 }),
  lifetimeM: fc.integer({ min: 2, max: 90 }),
  offsetM: fc.integer({ min: 0, max: 120 }),
  /** Minutes of arrivals before the profile drops to zero at midnight. */
  arrivalM: fc.integer({ min: 1, max: 5 }),
  outage: fc.option(
    fc.record({ start: fc.integer({ min: 0, max: 4 }), length: fc.integer({ min: 1, max: 5 }) }),
  ),
  bothDown: fc.boolean(),
  idpErrorPct: fc.option(fc.integer({ min: 1, max: 100 })),
  throttle: fc.option(fc.integer({ min: 1, max: 50 })),
  spikeMs: fc.option(fc.integer({ min: 1, max: 2000 })),
});

type Knobs = typeof knobs extends fc.Arbitrary<infer T> ? T : never;

/** All of a day's sessions in its last hour: arrivals stop at midnight. */
const LAST_HOUR_ONLY = `[${[...Array(23).fill(0), 1].join(", ")}]`;
/** Long enough after the last arrival for sessions (mean 1 min) and their retries to finish. */
const DURATION = 20 * 60;

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
simulation: { duration: ${DURATION}s, warmUp: 0s, seed: 3, timeBin: 1m, startDay: tuesday, startTime: "23:${60 - k.arrivalM}" }
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
    timeZone: UTC
    dailyActiveUsers: ${k.users}
    clients: { broker: ${k.embeddedPct}%, spa: ${100 - k.embeddedPct}% }
    sessionLength: { exponential: { mean: 1m } }
    # No returns: the run must drain (a user coming back after the last arrival would not).
    returns: { probability: 0% }
    profile: { hourly: ${LAST_HOUR_ONLY}, interpolation: hourly }
    dns: { staleShare: ${k.stalePct}% }
${faults.length > 0 ? `faults:\n${faults.join("\n")}\n` : ""}`;
}

const MAX_EVENTS = 4_000_000;

/**
 * runReplication, stepped one event at a time so the clock can be watched: returns the result,
 * the world (to look into its stations) and the first backward step of the clock, if any.
 */
function runWatched(scenario: ResolvedScenario): { r: RunResult; world: World; backwards: string | null } {
  const { world } = buildRun(scenario, new RandomStreams(scenario.simulation.seed).forReplication(0));
  const { sim } = world;
  const { duration } = scenario.simulation;
  let backwards: string | null = null;
  let last = sim.now;
  while (sim.peekTime() <= duration && sim.eventsProcessed < MAX_EVENTS) {
    sim.step();
    if (sim.now < last && backwards === null) backwards = `clock went from ${last} to ${sim.now}`;
    last = sim.now;
  }
  const complete = sim.peekTime() > duration;
  if (complete) sim.run(duration);
  return { r: collectResult(world, 0, 0, complete), world, backwards };
}

const summaries = (r: RunResult): [string, LatencySummary][] => [
  ["login", r.latency.login],
  ["loginSystem", r.latency.loginSystem],
  ["backEnd", r.latency.backEnd],
  ["renewal", r.latency.renewal],
  ...Object.entries(r.latency.steps),
  ...r.userBases.map((u) => [`login@${u.name}`, u.login] as [string, LatencySummary]),
  ...r.datacenters.map((d) => [`login@${d.name}`, d.login] as [string, LatencySummary]),
];

const stations = (w: World) => [
  ...w.datacenters.wfe,
  ...w.datacenters.backEnd,
  ...w.identity.loginPage,
  ...w.identity.tokenEndpoint,
  w.globalService.station,
];

const sum = (values: Iterable<number>): number => {
  let total = 0;
  for (const v of values) total += v;
  return total;
};

/** Every invariant; `yaml` labels the failure. */
function checkInvariants(scenario: ResolvedScenario, yaml: string): void {
  const { r, world, backwards } = runWatched(scenario);
  expect(r.complete, `terminates within ${MAX_EVENTS} events\n${yaml}`).toBe(true);
  expect(backwards, `time never goes backwards\n${yaml}`).toBeNull();

  // Sessions: conserved, and all over once the load has stopped.
  expect(r.sessions.atStart + r.sessions.started, yaml).toBe(r.sessions.ended + r.sessions.active);
  expect(r.sessions.active, `every session ended after arrivals stopped\n${yaml}`).toBe(0);
  expect(sum(r.userBases.map((u) => u.sessions)), yaml).toBe(r.sessions.started);

  for (const [name, s] of summaries(r)) {
    if (s.count === 0) continue;
    for (const v of [s.min, s.mean, s.p50, s.p99, s.max]) {
      expect(Number.isFinite(v), `${name} finite\n${yaml}`).toBe(true);
      expect(v as number, `${name} >= 0\n${yaml}`).toBeGreaterThanOrEqual(0);
    }
  }

  // Failures: every one counted under a cause. The time series counts every failure as it
  // happens, whatever its cause, so the two totals must agree; and the outcomes that imply
  // failed attempts (a login given up after every retry, a failed renewal request, a failed
  // API call) cannot outnumber them.
  for (const [cause, n] of Object.entries(r.failures)) {
    expect(Number.isInteger(n) && n >= 0, `${cause}\n${yaml}`).toBe(true);
  }
  const byCause = sum(Object.values(r.failures));
  expect(byCause, `failures by cause = failures over time\n${yaml}`).toBe(
    sum(r.series.columns["failures.count"]),
  );
  // A renewal retry follows a failed renewal request, so it adds no failure of its own.
  expect(r.renewals.retries, yaml).toBeLessThanOrEqual(r.renewals.failed);
  const implied = r.logins.failed * (scenario.client.retries + 1) + r.renewals.failed + r.backEndCalls.failed;
  expect(byCause, `failures by cause >= failures implied by outcomes\n${yaml}`).toBeGreaterThanOrEqual(
    implied,
  );
  expect(r.failures.noToken, yaml).toBeLessThanOrEqual(r.backEndCalls.failed);
  expect(sum(r.userBases.map((u) => u.loginFailures)), yaml).toBe(r.logins.failed);

  // Stations: empty once their load has stopped, and every job offered accounted for.
  for (const st of stations(world)) {
    expect(st.queueLength, `${st.name} queue empty\n${yaml}`).toBe(0);
    expect(st.busyServers, `${st.name} idle\n${yaml}`).toBe(0);
    const ended = st.completions + st.rejectedFull + st.rejectedDown + st.timeouts + st.outageDrops;
    expect(ended, `${st.name}: every arrival ended exactly once\n${yaml}`).toBe(st.arrivals);
  }
  for (const d of r.datacenters) {
    for (const st of [d.wfe, d.backEnd]) {
      expect(st.utilisationMean, yaml).toBeGreaterThanOrEqual(0);
      expect(st.utilisationMean, yaml).toBeLessThanOrEqual(1 + 1e-9);
      expect(st.queueMean, yaml).toBeGreaterThanOrEqual(0);
    }
  }
}

describe("invariants under generated scenarios", () => {
  it("hold for 60 scenarios across the format (seed 20261127)", () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(knobs, (k) => {
        const yaml = scenarioYaml(k);
        const loaded = loadScenarioText(yaml, "generated.yaml");
        if (!loaded.ok) {
          // Only what the format forbids may be refused.
          expect(k.instances, yaml).toBe(0);
          expect(loaded.problems.map((p) => p.path)).toEqual(["datacenters[0].wfe.instances"]);
          refused++;
          return;
        }
        accepted++;
        checkInvariants(loaded.scenario, yaml);
      }),
      { numRuns: 60, seed: 20261127 },
    );
    expect(accepted).toBeGreaterThanOrEqual(45);
    expect(accepted + refused).toBe(60);
  });
});

/** The format's corners, always run whatever the generator happens to draw. */
const BASE: Knobs = {
  users: 5000,
  instances: 1,
  concurrency: 1,
  queueLimit: 0,
  timeoutS: 1,
  ttl: "0s",
  stalePct: 10,
  ssoPct: 50,
  embeddedPct: 50,
  lifetimeM: 2,
  offsetM: 120,
  arrivalM: 5,
  outage: null,
  bothDown: false,
  idpErrorPct: null,
  throttle: null,
  spikeMs: null,
};
const CORNERS: [string, Partial<Knobs>][] = [
  ["one user, TTL 1 day", { users: 1, ttl: "1d" }],
  ["every datacenter down through all arrivals", { outage: { start: 0, length: 5 }, bothDown: true }],
  ["identity provider failing every request, throttled", { idpErrorPct: 100, throttle: 1 }],
  [
    "overlapping outage, errors and spike",
    { outage: { start: 1, length: 3 }, idpErrorPct: 50, spikeMs: 2000 },
  ],
  [
    "roomy station, long tokens renewed long before expiry",
    { instances: 3, concurrency: 4, queueLimit: 30, timeoutS: 30, lifetimeM: 90 },
  ],
];

describe("invariants at the corners of the format", () => {
  for (const [name, k] of CORNERS) {
    it(name, () => {
      const yaml = scenarioYaml({ ...BASE, ...k });
      const loaded = loadScenarioText(yaml, "corner.yaml");
      expect(loaded.ok, yaml).toBe(true);
      if (loaded.ok) checkInvariants(loaded.scenario, yaml);
    });
  }
});
