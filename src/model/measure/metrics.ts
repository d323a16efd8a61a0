/**
 * Everything a run measures: latency sketches, counters and time-binned series.
 *
 * Where it sits: the flow calls these recorders at the moments that matter (a login completes,
 * a request is sent, a token is issued); this module decides how each is kept. Statistics only
 * count after the warm-up (`isMeasuring`); time series cover the whole run, so charts show the
 * warm-up too. Memory is bounded: one sketch per metric and scope, one number per time bin.
 */

import { BinnedCounter, BinnedQuantiles, LatencySketch, TimeWeighted } from "../../engine/stats/index.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";
import { FAILURE_CAUSES, type FailureCause, LOGIN_STEPS } from "../run/run-result.ts";
import { CumulativeIntegral } from "./cumulative-integral.ts";

export const FailureIndex = Object.fromEntries(FAILURE_CAUSES.map((c, i) => [c, i])) as Record<
  FailureCause,
  number
>;

/** What the series read of a station (any engine station). */
export interface StationSignals {
  readonly busy: TimeWeighted;
  readonly queued: TimeWeighted;
  readonly serverCount: number;
}

/** Per-bin means of a station's signals, read at every bin boundary. */
class StationSeries {
  readonly utilisation: Float64Array;
  readonly queue: Float64Array;
  readonly servers: Float64Array;
  private readonly busy: CumulativeIntegral;
  private readonly queued: CumulativeIntegral;
  private lastBusy = 0;
  private lastQueued = 0;

  constructor(
    private readonly station: StationSignals,
    bins: number,
  ) {
    this.utilisation = new Float64Array(bins).fill(Number.NaN);
    this.queue = new Float64Array(bins).fill(Number.NaN);
    this.servers = new Float64Array(bins).fill(Number.NaN);
    this.busy = new CumulativeIntegral(station.busy);
    this.queued = new CumulativeIntegral(station.queued);
  }

  sample(bin: number, now: number, width: number): void {
    const busy = this.busy.read(now);
    const queued = this.queued.read(now);
    const servers = this.station.serverCount;
    this.utilisation[bin] = servers > 0 ? (busy - this.lastBusy) / width / servers : 0;
    this.queue[bin] = (queued - this.lastQueued) / width;
    this.servers[bin] = servers;
    this.lastBusy = busy;
    this.lastQueued = queued;
  }
}

export class Metrics {
  isMeasuring = false;
  /** Whole-run session totals (warm-up included), for conservation: started = ended + active. */
  sessionsStarted = 0;
  sessionsEnded = 0;
  readonly login = new LatencySketch();
  readonly loginSystem = new LatencySketch();
  readonly renewal = new LatencySketch();
  readonly steps = LOGIN_STEPS.map(() => new LatencySketch());
  readonly loginByUserBase: LatencySketch[];
  readonly loginSystemByUserBase: LatencySketch[];
  /** API call latency per user base; the overall figure is their merge (results.ts). */
  readonly backEndByUserBase: LatencySketch[];
  readonly renewalByUserBase: LatencySketch[];
  readonly loginByDatacenter: LatencySketch[];
  readonly loginSystemByDatacenter: LatencySketch[];

  // Counters (measured period only). PERF: numbers in typed arrays, not fields (boxed doubles).
  readonly counts = new Float64Array(32);
  readonly failures = new Float64Array(FAILURE_CAUSES.length);
  readonly sessionsByUserBase: Float64Array;
  readonly loginsByUserBase: Float64Array;
  readonly loginFailuresByUserBase: Float64Array;
  readonly loginsByDatacenter: Float64Array;

  // Time series (whole run).
  readonly bins: number;
  readonly binWidth: number;
  readonly loginCount: BinnedCounter;
  readonly loginLatency: BinnedQuantiles;
  readonly wfeRequests: BinnedCounter[];
  readonly newConnections: BinnedCounter[];
  readonly tokensInteractive: BinnedCounter;
  readonly tokensRenewal: BinnedCounter;
  readonly failureCount: BinnedCounter;
  readonly trafficManagerQueries: BinnedCounter;
  readonly wfeSeries: StationSeries[];
  readonly backEndSeries: StationSeries[];
  /** The identity provider's stations per region, and the global service (for their peaks). */
  readonly loginPageSeries: StationSeries[];
  readonly tokenEndpointSeries: StationSeries[];
  readonly globalServiceSeries: StationSeries[];
  readonly activeSessions: TimeWeighted[];
  readonly activeSeries: Float64Array[];
  private readonly activeIntegral: CumulativeIntegral[];
  private readonly lastActive: Float64Array;

  constructor(
    scenario: ResolvedScenario,
    wfe: StationSignals[],
    backEnd: StationSignals[],
    shared: {
      readonly loginPage: readonly StationSignals[];
      readonly tokenEndpoint: readonly StationSignals[];
      readonly globalService: readonly StationSignals[];
    } = { loginPage: [], tokenEndpoint: [], globalService: [] },
  ) {
    const ubs = scenario.userBases.length;
    const dcs = scenario.datacenters.length;
    const sketches = (n: number) => Array.from({ length: n }, () => new LatencySketch());
    this.loginByUserBase = sketches(ubs);
    this.loginSystemByUserBase = sketches(ubs);
    this.backEndByUserBase = sketches(ubs);
    this.renewalByUserBase = sketches(ubs);
    this.loginByDatacenter = sketches(dcs);
    this.loginSystemByDatacenter = sketches(dcs);
    this.sessionsByUserBase = new Float64Array(ubs);
    this.loginsByUserBase = new Float64Array(ubs);
    this.loginFailuresByUserBase = new Float64Array(ubs);
    this.loginsByDatacenter = new Float64Array(dcs);
    const { duration, timeBin } = scenario.simulation;
    const range = { start: 0, end: duration, binWidth: timeBin };
    this.binWidth = timeBin;
    this.loginCount = new BinnedCounter(range);
    this.bins = this.loginCount.toArray().length;
    this.loginLatency = new BinnedQuantiles(range);
    this.wfeRequests = Array.from({ length: dcs }, () => new BinnedCounter(range));
    this.newConnections = Array.from({ length: dcs }, () => new BinnedCounter(range));
    this.tokensInteractive = new BinnedCounter(range);
    this.tokensRenewal = new BinnedCounter(range);
    this.failureCount = new BinnedCounter(range);
    this.trafficManagerQueries = new BinnedCounter(range);
    this.wfeSeries = wfe.map((s) => new StationSeries(s, this.bins));
    this.backEndSeries = backEnd.map((s) => new StationSeries(s, this.bins));
    this.loginPageSeries = shared.loginPage.map((s) => new StationSeries(s, this.bins));
    this.tokenEndpointSeries = shared.tokenEndpoint.map((s) => new StationSeries(s, this.bins));
    this.globalServiceSeries = shared.globalService.map((s) => new StationSeries(s, this.bins));
    this.activeSessions = Array.from({ length: ubs }, () => new TimeWeighted(0, 0));
    this.activeIntegral = this.activeSessions.map((a) => new CumulativeIntegral(a));
    this.activeSeries = Array.from({ length: ubs }, () => new Float64Array(this.bins).fill(Number.NaN));
    this.lastActive = new Float64Array(ubs);
  }

  count(which: number, amount = 1): void {
    if (this.isMeasuring) this.counts[which] += amount;
  }

  fail(cause: number, now: number): void {
    this.failureCount.add(now);
    if (this.isMeasuring) this.failures[cause]++;
  }

  /** Closes time bin `bin` at `now` (its end): reads the level signals' integrals. */
  sampleBin(bin: number, now: number): void {
    const width = Math.min(this.binWidth, now - bin * this.binWidth);
    if (width <= 0) return;
    for (const s of this.wfeSeries) s.sample(bin, now, width);
    for (const s of this.backEndSeries) s.sample(bin, now, width);
    for (const s of this.loginPageSeries) s.sample(bin, now, width);
    for (const s of this.tokenEndpointSeries) s.sample(bin, now, width);
    for (const s of this.globalServiceSeries) s.sample(bin, now, width);
    for (let u = 0; u < this.activeSessions.length; u++) {
      const integral = this.activeIntegral[u].read(now);
      this.activeSeries[u][bin] = (integral - this.lastActive[u]) / width;
      this.lastActive[u] = integral;
    }
  }
}

/** Indices into Metrics.counts. */
export const Count = {
  SESSIONS_STARTED: 0,
  SESSIONS_ENDED: 1,
  LOGINS_STARTED: 2,
  LOGINS_COMPLETED: 3,
  LOGINS_FAILED: 4,
  INTERACTIVE: 5,
  SSO: 6,
  EMBEDDED: 7,
  REAUTH: 8,
  RENEWALS_ATTEMPTED: 9,
  RENEWALS_SUCCEEDED: 10,
  RENEWAL_RETRIES: 11,
  RENEWALS_FAILED: 12,
  BACKEND_OK: 13,
  BACKEND_FAILED: 14,
  TOKENS_INTERACTIVE: 15,
  TOKENS_RENEWAL: 16,
  TOKENS_EMBEDDED: 17,
} as const;
