/**
 * The simulation kernel: a clock in seconds, the pending-event set, and dispatch by event kind.
 *
 * An event is (time, kind, target): `kind` is a small integer naming what happens (registered once
 * with `defineEvent`, which binds it to a handler) and `target` is an integer naming to whom (a
 * session slot, a request slot, a server). No object or closure exists per event: components
 * define their kinds at build time and keep their own state in typed columns indexed by target.
 */
import { type EventHandle, EventQueue } from "./scheduler/event-queue.ts";

export type { EventHandle } from "./scheduler/event-queue.ts";

/** Handles one event of a kind; `target` is the integer given when it was scheduled. */
export type EventHandler = (target: number) => void;

/** A FIFO lane for one constant delay: cheaper than the calendar for already-ordered events. */
export type LaneId = number;

export interface SimulationOptions {
  /** Initial capacity of the event arrays (they grow by doubling). */
  readonly initialCapacity?: number;
  /**
   * Far-future tier: events more than about one bucket width [s] ahead wait in time buckets,
   * not in the calendar queue (default 60 s × 1024 buckets; beyond that, an overflow heap).
   */
  readonly bucketWidth?: number;
  readonly bucketCount?: number;
  /** Play local processes before every event, not only observing ones (slower; for tests). */
  readonly playLocalBeforeEveryEvent?: boolean;
}

export interface EventKindOptions {
  /** The handler reads or changes what a local process does: play them up to now first. */
  readonly observes?: boolean;
}

/**
 * Events played outside the queue by their owner, in local time (a LocalStation and what feeds
 * it). The simulation plays every local process up to the clock before each event of a kind
 * defined with `{ observes: true }` (those whose handlers read or change what local processes do)
 * and when a run ends, so no observer and no reader after a run sees one behind the clock.
 * `SimulationOptions.playLocalBeforeEveryEvent` plays them before every event instead: the same
 * results when every observing kind is declared, which a test checks.
 */
export interface LocalProcess {
  /** Plays every local event at or before `until`. */
  playUntil(until: number): void;
  /** Time of the earliest local event not yet played, +Infinity when none. */
  nextLocalTime(): number;
}

export class Simulation {
  // PERF: the clock lives in a Float64Array; a mutable double field is boxed (see TimeWeighted).
  private readonly clock = new Float64Array(1);
  /** Events dispatched so far. */
  eventsProcessed = 0;

  private readonly queue: EventQueue;
  private readonly handlers: EventHandler[] = [];
  private readonly eventNames: string[] = [];
  private isStopping = false;
  /** Event-trajectory fingerprint state: two FNV-1a lanes, null while disabled. */
  private fingerprintLanes: Uint32Array | null = null;
  private readonly lanesByDelay = new Map<number, LaneId>();
  private readonly localProcesses: LocalProcess[] = [];
  /** Per event kind: 1 when local processes must be played before it (see LocalProcess). */
  private readonly observesLocal: number[] = [];
  private readonly playLocalAlways: boolean;

  /** Current simulated time [s]. Never decreases. */
  get now(): number {
    return this.clock[0];
  }

  constructor(options: SimulationOptions = {}) {
    this.queue = new EventQueue(options.initialCapacity, options.bucketWidth, options.bucketCount);
    this.playLocalAlways = options.playLocalBeforeEveryEvent ?? false;
  }

  /** Registers an event kind and its handler; call at build time, not per event. */
  defineEvent(name: string, handler: EventHandler, options: EventKindOptions = {}): number {
    this.handlers.push(handler);
    this.eventNames.push(name);
    this.observesLocal.push(options.observes || this.playLocalAlways ? 1 : 0);
    return this.handlers.length - 1;
  }

  /** Registers the name of an event kind a local process plays itself; it is never dispatched. */
  defineLocalEvent(name: string): number {
    return this.defineEvent(name, () => {
      throw new Error(`${name} is played by a local process, never dispatched`);
    });
  }

  /** Adds a local process (see LocalProcess for when it is played). */
  addLocalProcess(process: LocalProcess): void {
    this.localProcesses.push(process);
  }

  /** The earliest unplayed local event over all local processes (tests check it is after now). */
  nextLocalTime(): number {
    let t = Number.POSITIVE_INFINITY;
    for (const p of this.localProcesses) t = Math.min(t, p.nextLocalTime());
    return t;
  }

  /**
   * Folds an event a local process played at `time` into the fingerprint (no-op unless enabled),
   * so the trajectory fingerprint covers local events too. They are folded when played, which is
   * before the next dispatched event: a deterministic order, not a global time order.
   */
  foldLocal(time: number, kind: number, target: number): void {
    const lanes = this.fingerprintLanes;
    if (lanes === null) return;
    TIME_BITS[0] = time;
    fold(lanes, TIME_WORDS[0]);
    fold(lanes, TIME_WORDS[1]);
    fold(lanes, kind);
    fold(lanes, target);
  }

  /** The name an event kind was defined with (for traces and errors). */
  eventName(kind: number): string {
    return this.eventNames[kind] ?? `#${kind}`;
  }

  /**
   * A FIFO lane for events scheduled with this constant delay [s]. Lanes are shared by delay:
   * every component asking for the same delay gets the same lane, so the dispatcher compares
   * one head per distinct delay, however many stations use it.
   */
  createLane(delay: number): LaneId {
    if (!(delay >= 0) || delay === Number.POSITIVE_INFINITY) {
      throw new RangeError(`lane delay must be a finite number >= 0, got ${delay}`);
    }
    let lane = this.lanesByDelay.get(delay);
    if (lane === undefined) {
      lane = this.queue.addLane(delay);
      this.lanesByDelay.set(delay, lane);
    }
    return lane;
  }

  /** Schedules `kind` for `target` after `delay` seconds (0 = now, after already-scheduled peers). */
  schedule(delay: number, kind: number, target: number): EventHandle {
    // PERF: one comparison rejects negative delays and NaN alike.
    if (!(delay >= 0)) this.badDelay(kind, delay);
    return this.queue.push(this.clock[0] + delay, kind, target);
  }

  // PERF: the throw lives in its own function, so schedule stays small enough to inline.
  private badDelay(kind: number, delay: number): never {
    throw new RangeError(`cannot schedule ${this.eventName(kind)} with delay ${delay}`);
  }

  /** Schedules `kind` for `target` at absolute time `time` (>= now). */
  scheduleAt(time: number, kind: number, target: number): EventHandle {
    if (!(time >= this.now)) {
      throw new RangeError(`cannot schedule ${this.eventName(kind)} at ${time}, before now (${this.now})`);
    }
    return this.queue.push(time, kind, target);
  }

  /** Schedules `kind` for `target` after the lane's constant delay. */
  scheduleOnLane(lane: LaneId, kind: number, target: number): EventHandle {
    return this.queue.pushLane(lane, this.now + this.queue.laneDelay(lane), kind, target);
  }

  /** Cancels a scheduled event; false when it already fired or was cancelled. O(1). */
  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  /** Scheduled events not yet fired nor cancelled. */
  get pending(): number {
    return this.queue.size;
  }

  /** Time of the next event, or +Infinity when none is pending. */
  peekTime(): number {
    return this.queue.peekTime();
  }

  /**
   * Starts folding every dispatched (time, kind, target) into a 64-bit fingerprint of the event
   * trajectory, like OMNeT++'s fingerprints: two runs dispatch the same events in the same order
   * at the same times exactly when their fingerprints agree (bar hash collisions). Costs a
   * little per event, so it is opt-in; the plain run loop does not pay for it.
   */
  enableFingerprint(): void {
    if (this.fingerprintLanes === null)
      this.fingerprintLanes = Uint32Array.of(0x811c9dc5, 0x01000193 ^ 0x5bd1e995);
  }

  /** The trajectory fingerprint so far as 16 hex digits, or null when not enabled. */
  get fingerprint(): string | null {
    const lanes = this.fingerprintLanes;
    if (lanes === null) return null;
    return lanes[0].toString(16).padStart(8, "0") + lanes[1].toString(16).padStart(8, "0");
  }

  /** Makes `run` return after the current event. */
  stop(): void {
    this.isStopping = true;
  }

  /**
   * Dispatches events in (time, seq) order until none is left, the next one lies after `until`,
   * `maxEvents` more have run, or a handler calls `stop()`. When it ends for lack of events before
   * `until`, the clock advances to `until`, so time-averages cover the whole horizon.
   * Returns the number of events dispatched by this call.
   */
  run(until = Number.POSITIVE_INFINITY, maxEvents = Number.POSITIVE_INFINITY): number {
    if (this.fingerprintLanes !== null) return this.runFingerprinted(until, maxEvents, this.fingerprintLanes);
    const queue = this.queue;
    const handlers = this.handlers;
    const observes = this.observesLocal;
    this.isStopping = false;
    let dispatched = 0;
    while (dispatched < maxEvents && !this.isStopping) {
      if (!queue.pop(until)) {
        this.endAt(until);
        break;
      }
      this.clock[0] = queue.time;
      dispatched++;
      if (observes[queue.kind] === 1) this.playLocal(queue.time);
      handlers[queue.kind](queue.target);
    }
    this.eventsProcessed += dispatched;
    return dispatched;
  }

  /** No event left before `until`: the clock moves there (only forward) and local processes follow. */
  private endAt(until: number): void {
    if (until !== Number.POSITIVE_INFINITY && until > this.clock[0]) this.clock[0] = until;
    this.playLocal(this.clock[0]);
  }

  private playLocal(until: number): void {
    for (const p of this.localProcesses) p.playUntil(until);
  }

  /** `run`, folding each event into the fingerprint before dispatching it. */
  private runFingerprinted(until: number, maxEvents: number, lanes: Uint32Array): number {
    const queue = this.queue;
    const handlers = this.handlers;
    const observes = this.observesLocal;
    this.isStopping = false;
    let dispatched = 0;
    while (dispatched < maxEvents && !this.isStopping) {
      if (!queue.pop(until)) {
        this.endAt(until);
        break;
      }
      this.clock[0] = queue.time;
      dispatched++;
      if (observes[queue.kind] === 1) this.playLocal(queue.time);
      TIME_BITS[0] = queue.time;
      fold(lanes, TIME_WORDS[0]);
      fold(lanes, TIME_WORDS[1]);
      fold(lanes, queue.kind);
      fold(lanes, queue.target);
      handlers[queue.kind](queue.target);
    }
    this.eventsProcessed += dispatched;
    return dispatched;
  }

  /** Dispatches exactly one event if there is one; returns false when none is pending. */
  step(): boolean {
    if (!this.queue.pop()) return false;
    this.clock[0] = this.queue.time;
    this.eventsProcessed++;
    if (this.observesLocal[this.queue.kind] === 1) this.playLocal(this.queue.time);
    this.handlers[this.queue.kind](this.queue.target);
    return true;
  }
}

/** A float64's two 32-bit words, for hashing times exactly. */
const TIME_BITS = new Float64Array(1);
const TIME_WORDS = new Uint32Array(TIME_BITS.buffer);

/** Folds one 32-bit word into both lanes (FNV-1a, and a multiply-xorshift lane for 64 bits). */
function fold(lanes: Uint32Array, word: number): void {
  lanes[0] = Math.imul(lanes[0] ^ word, 0x01000193);
  lanes[1] = Math.imul(lanes[1] ^ word, 0x5bd1e995) ^ (lanes[1] >>> 15);
}
