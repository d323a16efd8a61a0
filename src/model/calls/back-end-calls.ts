/**
 * API calls from signed-in browsers to their tenant's back-end cluster (domain.md §1 step 6).
 *
 * Each signed-in session calls at its user base's rate, as a Poisson process. The calls to a
 * datacenter are generated as one Poisson stream at the sum of its callers' rates, each call
 * attributed in proportion to rate (superposition: the same process as one stream per session).
 * Callers are split by the state of their token, which changes only at known instants:
 *
 * - **Valid** callers (token valid until a known time): their calls only reach the back end, and
 *   only the caller's user base matters (round trip, per-user-base latency). PERF: these calls
 *   and the back end's completions run as a local event loop per datacenter, outside the
 *   simulation's event queue (engine/station/local-station.ts): this class is a local process
 *   the simulation plays up to the clock before any event that observes it (`playUntil`). Exact:
 *   nothing else depends on these calls, and every change of the callers (a caller joins, leaves
 *   or renews, a fault, an autoscaler) is applied at its own time. When the total rate
 *   changes from R to R', the time left to the next call is rescaled by R / R' (it is Exp(R),
 *   memoryless, so the rescaled one is Exp(R')).
 * - A caller's token expires at a known time: a per-datacenter min-heap of expiries and one
 *   simulation event at the earliest ("watch") move it to the **expired** callers at that instant.
 * - **Expired** callers (token expired or renewal given up): their calls are simulation events,
 *   because one gets a 401 and starts a sign-in. Rare in normal operation.
 *
 * A call reaches the back end half a round trip after the browser sent it, pays the station's
 * queueing plus the call's work, a signature check, and a signing-key fetch when the cached keys
 * have expired, and its answer takes another half round trip back. Calls are open-loop (a session
 * may have two in flight). Each datacenter draws its call gaps, callers and jitter from its own
 * streams (`backEnd.<dc>.callGaps`, `.caller`, `.jitter`), so its numbers do not depend on the
 * order in which datacenters are played.
 */
import type { RandomSource, Sampler } from "../../engine/random/index.ts";
import type { EventHandle, LocalProcess, Simulation } from "../../engine/simulation.ts";
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
import { CallerGroups } from "./caller-groups.ts";
import { ExpiryHeaps } from "./expiry-heaps.ts";

/** Per-datacenter random sources of the calls. */
export interface CallSamplers {
  /** Exp(1) gaps, scaled by the total rate. */
  readonly gap: Sampler;
  readonly caller: RandomSource;
  /** Standard normal, for the last mile's jitter. */
  readonly jitter: Sampler;
}

export class BackEndCalls implements LocalStationHooks, LocalProcess {
  private readonly w: World;
  private readonly sim: Simulation;
  private readonly datacenters: Datacenters;
  private readonly metrics: Metrics;
  private readonly userBases: number;
  private readonly rate: Float64Array;
  private readonly clusters: LocalStation[];
  private readonly dcSamplers: readonly CallSamplers[];
  /** Which sessions call which back end, by user base and token state. */
  private readonly groups: CallerGroups;
  /** Per datacenter: its valid callers by token expiry. */
  private readonly expiries: ExpiryHeaps;
  /** Per datacenter: total rate of valid callers (as used for `nextValid`), next valid call. */
  private readonly validRate: Float64Array;
  private readonly nextValid: Float64Array;
  private readonly expiredHandle: Float64Array;
  private readonly watchAt: Float64Array;
  private readonly watchHandle: Float64Array;
  private readonly expiredKind: number;
  private readonly watchKind: number;
  private readonly expiredGap: Sampler;
  private readonly expiredChoice: RandomSource;
  private readonly regionOf: Int32Array;
  /**
   * PERF: per (datacenter, user base), the round trip without jitter, and per user base the
   * jitter; rebuilt when the network's version changes (a latency spike), checked at each play.
   */
  private readonly baseRtt: Float64Array;
  private readonly jitterSd: Float64Array;
  private rttVersion = -1;
  // In-flight calls: job id = call slot.
  /** The caller's user base (not its slot: the session may end and its slot be reused). */
  private callUserBase = new Int32Array(1024);
  /** The datacenter it went to. */
  private callDc = new Int32Array(1024);
  /** When the browser sent it, and its round trip [s]. */
  private callStart = new Float64Array(1024);
  private callRtt = new Float64Array(1024);
  private freeCalls = new Int32Array(1024);
  private freeCount = 0;
  private nextFreshCall = 0;

  /** `onExpired(session)`: an expired caller called (a 401: it must sign in again). */
  constructor(
    world: World,
    dcSamplers: readonly CallSamplers[],
    expired: { gap: Sampler; choice: RandomSource },
    private readonly onExpired: (session: number) => void,
  ) {
    this.w = world;
    this.sim = world.sim;
    this.datacenters = world.datacenters;
    this.metrics = world.metrics;
    const dcs = world.scenario.datacenters.length;
    this.userBases = world.scenario.userBases.length;
    this.rate = Float64Array.from(world.scenario.userBases, (u) => u.backEndRate);
    this.clusters = world.datacenters.backEnd;
    this.dcSamplers = dcSamplers;
    this.regionOf = world.datacenters.regionIndex;
    this.baseRtt = new Float64Array(dcs * this.userBases);
    this.jitterSd = Float64Array.from(world.scenario.userBases, (_, u) => world.network.jitterOf(u));
    this.groups = new CallerGroups(dcs, this.userBases);
    this.expiries = new ExpiryHeaps(dcs);
    this.validRate = new Float64Array(dcs);
    this.nextValid = new Float64Array(dcs).fill(Number.POSITIVE_INFINITY);
    this.expiredHandle = new Float64Array(dcs).fill(-1);
    this.watchAt = new Float64Array(dcs).fill(Number.POSITIVE_INFINITY);
    this.watchHandle = new Float64Array(dcs).fill(-1);
    this.expiredGap = expired.gap;
    this.expiredChoice = expired.choice;
    this.expiredKind = world.sim.defineEvent("backEnd.expiredCall", (dc) => this.onExpiredCall(dc));
    this.watchKind = world.sim.defineEvent("backEnd.tokenExpiry", (dc) => this.onWatch(dc));
    for (const cluster of this.clusters) cluster.bind(this);
    world.sim.addLocalProcess(this);
  }

  /** Starts counting `session` among the callers of back end `dc`; its token is valid until `validUntil`. */
  add(session: number, dc: number, validUntil: number): void {
    this.ensureSlots(session);
    if (this.groups.groupOf(session) >= 0) return;
    const now = this.sim.now;
    this.play(dc, now);
    const ub = this.w.sessions.userBase[session];
    const isValid = validUntil > now;
    this.groups.join(session, this.groups.group(dc, ub, !isValid));
    if (isValid) {
      this.expiries.insert(dc, session, validUntil);
      this.rescaleValid(dc, now);
      this.watch(dc);
    } else {
      this.redrawExpired(dc);
    }
  }

  /** Stops counting `session` (signed out, ended, or signing in again). */
  remove(session: number): void {
    const g = this.groups.groupOf(session);
    if (g < 0) return;
    const dc = this.groups.datacenterOf(g);
    const now = this.sim.now;
    this.play(dc, now);
    this.groups.leave(session);
    if ((g & 1) === 0) {
      this.expiries.remove(dc, session);
      this.rescaleValid(dc, now);
    } else {
      this.redrawExpired(dc);
    }
  }

  /** The session's token changed (renewed: its new expiry; must sign in again: -Infinity). */
  setValidUntil(session: number, validUntil: number): void {
    const g = this.groups.groupOf(session);
    if (g < 0) return;
    const dc = this.groups.datacenterOf(g);
    const now = this.sim.now;
    const isValid = validUntil > now;
    if ((g & 1) === 0 && isValid) {
      // Still valid: only its expiry moves (no call can see the difference before the watch).
      this.expiries.update(dc, session, validUntil);
      this.watch(dc);
      return;
    }
    this.play(dc, now);
    if ((g & 1) === 0) this.expiries.remove(dc, session);
    this.groups.leave(session);
    this.groups.join(session, (g & ~1) + (isValid ? 0 : 1));
    if (isValid) this.expiries.insert(dc, session, validUntil);
    this.rescaleValid(dc, now);
    this.redrawExpired(dc);
    this.watch(dc);
  }

  /**
   * Every datacenter's valid calls and its back end's completions up to `until`. The simulation
   * calls this (this is a local process) before each event of a kind that observes the back
   * ends (a bin boundary, the warm-up's end, a fault, an autoscaler) and at the end of a run;
   * the changes this class makes itself (a caller joins, leaves or renews) play that one
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

  /** Plays datacenter `dc`'s valid calls and its back end's completions up to `until`; before
   * this class changes that datacenter's callers, it plays it up to now. */
  private play(dc: number, until: number): void {
    const cluster = this.clusters[dc];
    let t = this.nextValid[dc];
    if (t <= until) {
      if (this.w.network.version[0] !== this.rttVersion) this.refreshRtts();
      const gap = this.dcSamplers[dc].gap;
      const budget = this.w.datacenters.localBudget;
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
        this.callValid(dc, t);
        // The rate is unchanged while playing: it changes only in handlers, between plays.
        t += gap() / this.validRate[dc];
      } while (t <= until);
      this.nextValid[dc] = t;
    }
    cluster.advance(until);
  }

  /** A valid caller's call at `t`: its user base in proportion to rate, then the back end. */
  private callValid(dc: number, t: number): void {
    const s = this.dcSamplers[dc];
    const ub = this.groups.pickUserBase(dc, false, s.caller() * this.validRate[dc], this.rate);
    const base = dc * this.userBases;
    const { datacenters, metrics } = this;
    const sd = this.jitterSd[ub];
    const rtt = Math.max(0, this.baseRtt[base + ub] + (sd > 0 ? sd * s.jitter() : 0));
    const call = this.allocateCall();
    this.callUserBase[call] = ub;
    this.callDc[call] = dc;
    this.callStart[call] = t - rtt / 2;
    this.callRtt[call] = rtt;
    const result = this.clusters[dc].submit(call, datacenters.backEndCallTime(dc, t), t);
    if (result !== SubmitResult.ACCEPTED) {
      metrics.fail(result === SubmitResult.REJECTED_DOWN ? FailureIndex.outage : FailureIndex.rejected, t);
      metrics.count(Occurrence.BACK_END_CALL_FAILED, t);
      this.releaseCall(call);
    }
  }

  /** A call's answer left the back end at `time` (the cluster calls this). */
  onDone(call: number, time: number): void {
    const metrics = this.metrics;
    metrics.latency(
      Latency.BACK_END_CALL,
      time,
      time + this.callRtt[call] / 2 - this.callStart[call],
      this.callUserBase[call],
      this.callDc[call],
    );
    this.releaseCall(call);
  }

  /** A call timed out or was dropped by an outage at `time` (the cluster calls this). */
  onDrop(call: number, reason: number, time: number): void {
    const metrics = this.metrics;
    metrics.fail(reason === DropReason.OUTAGE ? FailureIndex.outage : FailureIndex.timeout, time);
    metrics.count(Occurrence.BACK_END_CALL_FAILED, time);
    this.releaseCall(call);
  }

  private refreshRtts(): void {
    const { network } = this.w;
    this.rttVersion = network.version[0];
    for (let dc = 0; dc < this.clusters.length; dc++)
      for (let u = 0; u < this.userBases; u++)
        this.baseRtt[dc * this.userBases + u] = network.userBaseRtt(u, this.regionOf[dc]);
  }

  /** The valid callers' total rate changed at `now` (played up to `now`). */
  private rescaleValid(dc: number, now: number): void {
    const rate = this.groups.rateOf(dc, false, this.rate);
    const old = this.validRate[dc];
    this.validRate[dc] = rate;
    if (rate <= 0) this.nextValid[dc] = Number.POSITIVE_INFINITY;
    else if (old <= 0) this.nextValid[dc] = now + this.dcSamplers[dc].gap() / rate;
    else if (rate !== old) this.nextValid[dc] = now + ((this.nextValid[dc] - now) * old) / rate;
  }

  // --- expired callers: one simulation event per call ---

  private redrawExpired(dc: number): void {
    const handle = this.expiredHandle[dc];
    if (handle >= 0) this.sim.cancel(handle as EventHandle);
    const rate = this.expiredRate(dc);
    this.expiredHandle[dc] =
      rate > 0 ? this.sim.schedule(this.expiredGap() / rate, this.expiredKind, dc) : -1;
  }

  private expiredRate(dc: number): number {
    return this.groups.rateOf(dc, true, this.rate);
  }

  private onExpiredCall(dc: number): void {
    this.expiredHandle[dc] = -1;
    const rate = this.expiredRate(dc);
    if (rate <= 0) return;
    const ub = this.groups.pickUserBase(dc, true, this.expiredChoice() * rate, this.rate);
    const g = this.groups.group(dc, ub, true);
    const n = this.groups.memberCount[g];
    const session = this.groups.member(g, Math.min(n - 1, Math.floor(this.expiredChoice() * n)));
    this.onExpired(session);
    if (this.expiredHandle[dc] < 0) this.redrawExpired(dc);
  }

  // --- token expiry watch ---

  /** Makes sure a watch event fires no later than the earliest valid caller's expiry. */
  private watch(dc: number): void {
    const earliest = this.expiries.earliest(dc);
    if (earliest >= this.watchAt[dc]) return;
    const handle = this.watchHandle[dc];
    if (handle >= 0) this.sim.cancel(handle as EventHandle);
    this.watchAt[dc] = earliest;
    this.watchHandle[dc] = this.sim.scheduleAt(earliest, this.watchKind, dc);
  }

  private onWatch(dc: number): void {
    this.watchHandle[dc] = -1;
    this.watchAt[dc] = Number.POSITIVE_INFINITY;
    const now = this.sim.now;
    if (this.expiries.earliest(dc) <= now) {
      this.play(dc, now);
      while (this.expiries.earliest(dc) <= now) {
        const session = this.expiries.first(dc);
        this.expiries.remove(dc, session);
        const g = this.groups.groupOf(session);
        this.groups.leave(session);
        this.groups.join(session, g + 1);
      }
      this.rescaleValid(dc, now);
      this.redrawExpired(dc);
    }
    this.watch(dc);
  }

  // --- call slots ---

  private allocateCall(): number {
    if (this.freeCount > 0) return this.freeCalls[--this.freeCount];
    if (this.nextFreshCall === this.callUserBase.length) {
      const n = this.callUserBase.length * 2;
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T) => {
        b.set(a as never);
        return b;
      };
      this.callUserBase = grow(this.callUserBase, new Int32Array(n));
      this.callDc = grow(this.callDc, new Int32Array(n));
      this.callStart = grow(this.callStart, new Float64Array(n));
      this.callRtt = grow(this.callRtt, new Float64Array(n));
      this.freeCalls = grow(this.freeCalls, new Int32Array(n));
    }
    return this.nextFreshCall++;
  }

  private releaseCall(call: number): void {
    this.freeCalls[this.freeCount++] = call;
  }

  private ensureSlots(session: number): void {
    if (session < this.groups.slots) return;
    const n = Math.max(1024, this.w.sessions.capacity, session + 1);
    this.groups.ensureSlots(n);
    this.expiries.ensureSlots(n);
  }
}
