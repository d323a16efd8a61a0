/**
 * Everything a run measures, kept as measure/signals.ts declares: the flow says what happened
 * (`count`, `latency`, `fail`), this class keeps it (totals, per user base and datacenter,
 * time-binned series) and owns the warm-up gate (`isMeasuring`), so no call site checks it.
 * Memory is bounded: one sketch per signal and scope, one number per time bin.
 */

import {
  BinnedCounter,
  BinnedQuantiles,
  LatencySketch,
  type LatencySketchOptions,
  TimeWeighted,
} from "../../engine/stats/index.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";
import { FAILURE_CAUSES, type FailureCause } from "../run/run-result.ts";
import { RoutingMatrix } from "./routing-matrix.ts";
import {
  type Keeping,
  LATENCY_KEEPING,
  type Latency,
  OCCURRENCE_KEEPING,
  type Occurrence,
} from "./signals.ts";

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
  private lastBusy = 0;
  private lastQueued = 0;

  constructor(
    private readonly station: StationSignals,
    bins: number,
  ) {
    this.utilisation = new Float64Array(bins).fill(Number.NaN);
    this.queue = new Float64Array(bins).fill(Number.NaN);
    this.servers = new Float64Array(bins).fill(Number.NaN);
  }

  sample(bin: number, now: number, width: number): void {
    // Totals across the warm-up's reset: the bin it ends keeps its part before the reset.
    const busy = this.station.busy.totalIntegral(now);
    const queued = this.station.queued.totalIntegral(now);
    const servers = this.station.serverCount;
    this.utilisation[bin] = servers > 0 ? (busy - this.lastBusy) / width / servers : 0;
    this.queue[bin] = (queued - this.lastQueued) / width;
    this.servers[bin] = servers;
    this.lastBusy = busy;
    this.lastQueued = queued;
  }
}

// Keeping flags, one byte per signal (see signals.ts).
const TOTAL = 1;
const WHOLE_RUN = 2;
const PER_USER_BASE = 4;
const PER_DATACENTER = 8;
const SERIES = 16;
const SERIES_PER_DATACENTER = 32;
const QUANTILE_SERIES = 64;
const BY_PLACE = 128;

function flagsOf(k: Keeping): number {
  return (
    (k.total === true ? TOTAL : 0) |
    (k.wholeRun ? WHOLE_RUN : 0) |
    (k.perUserBase ? PER_USER_BASE : 0) |
    (k.perDatacenter ? PER_DATACENTER : 0) |
    (k.series === "total" ? SERIES : 0) |
    (k.series === "perDatacenter" ? SERIES_PER_DATACENTER : 0) |
    (k.series === "quantiles" ? QUANTILE_SERIES : 0) |
    (k.byPlace ? BY_PLACE : 0)
  );
}

export class Metrics {
  /** False during the warm-up: measured-period figures ignore what happens then. */
  isMeasuring = false;
  readonly bins: number;
  readonly binWidth: number;
  /** Per failure cause, measured period. */
  readonly failures = new Float64Array(FAILURE_CAUSES.length);
  /** Every failure, whatever its cause, per bin over the whole run. */
  readonly failureCount: BinnedCounter;
  /** The same per cause (FailureIndex order). */
  readonly failuresByCause: BinnedCounter[];
  readonly wfeSeries: StationSeries[];
  /** Per WFE and time bin: page requests that reached it (flow level and jobs alike), whole run. */
  readonly wfePages: Float64Array[];
  readonly backEndSeries: StationSeries[];
  /** The identity provider's stations per region, and the global service (for their peaks). */
  readonly loginPageSeries: StationSeries[];
  readonly tokenEndpointSeries: StationSeries[];
  readonly globalServiceSeries: StationSeries[];
  readonly activeSessions: TimeWeighted[];
  readonly activeSeries: Float64Array[];
  /** Logins per (user base, datacenter) pair, measured period and around an outage. */
  readonly routing: RoutingMatrix;

  private readonly userBases: number;
  private readonly datacenters: number;
  // Occurrences. PERF: numbers in typed arrays, not fields (boxed doubles).
  private readonly occurrenceFlags: Uint8Array;
  private readonly totals: Float64Array;
  private readonly wholeRunTotals: Float64Array;
  private readonly byUserBase: Float64Array;
  private readonly byDatacenter: Float64Array;
  private readonly countSeries: (BinnedCounter | null)[];
  private readonly countSeriesPerDatacenter: (BinnedCounter[] | null)[];
  // Latencies.
  private readonly latencyFlags: Uint8Array;
  private readonly sketchOptions: LatencySketchOptions;
  private readonly sketches: LatencySketch[];
  private readonly sketchesByUserBase: LatencySketch[][];
  private readonly sketchesByDatacenter: LatencySketch[][];
  /** Per (user base × datacenters + datacenter), for signals kept by place. */
  private readonly sketchesByPlace: LatencySketch[][];
  private readonly quantileSeries: (BinnedQuantiles | null)[];
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
    this.userBases = ubs;
    this.datacenters = dcs;
    const { duration, timeBin } = scenario.simulation;
    const range = { start: 0, end: duration, binWidth: timeBin };
    this.binWidth = timeBin;
    this.failureCount = new BinnedCounter(range);
    this.failuresByCause = FAILURE_CAUSES.map(() => new BinnedCounter(range));
    this.bins = this.failureCount.toArray().length;

    const occurrences = OCCURRENCE_KEEPING.length;
    this.occurrenceFlags = Uint8Array.from(OCCURRENCE_KEEPING, flagsOf);
    this.totals = new Float64Array(occurrences);
    this.wholeRunTotals = new Float64Array(occurrences);
    this.byUserBase = new Float64Array(occurrences * ubs);
    this.byDatacenter = new Float64Array(occurrences * dcs);
    this.countSeries = OCCURRENCE_KEEPING.map((k) =>
      k.series === "total" ? new BinnedCounter(range) : null,
    );
    this.countSeriesPerDatacenter = OCCURRENCE_KEEPING.map((k) =>
      k.series === "perDatacenter" ? Array.from({ length: dcs }, () => new BinnedCounter(range)) : null,
    );

    this.sketchOptions = { relativeAccuracy: scenario.simulation.percentileAccuracy };
    const sketches = (n: number) => Array.from({ length: n }, () => new LatencySketch(this.sketchOptions));
    this.latencyFlags = Uint8Array.from(LATENCY_KEEPING, flagsOf);
    this.sketches = LATENCY_KEEPING.map(() => new LatencySketch(this.sketchOptions));
    this.sketchesByUserBase = LATENCY_KEEPING.map((k) => (k.perUserBase ? sketches(ubs) : []));
    this.sketchesByDatacenter = LATENCY_KEEPING.map((k) => (k.perDatacenter ? sketches(dcs) : []));
    this.sketchesByPlace = LATENCY_KEEPING.map((k) => (k.byPlace ? sketches(ubs * dcs) : []));
    this.quantileSeries = LATENCY_KEEPING.map((k) =>
      k.series === "quantiles" ? new BinnedQuantiles(range, this.sketchOptions) : null,
    );

    this.wfeSeries = wfe.map((s) => new StationSeries(s, this.bins));
    this.wfePages = wfe.map(() => new Float64Array(this.bins));
    this.backEndSeries = backEnd.map((s) => new StationSeries(s, this.bins));
    this.loginPageSeries = shared.loginPage.map((s) => new StationSeries(s, this.bins));
    this.tokenEndpointSeries = shared.tokenEndpoint.map((s) => new StationSeries(s, this.bins));
    this.globalServiceSeries = shared.globalService.map((s) => new StationSeries(s, this.bins));
    this.activeSessions = Array.from({ length: ubs }, () => new TimeWeighted(0, 0));
    this.activeSeries = Array.from({ length: ubs }, () => new Float64Array(this.bins).fill(Number.NaN));
    this.lastActive = new Float64Array(ubs);
    this.routing = new RoutingMatrix(scenario);
  }

  /**
   * `what` happened at `now`, to a session of `userBase` at `datacenter` (-1: not known or not
   * kept; signals.ts says which scopes each occurrence needs).
   */
  count(what: Occurrence, now: number, userBase = -1, datacenter = -1): void {
    const f = this.occurrenceFlags[what];
    if ((f & SERIES) !== 0) this.countSeries[what]!.add(now);
    if ((f & SERIES_PER_DATACENTER) !== 0) this.countSeriesPerDatacenter[what]![datacenter].add(now);
    if ((f & WHOLE_RUN) !== 0) this.wholeRunTotals[what]++;
    if (!this.isMeasuring) return;
    if ((f & TOTAL) !== 0) this.totals[what]++;
    if ((f & PER_USER_BASE) !== 0) this.byUserBase[what * this.userBases + scope(userBase, what)]++;
    if ((f & PER_DATACENTER) !== 0) this.byDatacenter[what * this.datacenters + scope(datacenter, what)]++;
  }

  /** A duration of `seconds` ended at `now`, for a session of `userBase` at `datacenter`. */
  latency(what: Latency, now: number, seconds: number, userBase = -1, datacenter = -1): void {
    const f = this.latencyFlags[what];
    if ((f & QUANTILE_SERIES) !== 0) this.quantileSeries[what]!.record(now, seconds);
    if (!this.isMeasuring) return;
    if ((f & TOTAL) !== 0) this.sketches[what].record(seconds);
    if ((f & PER_USER_BASE) !== 0) this.sketchesByUserBase[what][scope(userBase, what)].record(seconds);
    if ((f & PER_DATACENTER) !== 0) this.sketchesByDatacenter[what][scope(datacenter, what)].record(seconds);
    if ((f & BY_PLACE) !== 0)
      this.sketchesByPlace[what][scope(userBase, what) * this.datacenters + scope(datacenter, what)].record(
        seconds,
      );
  }

  /**
   * `times` durations of `seconds` each, ended at `now`: one drawn sample standing for `times`
   * events (the back ends' flow-level calls). The same as `times` latency() calls.
   */
  latencyMany(
    what: Latency,
    now: number,
    seconds: number,
    userBase: number,
    datacenter: number,
    times: number,
  ): void {
    const f = this.latencyFlags[what];
    if ((f & QUANTILE_SERIES) !== 0)
      for (let i = 0; i < times; i++) this.quantileSeries[what]!.record(now, seconds);
    if (!this.isMeasuring) return;
    if ((f & TOTAL) !== 0) this.sketches[what].recordMany(seconds, times);
    if ((f & PER_USER_BASE) !== 0)
      this.sketchesByUserBase[what][scope(userBase, what)].recordMany(seconds, times);
    if ((f & PER_DATACENTER) !== 0)
      this.sketchesByDatacenter[what][scope(datacenter, what)].recordMany(seconds, times);
    if ((f & BY_PLACE) !== 0)
      this.sketchesByPlace[what][
        scope(userBase, what) * this.datacenters + scope(datacenter, what)
      ].recordMany(seconds, times);
  }

  /** `times` page requests reached WFE `datacenter` at `now`. */
  countPages(datacenter: number, now: number, times: number): void {
    this.wfePages[datacenter][Math.min(this.bins - 1, Math.floor(now / this.binWidth))] += times;
  }

  /** A failed attempt at `now`, by cause (FailureIndex); `times` of them at once. */
  fail(cause: number, now: number, times = 1): void {
    this.failureCount.add(now, times);
    this.failuresByCause[cause].add(now, times);
    if (this.isMeasuring) this.failures[cause] += times;
  }

  // --- reading (run/results.ts) ---

  total(what: Occurrence): number {
    return this.totals[what];
  }
  wholeRunTotal(what: Occurrence): number {
    return this.wholeRunTotals[what];
  }
  perUserBase(what: Occurrence, userBase: number): number {
    return this.byUserBase[what * this.userBases + userBase];
  }
  perDatacenter(what: Occurrence, datacenter: number): number {
    return this.byDatacenter[what * this.datacenters + datacenter];
  }
  series(what: Occurrence): BinnedCounter {
    return this.countSeries[what] ?? notKept(what, "a series");
  }
  seriesPerDatacenter(what: Occurrence, datacenter: number): BinnedCounter {
    return this.countSeriesPerDatacenter[what]?.[datacenter] ?? notKept(what, "a series per datacenter");
  }
  /** The measured-period sketch (a "merged" one is built from the per-place or per-user-base sketches). */
  sketch(what: Latency): LatencySketch {
    if (LATENCY_KEEPING[what].total !== "merged") return this.sketches[what];
    const parts = LATENCY_KEEPING[what].byPlace ? this.sketchesByPlace[what] : this.sketchesByUserBase[what];
    return this.merged(parts);
  }
  sketchByUserBase(what: Latency, userBase: number): LatencySketch {
    if (!LATENCY_KEEPING[what].byPlace) return this.sketchesByUserBase[what][userBase];
    const from = userBase * this.datacenters;
    return this.merged(this.sketchesByPlace[what].slice(from, from + this.datacenters));
  }
  sketchByDatacenter(what: Latency, datacenter: number): LatencySketch {
    if (!LATENCY_KEEPING[what].byPlace) return this.sketchesByDatacenter[what][datacenter];
    return this.merged(this.sketchesByPlace[what].filter((_, i) => i % this.datacenters === datacenter));
  }

  private merged(parts: readonly LatencySketch[]): LatencySketch {
    const all = new LatencySketch(this.sketchOptions);
    for (const part of parts) all.merge(part);
    return all;
  }
  quantiles(what: Latency): BinnedQuantiles {
    return this.quantileSeries[what] ?? notKept(what, "a quantile series");
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
      const integral = this.activeSessions[u].totalIntegral(now);
      this.activeSeries[u][bin] = (integral - this.lastActive[u]) / width;
      this.lastActive[u] = integral;
    }
  }
}

/** A scope index a kept scope needs: a call site that leaves it out is a bug, not a zero. */
function scope(index: number, what: number): number {
  if (index < 0) throw new RangeError(`signal ${what}: its scope (user base or datacenter) is kept, give it`);
  return index;
}

function notKept(what: number, as: string): never {
  throw new RangeError(`signal ${what} is not kept as ${as} (measure/signals.ts)`);
}
