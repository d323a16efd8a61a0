/**
 * Who calls which back end: signed-in browsers call their tenant's back-end cluster (domain.md §1
 * step 6), each at its user base's rate, as a Poisson process; the calls to a datacenter are one
 * Poisson stream at the sum of its callers' rates, each attributed in proportion to rate
 * (superposition: the same process as one stream per session). Callers are split by the state of
 * their token, which changes only at known instants:
 *
 * - **Valid** callers (token valid until a known time): their calls only reach the back end, and
 *   only the caller's user base matters; valid-calls.ts plays them (call by call, or at flow level
 *   where a back end is far from saturation: call-model.ts).
 * - A caller's token expires at a known time: a per-datacenter min-heap of expiries and one
 *   simulation event at the earliest ("watch") move it to the **expired** callers at that instant.
 * - **Expired** callers (token due, expired or renewal given up): their calls are simulation
 *   events, because the first renews the token, or gets a 401 and starts a sign-in.
 */
import type { RandomSource, Sampler } from "../../engine/random/index.ts";
import type { EventHandle, Simulation } from "../../engine/simulation.ts";
import type { World } from "../run/world.ts";
import { CallerGroups } from "./caller-groups.ts";
import { ExpiryHeaps } from "./expiry-heaps.ts";
import { KeyedCallers } from "./keyed-callers.ts";
import { type CallSamplers, ValidCalls } from "./valid-calls.ts";

export type { CallSamplers } from "./valid-calls.ts";

export class BackEndCalls {
  /** Plays the valid callers' calls and the back ends' work (valid-calls.ts). */
  readonly valid: ValidCalls;
  private readonly w: World;
  private readonly sim: Simulation;
  private readonly rate: Float64Array;
  /** Which sessions call which back end, by user base and token state. */
  private readonly groups: CallerGroups;
  /** Callers whose tokens a removed signing key signs, per group (null: the scenario removes none). */
  private readonly keyed: KeyedCallers | null;
  /** Per datacenter: its valid callers by token expiry. */
  private readonly expiries: ExpiryHeaps;
  private readonly expiredHandle: Float64Array;
  private readonly watchAt: Float64Array;
  private readonly watchHandle: Float64Array;
  private readonly expiredKind: number;
  private readonly watchKind: number;
  private readonly expiredGap: Sampler;
  private readonly expiredChoice: RandomSource;

  /** `onExpired(session)`: an expired caller called (a 401: it must sign in again). */
  constructor(
    world: World,
    dcSamplers: readonly CallSamplers[],
    expired: { gap: Sampler; choice: RandomSource },
    private readonly onExpired: (session: number) => void,
  ) {
    this.w = world;
    this.sim = world.sim;
    const dcs = world.scenario.datacenters.length;
    const userBases = world.scenario.userBases.length;
    this.rate = Float64Array.from(world.scenario.userBases, (u) => u.backEndRate);
    this.groups = new CallerGroups(dcs, userBases);
    this.keyed = world.signingKeys.isActive
      ? new KeyedCallers(world.signingKeys, this.groups, world.metrics)
      : null;
    this.expiries = new ExpiryHeaps(dcs);
    this.valid = new ValidCalls(world, dcSamplers, this.groups, this.rate, this.keyed);
    this.expiredHandle = new Float64Array(dcs).fill(-1);
    this.watchAt = new Float64Array(dcs).fill(Number.POSITIVE_INFINITY);
    this.watchHandle = new Float64Array(dcs).fill(-1);
    this.expiredGap = expired.gap;
    this.expiredChoice = expired.choice;
    this.expiredKind = world.sim.defineEvent("backEnd.expiredCall", (dc) => this.onExpiredCall(dc));
    this.watchKind = world.sim.defineEvent("backEnd.tokenExpiry", (dc) => this.onWatch(dc));
    this.valid.startWindows();
  }

  /** Starts counting `session` among the callers of back end `dc`; its token is valid until `validUntil`. */
  add(session: number, dc: number, validUntil: number): void {
    this.ensureSlots(session);
    if (this.groups.groupOf(session) >= 0) return;
    const now = this.sim.now;
    this.valid.play(dc, now);
    const ub = this.w.sessions.userBase[session];
    const isValid = validUntil > now;
    this.join(session, this.groups.group(dc, ub, !isValid));
    if (isValid) {
      this.expiries.insert(dc, session, validUntil);
      this.valid.rateChanged(dc, now);
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
    this.valid.play(dc, now);
    this.leave(session);
    if ((g & 1) === 0) {
      this.expiries.remove(dc, session);
      this.valid.rateChanged(dc, now);
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
    this.valid.play(dc, now);
    if ((g & 1) === 0) this.expiries.remove(dc, session);
    this.leave(session);
    this.join(session, (g & ~1) + (isValid ? 0 : 1));
    if (isValid) this.expiries.insert(dc, session, validUntil);
    this.valid.rateChanged(dc, now);
    this.redrawExpired(dc);
    this.watch(dc);
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
      this.valid.play(dc, now);
      while (this.expiries.earliest(dc) <= now) {
        const session = this.expiries.first(dc);
        this.expiries.remove(dc, session);
        const g = this.groups.groupOf(session);
        this.leave(session);
        this.join(session, g + 1);
      }
      this.valid.rateChanged(dc, now);
      this.redrawExpired(dc);
    }
    this.watch(dc);
  }

  private join(session: number, g: number): void {
    this.groups.join(session, g);
    this.keyed?.join(g, this.w.sessions.tenant[session]);
  }

  private leave(session: number): void {
    this.keyed?.leave(this.groups.groupOf(session), this.w.sessions.tenant[session]);
    this.groups.leave(session);
  }

  private ensureSlots(session: number): void {
    if (session < this.groups.slots) return;
    const n = Math.max(1024, this.w.sessions.capacity, session + 1);
    this.groups.ensureSlots(n);
    this.expiries.ensureSlots(n);
  }
}
