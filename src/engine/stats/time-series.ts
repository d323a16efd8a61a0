/**
 * Time-binned series for charts: counts per bin (BinnedCounter), time-averaged level per bin
 * (BinnedLevel) and latency percentiles per bin (BinnedQuantiles).
 *
 * Bins are fixed at construction: bin i covers [start + i·binWidth, start + (i+1)·binWidth), and
 * there are ceil((end - start) / binWidth) of them, so the last bin may reach past `end`. Memory
 * is fixed by that count, never by run length. Anything outside [start, start + binCount·binWidth)
 * is ignored (not clamped into the edge bins, which would distort them): counter and quantile
 * samples there are only tallied in `ignoredCount`; a level's time there is simply not integrated.
 */
import { LatencySketch, type LatencySketchOptions, type LatencySummary } from "./latency-sketch.ts";

/** Largest bin count accepted: 8 MB per Float64Array; a chart needs far fewer. */
export const MAX_BINS = 1_000_000;

export interface TimeBinsOptions {
  /** Start of the first bin [s]. */
  readonly start: number;
  /** End of the horizon [s]; the last bin is the one containing `end` - ε. */
  readonly end: number;
  /** Width of every bin [s]. */
  readonly binWidth: number;
}

/** The shared grid: bin boundaries and the time -> bin lookup. */
abstract class TimeBins {
  readonly start: number;
  readonly binWidth: number;
  readonly binCount: number;

  constructor({ start, end, binWidth }: TimeBinsOptions) {
    if (!(binWidth > 0 && Number.isFinite(binWidth))) {
      throw new RangeError(`binWidth must be finite and > 0, got ${binWidth}`);
    }
    if (!(end > start && Number.isFinite(start) && Number.isFinite(end))) {
      throw new RangeError(`need finite start < end, got [${start}, ${end}]`);
    }
    const bins = (end - start) / binWidth;
    // Forgive rounding: (3600 - 0) / 0.1 is 36000.000000000004, which means 36000 bins.
    this.binCount = Math.max(1, Math.ceil(bins - 1e-9 * bins));
    if (this.binCount > MAX_BINS) {
      throw new RangeError(`${this.binCount} bins exceeds the limit of ${MAX_BINS}`);
    }
    this.start = start;
    this.binWidth = binWidth;
  }

  /** End of the last bin [s]. */
  get end(): number {
    return this.binStart(this.binCount);
  }

  /** Start of bin i [s] (and end of bin i - 1). */
  binStart(i: number): number {
    return this.start + i * this.binWidth;
  }

  /** The bin holding `time`, or -1 outside the grid. */
  indexOf(time: number): number {
    const i = Math.floor((time - this.start) / this.binWidth);
    return i >= 0 && i < this.binCount ? i : -1;
  }
}

/** Events per bin. */
export class BinnedCounter extends TimeBins {
  /** add() calls that fell outside the grid. */
  ignoredCount = 0;
  private readonly counts: Float64Array;

  constructor(options: TimeBinsOptions) {
    super(options);
    this.counts = new Float64Array(this.binCount);
  }

  /** Counts `amount` events at `time` [s]. */
  add(time: number, amount = 1): void {
    const i = this.indexOf(time);
    if (i < 0) this.ignoredCount++;
    else this.counts[i] += amount;
  }

  count(i: number): number {
    return this.counts[i];
  }

  /** Events per second in bin i. */
  rate(i: number): number {
    return this.counts[i] / this.binWidth;
  }

  /** Counts per bin. */
  toArray(): number[] {
    return Array.from(this.counts);
  }

  bins(): { start: number; end: number; count: number; rate: number }[] {
    return Array.from(this.counts, (count, i) => ({
      start: this.binStart(i),
      end: this.binStart(i + 1),
      count,
      rate: count / this.binWidth,
    }));
  }
}

/**
 * Time average of a piecewise-constant level per bin, fed like TimeWeighted. The level is
 * `initialValue` from `start`; each update integrates the old value up to `now`, split at bin
 * boundaries. A bin's mean divides by the part of it observed so far, so call finish(now) at
 * the end of the run to close the last, partly observed bin.
 */
export class BinnedLevel extends TimeBins {
  private readonly integrals: Float64Array;
  private lastTime: number;
  private current: number;

  constructor(options: TimeBinsOptions, initialValue = 0) {
    super(options);
    this.integrals = new Float64Array(this.binCount);
    this.lastTime = options.start;
    this.current = initialValue;
  }

  get value(): number {
    return this.current;
  }

  /** Time up to which the level has been integrated [s]. */
  get observedUntil(): number {
    return this.lastTime;
  }

  /** The level is `value` from `now` [s] on; throws RangeError if `now` is before the last update. */
  update(now: number, value: number): void {
    this.advance(now);
    this.current = value;
  }

  /** Adds `delta` to the level from `now` [s] on. */
  add(now: number, delta: number): void {
    this.update(now, this.current + delta);
  }

  /** Integrates the current level up to `now` [s] (the end of the run), closing the last bin. */
  finish(now: number): void {
    this.advance(now);
  }

  /** Integral of the level over bin i [value·s], as observed so far. */
  integral(i: number): number {
    return this.integrals[i];
  }

  /** Observed length of bin i [s]: its width, less any part after observedUntil. */
  observedWidth(i: number): number {
    const from = this.binStart(i);
    const to = Math.min(this.binStart(i + 1), this.lastTime);
    return to > from ? to - from : 0;
  }

  /** Time-average level in bin i; NaN for a bin not yet observed at all. */
  mean(i: number): number {
    const width = this.observedWidth(i);
    return width > 0 ? this.integrals[i] / width : Number.NaN;
  }

  /** Mean level per bin. */
  toArray(): number[] {
    return Array.from(this.integrals, (_, i) => this.mean(i));
  }

  bins(): { start: number; end: number; mean: number }[] {
    return Array.from(this.integrals, (_, i) => ({
      start: this.binStart(i),
      end: this.binStart(i + 1),
      mean: this.mean(i),
    }));
  }

  // PERF: loops over the bins crossed since the last update, so each bin is entered once per
  // run: O(1) amortised per update, no allocation. Boundaries come from binStart(i), never from
  // repeated addition, so they do not drift.
  private advance(now: number): void {
    if (now < this.lastTime) {
      throw new RangeError(`time went backwards: ${now} < ${this.lastTime}`);
    }
    const v = this.current;
    let t = Math.max(this.lastTime, this.start);
    const stop = Math.min(now, this.end);
    this.lastTime = now;
    if (!(stop > t)) return;
    let i = Math.floor((t - this.start) / this.binWidth);
    while (t < stop && i < this.binCount) {
      const binEnd = this.binStart(i + 1);
      if (binEnd > t) {
        const segmentEnd = Math.min(binEnd, stop);
        this.integrals[i] += v * (segmentEnd - t);
        t = segmentEnd;
      }
      i++;
    }
  }
}

/** Latency percentiles per bin: one LatencySketch per bin, created on its first sample. */
export class BinnedQuantiles extends TimeBins {
  /** record() calls that fell outside the grid. */
  ignoredCount = 0;
  private readonly sketches: (LatencySketch | undefined)[];
  private readonly sketchOptions: LatencySketchOptions;

  constructor(options: TimeBinsOptions, sketchOptions: LatencySketchOptions = {}) {
    super(options);
    this.sketches = new Array<LatencySketch | undefined>(this.binCount).fill(undefined);
    this.sketchOptions = sketchOptions;
  }

  /** Records a duration `value` [s] observed at `time` [s] (e.g. when the request completed). */
  record(time: number, value: number): void {
    const i = this.indexOf(time);
    if (i < 0) {
      this.ignoredCount++;
      return;
    }
    let sketch = this.sketches[i];
    if (sketch === undefined) {
      sketch = new LatencySketch(this.sketchOptions);
      this.sketches[i] = sketch;
    }
    sketch.record(value);
  }

  /** The sketch of bin i, or undefined if the bin has no samples. */
  sketch(i: number): LatencySketch | undefined {
    return this.sketches[i];
  }

  /** The q-quantile [s] of bin i; NaN for an empty bin. */
  quantile(i: number, q: number): number {
    return this.sketches[i]?.quantile(q) ?? Number.NaN;
  }

  /** The q-quantile [s] per bin (NaN for empty bins). */
  toArray(q: number): number[] {
    return this.sketches.map((s) => s?.quantile(q) ?? Number.NaN);
  }

  bins(): ({ start: number; end: number } & LatencySummary)[] {
    const empty = new LatencySketch(this.sketchOptions).toJSON();
    return this.sketches.map((s, i) => ({
      start: this.binStart(i),
      end: this.binStart(i + 1),
      ...(s === undefined ? empty : s.toJSON()),
    }));
  }
}
