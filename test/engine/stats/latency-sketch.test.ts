/**
 * LatencySketch against exact sorted-array quantiles (type 7), its exact values below the limit,
 * merge against single recording in either mode, and the binary round trip. Data come from a
 * fixed-seed LCG, never Math.random.
 */
import { LogCollapsingLowestDenseDDSketch } from "@datadog/sketches-js";
import { describe, expect, it } from "vitest";
import { DEFAULT_EXACT_LIMIT, LatencySketch } from "../../../src/engine/stats/latency-sketch.ts";

/** Numerical Recipes LCG: uniform in (0, 1), deterministic for a seed. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
}

/** Exponential durations with mean 0.2 s, one in fifty exactly zero (a cache hit). */
function durations(count: number, seed: number): number[] {
  const u = lcg(seed);
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(i % 50 === 0 ? 0 : -0.2 * Math.log(u()));
  return out;
}

/** R's type 7: linear between the order statistics around rank q·(n-1). */
function type7(sorted: Float64Array, q: number): number {
  const h = q * (sorted.length - 1);
  const lo = Math.floor(h);
  return lo + 1 >= sorted.length ? sorted[lo] : sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/** The buckets (first key, counts) of a sketch-mode image, read from serialize()'s layout. */
function bucketsOf(bytes: Uint8Array): { firstKey: number; counts: number[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = 1 + 8 + 4 + 4 + 5 * 8 + 1;
  const counts: number[] = [];
  for (let i = 0; i < view.getUint32(at + 4, true); i++) counts.push(view.getFloat64(at + 8 + 8 * i, true));
  return { firstKey: view.getInt32(at, true), counts };
}

const QS = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

describe("LatencySketch", () => {
  it("keeps every quantile of 100,000 durations within one bucket (2α, α = 0.1%) of the exact value", () => {
    const values = durations(100_000, 42);
    const sketch = new LatencySketch();
    for (const v of values) sketch.record(v);
    const sorted = Float64Array.from(values).sort();
    expect(sketch.relativeAccuracy).toBe(0.001);
    expect(sketch.isExact).toBe(false);
    for (const q of QS) {
      const exact = type7(sorted, q);
      expect(Math.abs(sketch.quantile(q) - exact)).toBeLessThanOrEqual(0.002 * exact + 1e-12);
    }
    expect(sketch.quantile(0.01)).toBe(0); // the 2% zeros sit in the zero bucket
    expect(sketch.count).toBe(100_000);
    expect(sketch.min).toBe(0);
    expect(sketch.max).toBe(sorted[sorted.length - 1]);
    expect(sketch.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 12);
  });

  it("reads between buckets: a 1% sketch's median moves with the data, not in 2% steps", () => {
    // Twenty samples of 20,000 whose exact medians lie within one 1% bucket of each other.
    const medians = Array.from({ length: 20 }, (_, seed) => {
      const sketch = new LatencySketch({ relativeAccuracy: 0.01, exactLimit: 0 });
      const values = durations(20_000, 100 + seed);
      for (const v of values) sketch.record(v);
      const exact = type7(Float64Array.from(values).sort(), 0.5);
      expect(Math.abs(sketch.quantile(0.5) / exact - 1)).toBeLessThan(0.002); // far inside 2%
      return sketch.quantile(0.5);
    });
    expect(new Set(medians).size).toBe(20);
  });

  it("keeps the values exactly up to exactLimit, then hands them to the sketch", () => {
    const values = durations(DEFAULT_EXACT_LIMIT + 1, 5);
    const sketch = new LatencySketch();
    for (const v of values.slice(0, DEFAULT_EXACT_LIMIT)) sketch.record(v);
    expect(sketch.isExact).toBe(true);
    const sorted = Float64Array.from(values.slice(0, DEFAULT_EXACT_LIMIT)).sort();
    for (const q of QS) expect(sketch.quantile(q)).toBe(type7(sorted, q));
    sketch.record(values[DEFAULT_EXACT_LIMIT]);
    expect(sketch.isExact).toBe(false);
    const all = Float64Array.from(values).sort();
    for (const q of QS) {
      expect(Math.abs(sketch.quantile(q) - type7(all, q))).toBeLessThanOrEqual(0.002 * type7(all, q) + 1e-12);
    }
    // Recording more never returns to exact; interleaving a quantile read changes nothing.
    const again = new LatencySketch();
    values.forEach((v, i) => {
      again.record(v);
      if (i % 500 === 0) again.quantile(0.5);
    });
    expect(again.serialize()).toEqual(sketch.serialize());
  });

  it("records into the same buckets as DDSketch.accept (its record path skips accept)", () => {
    const values = durations(100_000, 9);
    const ours = new LatencySketch({ relativeAccuracy: 0.01, binLimit: 2048, exactLimit: 0 });
    const theirs = new LogCollapsingLowestDenseDDSketch({ relativeAccuracy: 0.01, binLimit: 2048 });
    for (const v of values) {
      ours.record(v);
      theirs.accept(v);
    }
    const { firstKey, counts } = bucketsOf(ours.serialize());
    const store = theirs.store;
    const theirCounts = store.bins.slice(firstKey - store.offset, firstKey - store.offset + counts.length);
    expect(counts).toEqual(theirCounts);
    expect(counts.reduce((a, b) => a + b, 0) + theirs.zeroCount).toBe(100_000);
  });

  it("summarises itself compactly, and a coarser accuracy really is coarser", () => {
    const coarse = new LatencySketch({ relativeAccuracy: 0.05, exactLimit: 0 });
    const fine = new LatencySketch();
    const values = durations(20_000, 7);
    for (const v of values) {
      coarse.record(v);
      fine.record(v);
    }
    const summary = fine.toJSON();
    expect(Object.keys(summary)).toEqual(["count", "mean", "min", "max", "p50", "p90", "p95", "p99", "p999"]);
    expect(summary.p99).toBe(fine.quantile(0.99));
    const exact = type7(Float64Array.from(values).sort(), 0.99);
    expect(Math.abs(coarse.quantile(0.99) / exact - 1)).toBeGreaterThan(
      Math.abs(fine.quantile(0.99) / exact - 1),
    );
  });

  it("gives the same answers after merging shards as after recording everything, in either mode", () => {
    for (const count of [1_500, 30_000]) {
      const values = durations(count, 3);
      // Values straddling 1 s exercise the bucket of key 0, which sketches-js 2.1.1's own merge drops.
      values.push(0.995, 0.999, 1.0, 0.99, 2.5);
      const whole = new LatencySketch();
      const shards = [new LatencySketch(), new LatencySketch(), new LatencySketch()];
      values.forEach((v, i) => {
        whole.record(v);
        // Shard 0 gets only small values so merging must grow its range.
        shards[v < 0.05 ? 0 : 1 + (i % 2)].record(v);
      });
      const merged = new LatencySketch();
      for (const s of shards) merged.merge(s);
      expect(merged.isExact).toBe(count < DEFAULT_EXACT_LIMIT);
      // Percentiles, count, min and max are identical; the mean differs only by summation order.
      const { mean, ...rest } = merged.toJSON();
      const { mean: wholeMean, ...wholeRest } = whole.toJSON();
      expect(rest).toEqual(wholeRest);
      expect(Math.abs(mean! / wholeMean! - 1)).toBeLessThan(1e-12);
      for (const q of QS) expect(merged.quantile(q)).toBe(whole.quantile(q));
      expect(shards[0].max).toBeLessThan(0.05); // merge leaves its argument alone
    }
  });

  it("merges an exact sketch into a full one and a full one into an exact one alike", () => {
    const small = durations(1_000, 21);
    const large = durations(10_000, 22);
    const whole = new LatencySketch();
    for (const v of [...small, ...large]) whole.record(v);
    const a = new LatencySketch();
    const b = new LatencySketch();
    for (const v of small) a.record(v);
    for (const v of large) b.record(v);
    const intoExact = new LatencySketch();
    intoExact.merge(a);
    intoExact.merge(b);
    const intoFull = new LatencySketch();
    intoFull.merge(b);
    intoFull.merge(a);
    for (const q of QS) {
      expect(intoExact.quantile(q)).toBe(whole.quantile(q));
      expect(intoFull.quantile(q)).toBe(whole.quantile(q));
    }
    expect(a.isExact).toBe(true);
  });

  it("merges the library's key-0 case exactly: a range of small values plus values just under 1 s", () => {
    const options = { relativeAccuracy: 0.01, exactLimit: 0 };
    const a = new LatencySketch(options);
    const b = new LatencySketch(options);
    const whole = new LatencySketch(options);
    for (const v of [0.0765, 0.0765]) {
      a.record(v);
      whole.record(v);
    }
    for (const v of [0.975, 0.99, 0.99]) {
      b.record(v);
      whole.record(v);
    }
    a.merge(b);
    expect(a.quantile(0.75)).toBe(whole.quantile(0.75));
    expect(a.quantile(0.75)).toBeGreaterThan(0.98);
  });

  it("refuses to merge sketches of different accuracy or exact limit", () => {
    expect(() => new LatencySketch().merge(new LatencySketch({ relativeAccuracy: 0.02 }))).toThrow(
      RangeError,
    );
    expect(() => new LatencySketch().merge(new LatencySketch({ exactLimit: 10 }))).toThrow(RangeError);
  });

  it("round-trips through serialize/deserialize in either mode, and the copy still merges and records", () => {
    for (const count of [500, 10_000]) {
      const original = new LatencySketch({ relativeAccuracy: 0.005 });
      for (const v of durations(count, 11)) original.record(v);
      const bytes = original.serialize();
      expect(bytes.byteLength).toBeLessThan(20_000);
      const copy = LatencySketch.deserialize(bytes);
      expect(copy.relativeAccuracy).toBe(0.005);
      expect(copy.isExact).toBe(original.isExact);
      expect(copy.toJSON()).toEqual(original.toJSON());
      for (const q of QS) expect(copy.quantile(q)).toBe(original.quantile(q));
      copy.merge(original);
      copy.record(3);
      expect(copy.count).toBe(2 * count + 1);
      expect(copy.max).toBe(3);
      // A view into a larger buffer (as a network read gives) decodes too.
      const padded = new Uint8Array(bytes.byteLength + 16);
      padded.set(bytes, 8);
      expect(LatencySketch.deserialize(padded.subarray(8, 8 + bytes.byteLength)).toJSON()).toEqual(
        original.toJSON(),
      );
    }
  });

  it("serializes the same values to the same image whatever the order they came in", () => {
    const values = durations(1_000, 31);
    const forward = new LatencySketch();
    const backward = new LatencySketch();
    for (const v of values) forward.record(v);
    for (const v of [...values].reverse()) backward.record(v);
    // Every byte but the sum's (bytes 25-32: summation order moves its last bits).
    const [a, b] = [backward.serialize(), forward.serialize()];
    expect(a.subarray(0, 25)).toEqual(b.subarray(0, 25));
    expect(a.subarray(33)).toEqual(b.subarray(33));
  });

  it("round-trips an empty sketch and rejects truncated bytes", () => {
    const copy = LatencySketch.deserialize(new LatencySketch().serialize());
    expect(copy.count).toBe(0);
    expect(Number.isNaN(copy.quantile(0.5))).toBe(true);
    for (const exactLimit of [0, DEFAULT_EXACT_LIMIT]) {
      const full = new LatencySketch({ exactLimit });
      full.record(0.3);
      const bytes = full.serialize();
      expect(() => LatencySketch.deserialize(bytes.subarray(0, bytes.byteLength - 1))).toThrow(RangeError);
    }
    expect(() => LatencySketch.deserialize(new Uint8Array(3))).toThrow(RangeError);
  });

  it("when empty: NaN statistics, null in the summary, and no throw", () => {
    const empty = new LatencySketch();
    expect(empty.count).toBe(0);
    for (const x of [empty.mean, empty.min, empty.max, empty.quantile(0.5), empty.quantile(1)]) {
      expect(Number.isNaN(x)).toBe(true);
    }
    expect(empty.toJSON()).toEqual({
      count: 0,
      mean: null,
      min: null,
      max: null,
      p50: null,
      p90: null,
      p95: null,
      p99: null,
      p999: null,
    });
  });

  it("handles a sketch of zeros and rejects negative, NaN and infinite durations and bad quantiles", () => {
    for (const exactLimit of [0, DEFAULT_EXACT_LIMIT]) {
      const zeros = new LatencySketch({ exactLimit });
      zeros.record(0);
      zeros.record(0);
      expect(zeros.quantile(0.5)).toBe(0);
      expect(zeros.toJSON().p999).toBe(0);
      for (const bad of [-1e-9, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => zeros.record(bad)).toThrow(RangeError);
      }
      expect(() => zeros.quantile(1.5)).toThrow(RangeError);
      expect(() => zeros.quantile(Number.NaN)).toThrow(RangeError);
      expect(zeros.count).toBe(2);
    }
  });

  it("bounds memory: values spanning 1e-300..1e3 s still serialize to at most binLimit buckets", () => {
    const sketch = new LatencySketch({ relativeAccuracy: 0.01, binLimit: 512, exactLimit: 0 });
    for (let e = -300; e <= 3; e++) sketch.record(10 ** e);
    expect(sketch.serialize().byteLength).toBeLessThanOrEqual(66 + 8 * 512);
    expect(sketch.quantile(1)).toBe(1000);
    expect(sketch.quantile(0)).toBe(1e-300); // clamped to the exact min, though its bucket collapsed
    // Rank 0.99 · 303 = 299.97 lies between 0.1 s and 1 s, far above the collapsed region.
    const q = sketch.quantile(0.99);
    expect(q).toBeGreaterThan(0.1 * 0.98);
    expect(q).toBeLessThan(1.02);
    // Collapsing really happened: a low quantile no longer resolves (it reads the lowest kept bucket).
    expect(sketch.quantile(0.05) / 10 ** -285).toBeGreaterThan(1e100);
  });

  it("scales the default bin limit with the accuracy, keeping the dynamic range", () => {
    expect(new LatencySketch({ relativeAccuracy: 0.01 }).binLimit).toBe(2048);
    const fine = new LatencySketch({ relativeAccuracy: 0.001 });
    expect(fine.binLimit).toBeGreaterThan(20_000);
    expect(fine.binLimit).toBeLessThan(20_600);
  });
});
