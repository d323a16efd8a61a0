/**
 * Valid callers' API calls and the back ends' work on them (calls/back-end-calls.ts says who
 * calls; this plays the calls): a local process per datacenter, outside the simulation's event
 * queue (engine/station/local-station.ts), that the simulation plays up to the clock before any
 * event that observes it. Exact on the exact path: nothing else depends on these calls, and every
 * change of the callers (one joins, leaves or renews, a fault, an autoscaler) is applied at its
 * own time. When the total rate changes from R to R', the time left to the next call is rescaled
 * by R / R' (a time change of the Poisson stream, exact for any gap).
 *
 * At flow level (call-model.ts) a back end far from saturation and up draws one call in k (every
 * k-th of the same Poisson stream), records its latency for all k and takes the k calls' own work
 * into its busy integral; the exact path runs near saturation, in an outage, or with
 * `simulation.backEndCalls.model: exact`; the switch is per back end and time bin.
 *
 * A call reaches the back end half a round trip after the browser sent it, pays the station's
 * queueing plus the call's work, a signature check, and a signing-key fetch when the cached keys
 * have expired, and its answer takes another half round trip back. Calls are open-loop (a session
 * may have two in flight). Each datacenter draws its call gaps, callers, jitter and flow-level
 * waits from its own streams (`backEnd.<dc>.callGaps`, `.caller`, `.jitter`, `.flowWait`), so its
 * numbers do not depend on the order in which datacenters are played.
 */
import { poissonCount, type RandomSource, type Sampler } from "../../engine/random/index.ts";
import type { LocalProcess, Simulation } from "../../engine/simulation.ts";
import {
  DropReason,
  type LocalStation,
  type LocalStationHooks,
  SubmitResult,
} from "../../engine/station/index.ts";
import type { Metrics } from "../measure/metrics.ts";
import { FailureIndex } from "../measure/metrics.ts";
import { Latency, Occurrence } from "../measure/signals.ts";
import type { World } from "../run/world.ts";
import type { Datacenters } from "../services/datacenters.ts";
import type { CallModel } from "./call-model.ts";
import { CallSlots } from "./call-slots.ts";
import type { CallerGroups } from "./caller-groups.ts";
import type { KeyedCallers } from "./keyed-callers.ts";

/** Per-datacenter random sources of the calls. */
export interface CallSamplers {
  /** Exp(1) gaps, scaled by the total rate. */
  readonly gap: Sampler;
  readonly caller: RandomSource;
  /** Standard normal, for the last mile's jitter. */
  readonly jitter: Sampler;
  /** Uniform draws at flow level: whether a drawn call waits, how long; in-flight calls at an outage. */
  readonly flowWait: RandomSource;
}

export class ValidCalls implements LocalStationHooks, LocalProcess {
  /** Which back ends run at flow level (call-model.ts). */
  readonly model: CallModel;
  private readonly w: World;
  private readonly sim: Simulation;
  private readonly datacenters: Datacenters;
  private readonly metrics: Metrics;
  private readonly userBases: number;
  private readonly clusters: LocalStation[];
  private readonly dcSamplers: readonly CallSamplers[];
  /** Per datacenter: total rate of valid callers, and the rate `nextValid` was drawn at. */
  private readonly validRate: Float64Array;
  private readonly drawRate: Float64Array;
  /**
   * Per datacenter: the next valid call, and how many calls it is (1 on the exact path; at flow
   * level k, the k-th of the calls after the last one drawn: its gap is a sum of k exponential
   * gaps, so the calls per time bin stay Poisson, as they are when played one by one).
   */
  private readonly nextValid: Float64Array;
  private readonly nextCalls: Int32Array;
  private readonly flowCallKind: Int32Array;
  private windowKind = -1;
  private readonly regionOf: Int32Array;
  /**
   * PERF: per (datacenter, user base), the round trip without jitter, and per user base the
   * jitter; rebuilt when the network's version changes (a latency spike), checked at each play.
   */
  private readonly baseRtt: Float64Array;
  private readonly jitterSd: Float64Array;
  private rttVersion = -1;
  /** In-flight calls: job id = call slot. */
  private readonly calls = new CallSlots();

  /** `groups` and `rate`: who calls, and each user base's per-session call rate (BackEndCalls). */
  constructor(
    world: World,
    dcSamplers: readonly CallSamplers[],
    private readonly groups: CallerGroups,
    private readonly rate: Float64Array,
    private readonly keyed: KeyedCallers | null,
  ) {
    this.w = world;
    this.sim = world.sim;
    this.datacenters = world.datacenters;
    this.metrics = world.metrics;
    this.model = world.callModel;
    const dcs = world.scenario.datacenters.length;
    this.userBases = world.scenario.userBases.length;
    this.clusters = world.datacenters.backEnd;
    this.dcSamplers = dcSamplers;
    this.regionOf = world.datacenters.regionIndex;
    this.baseRtt = new Float64Array(dcs * this.userBases);
    this.jitterSd = Float64Array.from(world.scenario.userBases, (_, u) => world.network.jitterOf(u));
    this.validRate = new Float64Array(dcs);
    this.drawRate = new Float64Array(dcs);
    this.nextCalls = new Int32Array(dcs).fill(1);
    this.nextValid = new Float64Array(dcs).fill(Number.POSITIVE_INFINITY);
    // Kinds of the auto model only: with every call exact the trajectory is the exact path's.
    this.flowCallKind = Int32Array.from(world.scenario.datacenters, (d) =>
      this.isAuto ? world.sim.defineLocalEvent(`backEnd.${d.name}.flowCall`) : -1,
    );
    for (const cluster of this.clusters) cluster.bind(this);
    world.sim.addLocalProcess(this);
    world.datacenters.beforeBackEndDown = (dc) => this.onBackEndDown(dc);
    world.signingKeys.onBackEndLacksKey = (dc) => this.onBackEndLacksKey(dc);
  }

  private get isAuto(): boolean {
    return this.w.scenario.simulation.backEndCalls.model === "auto";
  }

  /**
   * Each time bin is a window: the model of every back end is decided at its start. Until the
   * first decision (at 0, once the warm start's sessions are in) every back end is exact. Called
   * once, after BackEndCalls defined its own event kinds (their numbers are in the trajectory).
   */
  startWindows(): void {
    if (!this.isAuto) return;
    this.windowKind = this.sim.defineEvent("backEnd.callModelWindow", (bin) => this.onWindow(bin), {
      observes: true,
    });
    this.sim.scheduleAt(0, this.windowKind, 0);
  }

  /**
   * Every datacenter's valid calls and its back end's completions up to `until`. The simulation
   * calls this (this is a local process) before each event of a kind that observes the back
   * ends (a bin boundary, the warm-up's end, a fault, an autoscaler) and at the end of a run;
   * a change of a datacenter's callers (BackEndCalls: one joins, leaves or renews) plays that
   * datacenter first.
   */
  playUntil(until: number): void {
    for (let dc = 0; dc < this.clusters.length; dc++) this.play(dc, until);
  }

  nextLocalTime(): number {
    let t = Number.POSITIVE_INFINITY;
    for (let dc = 0; dc < this.clusters.length; dc++)
      t = Math.min(t, this.nextValid[dc], this.clusters[dc].nextTime());
    return t;
  }

  /** Plays datacenter `dc`'s valid calls and its back end's completions up to `until` (before its
   * callers change, BackEndCalls plays it up to now). */
  play(dc: number, until: number): void {
    const cluster = this.clusters[dc];
    let t = this.nextValid[dc];
    if (t <= until) {
      if (this.w.network.version[0] !== this.rttVersion) this.refreshRtts();
      const gap = this.dcSamplers[dc].gap;
      const budget = this.w.datacenters.localBudget;
      // The model changes only in handlers, between plays.
      const isFlow = this.model.isFlow[dc] === 1;
      do {
        cluster.advance(t);
        if (budget[0] <= 0) {
          // A --max-events guard ran out: stop here and resume from this call if asked again.
          budget[0] = -1; // ran out with work left
          this.sim.stop();
          this.nextValid[dc] = t;
          return;
        }
        budget[0]--;
        if (isFlow) this.callFlow(dc, t, this.nextCalls[dc]);
        else this.callValid(dc, t);
        // The rate is unchanged while playing: it changes only in handlers, between plays.
        t += this.nextGap(dc, gap) / this.drawRate[dc];
      } while (t <= until);
      this.nextValid[dc] = t;
    }
    cluster.advance(until);
  }

  /** A valid caller's call at `t`: its user base in proportion to rate, then the back end. */
  private callValid(dc: number, t: number): void {
    const ub = this.pickCaller(dc);
    // A removed signing key: the instance the call reaches may lack it (keyed-callers.ts).
    if (this.keyed?.rejectsCall(dc, this.groups.group(dc, ub, false), t)) return;
    this.submit(dc, t, ub, this.drawRtt(dc, ub), this.datacenters.backEndCallTime(dc, t));
  }

  /**
   * At flow level, a drawn call at `t` stands for k: its latency is recorded for all of them, with
   * a wait drawn from the window's Erlang C figures, and the station counts them and takes their
   * server time as work done (addFlowWork). Each of the k draws its own work, so timeouts (a work in the
   * service's far tail) are counted exactly, not k at a time; the recorded latency is that of the
   * first of them that did not time out. The first call after the signing keys expired is played
   * as a job of its own, as on the exact path (it pays the fetch; the others do not).
   */
  private callFlow(dc: number, t: number, k: number): void {
    const { datacenters, metrics, model } = this;
    const ub = this.pickCaller(dc);
    const rtt = this.drawRtt(dc, ub);
    this.sim.foldLocal(t, this.flowCallKind[dc], ub);
    datacenters.flowSamples[0]++;
    let calls = k;
    const keyFetch = datacenters.keyFetchTime(dc, t);
    if (keyFetch > 0) {
      // Played as a job for its fetch, but one of the k this draw stands for: a flow-level call.
      model.countFlowCalls(dc, t, 1);
      this.submit(dc, t, ub, rtt, datacenters.backEndCallWork(dc) + keyFetch);
      if (--calls === 0) return;
    }
    model.countFlowCalls(dc, t, calls);
    const u = this.dcSamplers[dc].flowWait();
    const p = model.waitProbability[dc];
    // Given u < p, u / p is uniform: one draw says whether the calls wait and for how long.
    const wait = u < p ? -Math.log1p(-u / p) / model.waitRate[dc] : 0;
    const cluster = this.clusters[dc];
    const limit = cluster.timeout - wait;
    let timeouts = 0;
    let work = -1;
    let allWork = 0;
    for (let i = 0; i < calls; i++) {
      const w = datacenters.backEndCallWork(dc);
      allWork += w;
      if (w >= limit) timeouts++;
      else if (work < 0) work = w;
    }
    // A timed-out call still holds its server to the end of its work (as an orphan would).
    cluster.addFlowWork(t, allWork);
    cluster.countFlowJobs(calls, timeouts);
    if (timeouts > 0) {
      const at = t + cluster.timeout;
      metrics.fail(FailureIndex.timeout, at, timeouts);
      for (let i = 0; i < timeouts; i++) metrics.count(Occurrence.BACK_END_CALL_FAILED, at);
    }
    if (work < 0) return;
    model.observeService(dc, work);
    const latency = rtt + wait + work;
    metrics.latencyMany(Latency.BACK_END_CALL, t - rtt / 2 + latency, latency, ub, dc, calls - timeouts);
  }

  /** The caller of a valid call to `dc`: a user base in proportion to its callers' rate. */
  private pickCaller(dc: number): number {
    return this.groups.pickUserBase(dc, false, this.dcSamplers[dc].caller() * this.validRate[dc], this.rate);
  }

  /** A call's round trip from user base `ub` to `dc`, with the last mile's jitter [s]. */
  private drawRtt(dc: number, ub: number): number {
    const sd = this.jitterSd[ub];
    return Math.max(
      0,
      this.baseRtt[dc * this.userBases + ub] + (sd > 0 ? sd * this.dcSamplers[dc].jitter() : 0),
    );
  }

  /** Offers a call (arrived at `t`, round trip `rtt`, needing `service`) to back end `dc`. */
  private submit(dc: number, t: number, ub: number, rtt: number, service: number): void {
    const call = this.calls.allocate(ub, dc, t - rtt / 2, rtt);
    const result = this.clusters[dc].submit(call, service, t);
    if (result !== SubmitResult.ACCEPTED) {
      this.metrics.fail(
        result === SubmitResult.REJECTED_DOWN ? FailureIndex.outage : FailureIndex.rejected,
        t,
      );
      this.metrics.count(Occurrence.BACK_END_CALL_FAILED, t);
      this.calls.release(call);
    }
  }

  /** A call's answer left the back end at `time` (the cluster calls this). */
  onDone(call: number, time: number): void {
    const { calls } = this;
    this.metrics.latency(
      Latency.BACK_END_CALL,
      time,
      time + calls.rtt[call] / 2 - calls.start[call],
      calls.userBase[call],
      calls.datacenter[call],
    );
    calls.release(call);
  }

  /** A call timed out or was dropped by an outage at `time` (the cluster calls this). */
  onDrop(call: number, reason: number, time: number): void {
    const metrics = this.metrics;
    metrics.fail(reason === DropReason.OUTAGE ? FailureIndex.outage : FailureIndex.timeout, time);
    metrics.count(Occurrence.BACK_END_CALL_FAILED, time);
    this.calls.release(call);
  }

  private refreshRtts(): void {
    const { network } = this.w;
    this.rttVersion = network.version[0];
    for (let dc = 0; dc < this.clusters.length; dc++)
      for (let u = 0; u < this.userBases; u++)
        this.baseRtt[dc * this.userBases + u] = network.userBaseRtt(u, this.regionOf[dc]);
  }

  /**
   * The valid callers of `dc` changed at `now` (played up to `now`): their total rate is read
   * again from the caller groups, and a back end at flow level
   * turns exact if the new rate breaks its bound, else its load follows the rate.
   */
  rateChanged(dc: number, now: number): void {
    const rate = this.groups.rateOf(dc, false, this.rate);
    this.validRate[dc] = rate;
    if (this.model.isFlow[dc] === 1) {
      if (this.model.allows(dc, rate, this.clusters[dc].serverCount)) this.setFlowLevels(dc, now);
      else this.leaveFlow(dc, now);
    }
    this.setDrawRate(dc, now, rate);
  }

  /** Draws the next valid call at `rate` from `now` on; Exp is memoryless, so the time left is rescaled. */
  private setDrawRate(dc: number, now: number, rate: number): void {
    const old = this.drawRate[dc];
    this.drawRate[dc] = rate;
    if (rate <= 0) this.nextValid[dc] = Number.POSITIVE_INFINITY;
    else if (old <= 0) this.nextValid[dc] = now + this.nextGap(dc, this.dcSamplers[dc].gap) / rate;
    else if (rate !== old) this.nextValid[dc] = now + ((this.nextValid[dc] - now) * old) / rate;
  }

  /**
   * The gap to the next valid call drawn, in units of 1 / rate (the rate may change before it:
   * setDrawRate rescales what is left, a time change that is exact for any gap), and how many
   * calls it is: one, or at flow level the current k, the sum of k unit exponential gaps.
   */
  private nextGap(dc: number, gap: Sampler): number {
    if (this.model.isFlow[dc] === 0) {
      this.nextCalls[dc] = 1;
      return gap();
    }
    const k = this.model.sampleEvery[dc];
    this.nextCalls[dc] = k;
    let sum = 0;
    for (let i = 0; i < k; i++) sum += gap();
    return sum;
  }

  // --- the call model's windows ---

  /** A time bin starts: every back end's model is decided again (played up to now first). */
  private onWindow(bin: number): void {
    const now = this.sim.now;
    for (let dc = 0; dc < this.clusters.length; dc++) {
      this.play(dc, now);
      this.decide(dc, now);
    }
    const { timeBin, duration } = this.w.scenario.simulation;
    if ((bin + 1) * timeBin < duration) this.sim.scheduleAt((bin + 1) * timeBin, this.windowKind, bin + 1);
  }

  private decide(dc: number, now: number): void {
    const cluster = this.clusters[dc];
    const wasFlow = this.model.isFlow[dc] === 1;
    const rate = this.validRate[dc];
    const isFaulted = this.datacenters.isBackEndDown[dc] === 1 || this.w.signingKeys.backEndLacksKey(dc);
    if (this.model.decide(dc, now, rate, cluster.serverCount, isFaulted)) this.setFlowLevels(dc, now);
    else if (wasFlow) this.leaveFlow(dc, now);
    this.setDrawRate(dc, now, rate);
  }

  /** The flow-level queue follows the rate (Little: rate × mean wait); its work comes with each call. */
  private setFlowLevels(dc: number, now: number): void {
    this.clusters[dc].setFlowQueue(now, this.validRate[dc] * this.model.meanWait(dc));
  }

  /**
   * Back end `dc` turns exact now: its calls are played one by one from here. The pending draw
   * stood for k calls; the next call is drawn afresh (Exp is memoryless; the k-block's calls
   * before now, k/2 on average, are not played: a switch is rare).
   */
  private leaveFlow(dc: number, now: number): void {
    this.model.toExact(dc, now);
    this.clusters[dc].setFlowQueue(now, 0);
    const rate = this.validRate[dc];
    this.nextCalls[dc] = 1;
    this.nextValid[dc] = rate > 0 ? now + this.dcSamplers[dc].gap() / rate : Number.POSITIVE_INFINITY;
    this.drawRate[dc] = rate;
  }

  /**
   * The first of back end `dc`'s instances started to lack a removed key (an observing event: played up
   * to now): its calls are rejected one by one from here, so it turns exact, as in an outage.
   */
  private onBackEndLacksKey(dc: number): void {
    if (this.model.isFlow[dc] === 0) return;
    const now = this.sim.now;
    this.leaveFlow(dc, now);
    this.setDrawRate(dc, now, this.validRate[dc]);
  }

  /**
   * Back end `dc` is about to go down (an observing fault event: played up to now). At flow level
   * its calls in flight are not jobs, so they are dropped here: in service at a given instant
   * are Poisson(rate × mean service) of them (M/G/∞, which a back end this far from saturation
   * is), each an outage failure, as the exact path drops its jobs. Then it turns exact.
   */
  private onBackEndDown(dc: number): void {
    if (this.model.isFlow[dc] === 0) return;
    const now = this.sim.now;
    const cluster = this.clusters[dc];
    const inFlight = poissonCount(
      this.dcSamplers[dc].flowWait,
      this.validRate[dc] * this.model.meanService[dc],
    );
    if (inFlight > 0) {
      cluster.countFlowOutageDrops(inFlight);
      this.metrics.fail(FailureIndex.outage, now, inFlight);
      for (let i = 0; i < inFlight; i++) this.metrics.count(Occurrence.BACK_END_CALL_FAILED, now);
    }
    this.leaveFlow(dc, now);
    this.setDrawRate(dc, now, this.validRate[dc]);
  }
}
