/**
 * The pending-event set: a calendar queue for the near future (calendar-queue.ts), coarse time
 * buckets for the far future (time-buckets.ts), and any number of FIFO lanes for constant delays,
 * over typed arrays.
 *
 * Events are totally ordered by (time, seq): `seq` grows with every schedule call, so events with
 * equal times leave in the order they were scheduled, whichever structure holds them. An event is
 * one 32-byte record indexed by a pooled id (layout below); nothing is allocated per event.
 *
 * Cancelling is lazy and O(1): the entry is marked and dropped when it reaches the front. A handle
 * packs (generation, id), so a handle kept after its event fired or was cancelled can never cancel
 * the unrelated event that later reuses the same id.
 */
import { CalendarQueue } from "./calendar-queue.ts";
import { FifoLane } from "./fifo-lane.ts";
import { TimeBuckets } from "./time-buckets.ts";

/** Opaque handle to a scheduled event, for `cancel`. Always a non-negative integer. */
export type EventHandle = number;

/** Ids fit in 26 bits (67 M pending events); generations use the remaining 27 of a double's 53. */
const ID_SPACE = 2 ** 26;
const GENERATION_MASK = 2 ** 27 - 1;

/**
 * Layout of one pending event's record: 32 bytes in one buffer, read through a Float64Array and
 * an Int32Array view of it, indexed by the event's pooled id. calendar-queue.ts repeats the slots
 * it reads.
 * PERF: everything the queue touches for one event (time and seq to order it, the calendar link
 * to walk past it, kind, target and state to dispatch it) shares one record, so visiting an event
 * in a large cache-cold queue costs one cache miss, not one per column. The constants are local,
 * not imported: a local constant is folded into the code, an imported one re-read on every use.
 */
const RECORD = 4; // doubles per record
const INTS = 8; // the same record in int32 units
const TIME = 0; // double: the event's time [s]
const SEQ = 1; // double: schedule-order sequence number
const KIND = 4; // int32 slots from here on
const TARGET = 5;
/** Generation << 2 | state, so one read checks both a handle's generation and liveness. */
const GEN_STATE = 6;
// Int32 slot 7 is the calendar's link to the next event of the same day.

const FREE = 0;
const PENDING = 1;
const CANCELLED = 2;
const STATE_MASK = 3;

export class EventQueue {
  private records: Float64Array;
  private recordInts: Int32Array;
  private freeIds: Int32Array;
  private capacity: number;
  private freeCount = 0;
  private nextFreshId = 0;
  private nextSeq = 0;
  private liveCount = 0;

  /** Events due before `buckets.nextStart`; later ones wait in the buckets. */
  private readonly calendar: CalendarQueue;
  private readonly buckets: TimeBuckets;
  private readonly releaseToCalendar = (_time: number, id: number) => this.calendar.push(id);

  private readonly lanes: FifoLane[] = [];

  /** Fields of the event most recently taken by `pop` (no object is returned, by design). */
  // PERF: the time sits in a Float64Array; a mutable double field is boxed (see TimeWeighted).
  private readonly poppedTime = new Float64Array(1);
  kind = 0;
  target = 0;

  /**
   * `bucketWidth` [s] and `bucketCount` shape the far-future tier: the calendar holds at most
   * about one bucket width of events ahead of the clock. Events beyond width × count wait in
   * overflow.
   */
  constructor(initialCapacity = 1024, bucketWidth = 60, bucketCount = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.capacity = capacity;
    this.records = new Float64Array(capacity * RECORD);
    this.recordInts = new Int32Array(this.records.buffer);
    this.freeIds = new Int32Array(capacity);
    this.calendar = new CalendarQueue(this.records, this.recordInts);
    this.buckets = new TimeBuckets(bucketWidth, bucketCount);
  }

  /** Time of the event most recently taken by `pop`. */
  get time(): number {
    return this.poppedTime[0];
  }

  /** Number of scheduled events that have neither fired nor been cancelled. */
  get size(): number {
    return this.liveCount;
  }

  /** Creates a FIFO lane for events that all use the same constant delay; returns its index. */
  addLane(delay: number): number {
    this.lanes.push(new FifoLane(delay));
    return this.lanes.length - 1;
  }

  laneDelay(lane: number): number {
    return this.lanes[lane].delay;
  }

  /** Schedules an event at `time` (not before the last popped event's time). */
  push(time: number, kind: number, target: number): EventHandle {
    const id = this.allocate(time, kind, target);
    if (time < this.buckets.nextStart) this.calendar.push(id);
    else this.pushFar(id, time);
    return this.handleOf(id);
  }

  /** An event beyond the calendar's horizon waits in the time buckets. */
  private pushFar(id: number, time: number): void {
    this.buckets.add(time, this.records[id * RECORD + SEQ], id);
  }

  /**
   * Schedules an event in a FIFO lane. The caller guarantees `time` is not earlier than any
   * time already in that lane (true for `now + lane delay` with a monotone clock).
   */
  pushLane(lane: number, time: number, kind: number, target: number): EventHandle {
    const id = this.allocate(time, kind, target);
    this.lanes[lane].push(time, id);
    return this.handleOf(id);
  }

  /** Cancels a pending event. Returns false when it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    // PERF: floor-division, not `%`: a double modulo is a call to fmod.
    const generation = Math.floor(handle / ID_SPACE);
    const id = handle - generation * ID_SPACE;
    if (id >= this.nextFreshId) return false;
    const at = id * INTS + GEN_STATE;
    if (this.recordInts[at] !== ((generation << 2) | PENDING)) return false;
    this.recordInts[at] = (generation << 2) | CANCELLED;
    this.liveCount--;
    return true;
  }

  /** Time of the next live event, or +Infinity. Drops cancelled entries found at the front. */
  peekTime(): number {
    for (;;) {
      const id = this.front();
      if (id < 0) return Number.POSITIVE_INFINITY;
      if ((this.recordInts[id * INTS + GEN_STATE] & STATE_MASK) === PENDING) {
        return this.records[id * RECORD + TIME];
      }
      this.removeFront();
      this.release(id);
    }
  }

  /**
   * Takes the next live event if its time is at most `limit`, and exposes it in `time`, `kind`
   * and `target`. Returns false when no live event is left at or before `limit`.
   */
  pop(limit = Number.POSITIVE_INFINITY): boolean {
    for (;;) {
      // PERF: with no lanes and nothing far ahead, the calendar's front is the front.
      const id = this.lanes.length === 0 && this.buckets.size === 0 ? this.calendar.front() : this.front();
      if (id < 0) return false;
      const ints = this.recordInts;
      const at = id * INTS;
      const isLive = (ints[at + GEN_STATE] & STATE_MASK) === PENDING;
      const time = this.records[id * RECORD + TIME];
      if (isLive && time > limit) return false;
      this.removeFront();
      this.release(id);
      if (isLive) {
        this.poppedTime[0] = time;
        this.kind = ints[at + KIND];
        this.target = ints[at + TARGET];
        this.liveCount--;
        return true;
      }
    }
  }

  /** Which structure `front` took its event from: the calendar or a lane index. */
  private frontSource = CALENDAR;

  /**
   * Id of the earliest (time, seq) event over the calendar and the lanes, or -1; releases the
   * next far-future bucket into the calendar first when it could hold something earlier.
   */
  private front(): number {
    for (;;) {
      let best = this.calendar.front();
      let source = CALENDAR;
      const records = this.records;
      let bestTime = best >= 0 ? records[best * RECORD + TIME] : Number.POSITIVE_INFINITY;
      const lanes = this.lanes;
      for (let l = 0; l < lanes.length; l++) {
        const lane = lanes[l];
        if (lane.size === 0) continue;
        const t = lane.peekTime();
        // PERF: sequence numbers are read only on a tie, which continuous times rarely produce.
        if (
          t < bestTime ||
          (t === bestTime && records[lane.peekId() * RECORD + SEQ] < records[best * RECORD + SEQ])
        ) {
          best = lane.peekId();
          bestTime = t;
          source = l;
        }
      }
      // The calendar only holds events before nextStart; anything at or after it may be beaten
      // by a bucketed event.
      const buckets = this.buckets;
      if (buckets.size > 0 && bestTime >= buckets.nextStart) {
        if (best < 0) buckets.skipEmpty();
        buckets.release(this.releaseToCalendar);
        continue;
      }
      this.frontSource = source;
      return best;
    }
  }

  private removeFront(): void {
    if (this.frontSource === CALENDAR) this.calendar.removeFront();
    else this.lanes[this.frontSource].shift();
  }

  /** Takes a free id and fills its record. */
  private allocate(time: number, kind: number, target: number): number {
    // PERF: the rare branch is a call of its own, so this stays small enough to be inlined.
    const id = this.freeCount > 0 ? this.freeIds[--this.freeCount] : this.freshId();
    const records = this.records;
    records[id * RECORD + TIME] = time;
    records[id * RECORD + SEQ] = this.nextSeq++;
    const at = id * INTS;
    const ints = this.recordInts;
    ints[at + KIND] = kind;
    ints[at + TARGET] = target;
    const generation = ((ints[at + GEN_STATE] >>> 2) + 1) & GENERATION_MASK;
    ints[at + GEN_STATE] = (generation << 2) | PENDING;
    this.liveCount++;
    return id;
  }

  /** An id never used yet (the pool grows when they run out). */
  private freshId(): number {
    if (this.nextFreshId === this.capacity) this.growPool();
    return this.nextFreshId++;
  }

  private handleOf(id: number): EventHandle {
    return (this.recordInts[id * INTS + GEN_STATE] >>> 2) * ID_SPACE + id;
  }

  private release(id: number): void {
    const at = id * INTS + GEN_STATE;
    this.recordInts[at] = (this.recordInts[at] & ~STATE_MASK) | FREE;
    this.freeIds[this.freeCount++] = id;
  }

  private growPool(): void {
    const capacity = this.capacity * 2;
    if (capacity > ID_SPACE) throw new RangeError(`more than ${ID_SPACE} pending events`);
    this.capacity = capacity;
    this.records = grow(this.records, new Float64Array(capacity * RECORD));
    this.recordInts = new Int32Array(this.records.buffer);
    this.freeIds = grow(this.freeIds, new Int32Array(capacity));
    this.calendar.attach(this.records, this.recordInts);
  }
}

const CALENDAR = -1;

function grow<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
