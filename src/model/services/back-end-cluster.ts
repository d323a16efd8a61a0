/**
 * A datacenter's back-end cluster (domain.md §1 step 6): the same multi-server FIFO station as
 * engine/station.ts (c servers, queue limit, response timeout, outages, `setServers`), but
 * advanced by its caller in local time instead of through the simulation's event queue.
 *
 * PERF: API calls are ~90% of a session's work. Their arrivals (back-end-calls.ts) and this
 * station's completions and timeouts touch nothing outside the datacenter's calls, so they run
 * as a small local event loop: `advance(t)` plays every completion and timeout up to `t` in time
 * order, `submit(job, service, t)` offers a job at `t`. The owner must `advance` to the current
 * time before anything reads the station (statistics, warm-up reset, outages, autoscaling); it
 * does that through `settle()`. The process is exactly the engine Station's: same admission
 * rule, FIFO order, response timeout (a tie between completion and deadline is a timeout), and
 * the same time-weighted busy and queue signals.
 *
 * Each job is in one of: queued (in the FIFO ring), serving (a DONE entry in the completion
 * heap, plus a DEADLINE entry when it would finish at or after its deadline), orphaned (timed out
 * in service: its DONE entry frees the server silently). With a constant timeout the queue's
 * head always has the earliest queued deadline, so queued timeouts need no heap.
 */
import type { Simulation } from "../../engine/simulation.ts";
import { DropReason, SubmitResult } from "../../engine/station.ts";
import { TimeWeighted } from "../../engine/stats/time-weighted.ts";

const IDLE = 0;
const QUEUED = 1;
const SERVING = 2;
const ORPHANED = 3;

/** Heap entry kinds, in the low bit of the entry. */
const DEADLINE = 0;
const DONE = 1;

// Counter slots (PERF: typed array, not number fields that may grow past small integers).
const ARRIVALS = 0;
const COMPLETIONS = 1;
const REJECTED_FULL = 2;
const REJECTED_DOWN = 3;
const TIMEOUTS = 4;
const OUTAGE_DROPS = 5;
/** Whole-run count of local events (arrivals, completions, timeouts); never reset. */
const EVENTS = 6;
/** The next scheduling sequence number (see `heapSeq`). */
const NEXT_SEQ = 7;

export interface BackEndClusterConfig {
  readonly name: string;
  readonly servers: number;
  readonly queueLimit: number;
  /** Response timeout [s] after arrival (Infinity = none). */
  readonly timeout: number;
}

/** What the owner hears: a job's end, at local time `time`. */
export interface BackEndClusterHooks {
  onDone(job: number, time: number): void;
  onDrop(job: number, reason: DropReason, time: number): void;
}

const NO_HOOKS: BackEndClusterHooks = { onDone: () => {}, onDrop: () => {} };

export class BackEndCluster {
  readonly name: string;
  readonly queueLimit: number;
  readonly timeout: number;
  readonly busy: TimeWeighted;
  readonly queued: TimeWeighted;
  /** Brings the owner's local process up to the simulation's clock (set by the owner). */
  onSettle: () => void = () => {};
  private hooks: BackEndClusterHooks = NO_HOOKS;
  private readonly sim: Simulation;
  /** Local events still allowed (shared by all back ends; a --max-events guard), see `Datacenters`. */
  private readonly budget: Float64Array;
  private readonly counters = new Float64Array(8);
  private servers: number;
  private busyCount = 0;
  private waitingCount = 0;
  private isDownNow = false;

  // Job slots.
  private jobOf = new Int32Array(64);
  private stateOf = new Uint8Array(64);
  private arrivalOf = new Float64Array(64);
  private arrivalSeqOf = new Float64Array(64);
  private serviceOf = new Float64Array(64);
  private freeSlots = new Int32Array(64);
  private freeCount = 0;
  private nextFresh = 0;

  // Completion heap: binary min-heap of (time, seq) -> slot × 2 + kind. `seq` is when the entry
  // would have been scheduled in the engine Station (a deadline: at submission; a completion: at
  // the start of service), so that ties resolve as they would there.
  private heapTime = new Float64Array(64);
  private heapSeq = new Float64Array(64);
  private heapEntry = new Int32Array(64);
  private heapSize = 0;

  // FIFO ring of queued slots (power-of-two length).
  private ring = new Int32Array(64);
  private ringHead = 0;

  constructor(sim: Simulation, config: BackEndClusterConfig, budget: Float64Array) {
    this.sim = sim;
    this.budget = budget;
    this.name = config.name;
    this.servers = config.servers;
    this.queueLimit = config.queueLimit;
    this.timeout = config.timeout;
    this.busy = new TimeWeighted(sim.now, 0);
    this.queued = new TimeWeighted(sim.now, 0);
  }

  bind(hooks: BackEndClusterHooks): void {
    this.hooks = hooks;
  }

  /** Brings the station up to the simulation's clock; call before reading it. */
  settle(): void {
    this.onSettle();
  }

  get arrivals(): number {
    return this.counters[ARRIVALS];
  }
  get completions(): number {
    return this.counters[COMPLETIONS];
  }
  get rejectedFull(): number {
    return this.counters[REJECTED_FULL];
  }
  get rejectedDown(): number {
    return this.counters[REJECTED_DOWN];
  }
  get timeouts(): number {
    return this.counters[TIMEOUTS];
  }
  get outageDrops(): number {
    return this.counters[OUTAGE_DROPS];
  }
  /** Events this station played locally over the whole run (each would be a simulation event). */
  get localEvents(): number {
    return this.counters[EVENTS];
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

  /** Time of the next completion or timeout, +Infinity when idle. */
  nextTime(): number {
    let t = this.heapSize > 0 ? this.heapTime[0] : Number.POSITIVE_INFINITY;
    if (this.waitingCount > 0) {
      const deadline = this.arrivalOf[this.ring[this.ringHead]] + this.timeout;
      if (deadline < t) t = deadline;
    }
    return t;
  }

  /**
   * Plays every completion and timeout at or before `until`, in time order. Stops early, and
   * stops the simulation, when the event budget runs out (the run is then partial).
   */
  advance(until: number): void {
    for (;;) {
      if (this.budget[0] <= 0) {
        if (this.nextTime() <= until) {
          this.budget[0] = -1; // ran out with work left
          this.sim.stop();
        }
        return;
      }
      const tHeap = this.heapSize > 0 ? this.heapTime[0] : Number.POSITIVE_INFINITY;
      let tQueue = Number.POSITIVE_INFINITY;
      let isQueueFirst = false;
      if (this.waitingCount > 0) {
        const head = this.ring[this.ringHead];
        tQueue = this.arrivalOf[head] + this.timeout;
        isQueueFirst = tQueue < tHeap || (tQueue === tHeap && this.arrivalSeqOf[head] < this.heapSeq[0]);
      }
      if (isQueueFirst) {
        if (tQueue > until) return;
        this.counters[EVENTS]++;
        this.budget[0]--;
        this.expireHead(tQueue);
      } else {
        if (tHeap > until) return;
        this.counters[EVENTS]++;
        this.budget[0]--;
        const entry = this.heapEntry[0];
        this.heapPop();
        if ((entry & 1) === DONE) this.finish(entry >> 1, tHeap);
        else this.expireServing(entry >> 1, tHeap);
      }
    }
  }

  /** Offers a job needing `serviceTime` of one server at local time `now` (after `advance(now)`). */
  submit(job: number, serviceTime: number, now: number): SubmitResult {
    this.counters[ARRIVALS]++;
    this.counters[EVENTS]++;
    if (this.isDownNow) {
      this.counters[REJECTED_DOWN]++;
      return SubmitResult.REJECTED_DOWN;
    }
    const canStart = this.busyCount < this.servers && this.waitingCount === 0;
    if (!canStart && this.waitingCount >= this.queueLimit) {
      this.counters[REJECTED_FULL]++;
      return SubmitResult.REJECTED_FULL;
    }
    const slot = this.allocate();
    this.jobOf[slot] = job;
    this.arrivalOf[slot] = now;
    this.arrivalSeqOf[slot] = this.counters[NEXT_SEQ]++;
    this.serviceOf[slot] = serviceTime;
    if (canStart) {
      this.start(slot, now);
    } else {
      this.stateOf[slot] = QUEUED;
      this.enqueue(slot);
      this.waitingCount++;
      this.queued.update(now, this.waitingCount);
    }
    return SubmitResult.ACCEPTED;
  }

  /** Changes the number of servers now (autoscaling); work in progress is never pre-empted. */
  setServers(servers: number): void {
    this.settle();
    const now = this.sim.now;
    if (!(servers >= 0) || !Number.isInteger(servers)) {
      throw new RangeError(`${this.name}: servers must be a whole number >= 0, got ${servers}`);
    }
    this.servers = servers;
    this.startWaiting(now);
  }

  /** Starts or ends an outage now: going down drops all queued and in-service jobs (OUTAGE). */
  setDown(isDown: boolean): void {
    this.settle();
    const now = this.sim.now;
    if (isDown === this.isDownNow) return;
    this.isDownNow = isDown;
    if (!isDown) return;
    const dropped: number[] = [];
    for (let i = 0; i < this.heapSize; i++) {
      const entry = this.heapEntry[i];
      if ((entry & 1) !== DONE) continue;
      const slot = entry >> 1;
      if (this.stateOf[slot] === SERVING) dropped.push(slot);
      else {
        this.stateOf[slot] = IDLE;
        this.release(slot);
      }
    }
    dropped.sort((a, b) => this.arrivalSeqOf[a] - this.arrivalSeqOf[b]);
    for (let i = 0; i < this.waitingCount; i++)
      dropped.push(this.ring[(this.ringHead + i) & (this.ring.length - 1)]);
    this.heapSize = 0;
    this.waitingCount = 0;
    this.busyCount = 0;
    this.busy.update(now, 0);
    this.queued.update(now, 0);
    for (const slot of dropped) {
      const job = this.jobOf[slot];
      this.stateOf[slot] = IDLE;
      this.release(slot);
      this.counters[OUTAGE_DROPS]++;
      this.hooks.onDrop(job, DropReason.OUTAGE, now);
    }
  }

  /** Discards statistics gathered so far (end of warm-up); jobs in progress are kept. */
  resetStatistics(): void {
    this.settle();
    this.busy.reset(this.sim.now);
    this.queued.reset(this.sim.now);
    this.counters.fill(0, 0, EVENTS); // not EVENTS nor NEXT_SEQ
  }

  /** Mean busy servers divided by servers over the statistics period (after `settle`). */
  utilisation(): number {
    return this.servers === 0 ? 0 : this.busy.mean(this.sim.now) / this.servers;
  }

  private start(slot: number, now: number): void {
    this.stateOf[slot] = SERVING;
    this.busyCount++;
    this.busy.update(now, this.busyCount);
    const done = now + this.serviceOf[slot];
    const deadline = this.arrivalOf[slot] + this.timeout;
    // The caller gives up at its deadline even in service (response timeout); on a tie, it does
    // (its deadline was scheduled first).
    if (done >= deadline) this.heapPush(deadline, this.arrivalSeqOf[slot], slot * 2 + DEADLINE);
    this.heapPush(done, this.counters[NEXT_SEQ]++, slot * 2 + DONE);
  }

  private finish(slot: number, now: number): void {
    const wasOrphaned = this.stateOf[slot] === ORPHANED;
    const job = this.jobOf[slot];
    this.stateOf[slot] = IDLE;
    this.release(slot);
    this.busyCount--;
    this.busy.update(now, this.busyCount);
    this.startWaiting(now);
    if (wasOrphaned) return;
    this.counters[COMPLETIONS]++;
    this.hooks.onDone(job, now);
  }

  private expireServing(slot: number, now: number): void {
    if (this.stateOf[slot] !== SERVING) return;
    this.stateOf[slot] = ORPHANED;
    this.counters[TIMEOUTS]++;
    this.hooks.onDrop(this.jobOf[slot], DropReason.TIMEOUT, now);
  }

  private expireHead(now: number): void {
    const slot = this.dequeue();
    this.waitingCount--;
    this.queued.update(now, this.waitingCount);
    const job = this.jobOf[slot];
    this.stateOf[slot] = IDLE;
    this.release(slot);
    this.counters[TIMEOUTS]++;
    this.hooks.onDrop(job, DropReason.TIMEOUT, now);
  }

  private startWaiting(now: number): void {
    while (this.busyCount < this.servers && this.waitingCount > 0) {
      const slot = this.dequeue();
      this.waitingCount--;
      this.queued.update(now, this.waitingCount);
      this.start(slot, now);
    }
  }

  private enqueue(slot: number): void {
    const mask = this.ring.length - 1;
    if (this.waitingCount === this.ring.length) {
      const bigger = new Int32Array(this.ring.length * 2);
      for (let i = 0; i < this.waitingCount; i++) bigger[i] = this.ring[(this.ringHead + i) & mask];
      this.ring = bigger;
      this.ringHead = 0;
    }
    this.ring[(this.ringHead + this.waitingCount) & (this.ring.length - 1)] = slot;
  }

  private dequeue(): number {
    const slot = this.ring[this.ringHead];
    this.ringHead = (this.ringHead + 1) & (this.ring.length - 1);
    return slot;
  }

  private heapPush(time: number, seq: number, entry: number): void {
    if (this.heapSize === this.heapTime.length) {
      this.heapTime = grow(this.heapTime, new Float64Array(this.heapSize * 2));
      this.heapSeq = grow(this.heapSeq, new Float64Array(this.heapSize * 2));
      this.heapEntry = grow(this.heapEntry, new Int32Array(this.heapSize * 2));
    }
    const times = this.heapTime;
    const seqs = this.heapSeq;
    const entries = this.heapEntry;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent];
      entries[i] = entries[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    entries[i] = entry;
  }

  private heapPop(): void {
    const n = --this.heapSize;
    if (n === 0) return;
    const times = this.heapTime;
    const seqs = this.heapSeq;
    const entries = this.heapEntry;
    const time = times[n];
    const seq = seqs[n];
    const entry = entries[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (
        right < n &&
        (times[right] < times[child] || (times[right] === times[child] && seqs[right] < seqs[child]))
      )
        child = right;
      const ct = times[child];
      if (time < ct || (time === ct && seq < seqs[child])) break;
      times[i] = ct;
      seqs[i] = seqs[child];
      entries[i] = entries[child];
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    entries[i] = entry;
  }

  private allocate(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount];
    if (this.nextFresh === this.jobOf.length) {
      const n = this.jobOf.length * 2;
      this.jobOf = grow(this.jobOf, new Int32Array(n));
      this.stateOf = grow(this.stateOf, new Uint8Array(n));
      this.arrivalOf = grow(this.arrivalOf, new Float64Array(n));
      this.arrivalSeqOf = grow(this.arrivalSeqOf, new Float64Array(n));
      this.serviceOf = grow(this.serviceOf, new Float64Array(n));
      this.freeSlots = grow(this.freeSlots, new Int32Array(n));
    }
    return this.nextFresh++;
  }

  private release(slot: number): void {
    this.freeSlots[this.freeCount++] = slot;
  }
}

function grow<T extends Int32Array | Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
