/**
 * A calendar queue (Brown 1988) of event ids, for the near future: a ring of buckets ("days") of
 * one width [s] each; an event at time t belongs to day number floor(t / width), kept in bucket
 * (day number mod number of days). Buckets are unsorted lists linked through the event records.
 * The events of today (every day number up to TODAY) sit apart in one list sorted by (time, seq);
 * when it runs empty, the next day's events are taken out of their bucket and sorted (the
 * ladder queue's lazy sorting: Tang, Goh and Thng 2005). Events of later years stay in the bucket.
 *
 * When the number of events passes a multiple of the number of days (or falls well under it),
 * the calendar doubles (halves) and refits its width to the spacing of its earliest events, so
 * days hold about one event: O(1) per operation on average, where a heap needs O(log n)
 * cache-cold steps. PERF: adding an event touches only its bucket's head and its own record, so
 * it costs one cache miss at most (see docs/performance.md).
 *
 * Ordering is exact, not approximate: floor(t × (1 / width)) never decreases as t grows, so an
 * earlier day number means an earlier time, and within a day the sort uses (time, seq).
 */

// The event record slots this file reads (layout in event-queue.ts; local, not imported: a
// local constant is folded into the code, an imported one re-read on every use).
const RECORD = 4;
const INTS = 8;
const TIME = 0;
const SEQ = 1;
const NEXT = 7;

/** Fewest days; the calendar never shrinks below this. */
const MIN_DAYS = 16;
/** The calendar grows past this many events per day and shrinks under a quarter of it. */
const EVENTS_PER_DAY = 1;
/** How many of the earliest events set the width, and the width in units of their spacing. */
const SAMPLE = 32;
const WIDTH_PER_SPACING = 2;
/**
 * Widths below `time × 2^-40` are raised to it, so day numbers stay exact integers in a double,
 * and below 2^-40 s (about 1 ps), so 1 / width stays finite.
 */
const MIN_RELATIVE_WIDTH = 2 ** -40;
const MIN_WIDTH = 2 ** -40;
/** Lists longer than this are merge-sorted; shorter ones insertion-sorted. */
const INSERTION_SORT_MAX = 16;

// Slots of `numbers`.
const INV_WIDTH = 0;
/** Every event with a day number up to TODAY is in the today list; the buckets hold later ones. */
const TODAY = 1;

export class CalendarQueue {
  /** Events held (cancelled ones included until they are removed). */
  size = 0;
  // PERF: doubles in a Float64Array, not fields (V8 boxes mutable double fields).
  private readonly numbers = new Float64Array(2);
  /** First event id of each bucket, or -1. */
  private heads: Int32Array;
  private mask: number;
  private growAt: number;
  private shrinkAt: number;
  /** Today's events, sorted by (time, seq); -1 when none. */
  private todayHead = -1;
  private todayTail = -1;
  private records: Float64Array;
  private links: Int32Array;
  private scratch = new Int32Array(0);
  private readonly sample = new Float64Array(SAMPLE);

  /** `records` and `links` are two views of the event records (see event-queue.ts). */
  constructor(records: Float64Array, links: Int32Array, width = 1) {
    this.records = records;
    this.links = links;
    this.numbers[INV_WIDTH] = 1 / width;
    this.numbers[TODAY] = -1;
    this.heads = new Int32Array(MIN_DAYS).fill(-1);
    this.mask = MIN_DAYS - 1;
    this.growAt = EVENTS_PER_DAY * MIN_DAYS;
    this.shrinkAt = 0;
  }

  /** Width of a day [s]. */
  get width(): number {
    return 1 / this.numbers[INV_WIDTH];
  }

  /** Number of days (buckets). */
  get days(): number {
    return this.mask + 1;
  }

  /** Points at the event records again after they moved (grew). */
  attach(records: Float64Array, links: Int32Array): void {
    this.records = records;
    this.links = links;
  }

  /** Adds event `id` (its time and seq already in its record). */
  push(id: number): void {
    this.link(id);
    if (++this.size > this.growAt) this.resize(2 * (this.mask + 1));
  }

  /** Id of the earliest event by (time, seq), or -1 when empty. */
  front(): number {
    if (this.todayHead >= 0) return this.todayHead;
    if (this.size === 0) return -1;
    const heads = this.heads;
    const mask = this.mask;
    let today = this.numbers[TODAY];
    for (let n = 0; n <= mask; n++) {
      today++;
      if (heads[today & mask] >= 0) {
        this.numbers[TODAY] = today;
        this.takeDay(today);
        if (this.todayHead >= 0) return this.todayHead;
      }
    }
    // A whole year without an event of its own: the events are sparse for this width. Refit;
    // that sets TODAY just before the earliest event's day, where the scan finds it at once.
    this.resize(mask + 1);
    return this.front();
  }

  /** Removes the event `front()` returned (call `front()` first). */
  removeFront(): void {
    const head = this.todayHead;
    this.todayHead = this.links[head * INTS + NEXT];
    if (this.todayHead < 0) this.todayTail = -1;
    if (--this.size < this.shrinkAt) this.resize((this.mask + 1) >> 1);
  }

  /** Puts `id` in its bucket, or in the today list when its day has begun. */
  private link(id: number): void {
    const day = Math.floor(this.records[id * RECORD + TIME] * this.numbers[INV_WIDTH]);
    if (day <= this.numbers[TODAY]) {
      this.insertToday(id);
      return;
    }
    const b = day & this.mask;
    this.links[id * INTS + NEXT] = this.heads[b];
    this.heads[b] = id;
  }

  /** Inserts into the sorted today list; an event after the last one is appended in O(1). */
  private insertToday(id: number): void {
    const links = this.links;
    const tail = this.todayTail;
    if (tail < 0) {
      this.todayHead = id;
      this.todayTail = id;
      links[id * INTS + NEXT] = -1;
      return;
    }
    if (isBefore(this.records, tail, id)) {
      links[tail * INTS + NEXT] = id;
      this.todayTail = id;
      links[id * INTS + NEXT] = -1;
      return;
    }
    this.insertBeforeTail(id);
  }

  /** Inserts into the sorted today list an event that goes before its tail. */
  private insertBeforeTail(id: number): void {
    const links = this.links;
    let previous = -1;
    let node = this.todayHead;
    while (isBefore(this.records, node, id)) {
      previous = node;
      node = links[node * INTS + NEXT];
    }
    links[id * INTS + NEXT] = node;
    if (previous < 0) this.todayHead = id;
    else links[previous * INTS + NEXT] = id;
  }

  /** Moves the events of day number `today` out of their bucket into the (empty) today list. */
  private takeDay(today: number): void {
    const records = this.records;
    const links = this.links;
    const invWidth = this.numbers[INV_WIDTH];
    const b = today & this.mask;
    let kept = -1;
    let taken = -1;
    let count = 0;
    for (let node = this.heads[b]; node >= 0; ) {
      const next = links[node * INTS + NEXT];
      if (Math.floor(records[node * RECORD + TIME] * invWidth) === today) {
        links[node * INTS + NEXT] = taken;
        taken = node;
        count++;
      } else {
        links[node * INTS + NEXT] = kept;
        kept = node;
      }
      node = next;
    }
    this.heads[b] = kept;
    if (count === 0) return;
    if (count <= INSERTION_SORT_MAX) {
      // The bucket is newest first and `taken` reversed it: oldest first, often already in order.
      for (let node = taken; node >= 0; ) {
        const next = links[node * INTS + NEXT];
        this.insertToday(node);
        node = next;
      }
    } else {
      this.todayHead = mergeSort(records, links, taken, count);
      let tail = this.todayHead;
      while (links[tail * INTS + NEXT] >= 0) tail = links[tail * INTS + NEXT];
      this.todayTail = tail;
    }
  }

  /** Re-links every event into `days` buckets of a width fitted to the earliest events. */
  private resize(days: number): void {
    const count = this.size;
    if (this.scratch.length < count) this.scratch = new Int32Array(Math.max(count, 2 * this.scratch.length));
    const ids = this.scratch;
    const links = this.links;
    let k = 0;
    for (let node = this.todayHead; node >= 0; node = links[node * INTS + NEXT]) ids[k++] = node;
    for (let b = 0; b < this.heads.length; b++) {
      for (let node = this.heads[b]; node >= 0; node = links[node * INTS + NEXT]) ids[k++] = node;
    }
    this.todayHead = -1;
    this.todayTail = -1;
    this.fitWidth(ids, count);
    if (days !== this.heads.length) this.heads = new Int32Array(days);
    this.heads.fill(-1);
    this.mask = days - 1;
    this.growAt = EVENTS_PER_DAY * days;
    this.shrinkAt = days > MIN_DAYS ? (EVENTS_PER_DAY * days) / 4 : 0;
    for (let i = 0; i < count; i++) this.link(ids[i]);
  }

  /**
   * Width = WIDTH_PER_SPACING × the mean spacing of the SAMPLE earliest times, leaving out gaps
   * over twice the mean (Brown's rule); unchanged when they all coincide. Sets TODAY to the day
   * before the earliest event's.
   */
  private fitWidth(ids: Int32Array, count: number): void {
    const records = this.records;
    // The SAMPLE smallest times, in a max-heap (sample[0] is the largest kept).
    const sample = this.sample;
    let n = 0;
    for (let i = 0; i < count; i++) {
      const t = records[ids[i] * RECORD + TIME];
      if (n < SAMPLE) siftUp(sample, n++, t);
      else if (t < sample[0]) replaceTop(sample, n, t);
    }
    if (n === 0) return;
    const sorted = sample.subarray(0, n).sort();
    const first = sorted[0];
    if (n >= 2) {
      const mean = (sorted[n - 1] - first) / (n - 1);
      let sum = 0;
      let gaps = 0;
      for (let i = 1; i < n; i++) {
        const gap = sorted[i] - sorted[i - 1];
        if (gap <= 2 * mean) {
          sum += gap;
          gaps++;
        }
      }
      const spacing = sum / gaps;
      if (spacing > 0) {
        const width = Math.max(WIDTH_PER_SPACING * spacing, Math.abs(first) * MIN_RELATIVE_WIDTH, MIN_WIDTH);
        this.numbers[INV_WIDTH] = 1 / width;
      }
    }
    this.numbers[TODAY] = Math.floor(first * this.numbers[INV_WIDTH]) - 1;
  }
}

function isBefore(records: Float64Array, a: number, b: number): boolean {
  const ta = records[a * RECORD + TIME];
  const tb = records[b * RECORD + TIME];
  // PERF: sequence numbers are read only on a tie.
  return ta < tb || (ta === tb && records[a * RECORD + SEQ] < records[b * RECORD + SEQ]);
}

/** Sorts a linked list of `count` events by (time, seq) (top-down merge sort); returns its head. */
function mergeSort(records: Float64Array, links: Int32Array, head: number, count: number): number {
  if (count <= 1) {
    if (count === 1) links[head * INTS + NEXT] = -1;
    return head;
  }
  const half = count >> 1;
  let last = head;
  for (let i = 1; i < half; i++) last = links[last * INTS + NEXT];
  const second = links[last * INTS + NEXT];
  links[last * INTS + NEXT] = -1;
  let a = mergeSort(records, links, head, half);
  let b = mergeSort(records, links, second, count - half);
  let merged = -1;
  let tail = -1;
  while (a >= 0 && b >= 0) {
    let take: number;
    if (isBefore(records, b, a)) {
      take = b;
      b = links[b * INTS + NEXT];
    } else {
      take = a;
      a = links[a * INTS + NEXT];
    }
    if (tail < 0) merged = take;
    else links[tail * INTS + NEXT] = take;
    tail = take;
  }
  links[tail * INTS + NEXT] = a >= 0 ? a : b;
  return merged;
}

function siftUp(heap: Float64Array, at: number, value: number): void {
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent] >= value) break;
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = value;
}

function replaceTop(heap: Float64Array, n: number, value: number): void {
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && heap[c + 1] > heap[c]) c++;
    if (heap[c] <= value) break;
    heap[i] = heap[c];
    i = c;
  }
  heap[i] = value;
}
