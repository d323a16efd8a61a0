/**
 * Streaming percentiles of durations [s] in bounded memory: a DDSketch (@datadog/sketches-js) for
 * the quantiles, plus exact count, sum, min and max kept here.
 *
 * Accuracy: a quantile is within `relativeAccuracy` (default 1%) of the recorded value at rank
 * floor(q * (count - 1)), clamped into the exact [min, max]; q = 0 and q = 1 give min and max.
 * Zero durations go to the sketch's zero bucket and come back as exactly 0. The exact mean of a
 * merge may differ from one-sketch recording in the last bits (summation order); quantiles do not.
 *
 * Memory: the sketch collapses its lowest buckets past `binLimit` (default 2048: a dynamic range
 * of ~6e17 at 1%), so it is bounded whatever the values; only durations that far below the
 * largest lose accuracy. Recording allocates only when the bucket range grows, at most to binLimit.
 *
 * `merge` and `deserialize` add buckets through the store rather than calling DDSketch.merge:
 * in sketches-js 2.1.1 that merge loses the bucket of key 0 (values in (0.98, 1] s at 1%) when it
 * must grow its range (`_extendRange(min, max)` reads `max || min`). `serialize` is our own compact
 * format, not toProto: toProto needs protobufjs (not a dependency) and fromProto drops min/max.
 */
import { LogCollapsingLowestDenseDDSketch } from "@datadog/sketches-js";

/** Default relative accuracy of quantiles (1%). */
export const DEFAULT_RELATIVE_ACCURACY = 0.01;
/** Default maximum number of buckets per sketch (the sketch library's own default). */
export const DEFAULT_BIN_LIMIT = 2048;

export interface LatencySketchOptions {
  /** Relative accuracy of quantiles, in (0, 1). Sketches merge only with equal accuracy. */
  readonly relativeAccuracy?: number;
  /** Maximum number of buckets; past it the lowest buckets collapse into one. */
  readonly binLimit?: number;
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

const FORMAT_VERSION = 1;
// version u8, relativeAccuracy f64, binLimit u32, count/sum/min/max/zeroCount f64, firstKey i32, bins u32.
const HEADER_BYTES = 1 + 8 + 4 + 5 * 8 + 4 + 4;

export class LatencySketch {
  readonly relativeAccuracy: number;
  readonly binLimit: number;
  private readonly sketch: LogCollapsingLowestDenseDDSketch;
  private n = 0;
  private sum = 0;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;

  constructor(options: LatencySketchOptions = {}) {
    const relativeAccuracy = options.relativeAccuracy ?? DEFAULT_RELATIVE_ACCURACY;
    const binLimit = options.binLimit ?? DEFAULT_BIN_LIMIT;
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new RangeError(`relativeAccuracy must be in (0, 1), got ${relativeAccuracy}`);
    }
    if (!Number.isInteger(binLimit) || binLimit < 1 || binLimit > 0xffffffff) {
      throw new RangeError(`binLimit must be a positive integer, got ${binLimit}`);
    }
    this.relativeAccuracy = relativeAccuracy;
    this.binLimit = binLimit;
    this.sketch = new LogCollapsingLowestDenseDDSketch({ relativeAccuracy, binLimit });
  }

  /** Records one duration [s]; throws RangeError unless it is finite and >= 0. */
  record(value: number): void {
    // PERF: the throw lives in its own function, so this one stays small enough to inline.
    if (!(value >= 0 && value < Number.POSITIVE_INFINITY)) notADuration(value);
    // PERF: the bucket and the counts the quantiles read, without DDSketch.accept's weight checks
    // and its own sum/min/max (this class keeps those exactly): a record 41-49 -> 35-39 ns, and
    // the back end records one per API call. Same buckets and quantiles as accept (tested).
    const sketch = this.sketch;
    if (value > sketch.mapping.minPossible) sketch.store.add(sketch.mapping.key(value), 1);
    else sketch.zeroCount++;
    sketch.count++;
    this.n++;
    this.sum += value;
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
  }

  /** Number of recorded values. */
  get count(): number {
    return this.n;
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
   * The q-quantile [s], within the relative accuracy; q=0 and q=1 give the exact min and max.
   * NaN when empty; throws RangeError when q is not in [0, 1].
   */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
    if (this.n === 0) return Number.NaN;
    if (q === 0) return this.lo;
    if (q === 1) return this.hi;
    const v = this.sketch.getValueAtQuantile(q);
    return Math.min(Math.max(v, this.lo), this.hi);
  }

  /** Adds everything `other` recorded (left unchanged); throws if the accuracies differ. */
  merge(other: LatencySketch): void {
    if (other.relativeAccuracy !== this.relativeAccuracy) {
      throw new RangeError(
        `cannot merge sketches of relative accuracy ${other.relativeAccuracy} and ${this.relativeAccuracy}`,
      );
    }
    if (other.n === 0) return;
    const from = other.sketch.store;
    // Walk the whole bucket array: a collapsed store may hold counts just outside [minKey, maxKey].
    for (let i = 0; i < from.bins.length; i++) {
      const c = from.bins[i];
      if (c > 0) this.addBucket(from.offset + i, c);
    }
    this.addZeros(other.sketch.zeroCount);
    this.n += other.n;
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

  /** A self-contained little-endian binary image (settings, exact stats, buckets) for shipping. */
  serialize(): Uint8Array {
    const bins = this.sketch.store.bins;
    let first = 0;
    while (first < bins.length && !(bins[first] > 0)) first++;
    let last = bins.length - 1;
    while (last >= first && !(bins[last] > 0)) last--;
    const binCount = last - first + 1;
    const bytes = new Uint8Array(HEADER_BYTES + 8 * binCount);
    const view = new DataView(bytes.buffer);
    let at = 0;
    view.setUint8(at, FORMAT_VERSION);
    at += 1;
    view.setFloat64(at, this.relativeAccuracy, true);
    at += 8;
    view.setUint32(at, this.binLimit, true);
    at += 4;
    for (const x of [this.n, this.sum, this.lo, this.hi, this.sketch.zeroCount]) {
      view.setFloat64(at, x, true);
      at += 8;
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
      throw new RangeError("not a serialized LatencySketch (format version 1)");
    }
    let at = 1;
    const relativeAccuracy = view.getFloat64(at, true);
    at += 8;
    const binLimit = view.getUint32(at, true);
    at += 4;
    const stats: number[] = [];
    for (let k = 0; k < 5; k++, at += 8) stats.push(view.getFloat64(at, true));
    const firstKey = view.getInt32(at, true);
    at += 4;
    const binCount = view.getUint32(at, true);
    at += 4;
    if (bytes.byteLength !== HEADER_BYTES + 8 * binCount) {
      throw new RangeError(
        `serialized LatencySketch has ${bytes.byteLength} bytes, expected ${HEADER_BYTES + 8 * binCount}`,
      );
    }
    const sketch = new LatencySketch({ relativeAccuracy, binLimit });
    // Highest key first, then lowest: the store sizes itself once instead of growing step by step.
    const lastAt = at + 8 * (binCount - 1);
    if (binCount > 0) sketch.addBucket(firstKey + binCount - 1, view.getFloat64(lastAt, true));
    for (let i = 0; i < binCount - 1; i++, at += 8) {
      const c = view.getFloat64(at, true);
      if (c > 0) sketch.addBucket(firstKey + i, c);
    }
    const [n, sum, lo, hi, zeroCount] = stats;
    sketch.addZeros(zeroCount);
    sketch.n = n;
    sketch.sum = sum;
    sketch.lo = lo;
    sketch.hi = hi;
    return sketch;
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

function notADuration(value: number): never {
  throw new RangeError(`a duration must be finite and >= 0, got ${value}`);
}
