/**
 * The pending-event set: a 4-ary min-heap for the near future, coarse time buckets for the far
 * future (time-buckets.ts), and any number of FIFO lanes for constant delays, over typed arrays.
 *
 * Events are totally ordered by (time, seq): `seq` grows with every schedule call, so events with
 * equal times leave in the order they were scheduled, whichever structure holds them. An event is
 * four numbers in struct-of-arrays columns indexed by a pooled id; nothing is allocated per event.
 *
 * Cancelling is lazy and O(1): the entry is marked and dropped when it reaches the front. A handle
 * packs (generation, id), so a handle kept after its event fired or was cancelled can never cancel
 * the unrelated event that later reuses the same id.
 */
import { EventHeap } from "./event-heap.ts";
import { FifoLane } from "./fifo-lane.ts";
import { TimeBuckets } from "./time-buckets.ts";

/** Opaque handle to a scheduled event, for `cancel`. Always a non-negative integer. */
export type EventHandle = number;

/** Ids fit in 26 bits (67 M pending events); generations use the remaining 27 of a double's 53. */
const ID_SPACE = 2 ** 26;
const GENERATION_MASK = 2 ** 27 - 1;

/** Layout of an event record: 4 doubles = 8 int32; seq is the double at 0 (ints 0-1). */
const RECORD = 4;
const INTS = 8;
const KIND = 2;
const TARGET = 3;
const GENERATION = 4;
const STATE = 5;

const FREE = 0;
const PENDING = 1;
const CANCELLED = 2;

export class EventQueue {
  // PERF: an event's fields share one 32-byte record (seq as a double; kind, target, generation
  // and state as int32 through a second view of the same buffer), so reading the event at the
  // front of a large heap costs one cache miss, not one per column (measured 2x at 10^6 pending).
  private records: Float64Array;
  private recordInts: Int32Array;
  private freeIds: Int32Array;
  private capacity: number;
  private freeCount = 0;
  private nextFreshId = 0;
  private nextSeq = 0;
  private liveCount = 0;
  private lastHandle = 0;

  /** Events due before `buckets.nextStart`; later ones wait in the buckets. */
  private readonly heap: EventHeap;
  private readonly buckets: TimeBuckets;
  private readonly releaseToHeap = (time: number, id: number) =>
    this.heap.push(time, this.records[id * RECORD], id);

  private readonly lanes: FifoLane[] = [];

  /** Fields of the event most recently taken by `pop` (no object is returned, by design). */
  // PERF: the time sits in a Float64Array; a mutable double field is boxed (see TimeWeighted).
  private readonly poppedTime = new Float64Array(1);
  kind = 0;
  target = 0;

  /**
   * `bucketWidth` [s] and `bucketCount` shape the far-future tier: the heap holds at most about
   * one bucket width of events ahead of the clock. Events beyond width × count wait in overflow.
   */
  constructor(initialCapacity = 1024, bucketWidth = 60, bucketCount = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.capacity = capacity;
    this.records = new Float64Array(capacity * RECORD);
    this.recordInts = new Int32Array(this.records.buffer);
    this.freeIds = new Int32Array(capacity);
    this.heap = new EventHeap(Math.min(capacity, 1 << 16));
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

  /** Schedules an event in the heap. */
  push(time: number, kind: number, target: number): EventHandle {
    const id = this.allocate(kind, target);
    if (time < this.buckets.nextStart) this.heap.push(time, this.nextSeq - 1, id);
    else this.buckets.add(time, this.nextSeq - 1, id);
    return this.lastHandle;
  }

  /**
   * Schedules an event in a FIFO lane. The caller guarantees `time` is not earlier than any
   * time already in that lane (true for `now + lane delay` with a monotone clock).
   */
  pushLane(lane: number, time: number, kind: number, target: number): EventHandle {
    const id = this.allocate(kind, target);
    this.lanes[lane].push(time, id);
    return this.lastHandle;
  }

  /** Cancels a pending event. Returns false when it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    // PERF: floor-division, not `%`: a double modulo is a call to fmod.
    const generation = Math.floor(handle / ID_SPACE);
    const id = handle - generation * ID_SPACE;
    const at = id * INTS;
    if (id >= this.nextFreshId || this.recordInts[at + GENERATION] !== generation) return false;
    if (this.recordInts[at + STATE] !== PENDING) return false;
    this.recordInts[at + STATE] = CANCELLED;
    this.liveCount--;
    return true;
  }

  /** Time of the next live event, or +Infinity. Drops cancelled entries found at the front. */
  peekTime(): number {
    for (;;) {
      const source = this.frontSource();
      if (this.mustRelease(source)) continue;
      if (source === NONE) return Number.POSITIVE_INFINITY;
      const id = this.frontId(source);
      if (this.recordInts[id * INTS + STATE] === PENDING) {
        return source === HEAP ? this.heap.topTime() : this.lanes[source].peekTime();
      }
      this.removeFront(source);
      this.release(id);
    }
  }

  /**
   * Takes the next live event if its time is at most `limit`, and exposes it in `time`, `kind`
   * and `target`. Returns false when no live event is left at or before `limit`.
   */
  pop(limit = Number.POSITIVE_INFINITY): boolean {
    for (;;) {
      // PERF: with no lanes in use the heap root is the front; skip the comparison loop.
      const source = this.lanes.length === 0 ? (this.heap.size > 0 ? HEAP : NONE) : this.frontSource();
      if (this.mustRelease(source)) continue;
      if (source === NONE) return false;
      let id: number;
      let time: number;
      if (source === HEAP) {
        id = this.heap.topId();
        time = this.heap.topTime();
      } else {
        const lane = this.lanes[source];
        id = lane.peekId();
        time = lane.peekTime();
      }
      const at = id * INTS;
      const ints = this.recordInts;
      const isLive = ints[at + STATE] === PENDING;
      if (isLive && time > limit) return false;
      this.removeFront(source);
      if (isLive) {
        this.poppedTime[0] = time;
        this.kind = ints[at + KIND];
        this.target = ints[at + TARGET];
        this.liveCount--;
      }
      this.release(id);
      if (isLive) return true;
    }
  }

  /**
   * Moves the next bucket into the heap when the front event (from `source`) is not earlier than
   * the bucket's start, or when nothing else is pending. Returns true when it moved anything.
   */
  private mustRelease(source: number): boolean {
    const buckets = this.buckets;
    if (buckets.size === 0) return false;
    if (source === NONE) {
      buckets.skipEmpty();
    } else {
      const front = source === HEAP ? this.heap.topTime() : this.lanes[source].peekTime();
      if (front < buckets.nextStart) return false;
    }
    buckets.release(this.releaseToHeap);
    return true;
  }

  /** Which structure holds the earliest (time, seq): HEAP, a lane index, or NONE. */
  private frontSource(): number {
    const heap = this.heap;
    let best = heap.size > 0 ? HEAP : NONE;
    let bestTime = heap.size > 0 ? heap.topTime() : Number.POSITIVE_INFINITY;
    const lanes = this.lanes;
    for (let l = 0; l < lanes.length; l++) {
      const lane = lanes[l];
      if (lane.size === 0) continue;
      const t = lane.peekTime();
      // PERF: sequence numbers are read only on a tie, which continuous times rarely produce.
      if (t < bestTime || (t === bestTime && this.seqAt(lane.peekId()) < this.seqAt(this.frontId(best)))) {
        best = l;
        bestTime = t;
      }
    }
    return best;
  }

  private frontId(source: number): number {
    return source === HEAP ? this.heap.topId() : this.lanes[source].peekId();
  }

  private seqAt(id: number): number {
    return this.records[id * RECORD];
  }

  private removeFront(source: number): void {
    if (source === HEAP) this.heap.removeTop();
    else this.lanes[source].shift();
  }

  /** Takes a free id, fills its record, returns the id and leaves the handle in `lastHandle`. */
  private allocate(kind: number, target: number): number {
    let id: number;
    if (this.freeCount > 0) {
      id = this.freeIds[--this.freeCount];
    } else {
      if (this.nextFreshId === this.capacity) this.growPool();
      id = this.nextFreshId++;
    }
    this.records[id * RECORD] = this.nextSeq++;
    const at = id * INTS;
    const ints = this.recordInts;
    ints[at + KIND] = kind;
    ints[at + TARGET] = target;
    const generation = (ints[at + GENERATION] + 1) & GENERATION_MASK;
    ints[at + GENERATION] = generation;
    ints[at + STATE] = PENDING;
    this.liveCount++;
    this.lastHandle = generation * ID_SPACE + id;
    return id;
  }

  private release(id: number): void {
    this.recordInts[id * INTS + STATE] = FREE;
    this.freeIds[this.freeCount++] = id;
  }

  private growPool(): void {
    const capacity = this.capacity * 2;
    if (capacity > ID_SPACE) throw new RangeError(`more than ${ID_SPACE} pending events`);
    this.capacity = capacity;
    this.records = grow(this.records, new Float64Array(capacity * RECORD));
    this.recordInts = new Int32Array(this.records.buffer);
    this.freeIds = grow(this.freeIds, new Int32Array(capacity));
  }
}

const HEAP = -1;
const NONE = -2;

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
