/**
 * Every metric of one replication, rounded for summary.json (latencies to 0.1 ms, utilisations to
 * 0.01 %, rates to 0.001/s) and built field by field in a fixed order, so the JSON reads the same
 * way every time (never in the order the model happened to build its objects). Wall-clock figures (run time, events/s) are left out on purpose: they differ
 * between identical runs and belong in run.json.
 */
import type { LatencySummary } from "../engine/stats/index.ts";
import { roundAs } from "../engine/stats/quantity-rounding.ts";
import {
  type CdfPoint,
  FAILURE_CAUSES,
  IDENTITY_REQUEST_KINDS,
  type IdentityRequestMix,
  LOGIN_STEPS,
  type RunResult,
  type StationReport,
} from "../model/index.ts";
import { loginFailureRate, totalFailures } from "./headline-metrics.ts";

/** A latency summary in seconds, rounded to 0.1 ms. */
export function roundLatency(s: LatencySummary) {
  const r = (x: number | null) => roundAs("latency", x);
  return {
    count: s.count,
    mean: r(s.mean),
    min: r(s.min),
    p50: r(s.p50),
    p90: r(s.p90),
    p95: r(s.p95),
    p99: r(s.p99),
    p999: r(s.p999),
    max: r(s.max),
  };
}

/** A latency distribution's points, latencies rounded to 0.1 ms. */
export function roundCdf(points: readonly CdfPoint[]) {
  return points.map((p) => ({ share: p.share, latency: roundAs("latency", p.latency) }));
}

/** A station's counters and levels, with headroom = 1 - peak utilisation. */
export function roundStation(s: StationReport) {
  const u = (x: number) => roundAs("utilisation", x);
  return {
    servers: s.servers,
    arrivals: s.arrivals,
    completions: s.completions,
    rejected: s.rejected,
    timeouts: s.timeouts,
    outageDrops: s.outageDrops,
    meanRate: roundAs("rate", s.meanRate),
    peakRate: roundAs("rate", s.peakRate),
    utilisationMean: u(s.utilisationMean),
    utilisationPeak: u(s.utilisationPeak),
    headroom: u(1 - s.utilisationPeak),
    queueMean: roundAs("count", s.queueMean),
    queuePeak: roundAs("count", s.queuePeak),
  };
}

/** The identity-provider request mix with its share rounded as shares are. */
function roundMix(m: IdentityRequestMix) {
  // In the kinds' own order, whatever the order of the model's object.
  const counts = Object.fromEntries(IDENTITY_REQUEST_KINDS.map((k) => [k, m.counts[k]]));
  return { ...counts, total: m.total, existingSessionShare: roundAs("share", m.existingSessionShare) };
}

/** All of `r` except its time series (timeseries.csv) and SLO verdicts (judged separately). */
export function runMetrics(r: RunResult) {
  const rate = (x: number) => roundAs("rate", x);
  const time = (x: number | null) => roundAs("time", x);
  const steps = Object.fromEntries(LOGIN_STEPS.map((s) => [s, roundLatency(r.latency.steps[s])]));
  const failures = Object.fromEntries(FAILURE_CAUSES.map((c) => [c, r.failures[c] ?? 0]));
  return {
    replication: r.replication,
    seed: r.seed,
    /** False when a guard stopped the replication early: the figures are partial. */
    complete: r.complete,
    simulated: { duration: time(r.simulated.duration), warmUp: time(r.simulated.warmUp) },
    events: r.performance.events,
    sessions: {
      atStart: r.sessions.atStart,
      started: r.sessions.started,
      ended: r.sessions.ended,
      active: r.sessions.active,
    },
    identityRequests: roundMix(r.identityRequests),
    logins: {
      started: r.logins.started,
      completed: r.logins.completed,
      failed: r.logins.failed,
      failureRate: roundAs("share", loginFailureRate(r)),
      interactive: r.logins.interactive,
      sso: r.logins.sso,
      embedded: r.logins.embedded,
      reauthentications: r.logins.reauthentications,
      returned: r.logins.returned,
    },
    latency: {
      login: roundLatency(r.latency.login),
      loginSystem: roundLatency(r.latency.loginSystem),
      steps,
      backEnd: roundLatency(r.latency.backEnd),
      ...(r.wfePageModel && { wfePage: roundLatency(r.latency.wfePage) }),
      renewal: roundLatency(r.latency.renewal),
    },
    failures: { ...failures, total: totalFailures(r) },
    renewals: {
      attempted: r.renewals.attempted,
      succeeded: r.renewals.succeeded,
      retries: r.renewals.retries,
      failed: r.renewals.failed,
    },
    backEndCalls: { ok: r.backEndCalls.ok, failed: r.backEndCalls.failed },
    ...(r.wfePageModel && { wfePages: { ok: r.wfePages.ok, failed: r.wfePages.failed } }),
    tokens: {
      browserSignIn: r.tokens.browserSignIn,
      renewal: r.tokens.renewal,
      embedded: r.tokens.embedded,
      meanRate: rate(r.tokens.meanRate),
      peakRate: rate(r.tokens.peakRate),
    },
    identityProvider: {
      throttled: r.identityProvider.throttled,
      errors: r.identityProvider.errors,
      loginPage: roundStation(r.identityProvider.loginPage),
      tokenEndpoint: roundStation(r.identityProvider.tokenEndpoint),
    },
    globalService: {
      lookups: r.globalService.lookups,
      cacheHits: r.globalService.cacheHits,
      queryRate: rate(r.globalService.queryRate),
      station: roundStation(r.globalService.station),
    },
    dns: {
      lookups: r.dns.lookups,
      resolverHits: r.dns.resolverHits,
      trafficManagerQueries: r.dns.trafficManagerQueries,
      queryRate: rate(r.dns.queryRate),
      noAnswer: r.dns.noAnswer,
    },
    datacenters: r.datacenters.map((d) => ({
      name: d.name,
      region: d.region,
      logins: d.logins,
      login: roundLatency(d.login),
      loginCdf: roundCdf(d.loginCdf),
      loginSystemCdf: roundCdf(d.loginSystemCdf),
      loginSystem: roundLatency(d.loginSystem),
      wfe: roundStation(d.wfe),
      backEnd: roundStation(d.backEnd),
      backEndCall: roundLatency(d.backEndCall),
      ...(r.wfePageModel && { wfePage: roundLatency(d.wfePage), wfePageFailures: d.wfePageFailures }),
    })),
    userBases: r.userBases.map((u) => ({
      name: u.name,
      region: u.region,
      sessions: u.sessions,
      logins: u.logins,
      loginFailures: u.loginFailures,
      login: roundLatency(u.login),
      loginCdf: roundCdf(u.loginCdf),
      loginSystemCdf: roundCdf(u.loginSystemCdf),
      loginSystem: roundLatency(u.loginSystem),
      backEnd: roundLatency(u.backEnd),
      renewal: roundLatency(u.renewal),
      identityRequests: roundMix(u.identityRequests),
    })),
    failovers: r.failovers.map((f) => ({
      datacenter: f.datacenter,
      start: time(f.start),
      end: time(f.end),
      detection: time(f.detection),
      to90: time(f.to90),
      to99: time(f.to99),
    })),
  };
}

export type RunMetrics = ReturnType<typeof runMetrics>;
