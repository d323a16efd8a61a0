/**
 * A multi-server FIFO station: c servers, an optional queue limit, an optional timeout, outages.
 * The one resource every WFE cluster, login page, token endpoint and global service is built from;
 * it knows nothing of what the work is, only of jobs (integers chosen by the caller).
 *
 * Contract, in the order things happen:
 * - `submit(job, serviceTime)` answers at once: ACCEPTED, or REJECTED_FULL (queue at its limit) or
 *   REJECTED_DOWN (in an outage); a rejected job gets no callback.
 * - An accepted job ends in exactly one callback: `onDone(job, wait, service)` after service, or
 *   `onDrop(job, reason, elapsed)` with reason TIMEOUT or OUTAGE.
 * - Timeout scope "queue": a job abandons if it has not started service `timeout` s after arrival
 *   (Erlang-A style). Scope "response": the caller gives up `timeout` s after arrival even in
 *   service; the server still finishes that work (it cannot know), and no onDone follows.
 * - Outage (`setDown(true)`): every queued and in-service job is dropped with OUTAGE, in arrival
 *   order, and new submissions are rejected until `setDown(false)`.
 * - When a server frees, the next queued job starts before `onDone` runs, so a job submitted from
 *   inside `onDone` queues behind those already waiting (FIFO holds under re-entry).
 */
import type { Simulation } from "./simulation.ts";
import { TimeWeighted } from "./stats/time-weighted.ts";

export const SubmitResult = { ACCEPTED: 0, REJECTED_FULL: 1, REJECTED_DOWN: 2 } as const;
export type SubmitResult = (typeof SubmitResult)[keyof typeof SubmitResult];

export const DropReason = { TIMEOUT: 1, OUTAGE: 2 } as const;
export type DropReason = (typeof DropReason)[keyof typeof DropReason];

export interface StationConfig {
  readonly name: string;
  /** Number of servers (instances × concurrency); may change later via `setServers`. */
  readonly servers: number;
  /** Most jobs that may wait (not counting those in service); Infinity = unbounded. */
  readonly queueLimit?: number;
  /** Seconds after arrival at which a job is given up; Infinity = never. */
  readonly timeout?: number;
  readonly timeoutScope?: "queue" | "response";
}

export interface StationHooks {
  onDone(job: number, wait: number, service: number): void;
  onDrop?(job: number, reason: DropReason, elapsed: number): void;
}

// Request slot states.
const IDLE = 0;
const QUEUED = 1;
const SERVING = 2;
/** In service, but the caller already gave up (response timeout): finish silently. */
const ORPHANED = 3;
/** Left the queue (timeout or outage) but still in the ring; skipped when reached. */
const GONE = 4;

export class Station {
  readonly name: string;
  readonly queueLimit: number;
  readonly timeout: number;
  readonly timeoutScope: "queue" | "response";

  /** Servers currently working (time-weighted for utilisation). */
  readonly busy: TimeWeighted;
  /** Jobs waiting (time-weighted for mean queue length). */
  readonly queued: TimeWeighted;

  arrivals = 0;
  completions = 0;
  rejectedFull = 0;
  rejectedDown = 0;
  timeouts = 0;
  outageDrops = 0;

  private servers: number;
  private busyCount = 0;
  private isDownNow = false;
  private readonly sim: Simulation;
  private readonly hooks: StationHooks;
  private readonly doneKind: number;
  private readonly timeoutKind: number;
  private readonly timeoutLane: number;

  // Request slots (struct of arrays, pooled).
  private jobOf: Int32Array;
  private stateOf: Uint8Array;
  private arrivalOf: Float64Array;
  /** Submission order, to drop in arrival order when several jobs arrived at the same instant. */
  private arrivalSeqOf: Float64Array;
  private startOf: Float64Array;
  private serviceOf: Float64Array;
  private doneHandleOf: Float64Array;
  private timeoutHandleOf: Float64Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private nextFreshSlot = 0;
  private nextArrivalSeq = 0;

  // FIFO ring of slots; GONE entries are skipped when they reach the head.
  private ring: Int32Array;
  private ringHead = 0;
  private ringCount = 0;
  private waitingCount = 0;

  constructor(sim: Simulation, config: StationConfig, hooks: StationHooks) {
    if (!(config.servers >= 0) || !Number.isInteger(config.servers)) {
      throw new RangeError(`${config.name}: servers must be a whole number >= 0, got ${config.servers}`);
    }
    this.sim = sim;
    this.hooks = hooks;
    this.name = config.name;
    this.servers = config.servers;
    this.queueLimit = config.queueLimit ?? Number.POSITIVE_INFINITY;
    this.timeout = config.timeout ?? Number.POSITIVE_INFINITY;
    this.timeoutScope = config.timeoutScope ?? "queue";
    this.busy = new TimeWeighted(sim.now, 0);
    this.queued = new TimeWeighted(sim.now, 0);
    this.doneKind = sim.defineEvent(`${config.name}.done`, (slot) => this.finish(slot));
    this.timeoutKind = sim.defineEvent(`${config.name}.timeout`, (slot) => this.expire(slot));
    // A constant timeout makes expiry times arrive in order: a FIFO lane, not the calendar.
    this.timeoutLane = Number.isFinite(this.timeout) ? sim.createLane(this.timeout) : -1;
    const capacity = 64;
    this.jobOf = new Int32Array(capacity);
    this.stateOf = new Uint8Array(capacity);
    this.arrivalOf = new Float64Array(capacity);
    this.arrivalSeqOf = new Float64Array(capacity);
    this.startOf = new Float64Array(capacity);
    this.serviceOf = new Float64Array(capacity);
    this.doneHandleOf = new Float64Array(capacity);
    this.timeoutHandleOf = new Float64Array(capacity);
    this.freeSlots = new Int32Array(capacity);
    this.ring = new Int32Array(capacity);
  }

  get serverCount(): number {
    return this.servers;
  }
  get busyServers(): number {
    return this.busyCount;
  }
  get queueLength(): number {
    return this.waitingCount;
  }
  get isDown(): boolean {
    return this.isDownNow;
  }

  /** Offers a job needing `serviceTime` seconds of one server. */
  submit(job: number, serviceTime: number): SubmitResult {
    this.arrivals++;
    if (this.isDownNow) {
      this.rejectedDown++;
      return SubmitResult.REJECTED_DOWN;
    }
    const canStart = this.busyCount < this.servers && this.waitingCount === 0;
    if (!canStart && this.waitingCount >= this.queueLimit) {
      this.rejectedFull++;
      return SubmitResult.REJECTED_FULL;
    }
    const slot = this.allocate();
    this.jobOf[slot] = job;
    this.arrivalOf[slot] = this.sim.now;
    this.arrivalSeqOf[slot] = this.nextArrivalSeq++;
    this.serviceOf[slot] = serviceTime;
    // PERF: a job that starts now and will finish before its deadline can never time out, so it
    // needs no timeout event (under normal load, that is nearly every job).
    const cannotTimeOut = canStart && (this.timeoutScope === "queue" || serviceTime < this.timeout);
    this.timeoutHandleOf[slot] =
      this.timeoutLane >= 0 && !cannotTimeOut
        ? this.sim.scheduleOnLane(this.timeoutLane, this.timeoutKind, slot)
        : -1;
    if (canStart) {
      this.start(slot);
    } else {
      this.stateOf[slot] = QUEUED;
      this.enqueue(slot);
      this.waitingCount++;
      this.queued.update(this.sim.now, this.waitingCount);
    }
    return SubmitResult.ACCEPTED;
  }

  /** Changes the number of servers (autoscaling). Work in progress is never pre-empted. */
  setServers(servers: number): void {
    if (!(servers >= 0) || !Number.isInteger(servers)) {
      throw new RangeError(`${this.name}: servers must be a whole number >= 0, got ${servers}`);
    }
    this.servers = servers;
    this.startWaiting();
  }

  /** Starts or ends an outage. Going down drops all queued and in-service jobs (OUTAGE). */
  setDown(isDown: boolean): void {
    if (isDown === this.isDownNow) return;
    this.isDownNow = isDown;
    if (!isDown) return;
    // Drop in arrival order: in-service jobs arrived before every waiting one (FIFO).
    const now = this.sim.now;
    const dropped: number[] = [];
    for (let slot = 0; slot < this.nextFreshSlot; slot++) {
      const state = this.stateOf[slot];
      if (state === SERVING || state === ORPHANED) {
        this.sim.cancel(this.doneHandleOf[slot]);
        if (state === SERVING) {
          dropped.push(slot);
        } else {
          // Already told (TIMEOUT); free the slot, marked IDLE so a later outage cannot free it twice.
          this.stateOf[slot] = IDLE;
          this.release(slot);
        }
      }
    }
    // Slots are reused, so slot order is not arrival order; equal arrival times need the sequence.
    dropped.sort((a, b) => this.arrivalSeqOf[a] - this.arrivalSeqOf[b]);
    for (let i = 0; i < this.ringCount; i++) {
      const slot = this.ring[(this.ringHead + i) & (this.ring.length - 1)];
      if (this.stateOf[slot] === QUEUED) dropped.push(slot);
      else if (this.stateOf[slot] === GONE) {
        this.stateOf[slot] = IDLE;
        this.release(slot);
      }
    }
    this.ringCount = 0;
    this.waitingCount = 0;
    this.busyCount = 0;
    this.busy.update(now, 0);
    this.queued.update(now, 0);
    for (const slot of dropped) {
      const job = this.jobOf[slot];
      const elapsed = now - this.arrivalOf[slot];
      this.sim.cancel(this.timeoutHandleOf[slot]);
      this.stateOf[slot] = IDLE;
      this.release(slot);
      this.outageDrops++;
      this.hooks.onDrop?.(job, DropReason.OUTAGE, elapsed);
    }
  }

  /** Discards statistics gathered so far (end of warm-up); jobs in progress are kept. */
  resetStatistics(): void {
    const now = this.sim.now;
    this.busy.reset(now);
    this.queued.reset(now);
    this.arrivals = 0;
    this.completions = 0;
    this.rejectedFull = 0;
    this.rejectedDown = 0;
    this.timeouts = 0;
    this.outageDrops = 0;
  }

  /** Mean busy servers divided by servers, over the statistics period. */
  utilisation(): number {
    return this.servers === 0 ? 0 : this.busy.mean(this.sim.now) / this.servers;
  }

  private start(slot: number): void {
    const now = this.sim.now;
    this.stateOf[slot] = SERVING;
    this.startOf[slot] = now;
    if (this.timeoutScope === "queue" && this.timeoutHandleOf[slot] >= 0) {
      this.sim.cancel(this.timeoutHandleOf[slot]);
      this.timeoutHandleOf[slot] = -1;
    }
    this.busyCount++;
    this.busy.update(now, this.busyCount);
    this.doneHandleOf[slot] = this.sim.schedule(this.serviceOf[slot], this.doneKind, slot);
  }

  private finish(slot: number): void {
    const now = this.sim.now;
    const wasOrphaned = this.stateOf[slot] === ORPHANED;
    const job = this.jobOf[slot];
    const wait = this.startOf[slot] - this.arrivalOf[slot];
    const service = now - this.startOf[slot];
    if (this.timeoutHandleOf[slot] >= 0) this.sim.cancel(this.timeoutHandleOf[slot]);
    this.stateOf[slot] = IDLE;
    this.release(slot);
    this.busyCount--;
    this.busy.update(now, this.busyCount);
    this.startWaiting();
    if (wasOrphaned) return;
    this.completions++;
    this.hooks.onDone(job, wait, service);
  }

  private expire(slot: number): void {
    const state = this.stateOf[slot];
    const elapsed = this.sim.now - this.arrivalOf[slot];
    const job = this.jobOf[slot];
    this.timeoutHandleOf[slot] = -1;
    if (state === QUEUED) {
      this.stateOf[slot] = GONE;
      this.waitingCount--;
      this.queued.update(this.sim.now, this.waitingCount);
      // With one constant timeout the expiring job is the oldest waiting, so it sits at the head.
      this.dropGoneAtHead();
    } else if (state === SERVING) {
      this.stateOf[slot] = ORPHANED;
    } else {
      return;
    }
    this.timeouts++;
    this.hooks.onDrop?.(job, DropReason.TIMEOUT, elapsed);
  }

  private startWaiting(): void {
    while (this.busyCount < this.servers && this.waitingCount > 0) {
      const slot = this.dequeue();
      if (this.stateOf[slot] === GONE) {
        this.stateOf[slot] = IDLE;
        this.release(slot);
        continue;
      }
      this.waitingCount--;
      this.queued.update(this.sim.now, this.waitingCount);
      this.start(slot);
    }
  }

  private dropGoneAtHead(): void {
    while (this.ringCount > 0 && this.stateOf[this.ring[this.ringHead]] === GONE) {
      const slot = this.dequeue();
      this.stateOf[slot] = IDLE;
      this.release(slot);
    }
  }

  private enqueue(slot: number): void {
    if (this.ringCount === this.ring.length) {
      const bigger = new Int32Array(this.ring.length * 2);
      for (let i = 0; i < this.ringCount; i++)
        bigger[i] = this.ring[(this.ringHead + i) & (this.ring.length - 1)];
      this.ring = bigger;
      this.ringHead = 0;
    }
    this.ring[(this.ringHead + this.ringCount) & (this.ring.length - 1)] = slot;
    this.ringCount++;
  }

  private dequeue(): number {
    const slot = this.ring[this.ringHead];
    this.ringHead = (this.ringHead + 1) & (this.ring.length - 1);
    this.ringCount--;
    return slot;
  }

  private allocate(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount];
    if (this.nextFreshSlot === this.jobOf.length) this.growSlots();
    return this.nextFreshSlot++;
  }

  private release(slot: number): void {
    this.freeSlots[this.freeCount++] = slot;
  }

  private growSlots(): void {
    const n = this.jobOf.length * 2;
    this.jobOf = copyInto(this.jobOf, new Int32Array(n));
    this.stateOf = copyInto(this.stateOf, new Uint8Array(n));
    this.arrivalOf = copyInto(this.arrivalOf, new Float64Array(n));
    this.arrivalSeqOf = copyInto(this.arrivalSeqOf, new Float64Array(n));
    this.startOf = copyInto(this.startOf, new Float64Array(n));
    this.serviceOf = copyInto(this.serviceOf, new Float64Array(n));
    this.doneHandleOf = copyInto(this.doneHandleOf, new Float64Array(n));
    this.timeoutHandleOf = copyInto(this.timeoutHandleOf, new Float64Array(n));
    this.freeSlots = copyInto(this.freeSlots, new Int32Array(n));
  }
}

function copyInto<T extends Int32Array | Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
