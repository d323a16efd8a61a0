/**
 * The event-driven station: every WFE cluster, login page, token endpoint and global service.
 * Its completions and timeouts are simulation events; the queue discipline, admission, outages
 * and statistics are StationCore's (station-core.ts has the contract).
 */
import type { Simulation } from "../simulation.ts";
import {
  DropReason,
  grown,
  QUEUED,
  SERVING,
  type StationConfig,
  StationCore,
  SubmitResult,
} from "./station-core.ts";

export interface StationHooks {
  onDone(job: number, wait: number, service: number): void;
  onDrop?(job: number, reason: DropReason, elapsed: number): void;
}

const NO_HOOKS: StationHooks = { onDone: () => {} };

export class Station extends StationCore {
  private hooks: StationHooks;
  private readonly doneKind: number;
  private readonly timeoutKind: number;
  private readonly timeoutLane: number;
  /** A queue-scope timeout ends when service starts: its event is cancelled then. */
  private readonly cancelsTimeoutOnStart: boolean;
  private doneHandleOf = new Float64Array(64);
  private timeoutHandleOf = new Float64Array(64);

  /** `hooks` may come later, through `bind`, when the station's users are built after it. */
  constructor(sim: Simulation, config: StationConfig, hooks: StationHooks = NO_HOOKS) {
    super(sim, config);
    this.hooks = hooks;
    this.doneKind = sim.defineEvent(`${config.name}.done`, (slot) => this.finish(slot));
    this.timeoutKind = sim.defineEvent(`${config.name}.timeout`, (slot) => this.expire(slot));
    // A constant timeout makes expiry times arrive in order: a FIFO lane, not the calendar.
    this.timeoutLane = Number.isFinite(this.timeout) ? sim.createLane(this.timeout) : -1;
    this.cancelsTimeoutOnStart = this.timeoutLane >= 0 && this.timeoutScope === "queue";
  }

  bind(hooks: StationHooks): void {
    this.hooks = hooks;
  }

  /** Offers a job needing `serviceTime` seconds of one server. */
  submit(job: number, serviceTime: number): SubmitResult {
    const now = this.sim.now;
    const slot = this.offer(job, serviceTime, now);
    if (slot < 0) return (-1 - slot) as SubmitResult;
    // PERF: a station without a timeout skips the timeout's bookkeeping, which lives out of line
    // (armTimeout) so that this stays small enough for V8 to inline into its caller.
    if (this.timeoutLane >= 0) this.armTimeout(slot, serviceTime);
    if (this.hasFreeServer()) this.start(slot, now);
    else this.enqueue(slot, now);
    return SubmitResult.ACCEPTED;
  }

  /** Schedules the timeout of a job just accepted (before it starts, so in submission order). */
  private armTimeout(slot: number, serviceTime: number): void {
    // PERF: a job that starts now and will finish before its deadline can never time out, so it
    // needs no timeout event (under normal load, that is nearly every job).
    const cannotTimeOut =
      this.hasFreeServer() && (this.timeoutScope === "queue" || serviceTime < this.timeout);
    this.timeoutHandleOf[slot] = cannotTimeOut
      ? -1
      : this.sim.scheduleOnLane(this.timeoutLane, this.timeoutKind, slot);
  }

  protected scheduleService(slot: number, _now: number): void {
    if (this.cancelsTimeoutOnStart) this.cancelQueueTimeout(slot);
    this.doneHandleOf[slot] = this.sim.schedule(this.serviceOf[slot], this.doneKind, slot);
  }

  /** A queue-scope timeout ends when service starts. */
  private cancelQueueTimeout(slot: number): void {
    if (this.timeoutHandleOf[slot] >= 0) {
      this.sim.cancel(this.timeoutHandleOf[slot]);
      this.timeoutHandleOf[slot] = -1;
    }
  }

  protected cancelPending(serving: readonly number[], queued: readonly number[]): void {
    for (const slot of serving) {
      this.sim.cancel(this.doneHandleOf[slot]);
      this.cancelTimeout(slot);
    }
    for (const slot of queued) this.cancelTimeout(slot);
  }

  protected notifyDrop(job: number, reason: DropReason, _now: number, elapsed: number): void {
    this.hooks.onDrop?.(job, reason, elapsed);
  }

  protected override growSlots(): void {
    super.growSlots();
    const n = this.jobOf.length;
    this.doneHandleOf = grown(this.doneHandleOf, new Float64Array(n));
    this.timeoutHandleOf = grown(this.timeoutHandleOf, new Float64Array(n));
  }

  private cancelTimeout(slot: number): void {
    // Without a timeout no handle was ever written (the column's zeros are not handles).
    if (this.timeoutLane >= 0 && this.timeoutHandleOf[slot] >= 0) this.sim.cancel(this.timeoutHandleOf[slot]);
    this.timeoutHandleOf[slot] = -1;
  }

  private finish(slot: number): void {
    const now = this.sim.now;
    const job = this.jobOf[slot];
    const wait = this.startOf[slot] - this.arrivalOf[slot];
    const service = now - this.startOf[slot];
    if (this.timeoutLane >= 0) this.cancelTimeout(slot);
    if (this.complete(slot, now)) this.hooks.onDone(job, wait, service);
  }

  private expire(slot: number): void {
    const state = this.stateOf[slot];
    const now = this.sim.now;
    const elapsed = now - this.arrivalOf[slot];
    const job = this.jobOf[slot];
    this.timeoutHandleOf[slot] = -1;
    if (state === QUEUED) {
      // With one constant timeout the expiring job is the oldest waiting, so it sits at the head.
      this.abandon(slot, now);
    } else if (state === SERVING) {
      this.orphan(slot);
    } else {
      return;
    }
    this.hooks.onDrop?.(job, DropReason.TIMEOUT, elapsed);
  }
}
