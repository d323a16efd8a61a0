/**
 * What every station is, however it is driven: c servers, a FIFO queue with an optional limit, an
 * optional timeout, outages, counters and the time-weighted busy and queue signals. Two drivers
 * share it: `Station` (station.ts) schedules its completions and timeouts as simulation events;
 * `LocalStation` (local-station.ts) plays them in a local loop its owner advances. The admission
 * rule, the queue discipline, the outage rule and the statistics live here once, so the two cannot
 * drift apart; test/model/back-end-cluster.prop.test.ts checks them event for event.
 *
 * Contract, in the order things happen:
 * - `offer` (each driver's `submit`) answers at once: ACCEPTED, or REJECTED_FULL (queue at its
 *   limit) or REJECTED_DOWN (in an outage); a rejected job gets no callback.
 * - An accepted job ends in exactly one callback: done after service, or dropped with TIMEOUT or
 *   OUTAGE.
 * - Timeout scope "queue": a job abandons if it has not started service `timeout` s after arrival
 *   (Erlang-A style). Scope "response": the caller gives up `timeout` s after arrival even in
 *   service; the server still finishes that work (it cannot know), and no done callback follows.
 * - Outage (`setDown(true)`): every queued and in-service job is dropped with OUTAGE, in arrival
 *   order, and new submissions are rejected until `setDown(false)`.
 * - When a server frees, the next queued job starts before the done callback runs, so a job
 *   submitted from inside it queues behind those already waiting (FIFO holds under re-entry).
 */
import type { Simulation } from "../simulation.ts";
import { TimeWeighted } from "../stats/time-weighted.ts";

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

// Request slot states.
export const IDLE = 0;
export const QUEUED = 1;
export const SERVING = 2;
/** In service, but the caller already gave up (response timeout): finish silently. */
export const ORPHANED = 3;
/** Left the queue (timeout) but still in the ring; skipped when reached. */
export const GONE = 4;

// Counter slots. PERF: a typed array, not number fields that may grow past small integers.
const ARRIVALS = 0;
const COMPLETIONS = 1;
const REJECTED_FULL = 2;
const REJECTED_DOWN = 3;
const TIMEOUTS = 4;
const OUTAGE_DROPS = 5;

export abstract class StationCore {
  readonly name: string;
  readonly queueLimit: number;
  readonly timeout: number;
  readonly timeoutScope: "queue" | "response";
  /** Servers currently working (time-weighted for utilisation). */
  readonly busy: TimeWeighted;
  /** Jobs waiting (time-weighted for mean queue length). */
  readonly queued: TimeWeighted;

  protected readonly sim: Simulation;
  protected readonly counts = new Float64Array(6);
  protected servers: number;
  protected busyCount = 0;
  protected waitingCount = 0;
  protected isDownNow = false;
  /** Jobs waiting that the owner carries at flow level (not as jobs): added to the queue signal. */
  protected flowQueued = 0;

  // Request slots (struct of arrays, pooled).
  protected jobOf = new Int32Array(64);
  protected stateOf = new Uint8Array(64);
  protected arrivalOf = new Float64Array(64);
  /** Submission order: ties at one instant, and arrival order for outage drops. */
  protected arrivalSeqOf = new Float64Array(64);
  protected startOf = new Float64Array(64);
  protected serviceOf = new Float64Array(64);
  /** Highest slot ever used + 1. */
  protected slotCount = 0;
  /** Next value of the station's sequence (submissions and service starts draw from it). */
  protected nextSeq = 0;
  private freeSlots = new Int32Array(64);
  private freeCount = 0;

  // FIFO ring of slots; GONE entries are skipped when they reach the head.
  protected ring = new Int32Array(64);
  protected ringHead = 0;
  protected ringCount = 0;

  constructor(sim: Simulation, config: StationConfig) {
    checkServers(config.name, config.servers);
    this.sim = sim;
    this.name = config.name;
    this.servers = config.servers;
    this.queueLimit = config.queueLimit ?? Number.POSITIVE_INFINITY;
    this.timeout = config.timeout ?? Number.POSITIVE_INFINITY;
    this.timeoutScope = config.timeoutScope ?? "queue";
    this.busy = new TimeWeighted(sim.now, 0);
    this.queued = new TimeWeighted(sim.now, 0);
  }

  /** The driver starts service of `slot` at `now` (state, busy count and signal are set). */
  protected abstract scheduleService(slot: number, now: number): void;
  /**
   * Going down: the driver forgets the pending ends of the jobs on a server (`serving`, orphans
   * included) and the pending timeouts of those and of the waiting ones (`queued`).
   */
  protected abstract cancelPending(serving: readonly number[], queued: readonly number[]): void;
  /** The driver tells its owner that `job` was dropped with `reason` at `now`. */
  protected abstract notifyDrop(job: number, reason: DropReason, now: number, elapsed: number): void;

  get arrivals(): number {
    return this.counts[ARRIVALS];
  }
  get completions(): number {
    return this.counts[COMPLETIONS];
  }
  get rejectedFull(): number {
    return this.counts[REJECTED_FULL];
  }
  get rejectedDown(): number {
    return this.counts[REJECTED_DOWN];
  }
  get timeouts(): number {
    return this.counts[TIMEOUTS];
  }
  get outageDrops(): number {
    return this.counts[OUTAGE_DROPS];
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

  /**
   * From `now` on, besides its jobs, the station carries `queued` waiting jobs at flow level (a
   * mean level the owner computes from a call rate: Little's law, queue = rate × mean wait).
   * Zero it to carry jobs alone.
   */
  setFlowQueue(now: number, queued: number): void {
    this.flowQueued = queued;
    this.queued.update(now, this.waitingCount + queued);
  }

  /**
   * Server time [s] of jobs carried at flow level that arrived at `now`: added to the busy
   * signal's integral at once (it holds the same total as playing them, and the same noise, at
   * the cost of placing each job's work at its arrival; bins are far longer than a job).
   */
  addFlowWork(now: number, seconds: number): void {
    this.busy.addArea(now, seconds);
  }

  /** Counts jobs carried at flow level: `arrivals`, of which `timeouts` timed out, the rest completed. */
  countFlowJobs(arrivals: number, timeouts: number): void {
    this.counts[ARRIVALS] += arrivals;
    this.counts[COMPLETIONS] += arrivals - timeouts;
    this.counts[TIMEOUTS] += timeouts;
  }

  /** `drops` of the jobs counted by countFlowJobs as completed were in flight at an outage. */
  countFlowOutageDrops(drops: number): void {
    this.counts[COMPLETIONS] -= drops;
    this.counts[OUTAGE_DROPS] += drops;
  }

  /** Changes the number of servers (autoscaling). Work in progress is never pre-empted. */
  setServers(servers: number): void {
    checkServers(this.name, servers);
    this.servers = servers;
    this.startWaiting(this.sim.now);
  }

  /** Starts or ends an outage. Going down drops all queued and in-service jobs (OUTAGE). */
  setDown(isDown: boolean): void {
    if (isDown === this.isDownNow) return;
    this.isDownNow = isDown;
    if (!isDown) return;
    const now = this.sim.now;
    const inService: number[] = [];
    const orphans: number[] = [];
    for (let slot = 0; slot < this.slotCount; slot++) {
      const state = this.stateOf[slot];
      if (state === SERVING) inService.push(slot);
      else if (state === ORPHANED) orphans.push(slot);
    }
    // Slots are reused, so slot order is not arrival order; equal arrival times need the sequence.
    inService.sort((a, b) => this.arrivalSeqOf[a] - this.arrivalSeqOf[b]);
    const queued: number[] = [];
    const gone: number[] = [];
    for (let i = 0; i < this.ringCount; i++) {
      const slot = this.ring[(this.ringHead + i) & (this.ring.length - 1)];
      if (this.stateOf[slot] === QUEUED) queued.push(slot);
      else if (this.stateOf[slot] === GONE) gone.push(slot);
    }
    this.cancelPending(inService.concat(orphans), queued);
    // Already told (TIMEOUT): freed, and marked IDLE so a later outage cannot free them twice.
    for (const slot of orphans) this.free(slot);
    for (const slot of gone) this.free(slot);
    this.ringCount = 0;
    this.waitingCount = 0;
    this.busyCount = 0;
    this.flowQueued = 0;
    this.busy.update(now, 0);
    this.queued.update(now, 0);
    // In-service jobs arrived before every waiting one (FIFO): together, arrival order.
    for (const slot of inService.concat(queued)) {
      const job = this.jobOf[slot];
      const elapsed = now - this.arrivalOf[slot];
      this.free(slot);
      this.counts[OUTAGE_DROPS]++;
      this.notifyDrop(job, DropReason.OUTAGE, now, elapsed);
    }
  }

  /** Discards statistics gathered so far (end of warm-up); jobs in progress are kept. */
  resetStatistics(): void {
    const now = this.sim.now;
    this.busy.reset(now);
    this.queued.reset(now);
    this.counts.fill(0);
  }

  /** Mean busy servers divided by servers, over the statistics period. */
  utilisation(): number {
    return this.servers === 0 ? 0 : this.busy.mean(this.sim.now) / this.servers;
  }

  /**
   * Admission: counts the arrival and answers with the job's slot (>= 0) when accepted, else
   * `-1 - SubmitResult` (REJECTED_FULL or REJECTED_DOWN). The driver then starts the job
   * (`hasFreeServer()`) or queues it.
   */
  protected offer(job: number, serviceTime: number, now: number): number {
    this.counts[ARRIVALS]++;
    if (this.isDownNow || (!this.hasFreeServer() && this.waitingCount >= this.queueLimit))
      return this.reject();
    const slot = this.allocate();
    this.jobOf[slot] = job;
    this.arrivalOf[slot] = now;
    this.arrivalSeqOf[slot] = this.nextSeq++;
    this.serviceOf[slot] = serviceTime;
    return slot;
  }

  /** Counts a rejection (down, else full) and answers as `offer` does. */
  private reject(): number {
    if (this.isDownNow) {
      this.counts[REJECTED_DOWN]++;
      return -1 - SubmitResult.REJECTED_DOWN;
    }
    this.counts[REJECTED_FULL]++;
    return -1 - SubmitResult.REJECTED_FULL;
  }

  /** A job offered now would start at once (a server is free and nobody waits). */
  protected hasFreeServer(): boolean {
    return this.busyCount < this.servers && this.waitingCount === 0;
  }

  /** Puts an accepted job at the back of the queue. */
  protected enqueue(slot: number, now: number): void {
    this.stateOf[slot] = QUEUED;
    if (this.ringCount === this.ring.length) this.growRing();
    this.ring[(this.ringHead + this.ringCount) & (this.ring.length - 1)] = slot;
    this.ringCount++;
    this.waitingCount++;
    this.queued.update(now, this.waitingCount + this.flowQueued);
  }

  /** Takes a server for `slot` at `now` and lets the driver schedule its end. */
  protected start(slot: number, now: number): void {
    this.stateOf[slot] = SERVING;
    this.startOf[slot] = now;
    this.busyCount++;
    this.busy.update(now, this.busyCount);
    this.scheduleService(slot, now);
  }

  /**
   * A server finished `slot` at `now`: frees both and starts the next waiting job. Returns false
   * when the caller had already given up (an orphan: no callback), true when it is a completion.
   */
  protected complete(slot: number, now: number): boolean {
    const wasOrphaned = this.stateOf[slot] === ORPHANED;
    this.free(slot);
    this.busyCount--;
    this.busy.update(now, this.busyCount);
    this.startWaiting(now);
    if (wasOrphaned) return false;
    this.counts[COMPLETIONS]++;
    return true;
  }

  /** A response timeout in service: the job stays on its server, the caller is told. */
  protected orphan(slot: number): void {
    this.stateOf[slot] = ORPHANED;
    this.counts[TIMEOUTS]++;
  }

  /** A queued job gives up: it leaves the count now and the ring when it reaches the head. */
  protected abandon(slot: number, now: number): void {
    this.stateOf[slot] = GONE;
    this.waitingCount--;
    this.queued.update(now, this.waitingCount + this.flowQueued);
    this.counts[TIMEOUTS]++;
    while (this.ringCount > 0 && this.stateOf[this.ring[this.ringHead]] === GONE) this.free(this.dequeue());
  }

  /** The slot at the head of the queue (the oldest job still waiting), -1 when none waits. */
  protected headOfQueue(): number {
    return this.waitingCount > 0 ? this.ring[this.ringHead] : -1;
  }

  protected startWaiting(now: number): void {
    while (this.busyCount < this.servers && this.waitingCount > 0) {
      const slot = this.dequeue();
      if (this.stateOf[slot] === GONE) {
        this.free(slot);
        continue;
      }
      this.waitingCount--;
      this.queued.update(now, this.waitingCount + this.flowQueued);
      this.start(slot, now);
    }
  }

  private growRing(): void {
    const bigger = new Int32Array(this.ring.length * 2);
    for (let i = 0; i < this.ringCount; i++)
      bigger[i] = this.ring[(this.ringHead + i) & (this.ring.length - 1)];
    this.ring = bigger;
    this.ringHead = 0;
  }

  private dequeue(): number {
    const slot = this.ring[this.ringHead];
    this.ringHead = (this.ringHead + 1) & (this.ring.length - 1);
    this.ringCount--;
    return slot;
  }

  private allocate(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount];
    if (this.slotCount === this.jobOf.length) this.growSlots();
    return this.slotCount++;
  }

  protected free(slot: number): void {
    this.stateOf[slot] = IDLE;
    this.freeSlots[this.freeCount++] = slot;
  }

  /** Drivers with per-slot columns of their own grow them here too. */
  protected growSlots(): void {
    const n = this.jobOf.length * 2;
    this.jobOf = grown(this.jobOf, new Int32Array(n));
    this.stateOf = grown(this.stateOf, new Uint8Array(n));
    this.arrivalOf = grown(this.arrivalOf, new Float64Array(n));
    this.arrivalSeqOf = grown(this.arrivalSeqOf, new Float64Array(n));
    this.startOf = grown(this.startOf, new Float64Array(n));
    this.serviceOf = grown(this.serviceOf, new Float64Array(n));
    this.freeSlots = grown(this.freeSlots, new Int32Array(n));
  }
}

export function grown<T extends Int32Array | Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}

function checkServers(name: string, servers: number): void {
  if (!(servers >= 0) || !Number.isInteger(servers)) {
    throw new RangeError(`${name}: servers must be a whole number >= 0, got ${servers}`);
  }
}
