/**
 * API calls from signed-in browsers to their tenant's back-end cluster (domain.md §1 step 6).
 *
 * Each signed-in session calls at its user base's rate. Rather than one pending timer per
 * session, the calls to each datacenter are generated as one Poisson stream whose rate is the
 * sum of its callers' rates, and each call is attributed to a caller chosen in proportion to
 * its rate. This is the same process (a superposition of independent Poisson streams is Poisson
 * with the summed rate, and the competing exponentials pick each source in proportion to its
 * rate), but it keeps one event per datacenter in the heap instead of one per session. When the
 * set of callers changes, the next call is redrawn from now at the new rate (exact, by
 * memorylessness). Simplification: calls are open-loop (a session may have two in flight).
 *
 * A call reaches the back end half a round trip after the browser sent it, pays the station's
 * queueing plus the call's work, a signature check, and a signing-key fetch when the cached keys
 * have expired, and its answer takes another half round trip back.
 */
import type { RandomSource } from "../engine/random/index.ts";
import type { EventHandle, Simulation } from "../engine/simulation.ts";
import { DropReason, SubmitResult } from "../engine/station.ts";
import { Count, FailureIndex } from "./metrics.ts";
import type { World } from "./world.ts";

export class BackEndCalls {
  private readonly w: World;
  private readonly sim: Simulation;
  private readonly userBases: number;
  private readonly rate: Float64Array;
  /** Per (datacenter, user base) group: its callers as a dense list (swap-remove). */
  private readonly members: Int32Array[];
  /**
   * Each member's token validity, beside it in the same group order: a call reads the chosen
   * member's id and this, and no session column (PERF: one cache miss instead of four on a
   * random session among hundreds of thousands). -Infinity when the session must sign in again.
   */
  private readonly memberValidUntil: Float64Array[];
  private readonly memberCount: Int32Array;
  /** Per session slot: its group (-1 none) and position in the group's list. */
  private groupOf = new Int32Array(0);
  private positionOf = new Int32Array(0);
  private readonly nextCall: Float64Array;
  /** Per datacenter: the sum of its callers' rates, kept up to date by add/remove. */
  private readonly dcRate: Float64Array;
  private readonly arrivalKind: number;
  private readonly uniform: RandomSource;
  private readonly unitExponential: () => number;
  // In-flight calls: job id = call slot.
  /** The caller's user base (not its slot: the session may end and its slot be reused). */
  private callUserBase = new Int32Array(1024);
  private callStart = new Float64Array(1024);
  private callRtt = new Float64Array(1024);
  private freeCalls = new Int32Array(1024);
  private freeCount = 0;
  private nextFreshCall = 0;

  /** `onExpired(session)`: the chosen caller's token has expired (a 401: it must sign in again). */
  constructor(
    world: World,
    unitExponential: () => number,
    private readonly onExpired: (session: number) => void,
  ) {
    this.w = world;
    this.sim = world.sim;
    const dcs = world.scenario.datacenters.length;
    this.userBases = world.scenario.userBases.length;
    this.rate = Float64Array.from(world.scenario.userBases, (u) => u.backEndRate);
    this.members = Array.from({ length: dcs * this.userBases }, () => new Int32Array(16));
    this.memberValidUntil = Array.from({ length: dcs * this.userBases }, () => new Float64Array(16));
    this.memberCount = new Int32Array(dcs * this.userBases);
    this.nextCall = new Float64Array(dcs).fill(-1);
    this.dcRate = new Float64Array(dcs);
    this.uniform = world.samplers.callerChoice;
    this.unitExponential = unitExponential;
    this.arrivalKind = world.sim.defineEvent("backEnd.callArrives", (dc) => this.onArrival(dc));
  }

  /** Starts counting `session` among the callers of back end `dc`; its token is valid until `validUntil`. */
  add(session: number, dc: number, validUntil: number): void {
    this.ensureSlots(session);
    if (this.groupOf[session] >= 0) return;
    const g = dc * this.userBases + this.w.sessions.userBase[session];
    let list = this.members[g];
    const n = this.memberCount[g];
    if (n === list.length) {
      const bigger = new Int32Array(n * 2);
      bigger.set(list);
      list = bigger;
      this.members[g] = list;
      const validity = new Float64Array(n * 2);
      validity.set(this.memberValidUntil[g]);
      this.memberValidUntil[g] = validity;
    }
    list[n] = session;
    this.memberValidUntil[g][n] = validUntil;
    this.memberCount[g] = n + 1;
    this.groupOf[session] = g;
    this.positionOf[session] = n;
    this.dcRate[dc] += this.rate[g % this.userBases];
    this.redraw(dc);
  }

  /** Stops counting `session` (signed out, ended, or signing in again). */
  remove(session: number): void {
    if (session >= this.groupOf.length) return;
    const g = this.groupOf[session];
    if (g < 0) return;
    const list = this.members[g];
    const validity = this.memberValidUntil[g];
    const last = --this.memberCount[g];
    const moved = list[last];
    const at = this.positionOf[session];
    list[at] = moved;
    validity[at] = validity[last];
    this.positionOf[moved] = at;
    this.groupOf[session] = -1;
    const dc = Math.floor(g / this.userBases);
    this.dcRate[dc] -= this.rate[g % this.userBases];
    // Sums of floats drift: recompute exactly when a datacenter's callers are few.
    if (this.memberCount[g] < 2) this.dcRate[dc] = this.totalRate(dc);
    this.redraw(dc);
  }

  /** The session's token changed (renewed: its new expiry; must sign in again: -Infinity). */
  setValidUntil(session: number, validUntil: number): void {
    if (session >= this.groupOf.length) return;
    const g = this.groupOf[session];
    if (g >= 0) this.memberValidUntil[g][this.positionOf[session]] = validUntil;
  }

  onDone(call: number): void {
    const { metrics } = this.w;
    if (metrics.isMeasuring) {
      const latency = this.sim.now + this.callRtt[call] / 2 - this.callStart[call];
      metrics.counts[Count.BACKEND_OK]++;
      metrics.backEnd.record(latency);
      metrics.backEndByUserBase[this.callUserBase[call]].record(latency);
    }
    this.releaseCall(call);
  }

  onDropped(call: number, reason: number): void {
    const { metrics, sim } = this.w;
    metrics.fail(reason === DropReason.OUTAGE ? FailureIndex.outage : FailureIndex.timeout, sim.now);
    metrics.count(Count.BACKEND_FAILED);
    this.releaseCall(call);
  }

  /** Total call rate of back end `dc` now [1/s]. */
  private totalRate(dc: number): number {
    let total = 0;
    const base = dc * this.userBases;
    for (let u = 0; u < this.userBases; u++) total += this.memberCount[base + u] * this.rate[u];
    return total;
  }

  private redraw(dc: number): void {
    const handle = this.nextCall[dc];
    if (handle >= 0) this.sim.cancel(handle as EventHandle);
    const rate = this.totalRate(dc);
    this.nextCall[dc] =
      rate > 0 ? this.sim.schedule(this.unitExponential() / rate, this.arrivalKind, dc) : -1;
  }

  private onArrival(dc: number): void {
    this.nextCall[dc] = -1;
    const rate = this.dcRate[dc];
    if (rate <= 0) return;
    // The caller: a group in proportion to its total rate, then a member uniformly.
    let x = this.uniform() * rate;
    const base = dc * this.userBases;
    let g = base;
    for (let u = 0; u < this.userBases; u++) {
      const groupRate = this.memberCount[base + u] * this.rate[u];
      if (groupRate <= 0) continue;
      g = base + u;
      if (x < groupRate) break;
      x -= groupRate;
    }
    const i = Math.min(this.memberCount[g] - 1, Math.floor(this.uniform() * this.memberCount[g]));
    // Draw the next call first: the caller may leave (and redraw) while handling this one.
    this.nextCall[dc] = this.sim.schedule(this.unitExponential() / rate, this.arrivalKind, dc);
    if (this.sim.now >= this.memberValidUntil[g][i]) {
      this.onExpired(this.members[g][i]);
      return;
    }
    this.submit(g - base, dc);
  }

  private submit(userBase: number, dc: number): void {
    const { sim, network, datacenters, metrics } = this.w;
    const now = sim.now;
    const rtt = network.userRtt(userBase, datacenters.regionIndex[dc]);
    const call = this.allocateCall();
    this.callUserBase[call] = userBase;
    this.callStart[call] = now - rtt / 2;
    this.callRtt[call] = rtt;
    const result = datacenters.backEnd[dc].submit(call, datacenters.backEndCallTime(dc, now));
    if (result !== SubmitResult.ACCEPTED) {
      metrics.fail(result === SubmitResult.REJECTED_DOWN ? FailureIndex.outage : FailureIndex.rejected, now);
      metrics.count(Count.BACKEND_FAILED);
      this.releaseCall(call);
    }
  }

  private allocateCall(): number {
    if (this.freeCount > 0) return this.freeCalls[--this.freeCount];
    if (this.nextFreshCall === this.callUserBase.length) {
      const n = this.callUserBase.length * 2;
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T) => {
        b.set(a as never);
        return b;
      };
      this.callUserBase = grow(this.callUserBase, new Int32Array(n));
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
    if (session < this.groupOf.length) return;
    const n = Math.max(1024, this.w.sessions.capacity, session + 1);
    const groups = new Int32Array(n).fill(-1);
    groups.set(this.groupOf);
    const positions = new Int32Array(n);
    positions.set(this.positionOf);
    this.groupOf = groups;
    this.positionOf = positions;
  }
}
