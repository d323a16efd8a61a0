/**
 * LatencySketch against exact sorted-array quantiles, merge against single recording, and the
 * binary round trip. Data come from a fixed-seed LCG, never Math.random.
 */
import { LogCollapsingLowestDenseDDSketch } from "@datadog/sketches-js";
import { describe, expect, it } from "vitest";
import { LatencySketch } from "../../../src/engine/stats/latency-sketch.ts";

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

const QS = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

describe("LatencySketch", () => {
  it("keeps every quantile of 100,000 durations within the 1% relative accuracy of the exact value", () => {
    const values = durations(100_000, 42);
    const sketch = new LatencySketch();
    for (const v of values) sketch.record(v);
    const sorted = Float64Array.from(values).sort();
    expect(sketch.relativeAccuracy).toBe(0.01);
    for (const q of QS) {
      // The sketch answers the value at rank floor(q·(n-1)), within 1% (0 stays exactly 0).
      const exact = sorted[Math.floor(q * (sorted.length - 1))];
      const estimate = sketch.quantile(q);
      expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(0.01 * exact + 1e-12);
    }
    expect(sketch.quantile(0.01)).toBe(0); // the 2% zeros sit in the zero bucket
    expect(sketch.count).toBe(100_000);
    expect(sketch.min).toBe(0);
    expect(sketch.max).toBe(sorted[sorted.length - 1]);
    expect(sketch.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 12);
  });

  it("records into the same buckets as DDSketch.accept (its record path skips accept)", () => {
    const values = durations(100_000, 9);
    const ours = new LatencySketch();
    const theirs = new LogCollapsingLowestDenseDDSketch({ relativeAccuracy: 0.01, binLimit: 2048 });
    for (const v of values) {
      ours.record(v);
      theirs.accept(v);
    }
    for (const q of QS.slice(1, -1)) expect(ours.quantile(q)).toBe(theirs.getValueAtQuantile(q));
  });

  it("summarises itself compactly, and a coarser accuracy really is coarser", () => {
    const coarse = new LatencySketch({ relativeAccuracy: 0.05 });
    const fine = new LatencySketch();
    for (const v of durations(20_000, 7)) {
      coarse.record(v);
      fine.record(v);
    }
    const summary = fine.toJSON();
    expect(Object.keys(summary)).toEqual(["count", "mean", "min", "max", "p50", "p90", "p95", "p99", "p999"]);
    expect(summary.p99).toBe(fine.quantile(0.99));
    expect(coarse.quantile(0.5)).not.toBe(fine.quantile(0.5));
    expect(Math.abs(coarse.quantile(0.5) / fine.quantile(0.5) - 1)).toBeLessThan(0.05 + 0.01);
  });

  it("gives the same answers after merging shards as after recording everything into one", () => {
    const values = durations(30_000, 3);
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
    // Percentiles, count, min and max are identical; the mean differs only by summation order.
    const { mean, ...rest } = merged.toJSON();
    const { mean: wholeMean, ...wholeRest } = whole.toJSON();
    expect(rest).toEqual(wholeRest);
    expect(Math.abs(mean! / wholeMean! - 1)).toBeLessThan(1e-12);
    for (const q of QS) expect(merged.quantile(q)).toBe(whole.quantile(q));
    expect(shards[0].max).toBeLessThan(0.05); // merge leaves its argument alone
  });

  it("merges the library's key-0 case exactly: a range of small values plus values just under 1 s", () => {
    const a = new LatencySketch();
    const b = new LatencySketch();
    const whole = new LatencySketch();
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

  it("refuses to merge sketches of different accuracy", () => {
    expect(() => new LatencySketch().merge(new LatencySketch({ relativeAccuracy: 0.02 }))).toThrow(
      RangeError,
    );
  });

  it("round-trips through serialize/deserialize, and the copy still merges and records", () => {
    const original = new LatencySketch({ relativeAccuracy: 0.005 });
    for (const v of durations(10_000, 11)) original.record(v);
    const bytes = original.serialize();
    expect(bytes.byteLength).toBeLessThan(20_000);
    const copy = LatencySketch.deserialize(bytes);
    expect(copy.relativeAccuracy).toBe(0.005);
    expect(copy.toJSON()).toEqual(original.toJSON());
    for (const q of QS) expect(copy.quantile(q)).toBe(original.quantile(q));
    copy.merge(original);
    copy.record(3);
    expect(copy.count).toBe(20_001);
    expect(copy.max).toBe(3);
    // A view into a larger buffer (as a network read gives) decodes too.
    const padded = new Uint8Array(bytes.byteLength + 16);
    padded.set(bytes, 8);
    expect(LatencySketch.deserialize(padded.subarray(8, 8 + bytes.byteLength)).toJSON()).toEqual(
      original.toJSON(),
    );
  });

  it("round-trips an empty sketch and rejects truncated bytes", () => {
    const copy = LatencySketch.deserialize(new LatencySketch().serialize());
    expect(copy.count).toBe(0);
    expect(Number.isNaN(copy.quantile(0.5))).toBe(true);
    const full = new LatencySketch();
    full.record(0.3);
    const bytes = full.serialize();
    expect(() => LatencySketch.deserialize(bytes.subarray(0, bytes.byteLength - 1))).toThrow(RangeError);
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
    const zeros = new LatencySketch();
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
  });

  it("bounds memory: values spanning 1e-300..1e3 s still serialize to at most binLimit buckets", () => {
    const sketch = new LatencySketch({ binLimit: 512 });
    for (let e = -300; e <= 3; e++) sketch.record(10 ** e);
    expect(sketch.serialize().byteLength).toBeLessThanOrEqual(61 + 8 * 512);
    expect(sketch.quantile(1)).toBe(1000);
    expect(sketch.quantile(0)).toBe(1e-300); // clamped to the exact min, though its bucket collapsed
    // Rank floor(0.99 · 303) = 299 is 0.1 s, far above the collapsed region: still within 1%.
    expect(Math.abs(sketch.quantile(0.99) / 0.1 - 1)).toBeLessThanOrEqual(0.01);
    // Collapsing really happened: a low quantile no longer resolves (it reads the lowest kept bucket).
    expect(sketch.quantile(0.05) / 10 ** -285).toBeGreaterThan(1e100);
  });
});
