/**
 * The WFE's page traffic (issue 16): a signed-in session whose tab is active sends requests to
 * the WFE it signed in at (the application's pages, and whatever the app routes through its
 * front end), at its user base's `pageRate`, as a Poisson process. The requests to one WFE are
 * one Poisson stream at the sum of its sessions' rates (superposition, as the back ends' calls:
 * calls/back-end-calls.ts), attributed to a user base in proportion to rate. A request travels
 * half a round trip on the session's open connection (no new handshake), is served by the WFE
 * station beside the sign-ins' redirects and callbacks, and its answer takes another half round
 * trip back.
 *
 * Flow level, as the back ends' calls (calls/call-model.ts, the same rule and the same
 * `simulation.backEndCalls` settings): while a WFE is up and Erlang C's probability that a page
 * waits is small at the pages' rate, one request in k is drawn; the k requests' own work goes
 * into the station's busy integral and arrivals, and the drawn one's latency, with a wait drawn
 * from Erlang C's figures, is recorded k times. The sign-ins' own jobs still queue at the
 * station; far from saturation neither kind waits for the other to any measurable extent. Near
 * saturation, during an outage, or with `model: exact`, every page is a job of the WFE station
 * and queues with the sign-ins.
 *
 * The rate changes when a session goes active or idle, signs in or ends: the time left to the
 * next request is rescaled by old rate / new rate (a time change of the Poisson stream, exact
 * for any gap). Every draw is on the WFE's own streams (`wfe.<dc>.pageGaps`, `.pageCaller`,
 * `.pageJitter`, `.pageFlowWait`, and the service time `wfe.<dc>.page`).
 *
 * Not modelled: a session whose WFE is down keeps sending its pages there (each fails at once,
 * cause `outage`) until it signs in again; a real browser would reconnect elsewhere once its DNS
 * cache let it, so page failures during an outage are an upper bound.
 */
import { poissonCount, type RandomSource, type Sampler } from "../../engine/random/index.ts";
import type { EventHandle, Simulation } from "../../engine/simulation.ts";
import { DropReason, SubmitResult } from "../../engine/station/index.ts";
import type { CallModel } from "../calls/call-model.ts";
import { CallSlots } from "../calls/call-slots.ts";
import { Hop, jobOf } from "../flow/station-jobs.ts";
import type { Metrics } from "../measure/metrics.ts";
import { FailureIndex } from "../measure/metrics.ts";
import { Latency, Occurrence } from "../measure/signals.ts";
import type { World } from "../run/world.ts";
import type { Datacenters } from "../services/datacenters.ts";

/** Per-datacenter random sources of the page requests. */
export interface PageSamplers {
  /** Exp(1) gaps, scaled by the total rate. */
  readonly gap: Sampler;
  readonly caller: RandomSource;
  /** Standard normal, for the last mile's jitter. */
  readonly jitter: Sampler;
  /** Uniform draws at flow level: whether a drawn page waits, how long; pages in flight at an outage. */
  readonly flowWait: RandomSource;
}

export class PageRequests {
  /** Which WFEs carry their pages at flow level, per time bin. */
  readonly model: CallModel;
  private readonly w: World;
  private readonly sim: Simulation;
  private readonly datacenters: Datacenters;
  private readonly metrics: Metrics;
  private readonly samplers: readonly PageSamplers[];
  private readonly userBases: number;
  /** Per user base: page requests per active session [1/s]. */
  private readonly rate: Float64Array;
  /** Per (datacenter, user base): sessions sending pages to that WFE. */
  private readonly senders: Float64Array;
  private readonly senderTotal: Float64Array;
  /** Per datacenter: the pages' total rate now, and the rate the pending request was drawn at. */
  private readonly totalRate: Float64Array;
  private readonly drawRate: Float64Array;
  /** Per datacenter: the pending request's time, its event, and how many requests it stands for. */
  private readonly nextAt: Float64Array;
  private readonly handle: Float64Array;
  private readonly nextCount: Int32Array;
  /** Per session slot: the datacenter it sends pages to + 1 (0: none; fresh columns need no fill). */
  private senderDc = new Int32Array(0);
  private readonly requests = new CallSlots();
  private readonly pageKind: number;
  private readonly windowKind: number;

  constructor(world: World, samplers: readonly PageSamplers[], model: CallModel) {
    this.w = world;
    this.sim = world.sim;
    this.datacenters = world.datacenters;
    this.metrics = world.metrics;
    this.samplers = samplers;
    this.model = model;
    const dcs = world.scenario.datacenters.length;
    this.userBases = world.scenario.userBases.length;
    this.rate = Float64Array.from(world.scenario.userBases, (u) => u.pageRate);
    this.senders = new Float64Array(dcs * this.userBases);
    this.senderTotal = new Float64Array(dcs);
    this.totalRate = new Float64Array(dcs);
    this.drawRate = new Float64Array(dcs);
    this.nextAt = new Float64Array(dcs).fill(Number.POSITIVE_INFINITY);
    this.handle = new Float64Array(dcs).fill(-1);
    this.nextCount = new Int32Array(dcs).fill(1);
    this.pageKind = this.sim.defineEvent("wfe.page", (dc) => this.onPage(dc));
    this.windowKind = this.sim.defineEvent("wfe.pageModelWindow", (bin) => this.onWindow(bin));
    world.datacenters.beforeWfeDown = (dc) => this.onWfeDown(dc);
    // With `model: exact` no window is decided: every page is a job (the model's record says so).
    if (world.scenario.simulation.backEndCalls.model === "auto") this.sim.scheduleAt(0, this.windowKind, 0);
  }

  /** Whether any user base sends page traffic (else the run builds none of this). */
  static isWanted(world: World): boolean {
    return world.scenario.userBases.some((u) => u.pageRate > 0);
  }

  /** `session` starts sending pages to the WFE of `dc` (its tab is active and signed in). */
  add(session: number, dc: number): void {
    const ub = this.w.sessions.userBase[session];
    if (this.rate[ub] <= 0 || dc < 0) return;
    if (session >= this.senderDc.length) this.growSlots(session);
    if (this.senderDc[session] !== 0) return;
    this.senderDc[session] = dc + 1;
    this.senders[dc * this.userBases + ub]++;
    this.senderTotal[dc]++;
    this.totalRate[dc] += this.rate[ub];
    this.rateChanged(dc);
  }

  /** `session` stops sending pages (idle, signing in again, or ended). */
  remove(session: number): void {
    if (session >= this.senderDc.length) return;
    const dc = this.senderDc[session] - 1;
    if (dc < 0) return;
    const ub = this.w.sessions.userBase[session];
    this.senderDc[session] = 0;
    this.senders[dc * this.userBases + ub]--;
    // Exactly 0 when nobody is left, whatever rounding the running sum gathered.
    this.totalRate[dc] = --this.senderTotal[dc] === 0 ? 0 : this.totalRate[dc] - this.rate[ub];
    this.rateChanged(dc);
  }

  /** A page's answer left WFE `dc` (the station's onDone, job = request slot). */
  onDone(request: number): void {
    const { requests } = this;
    const now = this.sim.now;
    this.metrics.latency(
      Latency.WFE_PAGE,
      now,
      now + requests.rtt[request] / 2 - requests.start[request],
      requests.userBase[request],
      requests.datacenter[request],
    );
    requests.release(request);
  }

  /** A page timed out or was dropped by an outage at its WFE. */
  onDropped(request: number, reason: number): void {
    const { requests } = this;
    this.pageFailed(
      reason === DropReason.OUTAGE ? FailureIndex.outage : FailureIndex.timeout,
      this.sim.now,
      requests.userBase[request],
      requests.datacenter[request],
    );
    requests.release(request);
  }

  // --- the stream of requests ---

  /** The pages' rate to `dc` changed now: the pending request's time left is rescaled. */
  private rateChanged(dc: number): void {
    const now = this.sim.now;
    const rate = this.totalRate[dc];
    const old = this.drawRate[dc];
    if (rate === old && this.handle[dc] >= 0) return;
    if (this.model.isFlow[dc] === 1 && !this.model.allows(dc, rate, this.datacenters.wfe[dc].serverCount)) {
      this.leaveFlow(dc, now);
      return;
    }
    let at: number;
    if (rate <= 0) at = Number.POSITIVE_INFINITY;
    else if (old <= 0 || this.handle[dc] < 0) at = now + this.nextGap(dc) / rate;
    else at = now + ((this.nextAt[dc] - now) * old) / rate;
    this.drawRate[dc] = rate;
    this.reschedule(dc, at);
  }

  private reschedule(dc: number, at: number): void {
    const handle = this.handle[dc];
    if (handle >= 0) this.sim.cancel(handle as EventHandle);
    this.nextAt[dc] = at;
    this.handle[dc] = at === Number.POSITIVE_INFINITY ? -1 : this.sim.scheduleAt(at, this.pageKind, dc);
  }

  /** The gap to the next draw in units of 1 / rate: one request, or at flow level k (a sum of k). */
  private nextGap(dc: number): number {
    const gap = this.samplers[dc].gap;
    if (this.model.isFlow[dc] === 0) {
      this.nextCount[dc] = 1;
      return gap();
    }
    const k = this.model.sampleEvery[dc];
    this.nextCount[dc] = k;
    let sum = 0;
    for (let i = 0; i < k; i++) sum += gap();
    return sum;
  }

  private onPage(dc: number): void {
    this.handle[dc] = -1;
    const now = this.sim.now;
    const ub = this.pickSender(dc);
    const rtt = this.drawRtt(dc, ub);
    const isFlow = this.model.isFlow[dc] === 1;
    const k = isFlow ? this.nextCount[dc] : 1;
    this.metrics.countPages(dc, now, k);
    if (isFlow) this.pagesAtFlowLevel(dc, now, ub, rtt, k);
    else this.page(dc, now, ub, rtt);
    const rate = this.totalRate[dc];
    this.drawRate[dc] = rate;
    this.reschedule(dc, rate > 0 ? now + this.nextGap(dc) / rate : Number.POSITIVE_INFINITY);
  }

  /** One page as a job of the WFE station, queueing with the sign-ins. */
  private page(dc: number, now: number, ub: number, rtt: number): void {
    const request = this.requests.allocate(ub, dc, now - rtt / 2, rtt);
    const result = this.datacenters.wfe[dc].submit(
      jobOf(request, Hop.WFE_PAGE),
      this.datacenters.pageTime(dc),
    );
    if (result === SubmitResult.ACCEPTED) return;
    const cause = result === SubmitResult.REJECTED_DOWN ? FailureIndex.outage : FailureIndex.rejected;
    this.pageFailed(cause, now, ub, dc);
    this.requests.release(request);
  }

  /**
   * At flow level a drawn page stands for k: their work goes into the station's busy integral
   * and arrivals, timeouts are counted page by page, and the drawn page's latency (the first
   * that did not time out, with a wait drawn from Erlang C's figures) is recorded k times.
   */
  private pagesAtFlowLevel(dc: number, now: number, ub: number, rtt: number, k: number): void {
    const { model, datacenters } = this;
    model.countFlowCalls(dc, now, k);
    const u = this.samplers[dc].flowWait();
    const p = model.waitProbability[dc];
    // Given u < p, u / p is uniform: one draw says whether the pages wait and for how long.
    const wait = u < p ? -Math.log1p(-u / p) / model.waitRate[dc] : 0;
    const wfe = datacenters.wfe[dc];
    const limit = wfe.timeout - wait;
    let timeouts = 0;
    let work = -1;
    let allWork = 0;
    for (let i = 0; i < k; i++) {
      const w = datacenters.pageTime(dc);
      allWork += w;
      if (w >= limit) timeouts++;
      else if (work < 0) work = w;
    }
    wfe.addFlowWork(now, allWork);
    wfe.countFlowJobs(k, timeouts);
    if (timeouts > 0) this.pageFailed(FailureIndex.timeout, now + wfe.timeout, ub, dc, timeouts);
    if (work < 0) return;
    model.observeService(dc, work);
    const latency = rtt + wait + work;
    this.metrics.latencyMany(Latency.WFE_PAGE, now - rtt / 2 + latency, latency, ub, dc, k - timeouts);
  }

  private pageFailed(cause: number, at: number, ub: number, dc: number, times = 1): void {
    this.metrics.fail(cause, at, times);
    for (let i = 0; i < times; i++) this.metrics.count(Occurrence.WFE_PAGE_FAILED, at, ub, dc);
  }

  /** The sender of a page to `dc`: a user base in proportion to its senders' rate. */
  private pickSender(dc: number): number {
    const base = dc * this.userBases;
    let u = this.samplers[dc].caller() * this.totalRate[dc];
    let last = 0;
    for (let ub = 0; ub < this.userBases; ub++) {
      const r = this.senders[base + ub] * this.rate[ub];
      if (r <= 0) continue;
      last = ub;
      u -= r;
      if (u < 0) return ub;
    }
    return last;
  }

  /** A page's round trip from user base `ub` to `dc`, with the last mile's jitter [s]. */
  private drawRtt(dc: number, ub: number): number {
    return this.w.network.userRttWith(ub, this.datacenters.regionIndex[dc], this.samplers[dc].jitter);
  }

  // --- the model's windows ---

  /** A time bin starts: every WFE's page model is decided again. */
  private onWindow(bin: number): void {
    const now = this.sim.now;
    for (let dc = 0; dc < this.totalRate.length; dc++) {
      const wasFlow = this.model.isFlow[dc] === 1;
      const wfe = this.datacenters.wfe[dc];
      const rate = this.totalRate[dc];
      const isDown = this.datacenters.isWfeDown[dc] === 1;
      if (this.model.decide(dc, now, rate, wfe.serverCount, isDown)) {
        wfe.setFlowQueue(now, rate * this.model.meanWait(dc));
        // The pending draw keeps its k; the next one follows the window's.
      } else if (wasFlow) this.leaveFlow(dc, now);
    }
    const { timeBin, duration } = this.w.scenario.simulation;
    if ((bin + 1) * timeBin < duration) this.sim.scheduleAt((bin + 1) * timeBin, this.windowKind, bin + 1);
  }

  /**
   * WFE `dc` turns exact now: its pages are jobs from here. The pending draw stood for k pages;
   * the next page is drawn afresh (Exp is memoryless; a switch is rare).
   */
  private leaveFlow(dc: number, now: number): void {
    this.model.toExact(dc, now);
    this.datacenters.wfe[dc].setFlowQueue(now, 0);
    const rate = this.totalRate[dc];
    this.nextCount[dc] = 1;
    this.drawRate[dc] = rate;
    this.reschedule(dc, rate > 0 ? now + this.samplers[dc].gap() / rate : Number.POSITIVE_INFINITY);
  }

  /**
   * WFE `dc` is about to go down. At flow level its pages in flight are not jobs: Poisson(rate ×
   * mean service) of them are in service at a given instant (M/G/∞), each an outage failure, as
   * the station drops its jobs. Then it turns exact.
   */
  private onWfeDown(dc: number): void {
    if (this.model.isFlow[dc] === 0) return;
    const now = this.sim.now;
    const inFlight = poissonCount(
      this.samplers[dc].flowWait,
      this.totalRate[dc] * this.model.meanService[dc],
    );
    if (inFlight > 0) {
      this.datacenters.wfe[dc].countFlowOutageDrops(inFlight);
      // Attributed to the user base of one draw (the count is what the figures read).
      this.pageFailed(FailureIndex.outage, now, this.pickSender(dc), dc, inFlight);
    }
    this.leaveFlow(dc, now);
  }

  private growSlots(session: number): void {
    const n = Math.max(1024, this.w.sessions.capacity, session + 1);
    const grown = new Int32Array(n);
    grown.set(this.senderDc);
    this.senderDc = grown;
  }
}
