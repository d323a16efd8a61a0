// A realistic, fabricated RunResult for the chart tests while the model is being written. Each
// user base starts sessions at its scenario's local-hour rate; sessions last ~67 min on average;
// each user base signs in at its nearest datacenter (RTT table). A datacenterOutage keeps
// attracting new connections, which fail, until Traffic Manager notices (130 s) and DNS caches
// expire (τ ≈ 40 s, 2% stale resolvers linger); then they go to the next-nearest datacenter.
// Noise comes from a seeded generator: same scenario and replication, same result.
import type { RunResult } from "../../../src/model/run/run-result.ts";
import type { ResolvedScenario } from "../../../src/scenario/index.ts";
import { assembleResult } from "./fixture-result.ts";

const WEEK = 604_800;
/** Mean of the default lognormal session length [s]. */
const MEAN_SESSION = 4030;
/** Probe 30 s × (3 tolerated + 1) + 10 s timeout [s]. */
const DETECTION = 130;
const DNS_TAU = 40;
const STALE = 0.02;
/** Mean access-token lifetime, uniform 1 h - 1.5 h [s]. */
const TOKEN_LIFETIME = 4500;
/** Normal-operation peak utilisation of the busiest WFE cluster. */
const NORMAL_PEAK = 0.55;

/** mulberry32: a tiny seeded generator, enough for fixture noise. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Share of a user base's new connections still going to its failed home datacenter. */
function stillSent(sinceFault: number, sinceRecovery: number): number {
  if (sinceRecovery >= 0) return 1 - Math.exp(-Math.max(0, sinceRecovery - 30) / 60);
  if (sinceFault < DETECTION) return 1;
  return STALE + (1 - STALE) * Math.exp(-(sinceFault - DETECTION) / DNS_TAU);
}

export interface FixtureOptions {
  /** Replication number (1-based); also varies the noise. */
  readonly replication?: number;
}

export function fixtureResult(scenario: ResolvedScenario, options: FixtureOptions = {}): RunResult {
  const replication = options.replication ?? 1;
  const random = generator(scenario.simulation.seed * 1000 + replication);
  const noise = (sd: number) => 1 + sd * (random() + random() + random() - 1.5) * 2;
  const { duration, timeBin: w, startWeekSecond } = scenario.simulation;
  const bins = Math.ceil(duration / w);
  const dcs = scenario.datacenters;
  const rtt = scenario.geography.rtt;
  const cols: Record<string, number[]> = { t: Array.from({ length: bins }, (_, k) => k * w) };
  const push = (name: string, value: number) => {
    cols[name] ??= [];
    cols[name].push(value);
  };
  const localRate = (ub: ResolvedScenario["userBases"][number], t: number) =>
    ub.arrivals.weeklyRate[
      Math.floor(((((startWeekSecond + t + ub.timeZone.utcOffset) % WEEK) + WEEK) % WEEK) / 3600)
    ];
  // Datacenters by distance from each user base: the first is home, the second takes over.
  const byDistance = scenario.userBases.map((ub) =>
    dcs
      .map((dc) => dc.index)
      .sort((a, b) => rtt[ub.regionIndex][dcs[a].regionIndex] - rtt[ub.regionIndex][dcs[b].regionIndex]),
  );
  const outages = scenario.faults.flatMap((f) => (f.type === "datacenterOutage" ? [f] : []));
  const active = scenario.userBases.map((ub) => localRate(ub, 0) * MEAN_SESSION);
  const connections = dcs.map(() => new Array<number>(bins).fill(0)); // [logins/s] started towards each
  const served = dcs.map(() => new Array<number>(bins).fill(0)); // [logins/s] reaching a working WFE
  const failed = new Array<number>(bins).fill(0); // [logins/s]
  for (let k = 0; k < bins; k++) {
    const t = (k + 0.5) * w;
    scenario.userBases.forEach((ub, u) => {
      const rate = localRate(ub, t) * noise(0.04);
      active[u] += (rate - active[u] / MEAN_SESSION) * w;
      push(`sessions.${ub.name}.active`, active[u]);
      const [home, backup] = byDistance[u];
      const outage = outages.find((f) => f.datacenterIndex === home && t >= f.start && t < f.end + 900);
      const toHome = outage ? stillSent(t - outage.start, t - outage.end) : 1;
      const homeDown = outage !== undefined && t < outage.end;
      connections[home][k] += rate * toHome;
      connections[backup][k] += rate * (1 - toHome);
      served[backup][k] += rate * (1 - toHome);
      if (homeDown) failed[k] += rate * toHome;
      else served[home][k] += rate * toHome;
    });
  }
  // Per-request WFE work chosen so the busiest cluster peaks near NORMAL_PEAK without faults.
  const serversOf = (d: number) => dcs[d].wfe.instances * dcs[d].wfe.concurrency;
  const normalDemand = Math.max(...dcs.map((_, d) => Math.max(...served[d]) / serversOf(d)));
  const serviceTime = NORMAL_PEAK / (2 * normalDemand);
  const utilisation = dcs.map((_, d) =>
    served[d].map((r) => Math.min(1, (2 * r * serviceTime) / serversOf(d))),
  );
  dcs.forEach((dc, d) => {
    for (let k = 0; k < bins; k++) {
      const u = utilisation[d][k];
      push(`wfe.${dc.name}.rate`, 2 * served[d][k] * noise(0.02));
      push(`wfe.${dc.name}.utilisation`, u);
      push(`wfe.${dc.name}.queue`, u > 0.85 ? serversOf(d) * (u - 0.85) * 3 : u * u * 0.5);
      push(`wfe.${dc.name}.servers`, serversOf(d));
      push(`newLogins.${dc.name}`, Math.round(connections[d][k] * w));
    }
  });
  for (let k = 0; k < bins; k++) {
    const started = dcs.reduce((s, _, d) => s + connections[d][k], 0);
    const count = Math.round((started - failed[k]) * w);
    const stress = Math.max(0, Math.max(...utilisation.map((u) => u[k])) - 0.7) * 4;
    const failing = failed[k] / Math.max(1e-9, started);
    push("login.count", count);
    // Client retries end at the 30 s request timeout, which caps the tail.
    const p99 = Math.min(30, (4.2 + stress * 4 + failing * 160) * noise(0.08));
    const p95 = Math.min(0.95 * p99, (2.5 + stress * 2 + failing * 40) * noise(0.06));
    const p50 = Math.min(0.5 * p95, (1.1 + stress * 0.5) * noise(0.05));
    push("login.p50", count === 0 ? Number.NaN : p50);
    push("login.p95", count === 0 ? Number.NaN : p95);
    push("login.p99", count === 0 ? Number.NaN : p99);
    // Without typing: the system's share, a fixed fraction here.
    push("loginSystem.p50", count === 0 ? Number.NaN : p50 * 0.6);
    push("loginSystem.p95", count === 0 ? Number.NaN : p95 * 0.3);
    push("loginSystem.p99", count === 0 ? Number.NaN : p99 * 0.3);
    push("tokens.signIn.rate", started - failed[k]);
    const sessions = scenario.userBases.reduce((s, ub) => s + cols[`sessions.${ub.name}.active`][k], 0);
    push("tokens.renewal.rate", (sessions / TOKEN_LIFETIME) * noise(0.03));
    push("failures.count", Math.round(failed[k] * w));
  }
  return assembleResult(scenario, replication, cols);
}

/** The result with the named columns removed, as the model might leave them out. */
export function withoutColumns(result: RunResult, drop: (name: string) => boolean): RunResult {
  const columns = Object.fromEntries(Object.entries(result.series.columns).filter(([name]) => !drop(name)));
  return { ...result, series: { ...result.series, columns } };
}
