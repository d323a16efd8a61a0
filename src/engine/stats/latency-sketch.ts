/**
 * Streaming percentiles of durations [s] in bounded memory: the exact values while they are few,
 * then a DDSketch (@datadog/sketches-js) for the quantiles; exact count, sum, min and max always.
 *
 * Exact while small: up to `exactLimit` values (default 2,048: 16 KiB, about what the sketch's
 * buckets take at 0.1%) are kept as they are and quantiles are the type-7 interpolation between
 * order statistics (R's default). Past it they move into the sketch, for good. Which one answers
 * depends only on the count, never on the order of records and merges.
 *
 * Accuracy in the sketch: `relativeAccuracy` α (default 0.1%) sets the bucket width (2α in log
 * space). Quantiles are read between buckets (bucket-quantile.ts), not snapped to them, so they
 * move continuously with the data: within about 2α of the value at rank floor(q·(count-1)) in the
 * worst case, typically far closer, clamped into the exact [min, max]. q = 0 and q = 1 give min
 * and max; zero durations come back as exactly 0. The exact mean of a merge may differ from
 * one-sketch recording in the last bits (summation order); quantiles do not.
 *
 * Memory: ~8 bytes per bucket between the smallest and largest value recorded, ln(max/min)/2α
 * buckets (0.1%: 1,150 per decade, ~3,500 = 28 KiB for 0.05-100 s). The sketch collapses its
 * lowest buckets past `binLimit` (default: a dynamic range of ~6e17 whatever α), so only durations
 * that far below the largest lose accuracy. Recording allocates only when the exact buffer doubles
 * or the bucket range grows.
 *
 * `merge` and `deserialize` add buckets through the store rather than calling DDSketch.merge:
 * in sketches-js 2.1.1 that merge loses the bucket of key 0 (values in (0.98, 1] s at 1%) when it
 * must grow its range (`_extendRange(min, max)` reads `max || min`). `serialize` is our own compact
 * format, not toProto: toProto needs protobufjs (not a dependency) and fromProto drops min/max.
 */
import { LogCollapsingLowestDenseDDSketch } from "@datadog/sketches-js";
import { bucketQuantile, sortedQuantile } from "./bucket-quantile.ts";

/** Default relative accuracy of quantiles (0.1%; see docs/scenario-format.md `percentileAccuracy`). */
export const DEFAULT_RELATIVE_ACCURACY = 0.001;
/** Default number of values kept exactly before a sketch takes over. */
export const DEFAULT_EXACT_LIMIT = 2048;
/** Buckets the default bin limit gives at 1% (the sketch library's own default). */
const BINS_AT_ONE_PERCENT = 2048;

/** ln γ for relative accuracy α: the width of one bucket in log space. */
const lnGammaOf = (alpha: number) => Math.log1p((2 * alpha) / (1 - alpha));

/** The bin limit that keeps the dynamic range of 2,048 buckets at 1% (~6e17) at accuracy α. */
export function defaultBinLimit(relativeAccuracy: number): number {
  return Math.max(
    BINS_AT_ONE_PERCENT,
    Math.ceil((BINS_AT_ONE_PERCENT * lnGammaOf(0.01)) / lnGammaOf(relativeAccuracy)),
  );
}

export interface LatencySketchOptions {
  /** Relative accuracy of quantiles, in (0, 1). Sketches merge only with equal settings. */
  readonly relativeAccuracy?: number;
  /** Maximum number of buckets; past it the lowest buckets collapse into one. */
  readonly binLimit?: number;
  /** Values kept exactly before the sketch takes over (0: always the sketch). */
  readonly exactLimit?: number;
}

/** A compact report of a sketch. Statistics are null when nothing was recorded. */
export interface LatencySummary {
  count: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  p999: number | null;
}

const FORMAT_VERSION = 2;
// version u8, relativeAccuracy f64, binLimit u32, exactLimit u32, count/sum/min/max/zeroCount f64,
// exact u8, then exact: the sorted values (f64 × count); sketch: firstKey i32, bins u32, bins f64.
const HEADER_BYTES = 1 + 8 + 4 + 4 + 5 * 8 + 1;
const FIRST_EXACT_CAPACITY = 8;

export class LatencySketch {
  readonly relativeAccuracy: number;
  readonly binLimit: number;
  readonly exactLimit: number;
  private readonly sketch: LogCollapsingLowestDenseDDSketch;
  private readonly lnGamma: number;
  /** The values while count <= exactLimit (the first `n` slots); null once the sketch holds them. */
  private exact: Float64Array | null;
  private isSorted = true;
  private n = 0;
  private sum = 0;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;

  constructor(options: LatencySketchOptions = {}) {
    const relativeAccuracy = options.relativeAccuracy ?? DEFAULT_RELATIVE_ACCURACY;
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new RangeError(`relativeAccuracy must be in (0, 1), got ${relativeAccuracy}`);
    }
    const binLimit = options.binLimit ?? defaultBinLimit(relativeAccuracy);
    const exactLimit = options.exactLimit ?? DEFAULT_EXACT_LIMIT;
    if (!Number.isInteger(binLimit) || binLimit < 1 || binLimit > 0xffffffff) {
      throw new RangeError(`binLimit must be a positive integer, got ${binLimit}`);
    }
    if (!Number.isInteger(exactLimit) || exactLimit < 0 || exactLimit > 0xffffffff) {
      throw new RangeError(`exactLimit must be an integer >= 0, got ${exactLimit}`);
    }
    this.relativeAccuracy = relativeAccuracy;
    this.binLimit = binLimit;
    this.exactLimit = exactLimit;
    this.lnGamma = lnGammaOf(relativeAccuracy);
    this.sketch = new LogCollapsingLowestDenseDDSketch({ relativeAccuracy, binLimit });
    this.exact = exactLimit > 0 ? new Float64Array(Math.min(FIRST_EXACT_CAPACITY, exactLimit)) : null;
  }

  /** Records one duration [s]; throws RangeError unless it is finite and >= 0. */
  record(value: number): void {
    // PERF: the throw lives in its own function, so this one stays small enough to inline.
    if (!(value >= 0 && value < Number.POSITIVE_INFINITY)) notADuration(value);
    const exact = this.exact;
    if (exact === null) {
      // PERF: the bucket and the counts the quantiles read, without DDSketch.accept's weight
      // checks and its own sum/min/max (this class keeps those exactly): a record 41-49 -> 35-39
      // ns, and the back end records one per API call. Same buckets as accept (tested).
      const sketch = this.sketch;
      if (value > sketch.mapping.minPossible) sketch.store.add(sketch.mapping.key(value), 1);
      else sketch.zeroCount++;
      sketch.count++;
    } else if (this.n < exact.length) {
      exact[this.n] = value;
      this.isSorted = false;
    } else {
      // PERF: out of line, like the throw: the buffer doubles, or the values move to the sketch.
      this.outgrowExact(value);
    }
    this.n++;
    this.sum += value;
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
  }

  /**
   * Records `times` calls of one duration [s] (a whole number >= 1): what `times` record() calls
   * would leave, in one step once the sketch answers. For a sample that stands for several
   * events (the back end's flow-level calls keep one call in k, each standing for k).
   */
  recordMany(value: number, times: number): void {
    if (times === 1 || this.exact !== null) {
      for (let i = 0; i < times; i++) this.record(value);
      return;
    }
    if (!(value >= 0 && value < Number.POSITIVE_INFINITY)) notADuration(value);
    if (!(Number.isInteger(times) && times >= 1))
      throw new RangeError(`times must be a whole number >= 1, got ${times}`);
    const sketch = this.sketch;
    if (value > sketch.mapping.minPossible) sketch.store.add(sketch.mapping.key(value), times);
    else sketch.zeroCount += times;
    sketch.count += times;
    this.n += times;
    this.sum += value * times;
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
  }

  /** Number of recorded values. */
  get count(): number {
    return this.n;
  }

  /** Whether quantiles come from the exact values (count <= exactLimit). */
  get isExact(): boolean {
    return this.exact !== null;
  }

  /** Exact mean [s]; NaN when empty. */
  get mean(): number {
    return this.n === 0 ? Number.NaN : this.sum / this.n;
  }

  /** Exact minimum [s]; NaN when empty. */
  get min(): number {
    return this.n === 0 ? Number.NaN : this.lo;
  }

  /** Exact maximum [s]; NaN when empty. */
  get max(): number {
    return this.n === 0 ? Number.NaN : this.hi;
  }

  /**
   * The q-quantile [s]: exact (type 7) while the values are kept, else read between the sketch's
   * buckets; q=0 and q=1 give the exact min and max. NaN when empty; RangeError unless q in [0, 1].
   */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
    if (this.n === 0) return Number.NaN;
    if (q === 0) return this.lo;
    if (q === 1) return this.hi;
    if (this.exact !== null) return sortedQuantile(this.sortedValues(), this.n, q);
    const store = this.sketch.store;
    const buckets = {
      bins: store.bins,
      offset: store.offset,
      zeroCount: this.sketch.zeroCount,
      lnGamma: this.lnGamma,
    };
    return bucketQuantile(buckets, this.n, q, this.lo, this.hi);
  }

  /** Adds everything `other` recorded (left unchanged); throws if the settings differ. */
  merge(other: LatencySketch): void {
    if (other.relativeAccuracy !== this.relativeAccuracy || other.exactLimit !== this.exactLimit) {
      throw new RangeError(
        `cannot merge sketches of relative accuracy ${other.relativeAccuracy} (exact up to ${other.exactLimit}) ` +
          `and ${this.relativeAccuracy} (exact up to ${this.exactLimit})`,
      );
    }
    if (other.n === 0) return;
    const total = this.n + other.n;
    if (this.exact !== null && other.exact !== null && total <= this.exactLimit) {
      const room = this.exact.length >= total ? this.exact : this.grownExact(total);
      room.set(other.exact.subarray(0, other.n), this.n);
      this.isSorted = false;
    } else {
      this.leaveExact();
      if (other.exact !== null) {
        for (let i = 0; i < other.n; i++) this.addToSketch(other.exact[i]);
      } else {
        const from = other.sketch.store;
        // Walk the whole bucket array: a collapsed store may hold counts just outside [minKey, maxKey].
        for (let i = 0; i < from.bins.length; i++) {
          const c = from.bins[i];
          if (c > 0) this.addBucket(from.offset + i, c);
        }
        this.addZeros(other.sketch.zeroCount);
      }
    }
    this.n = total;
    this.sum += other.sum;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
  }

  /** {count, mean, min, max, p50 … p999} in seconds; statistics are null when empty. */
  toJSON(): LatencySummary {
    const empty = this.n === 0;
    const q = (p: number): number | null => (empty ? null : this.quantile(p));
    return {
      count: this.n,
      mean: empty ? null : this.mean,
      min: empty ? null : this.lo,
      max: empty ? null : this.hi,
      p50: q(0.5),
      p90: q(0.9),
      p95: q(0.95),
      p99: q(0.99),
      p999: q(0.999),
    };
  }

  /** A self-contained little-endian binary image (settings, exact stats, values or buckets). */
  serialize(): Uint8Array {
    const exact = this.exact === null ? null : this.sortedValues();
    const bins = this.sketch.store.bins;
    let first = 0;
    let last = -1;
    if (exact === null) {
      while (first < bins.length && !(bins[first] > 0)) first++;
      last = bins.length - 1;
      while (last >= first && !(bins[last] > 0)) last--;
    }
    const binCount = last - first + 1;
    const bodyBytes = exact === null ? 8 + 8 * binCount : 8 * this.n;
    const bytes = new Uint8Array(HEADER_BYTES + bodyBytes);
    const view = new DataView(bytes.buffer);
    let at = 0;
    view.setUint8(at, FORMAT_VERSION);
    at += 1;
    view.setFloat64(at, this.relativeAccuracy, true);
    at += 8;
    view.setUint32(at, this.binLimit, true);
    at += 4;
    view.setUint32(at, this.exactLimit, true);
    at += 4;
    for (const x of [this.n, this.sum, this.lo, this.hi, this.sketch.zeroCount]) {
      view.setFloat64(at, x, true);
      at += 8;
    }
    view.setUint8(at, exact === null ? 0 : 1);
    at += 1;
    if (exact !== null) {
      for (let i = 0; i < this.n; i++, at += 8) view.setFloat64(at, exact[i], true);
      return bytes;
    }
    view.setInt32(at, binCount > 0 ? this.sketch.store.offset + first : 0, true);
    at += 4;
    view.setUint32(at, binCount, true);
    at += 4;
    for (let i = first; i <= last; i++, at += 8) view.setFloat64(at, bins[i], true);
    return bytes;
  }

  /** Rebuilds a sketch from `serialize()` output; throws RangeError on malformed bytes. */
  static deserialize(bytes: Uint8Array): LatencySketch {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength < HEADER_BYTES || view.getUint8(0) !== FORMAT_VERSION) {
      throw new RangeError(`not a serialized LatencySketch (format version ${FORMAT_VERSION})`);
    }
    let at = 1;
    const relativeAccuracy = view.getFloat64(at, true);
    at += 8;
    const binLimit = view.getUint32(at, true);
    at += 4;
    const exactLimit = view.getUint32(at, true);
    at += 4;
    const stats: number[] = [];
    for (let k = 0; k < 5; k++, at += 8) stats.push(view.getFloat64(at, true));
    const isExact = view.getUint8(at) === 1;
    at += 1;
    const [n, sum, lo, hi, zeroCount] = stats;
    const sketch = new LatencySketch({ relativeAccuracy, binLimit, exactLimit });
    if (isExact) {
      if (!(n <= exactLimit))
        throw new RangeError("serialized LatencySketch: more exact values than its limit");
      expectBytes(bytes, HEADER_BYTES + 8 * n);
      const values = sketch.grownExact(Math.max(n, 1));
      for (let i = 0; i < n; i++, at += 8) values[i] = view.getFloat64(at, true);
    } else {
      if (bytes.byteLength < HEADER_BYTES + 8) expectBytes(bytes, HEADER_BYTES + 8); // throws
      const firstKey = view.getInt32(at, true);
      at += 4;
      const binCount = view.getUint32(at, true);
      at += 4;
      expectBytes(bytes, HEADER_BYTES + 8 + 8 * binCount);
      sketch.exact = null;
      // Highest key first, then lowest: the store sizes itself once instead of growing step by step.
      const lastAt = at + 8 * (binCount - 1);
      if (binCount > 0) sketch.addBucket(firstKey + binCount - 1, view.getFloat64(lastAt, true));
      for (let i = 0; i < binCount - 1; i++, at += 8) {
        const c = view.getFloat64(at, true);
        if (c > 0) sketch.addBucket(firstKey + i, c);
      }
      sketch.addZeros(zeroCount);
    }
    sketch.n = n;
    sketch.sum = sum;
    sketch.lo = lo;
    sketch.hi = hi;
    return sketch;
  }

  /** record() past the exact buffer's end: double it, or move every value into the sketch. */
  private outgrowExact(value: number): void {
    if (this.n < this.exactLimit) {
      this.grownExact(this.n + 1)[this.n] = value;
      this.isSorted = false;
      return;
    }
    this.leaveExact();
    this.addToSketch(value);
  }

  /** The exact buffer, grown (by doubling, at most to exactLimit) to hold `needed` values. */
  private grownExact(needed: number): Float64Array {
    const old = this.exact;
    let capacity = Math.max(old?.length ?? 0, FIRST_EXACT_CAPACITY);
    while (capacity < needed) capacity *= 2;
    const grown = new Float64Array(Math.min(capacity, this.exactLimit));
    if (old !== null) grown.set(old.subarray(0, this.n));
    this.exact = grown;
    return grown;
  }

  /** Moves the exact values (if any) into the sketch; from now on the sketch answers. */
  private leaveExact(): void {
    const exact = this.exact;
    if (exact === null) return;
    this.exact = null;
    for (let i = 0; i < this.n; i++) this.addToSketch(exact[i]);
  }

  /** The exact values, sorted in place (their order carries no meaning). */
  private sortedValues(): Float64Array {
    const values = (this.exact as Float64Array).subarray(0, this.n);
    if (!this.isSorted) {
      values.sort();
      this.isSorted = true;
    }
    return values;
  }

  private addToSketch(value: number): void {
    const sketch = this.sketch;
    if (value > sketch.mapping.minPossible) this.addBucket(sketch.mapping.key(value), 1);
    else this.addZeros(1);
  }

  private addBucket(key: number, weight: number): void {
    this.sketch.store.add(key, weight);
    this.sketch.count += weight;
  }

  private addZeros(weight: number): void {
    this.sketch.zeroCount += weight;
    this.sketch.count += weight;
  }
}

function expectBytes(bytes: Uint8Array, expected: number): void {
  if (bytes.byteLength !== expected) {
    throw new RangeError(`serialized LatencySketch has ${bytes.byteLength} bytes, expected ${expected}`);
  }
}

function notADuration(value: number): never {
  throw new RangeError(`a duration must be finite and >= 0, got ${value}`);
}
