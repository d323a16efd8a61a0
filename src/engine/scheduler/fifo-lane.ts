/**
 * A FIFO lane: a ring buffer of (time, event id) for events scheduled with one constant delay.
 *
 * The simulation clock never goes backwards, so `now + d` for a fixed `d` never decreases: events
 * appended to a lane are already in time order, and the lane needs no sorting at all. Timeouts,
 * fixed network delays and periodic probes go here at a few ns an event, and keep the calendar
 * queue small (see docs/performance.md).
 */
export class FifoLane {
  /** The constant delay of every event in this lane [s]. */
  readonly delay: number;
  private times: Float64Array;
  private ids: Int32Array;
  private head = 0;
  private count = 0;

  constructor(delay: number, initialCapacity = 64) {
    this.delay = delay;
    const capacity = Math.max(4, 1 << Math.ceil(Math.log2(initialCapacity)));
    this.times = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the oldest event, or +Infinity when empty. */
  peekTime(): number {
    return this.count === 0 ? Number.POSITIVE_INFINITY : this.times[this.head];
  }

  /** Id of the oldest event; only meaningful when size > 0. */
  peekId(): number {
    return this.ids[this.head];
  }

  /** Appends an event; the caller guarantees `time` is not earlier than the last one appended. */
  push(time: number, id: number): void {
    if (this.count === this.ids.length) this.grow();
    // PERF: capacity is a power of two, so the ring index is a mask, not a modulo.
    const tail = (this.head + this.count) & (this.ids.length - 1);
    this.times[tail] = time;
    this.ids[tail] = id;
    this.count++;
  }

  /** Removes the oldest event and returns its id. */
  shift(): number {
    const id = this.ids[this.head];
    this.head = (this.head + 1) & (this.ids.length - 1);
    this.count--;
    return id;
  }

  private grow(): void {
    const capacity = this.ids.length;
    const times = new Float64Array(capacity * 2);
    const ids = new Int32Array(capacity * 2);
    for (let i = 0; i < this.count; i++) {
      const j = (this.head + i) & (capacity - 1);
      times[i] = this.times[j];
      ids[i] = this.ids[j];
    }
    this.times = times;
    this.ids = ids;
    this.head = 0;
  }
}
