/**
 * A 4-ary min-heap of (time, seq, id) over typed arrays, ordered by time then seq.
 *
 * Time and seq live inline, so sifting never chases an id into the event records (a cache miss
 * each at large sizes). A 4-ary heap halves the depth of a binary one for the same number of
 * comparisons per level, which suits a memory-bound structure. The event queue uses it only for
 * the far-future overflow of its time buckets (time-buckets.ts); the near future is a calendar.
 */
export class EventHeap {
  private times: Float64Array;
  private seqs: Float64Array;
  private ids: Int32Array;
  size = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  topTime(): number {
    return this.times[0];
  }

  topSeq(): number {
    return this.seqs[0];
  }

  topId(): number {
    return this.ids[0];
  }

  push(time: number, seq: number, id: number): void {
    if (this.size === this.ids.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const ids = this.ids;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const parentTime = times[parent];
      if (parentTime < time || (parentTime === time && seqs[parent] < seq)) break;
      times[i] = parentTime;
      seqs[i] = seqs[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    ids[i] = id;
  }

  /** Removes the top entry (the heap must not be empty). */
  removeTop(): void {
    const n = --this.size;
    if (n === 0) return;
    const times = this.times;
    const seqs = this.seqs;
    const ids = this.ids;
    // Re-insert the last entry from the root down, choosing the least of up to four children.
    const time = times[n];
    const seq = seqs[n];
    const id = ids[n];
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      const end = Math.min(first + 4, n);
      let best = first;
      let bestTime = times[first];
      let bestSeq = seqs[first];
      for (let c = first + 1; c < end; c++) {
        const t = times[c];
        if (t < bestTime || (t === bestTime && seqs[c] < bestSeq)) {
          best = c;
          bestTime = t;
          bestSeq = seqs[c];
        }
      }
      if (bestTime > time || (bestTime === time && bestSeq > seq)) break;
      times[i] = bestTime;
      seqs[i] = bestSeq;
      ids[i] = ids[best];
      i = best;
    }
    times[i] = time;
    seqs[i] = seq;
    ids[i] = id;
  }

  private grow(): void {
    const capacity = this.ids.length * 2;
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const ids = new Int32Array(capacity);
    times.set(this.times);
    seqs.set(this.seqs);
    ids.set(this.ids);
    this.times = times;
    this.seqs = seqs;
    this.ids = ids;
  }
}
