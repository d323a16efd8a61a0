/**
 * Turns a finished world into a RunResult: station figures, latency summaries, counters, time
 * series and SLO verdicts. Statistics cover the measured period (after the warm-up).
 */
import type { LatencySketch, TimeWeighted } from "../../engine/stats/index.ts";
import { Latency, Occurrence } from "../measure/signals.ts";
import { readSlos } from "../measure/slo-readings.ts";
import { PageRequests } from "../pages/page-requests.ts";
import { callModelReport, pageModelReport } from "./call-model-report.ts";
import {
  CDF_SHARES,
  type CdfPoint,
  FAILURE_CAUSES,
  type FailureCause,
  IDENTITY_REQUEST_KINDS,
  type IdentityRequestKind,
  type IdentityRequestMix,
  LOGIN_STEPS,
  type LoginStep,
  type RunResult,
  type StationReport,
} from "./run-result.ts";
import type { World } from "./world.ts";

/** What a station report reads (any engine station). */
interface ReportedStation {
  readonly serverCount: number;
  readonly arrivals: number;
  readonly completions: number;
  readonly rejectedFull: number;
  readonly rejectedDown: number;
  readonly timeouts: number;
  readonly outageDrops: number;
  readonly queued: TimeWeighted;
  utilisation(): number;
}

/** The measured period of a finished world, and the readings every section of a result shares. */
class Reading {
  readonly measured: number;
  private readonly firstMeasuredBin: number;

  constructor(readonly world: World) {
    const { scenario, sim, metrics } = world;
    const { duration, warmUp } = scenario.simulation;
    this.measured = Math.max(1e-9, Math.min(sim.now, duration) - warmUp);
    this.firstMeasuredBin = Math.min(metrics.bins - 1, Math.floor(warmUp / metrics.binWidth));
  }

  /** The highest bin from the one holding the warm-up's end on. */
  peakOf(values: ArrayLike<number>): number {
    let peak = 0;
    for (let i = this.firstMeasuredBin; i < values.length; i++) if (values[i] > peak) peak = values[i];
    return peak;
  }

  count(what: Occurrence): number {
    return this.world.metrics.total(what);
  }

  station(
    st: ReportedStation,
    series: { readonly utilisation: Float64Array; readonly queue: Float64Array },
    rates?: number[],
  ): StationReport {
    const { measured } = this;
    return {
      servers: st.serverCount,
      arrivals: st.arrivals,
      completions: st.completions,
      rejected: st.rejectedFull + st.rejectedDown,
      timeouts: st.timeouts,
      outageDrops: st.outageDrops,
      meanRate: st.arrivals / measured,
      peakRate: rates ? this.peakOf(rates) : st.arrivals / measured,
      utilisationMean: st.utilisation(),
      utilisationPeak: this.peakOf(series.utilisation),
      queueMean: st.queued.mean(this.world.sim.now),
      queuePeak: this.peakOf(series.queue),
    };
  }

  /** One report per region (with its per-bin peaks), merged: sums, and the busiest region's peak. */
  regions(
    stations: readonly ReportedStation[],
    series: readonly { utilisation: Float64Array; queue: Float64Array }[],
  ): StationReport {
    return mergeStations(stations.map((st, i) => this.station(st, series[i])));
  }
}

const summary = (s: LatencySketch) => s.toJSON();
const cdf = (s: LatencySketch): CdfPoint[] =>
  s.count === 0 ? [] : CDF_SHARES.map((share) => ({ share, latency: s.quantile(share) }));

export function collectResult(
  world: World,
  replication: number,
  wallSeconds: number,
  complete: boolean,
): RunResult {
  const { scenario, sim, datacenters } = world;
  const { duration, warmUp } = scenario.simulation;
  // The engine's events and those the back ends played locally (the same events, in one loop).
  const events = sim.eventsProcessed + datacenters.localEvents();
  const r = new Reading(world);
  const result: Omit<RunResult, "slos"> = {
    scenario: scenario.name,
    seed: scenario.simulation.seed,
    replication,
    complete,
    fingerprint: sim.fingerprint,
    simulated: { duration, warmUp },
    performance: { events, wallSeconds, eventsPerSecond: events / wallSeconds },
    backEndCallModel: callModelReport(world),
    wfePageModel: pageModelReport(world),
    ...countsOf(r),
    ...servicesOf(r),
    datacenters: datacenterReports(r),
    userBases: userBaseReports(r),
    failovers: world.failovers.report(),
    routing: world.metrics.routing.report(),
    series: buildSeries(world),
  };
  return { ...result, slos: readSlos(scenario, result) };
}

/** Sessions, sign-ins, latencies, failures, renewals, calls and tokens. */
function countsOf(
  r: Reading,
): Pick<
  RunResult,
  | "sessions"
  | "logins"
  | "identityRequests"
  | "latency"
  | "failures"
  | "renewals"
  | "backEndCalls"
  | "wfePages"
  | "tokens"
> {
  const { metrics } = r.world;
  const c = (what: Occurrence) => r.count(what);
  // Merged from the per-user-base sketches; its count is the calls that succeeded.
  const backEndCalls = metrics.sketch(Latency.BACK_END_CALL);
  const wfePages = metrics.sketch(Latency.WFE_PAGE);
  const renewalRate = metrics.series(Occurrence.RENEWAL_SUCCEEDED);
  const tokenRates = signInTokens(r.world).map((n, i) => (n + renewalRate.count(i)) / metrics.binWidth);
  const tokens =
    c(Occurrence.TOKEN_BROWSER_SIGN_IN) +
    c(Occurrence.RENEWAL_SUCCEEDED) +
    c(Occurrence.TOKEN_EMBEDDED_SIGN_IN);
  return {
    sessions: {
      atStart: metrics.wholeRunTotal(Occurrence.SESSION_AT_START),
      started: metrics.wholeRunTotal(Occurrence.SESSION_STARTED),
      ended: metrics.wholeRunTotal(Occurrence.SESSION_ENDED),
      active: sessionsNotEnded(r.world),
    },
    logins: {
      started: c(Occurrence.LOGIN_STARTED),
      completed: c(Occurrence.LOGIN_COMPLETED),
      failed: c(Occurrence.LOGIN_FAILED),
      interactive: c(Occurrence.SIGN_IN_INTERACTIVE),
      sso: c(Occurrence.SIGN_IN_SSO),
      embedded: c(Occurrence.SIGN_IN_EMBEDDED),
      reauthentications: c(Occurrence.REAUTHENTICATION),
      returned: c(Occurrence.USER_RETURNED),
    },
    identityRequests: identityMix(c),
    latency: {
      login: summary(metrics.sketch(Latency.LOGIN)),
      loginSystem: summary(metrics.sketch(Latency.LOGIN_SYSTEM)),
      steps: Object.fromEntries(
        LOGIN_STEPS.map((step, i) => [step, summary(metrics.sketch((Latency.STEP_DNS + i) as Latency))]),
      ) as Record<LoginStep, ReturnType<LatencySketch["toJSON"]>>,
      backEnd: summary(backEndCalls),
      wfePage: summary(wfePages),
      renewal: summary(metrics.sketch(Latency.RENEWAL)),
    },
    failures: Object.fromEntries(FAILURE_CAUSES.map((cause, i) => [cause, metrics.failures[i]])) as Record<
      FailureCause,
      number
    >,
    renewals: {
      attempted: c(Occurrence.RENEWAL_ATTEMPTED),
      succeeded: c(Occurrence.RENEWAL_SUCCEEDED),
      retries: c(Occurrence.RENEWAL_RETRY),
      failed: c(Occurrence.RENEWAL_FAILED),
    },
    backEndCalls: { ok: backEndCalls.count, failed: c(Occurrence.BACK_END_CALL_FAILED) },
    wfePages: { ok: wfePages.count, failed: c(Occurrence.WFE_PAGE_FAILED) },
    tokens: {
      browserSignIn: c(Occurrence.TOKEN_BROWSER_SIGN_IN),
      // Every renewal that succeeded got a token.
      renewal: c(Occurrence.RENEWAL_SUCCEEDED),
      embedded: c(Occurrence.TOKEN_EMBEDDED_SIGN_IN),
      meanRate: tokens / r.measured,
      peakRate: r.peakOf(tokenRates),
    },
  };
}

/** The shared services: identity provider, global service, DNS. */
function servicesOf(r: Reading): Pick<RunResult, "identityProvider" | "globalService" | "dns"> {
  const { metrics, identity, globalService, dns } = r.world;
  return {
    identityProvider: {
      throttled: identity.throttled,
      errors: identity.errors,
      loginPage: r.regions(identity.loginPage, metrics.loginPageSeries),
      tokenEndpoint: r.regions(identity.tokenEndpoint, metrics.tokenEndpointSeries),
    },
    globalService: {
      lookups: globalService.lookups,
      cacheHits: globalService.cacheHits,
      queryRate: globalService.station.arrivals / r.measured,
      station: r.station(globalService.station, metrics.globalServiceSeries[0]),
    },
    dns: {
      lookups: dns.lookups,
      resolverHits: dns.resolverHits,
      trafficManagerQueries: dns.trafficManagerQueries,
      queryRate: dns.trafficManagerQueries / r.measured,
      noAnswer: dns.noAnswers,
    },
  };
}

function datacenterReports(r: Reading): RunResult["datacenters"] {
  const { scenario, metrics, datacenters } = r.world;
  return scenario.datacenters.map((d, i) => ({
    name: d.name,
    region: d.region,
    wfe: r.station(
      datacenters.wfe[i],
      metrics.wfeSeries[i],
      // Sign-in requests and page traffic alike.
      metrics
        .seriesPerDatacenter(Occurrence.WFE_REQUEST, i)
        .toArray()
        .map((n, bin) => (n + metrics.wfePages[i][bin]) / metrics.binWidth),
    ),
    backEnd: r.station(datacenters.backEnd[i], metrics.backEndSeries[i]),
    backEndKeyRejections: r.world.signingKeys.backEndRejections[i],
    backEndCall: summary(metrics.sketchByDatacenter(Latency.BACK_END_CALL, i)),
    wfePage: summary(metrics.sketchByDatacenter(Latency.WFE_PAGE, i)),
    wfePageFailures: metrics.perDatacenter(Occurrence.WFE_PAGE_FAILED, i),
    logins: metrics.perDatacenter(Occurrence.LOGIN_COMPLETED, i),
    login: summary(metrics.sketchByDatacenter(Latency.LOGIN, i)),
    loginCdf: cdf(metrics.sketchByDatacenter(Latency.LOGIN, i)),
    loginSystemCdf: cdf(metrics.sketchByDatacenter(Latency.LOGIN_SYSTEM, i)),
    loginSystem: summary(metrics.sketchByDatacenter(Latency.LOGIN_SYSTEM, i)),
  }));
}

function userBaseReports(r: Reading): RunResult["userBases"] {
  const { scenario, metrics } = r.world;
  return scenario.userBases.map((u, i) => ({
    name: u.name,
    region: scenario.geography.regions[u.regionIndex].name,
    sessions: metrics.perUserBase(Occurrence.SESSION_STARTED, i),
    logins: metrics.perUserBase(Occurrence.LOGIN_COMPLETED, i),
    loginFailures: metrics.perUserBase(Occurrence.LOGIN_FAILED, i),
    login: summary(metrics.sketchByUserBase(Latency.LOGIN, i)),
    loginCdf: cdf(metrics.sketchByUserBase(Latency.LOGIN, i)),
    loginSystemCdf: cdf(metrics.sketchByUserBase(Latency.LOGIN_SYSTEM, i)),
    loginSystem: summary(metrics.sketchByUserBase(Latency.LOGIN_SYSTEM, i)),
    backEnd: summary(metrics.sketchByUserBase(Latency.BACK_END_CALL, i)),
    wfePage: summary(metrics.sketchByUserBase(Latency.WFE_PAGE, i)),
    wfePageFailures: metrics.perUserBase(Occurrence.WFE_PAGE_FAILED, i),
    renewal: summary(metrics.sketchByUserBase(Latency.RENEWAL, i)),
    identityRequests: identityMix((what) => metrics.perUserBase(what, i)),
  }));
}

/** Which signal counts each kind of identity-provider request. */
const REQUEST_SIGNALS: Readonly<Record<IdentityRequestKind, Occurrence>> = {
  interactive: Occurrence.SIGN_IN_INTERACTIVE,
  sso: Occurrence.SIGN_IN_SSO,
  broker: Occurrence.SIGN_IN_EMBEDDED,
  refresh: Occurrence.IDP_REFRESH,
  webRefresh: Occurrence.IDP_WEB_REFRESH,
  iframe: Occurrence.IDP_IFRAME,
  brokerRefresh: Occurrence.IDP_BROKER_REFRESH,
};

/** The request mix from a count of each signal (the whole measured period, or one user base's). */
function identityMix(count: (what: Occurrence) => number): IdentityRequestMix {
  const counts = Object.fromEntries(
    IDENTITY_REQUEST_KINDS.map((k) => [k, count(REQUEST_SIGNALS[k])]),
  ) as Record<IdentityRequestKind, number>;
  const total = IDENTITY_REQUEST_KINDS.reduce((sum, k) => sum + counts[k], 0);
  return { counts, total, existingSessionShare: total > 0 ? (total - counts.interactive) / total : null };
}

/**
 * Sessions still going. A session that ended while its renewal was out keeps its slot until the
 * renewal returns (SessionTable.isEnding), but it is already counted as ended: leave it out, or
 * started = ended + active breaks by the renewals in flight at the end of the run.
 */
/** Tokens issued to sign-ins (browser and embedded) per time bin, over the whole run. */
function signInTokens(world: World): number[] {
  const { metrics } = world;
  const embedded = metrics.series(Occurrence.TOKEN_EMBEDDED_SIGN_IN);
  return metrics
    .series(Occurrence.TOKEN_BROWSER_SIGN_IN)
    .toArray()
    .map((n, i) => n + embedded.count(i));
}

function sessionsNotEnded(world: World): number {
  const t = world.sessions;
  let ending = 0;
  // Released slots always have renewalBusy 0 (finishRenewal clears it before releasing).
  for (let s = 0; s < t.highWater; s++) if (t.isEnding[s] === 1 && t.renewalBusy[s] === 1) ending++;
  return t.active - ending;
}

/** Identity regions summed into one report (arrivals and work add; peaks are the largest). */
function mergeStations(parts: readonly StationReport[]): StationReport {
  const add = (f: (r: StationReport) => number) => parts.reduce((a, r) => a + f(r), 0);
  const max = (f: (r: StationReport) => number) => parts.reduce((a, r) => Math.max(a, f(r)), 0);
  const servers = add((r) => r.servers);
  return {
    servers,
    arrivals: add((r) => r.arrivals),
    completions: add((r) => r.completions),
    rejected: add((r) => r.rejected),
    timeouts: add((r) => r.timeouts),
    outageDrops: add((r) => r.outageDrops),
    meanRate: add((r) => r.meanRate),
    peakRate: add((r) => r.peakRate),
    utilisationMean: servers > 0 ? add((r) => r.utilisationMean * r.servers) / servers : 0,
    utilisationPeak: max((r) => r.utilisationPeak),
    queueMean: add((r) => r.queueMean),
    queuePeak: max((r) => r.queuePeak),
  };
}

function buildSeries(world: World): RunResult["series"] {
  const { metrics, scenario } = world;
  const w = metrics.binWidth;
  const columns: Record<string, number[]> = {};
  columns.t = Array.from({ length: metrics.bins }, (_, i) => i * w);
  columns["login.count"] = metrics.series(Occurrence.LOGIN_COMPLETED).toArray();
  for (const [q, name] of [
    [0.5, "login.p50"],
    [0.95, "login.p95"],
    [0.99, "login.p99"],
  ] as const) {
    columns[name] = metrics.quantiles(Latency.LOGIN).toArray(q);
    // The latency the system is responsible for: the same logins without the user's typing.
    columns[name.replace("login.", "loginSystem.")] = metrics.quantiles(Latency.LOGIN_SYSTEM).toArray(q);
  }
  const hasPages = PageRequests.isWanted(world);
  scenario.datacenters.forEach((d, i) => {
    // Every request the WFE got: the sign-ins' and the page traffic's (its own column beside).
    const pages = metrics.wfePages[i];
    columns[`wfe.${d.name}.rate`] = metrics
      .seriesPerDatacenter(Occurrence.WFE_REQUEST, i)
      .toArray()
      .map((n, bin) => (n + pages[bin]) / w);
    if (hasPages) columns[`wfe.${d.name}.pageRate`] = Array.from(pages, (n) => n / w);
    columns[`wfe.${d.name}.utilisation`] = Array.from(metrics.wfeSeries[i].utilisation);
    columns[`wfe.${d.name}.queue`] = Array.from(metrics.wfeSeries[i].queue);
    columns[`wfe.${d.name}.servers`] = Array.from(metrics.wfeSeries[i].servers);
    columns[`newLogins.${d.name}`] = metrics.seriesPerDatacenter(Occurrence.NEW_CONNECTION, i).toArray();
    columns[`backEnd.${d.name}.utilisation`] = Array.from(metrics.backEndSeries[i].utilisation);
    columns[`backEnd.${d.name}.queue`] = Array.from(metrics.backEndSeries[i].queue);
    columns[`backEnd.${d.name}.servers`] = Array.from(metrics.backEndSeries[i].servers);
    // 1 where the whole bin ran at flow level, 0 where any of it ran call by call.
    columns[`backEnd.${d.name}.flowLevel`] = Array.from(world.callModel.exactBins[i], (e) => 1 - e);
  });
  const idp = scenario.identityProvider;
  idp.regionIndices.forEach((region, i) => {
    const name = scenario.geography.regions[region].name;
    columns[`idp.${name}.loginPage.utilisation`] = Array.from(metrics.loginPageSeries[i].utilisation);
    columns[`idp.${name}.tokenEndpoint.utilisation`] = Array.from(metrics.tokenEndpointSeries[i].utilisation);
  });
  columns["globalService.utilisation"] = Array.from(metrics.globalServiceSeries[0].utilisation);
  columns["tokens.signIn.rate"] = signInTokens(world).map((n) => n / w);
  columns["tokens.renewal.rate"] = metrics
    .series(Occurrence.RENEWAL_SUCCEEDED)
    .toArray()
    .map((n) => n / w);
  scenario.userBases.forEach((u, i) => {
    columns[`sessions.${u.name}.active`] = Array.from(metrics.activeSeries[i]);
  });
  columns["failures.count"] = metrics.failureCount.toArray();
  FAILURE_CAUSES.forEach((cause, i) => {
    columns[`failures.${cause}`] = metrics.failuresByCause[i].toArray();
  });
  columns["dns.trafficManagerQueries"] = metrics.series(Occurrence.TRAFFIC_MANAGER_QUERY).toArray();
  return { binWidth: w, start: 0, startWeekSecond: scenario.simulation.startWeekSecond, columns };
}
