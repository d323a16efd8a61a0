/**
 * The pending-event set: a 4-ary min-heap plus any number of FIFO lanes, over typed arrays.
 *
 * Events are totally ordered by (time, seq): `seq` grows with every schedule call, so events with
 * equal times leave in the order they were scheduled, whichever structure holds them. An event is
 * four numbers in struct-of-arrays columns indexed by a pooled id; nothing is allocated per event.
 *
 * Cancelling is lazy and O(1): the entry is marked and dropped when it reaches the front. A handle
 * packs (generation, id), so a handle kept after its event fired or was cancelled can never cancel
 * the unrelated event that later reuses the same id.
 */
import { FifoLane } from "./fifo-lane.ts";

/** Opaque handle to a scheduled event, for `cancel`. Always a non-negative integer. */
export type EventHandle = number;

/** Ids fit in 26 bits (67 M pending events); generations use the remaining 27 of a double's 53. */
const ID_SPACE = 2 ** 26;
const GENERATION_MASK = 2 ** 27 - 1;

const FREE = 0;
const PENDING = 1;
const CANCELLED = 2;

export class EventQueue {
  // Per-event columns, indexed by id.
  private seqOf: Float64Array;
  private kindOf: Int32Array;
  private targetOf: Int32Array;
  private generationOf: Int32Array;
  private stateOf: Uint8Array;
  private freeIds: Int32Array;
  private freeCount = 0;
  private nextFreshId = 0;
  private nextSeq = 0;
  private liveCount = 0;

  // The heap: time inline (so sifting touches one contiguous column), id for the rest.
  private heapTime: Float64Array;
  private heapId: Int32Array;
  private heapSize = 0;

  private readonly lanes: FifoLane[] = [];

  /** Fields of the event most recently taken by `pop` (no object is returned, by design). */
  time = 0;
  kind = 0;
  target = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.seqOf = new Float64Array(capacity);
    this.kindOf = new Int32Array(capacity);
    this.targetOf = new Int32Array(capacity);
    this.generationOf = new Int32Array(capacity);
    this.stateOf = new Uint8Array(capacity);
    this.freeIds = new Int32Array(capacity);
    this.heapTime = new Float64Array(capacity);
    this.heapId = new Int32Array(capacity);
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
    this.siftUp(time, id);
    return this.handleOf(id);
  }

  /**
   * Schedules an event in a FIFO lane. The caller guarantees `time` is not earlier than any
   * time already in that lane (true for `now + lane delay` with a monotone clock).
   */
  pushLane(lane: number, time: number, kind: number, target: number): EventHandle {
    const id = this.allocate(kind, target);
    this.lanes[lane].push(time, id);
    return this.handleOf(id);
  }

  /** Cancels a pending event. Returns false when it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    const id = handle % ID_SPACE;
    const generation = (handle - id) / ID_SPACE;
    if (id >= this.nextFreshId || this.generationOf[id] !== generation || this.stateOf[id] !== PENDING) {
      return false;
    }
    this.stateOf[id] = CANCELLED;
    this.liveCount--;
    return true;
  }

  /** Time of the next live event, or +Infinity. Drops cancelled entries found at the front. */
  peekTime(): number {
    for (;;) {
      const source = this.frontSource();
      if (source === NONE) return Number.POSITIVE_INFINITY;
      const id = source === HEAP ? this.heapId[0] : this.lanes[source].peekId();
      if (this.stateOf[id] === PENDING) {
        return source === HEAP ? this.heapTime[0] : this.lanes[source].peekTime();
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
      const source = this.frontSource();
      if (source === NONE) return false;
      let id: number;
      let time: number;
      if (source === HEAP) {
        id = this.heapId[0];
        time = this.heapTime[0];
      } else {
        const lane = this.lanes[source];
        id = lane.peekId();
        time = lane.peekTime();
      }
      const isLive = this.stateOf[id] === PENDING;
      if (isLive && time > limit) return false;
      this.removeFront(source);
      if (isLive) {
        this.time = time;
        this.kind = this.kindOf[id];
        this.target = this.targetOf[id];
        this.liveCount--;
      }
      this.release(id);
      if (isLive) return true;
    }
  }

  /** Which structure holds the earliest (time, seq): HEAP, a lane index, or NONE. */
  private frontSource(): number {
    let best = NONE;
    let bestTime = Number.POSITIVE_INFINITY;
    let bestSeq = Number.POSITIVE_INFINITY;
    if (this.heapSize > 0) {
      best = HEAP;
      bestTime = this.heapTime[0];
      bestSeq = this.seqOf[this.heapId[0]];
    }
    const lanes = this.lanes;
    for (let l = 0; l < lanes.length; l++) {
      const lane = lanes[l];
      if (lane.size === 0) continue;
      const t = lane.peekTime();
      if (t < bestTime || (t === bestTime && this.seqOf[lane.peekId()] < bestSeq)) {
        best = l;
        bestTime = t;
        bestSeq = this.seqOf[lane.peekId()];
      }
    }
    return best;
  }

  private removeFront(source: number): void {
    if (source === HEAP) this.removeHeapRoot();
    else this.lanes[source].shift();
  }

  private allocate(kind: number, target: number): number {
    let id: number;
    if (this.freeCount > 0) {
      id = this.freeIds[--this.freeCount];
    } else {
      if (this.nextFreshId === this.stateOf.length) this.growPool();
      id = this.nextFreshId++;
    }
    this.seqOf[id] = this.nextSeq++;
    this.kindOf[id] = kind;
    this.targetOf[id] = target;
    this.generationOf[id] = (this.generationOf[id] + 1) & GENERATION_MASK;
    this.stateOf[id] = PENDING;
    this.liveCount++;
    return id;
  }

  private release(id: number): void {
    this.stateOf[id] = FREE;
    this.freeIds[this.freeCount++] = id;
  }

  private handleOf(id: number): EventHandle {
    return this.generationOf[id] * ID_SPACE + id;
  }

  private siftUp(time: number, id: number): void {
    if (this.heapSize === this.heapId.length) this.growHeap();
    const heapTime = this.heapTime;
    const heapId = this.heapId;
    const seqOf = this.seqOf;
    const seq = seqOf[id];
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const parentTime = heapTime[parent];
      if (parentTime < time || (parentTime === time && seqOf[heapId[parent]] < seq)) break;
      heapTime[i] = parentTime;
      heapId[i] = heapId[parent];
      i = parent;
    }
    heapTime[i] = time;
    heapId[i] = id;
  }

  private removeHeapRoot(): void {
    const n = --this.heapSize;
    if (n === 0) return;
    const heapTime = this.heapTime;
    const heapId = this.heapId;
    const seqOf = this.seqOf;
    // Re-insert the last entry from the root down, choosing the least of up to four children.
    const time = heapTime[n];
    const id = heapId[n];
    const seq = seqOf[id];
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      const end = first + 4 < n ? first + 4 : n;
      let best = first;
      let bestTime = heapTime[first];
      for (let c = first + 1; c < end; c++) {
        const t = heapTime[c];
        if (t < bestTime || (t === bestTime && seqOf[heapId[c]] < seqOf[heapId[best]])) {
          best = c;
          bestTime = t;
        }
      }
      if (bestTime < time || (bestTime === time && seqOf[heapId[best]] < seq)) {
        heapTime[i] = bestTime;
        heapId[i] = heapId[best];
        i = best;
      } else {
        break;
      }
    }
    heapTime[i] = time;
    heapId[i] = id;
  }

  private growPool(): void {
    const capacity = this.stateOf.length * 2;
    if (capacity > ID_SPACE) throw new RangeError(`more than ${ID_SPACE} pending events`);
    this.seqOf = grow(this.seqOf, new Float64Array(capacity));
    this.kindOf = grow(this.kindOf, new Int32Array(capacity));
    this.targetOf = grow(this.targetOf, new Int32Array(capacity));
    this.generationOf = grow(this.generationOf, new Int32Array(capacity));
    this.stateOf = grow(this.stateOf, new Uint8Array(capacity));
    this.freeIds = grow(this.freeIds, new Int32Array(capacity));
  }

  private growHeap(): void {
    const capacity = this.heapId.length * 2;
    this.heapTime = grow(this.heapTime, new Float64Array(capacity));
    this.heapId = grow(this.heapId, new Int32Array(capacity));
  }
}

const HEAP = -1;
const NONE = -2;

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
