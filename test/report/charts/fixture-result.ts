// The summary half of the fixture RunResult: headline numbers derived from the fabricated
// series (so tables and charts agree), latency summaries that grow with distance to the nearest
// datacenter, and failover times read off the new-login columns.
import type { LatencySummary } from "../../../src/engine/stats/index.ts";
import {
  FAILURE_CAUSES,
  type FailoverReport,
  IDENTITY_REQUEST_KINDS,
  LOGIN_STEPS,
  type RunResult,
  type StationReport,
} from "../../../src/model/run/run-result.ts";
import type { ResolvedScenario } from "../../../src/scenario/index.ts";

/** No identity-provider requests of any kind (the fixture's charts do not read them). */
const NO_REQUESTS: RunResult["identityRequests"] = {
  counts: Object.fromEntries(
    IDENTITY_REQUEST_KINDS.map((k) => [k, 0]),
  ) as RunResult["identityRequests"]["counts"],
  total: 0,
  existingSessionShare: null,
};

/** A right-skewed summary: p50 given, the tail stretched by `tail`. */
export function latencySummary(p50: number, tail: number, count: number): LatencySummary {
  if (count === 0) {
    return {
      count,
      mean: null,
      min: null,
      max: null,
      p50: null,
      p90: null,
      p95: null,
      p99: null,
      p999: null,
    };
  }
  return {
    count,
    mean: p50 * 1.3,
    min: p50 * 0.25,
    max: p50 * tail * 7,
    p50,
    p90: p50 * tail,
    p95: p50 * tail * 1.3,
    p99: p50 * tail * 2.1,
    p999: p50 * tail * 3.6,
  };
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : sum(xs) / xs.length);
const peak = (xs: readonly number[]) => Math.max(0, ...xs);

function station(
  rate: readonly number[],
  utilisation: readonly number[],
  servers: number,
  w: number,
): StationReport {
  const arrivals = Math.round(sum(rate) * w);
  return {
    servers,
    arrivals,
    completions: arrivals,
    rejected: 0,
    timeouts: 0,
    outageDrops: 0,
    meanRate: mean(rate),
    peakRate: peak(rate),
    utilisationMean: mean(utilisation),
    utilisationPeak: peak(utilisation),
    queueMean: 0.3,
    queuePeak: 6,
  };
}

/** Seconds from each outage until 90% / 99% of new connections avoid the failed datacenter. */
function failovers(scenario: ResolvedScenario, cols: Record<string, number[]>, w: number): FailoverReport[] {
  const dcs = scenario.datacenters;
  return scenario.faults.flatMap((f) => {
    if (f.type !== "datacenterOutage") return [];
    const name = dcs[f.datacenterIndex].name;
    const sharesAfter = cols.t
      .map((t, k) => ({
        t,
        share:
          cols[`newLogins.${name}`][k] / Math.max(1, sum(dcs.map((dc) => cols[`newLogins.${dc.name}`][k]))),
      }))
      .filter((row) => row.t >= f.start && row.t < f.end);
    const reached = (limit: number) => {
      const row = sharesAfter.find((r) => r.share <= limit);
      return row ? row.t + w - f.start : null;
    };
    return [
      {
        datacenter: name,
        start: f.start,
        end: f.end,
        to90: reached(0.1),
        to99: reached(0.01),
        detection: 130,
      },
    ];
  });
}

export function assembleResult(
  scenario: ResolvedScenario,
  replication: number,
  cols: Record<string, number[]>,
): RunResult {
  const w = scenario.simulation.timeBin;
  const rtt = scenario.geography.rtt;
  const logins = Math.round(sum(cols["login.count"]));
  const failed = Math.round(sum(cols["failures.count"]));
  const interactive = Math.round(sum(cols["tokens.signIn.rate"]) * w);
  const renewal = Math.round(sum(cols["tokens.renewal.rate"]) * w);
  const tokenRate = cols["tokens.signIn.rate"].map((x, k) => x + cols["tokens.renewal.rate"][k]);
  const nearest = (regionIndex: number) =>
    Math.min(...scenario.datacenters.map((dc) => rtt[regionIndex][dc.regionIndex]));
  const share = logins / Math.max(1, scenario.userBases.length);
  const idle = station([0], [0], 1, w);
  const steps = Object.fromEntries(
    LOGIN_STEPS.map((s) => [s, latencySummary(0.05, 3, logins)]),
  ) as RunResult["latency"]["steps"];
  const failures = Object.fromEntries(FAILURE_CAUSES.map((c) => [c, 0])) as Record<
    (typeof FAILURE_CAUSES)[number],
    number
  >;
  failures.connectTimeout = failed;
  return {
    scenario: scenario.name,
    seed: scenario.simulation.seed + replication,
    replication,
    complete: true,
    fingerprint: null,
    simulated: { duration: scenario.simulation.duration, warmUp: scenario.simulation.warmUp },
    performance: { events: logins * 40, wallSeconds: 12.5, eventsPerSecond: (logins * 40) / 12.5 },
    backEndCallModel: { model: "auto", datacenters: [] },
    wfePageModel: null,
    sessions: {
      atStart: 0,
      started: logins,
      ended: Math.round(logins * 0.9),
      active: Math.round(logins * 0.1),
    },
    identityRequests: NO_REQUESTS,
    logins: {
      started: logins + failed,
      completed: logins,
      failed,
      interactive: Math.round(logins * 0.2),
      sso: Math.round(logins * 0.7),
      embedded: Math.round(logins * 0.1),
      reauthentications: 120,
      returned: 0,
    },
    latency: {
      login: latencySummary(1.1, 2.4, logins),
      loginSystem: latencySummary(0.6, 2.2, logins),
      steps,
      backEnd: latencySummary(0.12, 2.5, logins * 30),
      wfePage: latencySummary(0.06, 0.4, 0),
      renewal: latencySummary(0.25, 2.2, renewal),
    },
    failures,
    renewals: { attempted: renewal, succeeded: renewal - 40, retries: 55, failed: 40 },
    backEndCalls: { ok: logins * 30, failed: 12 },
    wfePages: { ok: 0, failed: 0 },
    tokens: {
      browserSignIn: interactive,
      renewal,
      embedded: Math.round(interactive * 0.1),
      meanRate: mean(tokenRate),
      peakRate: peak(tokenRate),
    },
    identityProvider: { throttled: 0, errors: 0, loginPage: idle, tokenEndpoint: idle },
    globalService: {
      lookups: logins,
      cacheHits: Math.round(logins * 0.95),
      queryRate: logins / scenario.simulation.duration,
      station: idle,
    },
    dns: {
      lookups: logins,
      resolverHits: Math.round(logins * 0.8),
      trafficManagerQueries: Math.round(logins * 0.2),
      queryRate: logins / scenario.simulation.duration,
      noAnswer: 0,
    },
    datacenters: scenario.datacenters.map((dc) => {
      const count = Math.round(sum(cols[`newLogins.${dc.name}`]));
      return {
        name: dc.name,
        region: dc.region,
        wfe: station(
          cols[`wfe.${dc.name}.rate`],
          cols[`wfe.${dc.name}.utilisation`],
          dc.wfe.instances * dc.wfe.concurrency,
          w,
        ),
        backEnd: idle,
        backEndKeyRejections: 0,
        backEndCall: latencySummary(0.09, 0.3, count * 30),
        wfePage: latencySummary(0.06, 0.4, 0),
        wfePageFailures: 0,
        logins: count,
        login: latencySummary(1.2, 2.4, count),
        loginCdf: [],
        loginSystemCdf: [], // drawn from the summary's percentiles
        loginSystem: latencySummary(0.6, 1.1, count),
      };
    }),
    userBases: scenario.userBases.map((ub, u) => {
      // Distance sets the level; the index keeps neighbouring user bases' curves apart.
      const p50 = 0.8 + 8 * nearest(ub.regionIndex) + 0.09 * u;
      return {
        name: ub.name,
        region: scenario.geography.regions[ub.regionIndex].name,
        sessions: Math.round(share),
        logins: Math.round(share),
        loginFailures: 0,
        login: latencySummary(p50, 2.3 + 6 * nearest(ub.regionIndex), Math.round(share)),
        loginCdf: [],
        loginSystemCdf: [],
        loginSystem: latencySummary(p50 * 0.5, 2, Math.round(share)),
        backEnd: latencySummary(0.1 + nearest(ub.regionIndex), 2.5, Math.round(share * 30)),
        wfePage: latencySummary(0.06, 0.4, 0),
        wfePageFailures: 0,
        renewal: latencySummary(0.2 + 2 * nearest(ub.regionIndex), 2, Math.round(share)),
        identityRequests: NO_REQUESTS,
      };
    }),
    failovers: failovers(scenario, cols, w),
    routing: routingOf(scenario, Math.round(share)),
    slos: [],
    series: { binWidth: w, start: 0, startWeekSecond: scenario.simulation.startWeekSecond, columns: cols },
  };
}

/**
 * Each user base's logins at its nearest datacenter (by RTT) over the measured period; latency
 * without typing 0.3 s plus 4 round trips. With an outage of that datacenter, its users move to
 * the next nearest during it.
 */
function routingOf(scenario: ResolvedScenario, logins: number): RunResult["routing"] {
  const { rtt } = scenario.geography;
  const { warmUp, duration } = scenario.simulation;
  const ubs = scenario.userBases;
  const dcs = scenario.datacenters;
  const byDistance = (u: number) =>
    dcs
      .map((_, d) => d)
      .sort(
        (a, b) => rtt[ubs[u].regionIndex][dcs[a].regionIndex] - rtt[ubs[u].regionIndex][dcs[b].regionIndex],
      );
  const matrix = (lost: number | null) => {
    const counts = ubs.map(() => dcs.map(() => 0));
    const means = ubs.map(() => dcs.map((): number | null => null));
    ubs.forEach((ub, u) => {
      const d = byDistance(u).find((i) => i !== lost) ?? 0;
      counts[u][d] = logins;
      means[u][d] = 0.3 + 4 * rtt[ub.regionIndex][dcs[d].regionIndex];
    });
    return { logins: counts, loginSystemMean: means };
  };
  const outage = scenario.faults.find((f) => f.type === "datacenterOutage");
  const windows: RunResult["routing"]["windows"][number][] = [
    { kind: "measured", start: warmUp, end: duration, ...matrix(null) },
  ];
  if (outage?.type === "datacenterOutage") {
    windows.push({ kind: "beforeOutage", start: warmUp, end: outage.start, ...matrix(null) });
    windows.push({
      kind: "duringOutage",
      start: outage.start,
      end: outage.end,
      ...matrix(outage.datacenterIndex),
    });
  }
  return { windows, outageDatacenter: outage?.type === "datacenterOutage" ? outage.datacenterIndex : null };
}
