/**
 * A station its owner advances in local time, outside the simulation's event queue: the same
 * StationCore (admission, FIFO, response or queue timeout, outages, statistics) as the
 * event-driven Station, with its completions and deadlines in a small heap of its own.
 *
 * PERF: a datacenter's back-end API calls are ~90% of a run's events, and neither their arrivals
 * nor this station's completions touch anything outside the calls. So the owner plays them as a
 * local loop: `advance(t)` plays every completion and timeout up to `t` in time order, and
 * `submit(job, service, t)` offers a job at `t`. The owner registers itself with the simulation
 * as a local process (Simulation.addLocalProcess); the simulation plays every local process up to
 * the clock before any event of a kind defined as observing them (`defineEvent(..., { observes:
 * true })`: statistics, warm-up reset, outages, autoscaling) and at the end of every run, so
 * whoever reads or changes the station finds it settled. The process is
 * exactly the engine Station's: a tie between completion and deadline is a timeout, ties resolve
 * by the order in which the Station would have scheduled them (`seq`).
 *
 * Each job is queued (in the FIFO ring), serving (a DONE entry in the heap, plus a DEADLINE entry
 * when it would finish at or after its deadline) or orphaned (timed out in service: its DONE entry
 * frees the server silently). With a constant timeout the queue's head always has the earliest
 * queued deadline, so queued timeouts need no heap entry.
 */
import { EventHeap } from "../scheduler/event-heap.ts";
import type { Simulation } from "../simulation.ts";
import { DropReason, SERVING, type StationConfig, StationCore, SubmitResult } from "./station-core.ts";

/** Heap entry kinds, in the low bit of the entry. */
const DEADLINE = 0;
const DONE = 1;

/** What the owner hears: a job's end, at local time `time`. */
export interface LocalStationHooks {
  onDone(job: number, time: number): void;
  onDrop(job: number, reason: DropReason, time: number): void;
}

const NO_HOOKS: LocalStationHooks = { onDone: () => {}, onDrop: () => {} };

export class LocalStation extends StationCore {
  private hooks: LocalStationHooks = NO_HOOKS;
  /** Local events still allowed (shared by all local stations; a --max-events guard). */
  private readonly budget: Float64Array;
  /** Whole-run count of local events (arrivals, completions, timeouts); never reset. */
  private readonly played = new Float64Array(1);
  private readonly heap = new EventHeap(64);
  /** Event kinds, for the trajectory fingerprint only (local events are never dispatched). */
  private readonly arrivalKind: number;
  private readonly doneKind: number;
  private readonly timeoutKind: number;

  constructor(sim: Simulation, config: StationConfig, budget: Float64Array) {
    super(sim, config);
    this.budget = budget;
    this.arrivalKind = sim.defineLocalEvent(`${config.name}.arrival`);
    this.doneKind = sim.defineLocalEvent(`${config.name}.done`);
    this.timeoutKind = sim.defineLocalEvent(`${config.name}.timeout`);
  }

  bind(hooks: LocalStationHooks): void {
    this.hooks = hooks;
  }

  /** Events this station played over the whole run (each would be a simulation event). */
  get localEvents(): number {
    return this.played[0];
  }

  /** Time of the next completion or timeout, +Infinity when idle. */
  nextTime(): number {
    let t = this.heap.size > 0 ? this.heap.topTime() : Number.POSITIVE_INFINITY;
    const head = this.headOfQueue();
    if (head >= 0) {
      const deadline = this.arrivalOf[head] + this.timeout;
      if (deadline < t) t = deadline;
    }
    return t;
  }

  /**
   * Plays every completion and timeout at or before `until`, in time order. Stops early, and
   * stops the simulation, when the event budget runs out (the run is then partial).
   */
  advance(until: number): void {
    const heap = this.heap;
    for (;;) {
      if (this.budget[0] <= 0) {
        if (this.nextTime() <= until) {
          this.budget[0] = -1; // ran out with work left
          this.sim.stop();
        }
        return;
      }
      const tHeap = heap.size > 0 ? heap.topTime() : Number.POSITIVE_INFINITY;
      const head = this.headOfQueue();
      let tQueue = Number.POSITIVE_INFINITY;
      let isQueueFirst = false;
      if (head >= 0) {
        tQueue = this.arrivalOf[head] + this.timeout;
        isQueueFirst = tQueue < tHeap || (tQueue === tHeap && this.arrivalSeqOf[head] < heap.topSeq());
      }
      if (isQueueFirst) {
        if (tQueue > until) return;
        this.played[0]++;
        this.budget[0]--;
        const job = this.jobOf[head];
        this.sim.foldLocal(tQueue, this.timeoutKind, job);
        this.abandon(head, tQueue);
        this.hooks.onDrop(job, DropReason.TIMEOUT, tQueue);
      } else {
        if (tHeap > until) return;
        this.played[0]++;
        this.budget[0]--;
        const entry = heap.topId();
        heap.removeTop();
        const slot = entry >> 1;
        if ((entry & 1) === DONE) this.finish(slot, tHeap);
        else this.expireServing(slot, tHeap);
      }
    }
  }

  /** Offers a job needing `serviceTime` of one server at local time `now` (after `advance(now)`). */
  submit(job: number, serviceTime: number, now: number): SubmitResult {
    this.played[0]++;
    this.sim.foldLocal(now, this.arrivalKind, job);
    const slot = this.offer(job, serviceTime, now);
    if (slot < 0) return (-1 - slot) as SubmitResult;
    if (this.hasFreeServer()) this.start(slot, now);
    else this.enqueue(slot, now);
    return SubmitResult.ACCEPTED;
  }

  protected scheduleService(slot: number, now: number): void {
    const done = now + this.serviceOf[slot];
    // The caller gives up at its deadline even in service (response timeout); on a tie, it does
    // (its deadline was scheduled first, at submission).
    if (this.timeoutScope === "response") {
      const deadline = this.arrivalOf[slot] + this.timeout;
      if (done >= deadline) this.heap.push(deadline, this.arrivalSeqOf[slot], slot * 2 + DEADLINE);
    }
    this.heap.push(done, this.nextSeq++, slot * 2 + DONE);
  }

  protected cancelPending(): void {
    this.heap.size = 0;
  }

  protected notifyDrop(job: number, reason: DropReason, now: number): void {
    this.hooks.onDrop(job, reason, now);
  }

  private finish(slot: number, now: number): void {
    const job = this.jobOf[slot];
    this.sim.foldLocal(now, this.doneKind, job);
    if (this.complete(slot, now)) this.hooks.onDone(job, now);
  }

  private expireServing(slot: number, now: number): void {
    if (this.stateOf[slot] !== SERVING) return;
    const job = this.jobOf[slot];
    this.sim.foldLocal(now, this.timeoutKind, job);
    this.orphan(slot);
    this.hooks.onDrop(job, DropReason.TIMEOUT, now);
  }
}
