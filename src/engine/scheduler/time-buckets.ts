/**
 * Far-future events in coarse time buckets: a ring of `count` unsorted buckets of `width`
 * seconds each, the first starting at `nextStart`. The event queue keeps only events due before
 * `nextStart` in its calendar queue; when the clock reaches a bucket, the bucket's events move
 * into the calendar. Events far beyond the ring wait in an overflow heap and join the ring as it
 * turns.
 *
 * Why: a simulation of many concurrent sessions holds one or two long timers per session (token
 * renewal, session end) that are scheduled an hour ahead. In a heap they make every pop sift
 * through a large, cache-cold structure (~1 µs at 10^6 pending); in buckets they cost one append
 * and one later push into a calendar that holds only the next `width` seconds (in a calendar
 * they would lie in later years of its days, walked past on every pass).
 */
import { EventHeap } from "./event-heap.ts";

export class TimeBuckets {
  readonly width: number;
  private readonly count: number;
  private times: Float64Array[];
  private ids: Int32Array[];
  private readonly sizes: Int32Array;
  /** Absolute index (time / width) of the next bucket to release, and its start time. */
  private nextIndex: number;
  private readonly start = new Float64Array(1);
  private readonly overflow = new EventHeap(64);
  private held = 0;

  constructor(width: number, count: number, startTime = 0) {
    this.width = width;
    this.count = count;
    this.times = Array.from({ length: count }, () => new Float64Array(4));
    this.ids = Array.from({ length: count }, () => new Int32Array(4));
    this.sizes = new Int32Array(count);
    this.nextIndex = Math.floor(startTime / width) + 1;
    this.start[0] = this.nextIndex * width;
  }

  /** Start of the next bucket to release: events before it belong in the calendar. */
  get nextStart(): number {
    return this.start[0];
  }

  /** Events held in buckets and overflow. */
  get size(): number {
    return this.held;
  }

  /** Holds an event due at `time` (>= nextStart). `seq` orders it in the overflow heap. */
  add(time: number, seq: number, id: number): void {
    this.held++;
    const index = Math.floor(time / this.width);
    if (index >= this.nextIndex + this.count) {
      this.overflow.push(time, seq, id);
      return;
    }
    const b = index % this.count;
    const n = this.sizes[b];
    if (n === this.ids[b].length) {
      const times = new Float64Array(n * 2);
      const ids = new Int32Array(n * 2);
      times.set(this.times[b]);
      ids.set(this.ids[b]);
      this.times[b] = times;
      this.ids[b] = ids;
    }
    this.times[b][n] = time;
    this.ids[b][n] = id;
    this.sizes[b] = n + 1;
  }

  /**
   * Releases the next bucket (and any overflow events now inside the ring) to `sink`, then
   * advances by one bucket. Returns the number of events released.
   */
  release(sink: (time: number, id: number) => void): number {
    const b = this.nextIndex % this.count;
    const n = this.sizes[b];
    const times = this.times[b];
    const ids = this.ids[b];
    for (let i = 0; i < n; i++) sink(times[i], ids[i]);
    this.sizes[b] = 0;
    this.nextIndex++;
    this.start[0] = this.nextIndex * this.width;
    // Overflow events that now fall inside the ring move into their buckets.
    let moved = 0;
    const horizon = (this.nextIndex + this.count) * this.width;
    while (this.overflow.size > 0 && this.overflow.topTime() < horizon) {
      const time = this.overflow.topTime();
      const id = this.overflow.topId();
      const seq = this.overflow.topSeq();
      this.overflow.removeTop();
      this.held--;
      moved++;
      if (time < this.start[0]) {
        sink(time, id);
      } else {
        this.add(time, seq, id);
      }
    }
    this.held -= n;
    return n + moved;
  }

  /** Skips ahead to the first bucket holding anything (when nothing earlier is pending). */
  skipEmpty(): void {
    if (this.held === 0) return;
    for (let i = 0; i < this.count && this.sizes[this.nextIndex % this.count] === 0; i++) {
      this.nextIndex++;
    }
    if (this.sizes[this.nextIndex % this.count] === 0 && this.overflow.size > 0) {
      // Only overflow left: jump the ring to the overflow's first event.
      this.nextIndex = Math.floor(this.overflow.topTime() / this.width);
    }
    this.start[0] = this.nextIndex * this.width;
  }
}
