/**
 * Which back ends carry their API calls at flow level, window by window (issue 19; docs/model.md
 * "Back-end calls at flow level").
 *
 * SimGrid's lesson (Velho et al., "On the validity of flow-level TCP network models for grid and
 * cloud simulations", ACM TOMACS 23(4), 2013): where individual packets do not change the
 * answer, a flow model gives the same figures at a fraction of the cost, and it must say where
 * it stops being valid. Here a call changes nothing but its own latency and its server's
 * occupancy while the back end is far from saturation, so there:
 *
 * - the load is the calls' own: each of the k calls a drawn one stands for draws its server time,
 *   and the sum goes into the station's busy integral at their arrival (the same total and the
 *   same noise per time bin as playing them; only where in the bin each job's work lies moves);
 *   the mean queue is rate × mean wait (Little); timeouts are counted call by call;
 * - latency comes from one call in k, drawn exactly as the call-by-call path draws it (round
 *   trip with jitter, the call's work and signature check), plus a wait that is zero with
 *   probability 1 - C and exponential with probability C, Erlang C's M/M/c figures (the mean
 *   scaled by (1 + cs²)/2 for the service's own variability, Allen-Cunneen), recorded k times.
 *
 * A back end is carried at flow level in a window (the time bin) when it is up and Erlang C's
 * probability of waiting at the window's starting rate is at most `maxWaitProbability` with 10%
 * to spare; within the window it falls back to the exact path the moment its rate would break
 * that bound or it goes down. Near saturation the exact path runs: the queue is what matters
 * there. The per-session events (on-demand renewal, the 401 after expiry) never depend on a
 * valid caller's call, so they are drawn exactly in both cases (back-end-calls.ts).
 */
import { erlangC } from "../../engine/analytic/queueing-formulas.ts";
import type { ResolvedBackEndCalls } from "../../scenario/index.ts";

/** Below this many drawn calls per second a back end keeps every call of its flow (k = 1). */
const MIN_SAMPLED_RATE = 50;
/** A window starts at flow level only below this share of the largest flow-level rate. */
const START_HEADROOM = 0.9;

export class CallModel {
  /** Per back end: 1 while its calls are carried at flow level, 0 while played call by call. */
  readonly isFlow: Uint8Array;
  /** Per back end: one call drawn in this many (1 on the exact path). */
  readonly sampleEvery: Int32Array;
  /** Per back end, this window: Erlang C's probability that a call waits, and 1 / mean wait of those that do. */
  readonly waitProbability: Float64Array;
  readonly waitRate: Float64Array;
  /** Per back end: mean server time per call [s] (no key fetch). */
  readonly meanService: Float64Array;
  /**
   * Per back end and time bin, whole run: calls carried at flow level, and 1 where any part of
   * the bin ran call by call (a flag, not a count: the exact path's calls are the station's
   * arrivals, so it pays nothing per call for this).
   */
  readonly flowCalls: Float64Array[];
  readonly exactBins: Uint8Array[];
  private readonly config: ResolvedBackEndCalls;
  /** Per back end: the largest call rate allowed at flow level, for `limitServers` servers. */
  private readonly maxRate: Float64Array;
  private readonly limitServers: Float64Array;
  /** Per back end: sums of drawn server times and their squares (cs² for the wait's mean). */
  private readonly serviceSum: Float64Array;
  private readonly serviceSquares: Float64Array;
  private readonly serviceCount: Float64Array;
  private readonly binWidth: number;

  constructor(config: ResolvedBackEndCalls, meanService: Float64Array, bins: number, binWidth: number) {
    const dcs = meanService.length;
    this.config = config;
    this.meanService = meanService;
    this.binWidth = binWidth;
    this.isFlow = new Uint8Array(dcs);
    this.sampleEvery = new Int32Array(dcs).fill(1);
    this.waitProbability = new Float64Array(dcs);
    this.waitRate = new Float64Array(dcs).fill(Number.POSITIVE_INFINITY);
    this.flowCalls = Array.from({ length: dcs }, () => new Float64Array(bins));
    this.exactBins = Array.from({ length: dcs }, () =>
      new Uint8Array(bins).fill(config.model === "exact" ? 1 : 0),
    );
    this.maxRate = new Float64Array(dcs);
    this.limitServers = new Float64Array(dcs).fill(-1);
    this.serviceSum = new Float64Array(dcs);
    this.serviceSquares = new Float64Array(dcs);
    this.serviceCount = new Float64Array(dcs);
  }

  /**
   * Decides back end `dc`'s model for the window starting now: flow level when allowed, up, not
   * faulted (an outage, a signing-key copy lacking a key) and with room below the largest flow-level rate; sets k and the wait's figures. Returns isFlow.
   */
  decide(dc: number, now: number, rate: number, servers: number, isFaulted: boolean): boolean {
    const isFlow =
      this.config.model === "auto" && !isFaulted && rate <= START_HEADROOM * this.maxFlowRate(dc, servers);
    this.isFlow[dc] = isFlow ? 1 : 0;
    if (!isFlow) {
      this.sampleEvery[dc] = 1;
      this.markExact(dc, now);
      return false;
    }
    this.resample(dc, rate);
    this.setWait(dc, rate, servers);
    return true;
  }

  /**
   * Whether a flow-level back end may stay at flow level at `rate` (else it turns exact now);
   * when it may, k follows the rate (each sample's weight is its own, so k may change any time).
   */
  allows(dc: number, rate: number, servers: number): boolean {
    if (rate > this.maxFlowRate(dc, servers)) return false;
    this.resample(dc, rate);
    return true;
  }

  /** k: as many calls per drawn one as keep MIN_SAMPLED_RATE drawn per second, at most sampleOneIn. */
  private resample(dc: number, rate: number): void {
    this.sampleEvery[dc] = Math.max(
      1,
      Math.min(this.config.sampleOneIn, Math.floor(rate / MIN_SAMPLED_RATE)),
    );
  }

  /** Back end `dc` leaves flow level at `now`, until the next window. */
  toExact(dc: number, now: number): void {
    this.isFlow[dc] = 0;
    this.markExact(dc, now);
    this.sampleEvery[dc] = 1;
  }

  /** Mean wait of a call at `rate` this window [s] (Little's law gives the mean queue from it). */
  meanWait(dc: number): number {
    return this.waitProbability[dc] / this.waitRate[dc];
  }

  /** A drawn server time at flow level, for the service's squared coefficient of variation. */
  observeService(dc: number, seconds: number): void {
    this.serviceSum[dc] += seconds;
    this.serviceSquares[dc] += seconds * seconds;
    this.serviceCount[dc]++;
  }

  /** Counts `calls` carried at flow level at `t`, in their bin. */
  countFlowCalls(dc: number, t: number, calls: number): void {
    this.flowCalls[dc][this.binOf(t)] += calls;
  }

  /** Back end `dc` plays its calls one by one from `t` (to the end of that bin at least). */
  markExact(dc: number, t: number): void {
    this.exactBins[dc][this.binOf(t)] = 1;
  }

  private binOf(t: number): number {
    return Math.min(this.flowCalls[0].length - 1, Math.floor(t / this.binWidth));
  }

  /** The largest rate at which Erlang C's probability of waiting is at most the bound. */
  private maxFlowRate(dc: number, servers: number): number {
    if (this.limitServers[dc] !== servers) {
      this.limitServers[dc] = servers;
      this.maxRate[dc] = largestRate(servers, this.meanService[dc], this.config.maxWaitProbability);
    }
    return this.maxRate[dc];
  }

  private setWait(dc: number, rate: number, servers: number): void {
    const s = this.meanService[dc];
    const load = rate * s;
    const c = erlangC(servers, load);
    this.waitProbability[dc] = c;
    // Allen-Cunneen: the M/M/c wait scaled by (1 + cs²)/2; cs² from the calls drawn so far.
    const n = this.serviceCount[dc];
    const mean = n > 0 ? this.serviceSum[dc] / n : s;
    const scv = n > 1 ? Math.max(0, this.serviceSquares[dc] / n - mean * mean) / (mean * mean) : 1;
    const mmcWaitRate = servers / s - rate;
    this.waitRate[dc] = mmcWaitRate > 0 ? (2 * mmcWaitRate) / (1 + scv) : Number.POSITIVE_INFINITY;
  }
}

/** Bisection on the offered load: the largest rate with erlangC(servers, rate × s) <= bound. */
function largestRate(servers: number, meanService: number, bound: number): number {
  if (!(servers > 0) || !(meanService > 0) || !Number.isFinite(meanService)) return 0;
  let lo = 0;
  let hi = servers;
  for (let i = 0; i < 60 && hi - lo > 1e-9 * servers; i++) {
    const mid = (lo + hi) / 2;
    if (erlangC(servers, mid) <= bound) lo = mid;
    else hi = mid;
  }
  return lo / meanService;
}
