/**
 * Time-binned series: the bin grid, counts and rates, a level whose integral is split across bin
 * boundaries (hand-computed), and per-bin percentiles.
 */
import { describe, expect, it } from "vitest";
import {
  BinnedCounter,
  BinnedLevel,
  BinnedQuantiles,
  MAX_BINS,
} from "../../../src/engine/stats/time-series.ts";

describe("bin grid", () => {
  it("sizes bins from the horizon, forgiving rounding, rounding a partial last bin up", () => {
    expect(new BinnedCounter({ start: 0, end: 3600, binWidth: 0.1 }).binCount).toBe(36_000);
    const partial = new BinnedCounter({ start: 0, end: 10, binWidth: 3 });
    expect(partial.binCount).toBe(4);
    expect(partial.end).toBe(12);
    expect(new BinnedCounter({ start: 5, end: 6, binWidth: 60 }).binCount).toBe(1);
  });

  it("rejects a bad grid or one too large to be bounded", () => {
    expect(() => new BinnedCounter({ start: 0, end: 10, binWidth: 0 })).toThrow(RangeError);
    expect(() => new BinnedCounter({ start: 10, end: 10, binWidth: 1 })).toThrow(RangeError);
    expect(() => new BinnedCounter({ start: 0, end: MAX_BINS + 1, binWidth: 1 })).toThrow(RangeError);
  });
});

describe("BinnedCounter", () => {
  it("counts events per bin, ignores those outside the grid, and reports rates", () => {
    const c = new BinnedCounter({ start: 100, end: 110, binWidth: 2 });
    c.add(100);
    c.add(101.999);
    c.add(102); // a boundary belongs to the bin it starts
    c.add(109.99, 3);
    c.add(99.9);
    c.add(110);
    expect(c.toArray()).toEqual([2, 1, 0, 0, 3]);
    expect(c.ignoredCount).toBe(2);
    expect(c.rate(0)).toBe(1);
    expect(c.rate(4)).toBe(1.5);
    expect(c.bins()[4]).toEqual({ start: 108, end: 110, count: 3, rate: 1.5 });
  });
});

describe("BinnedLevel", () => {
  // Given bins of 2 s on [0, 10) and a level of 1 on [0, 1), 3 on [1, 5), 2 on [5, 5.5), 0 after:
  function level(): BinnedLevel {
    const l = new BinnedLevel({ start: 0, end: 10, binWidth: 2 }, 1);
    l.update(1, 3);
    l.update(5, 2);
    l.add(5.5, -2);
    return l;
  }

  it("splits a level that changes mid-bin exactly across the bins it spans", () => {
    const l = level();
    l.finish(10);
    // bin 0: 1·1 + 3·1 = 4; bin 1: 3·2 = 6; bin 2: 3·1 + 2·0.5 = 4; bins 3, 4: 0.
    expect(Array.from({ length: 5 }, (_, i) => l.integral(i))).toEqual([4, 6, 4, 0, 0]);
    expect(l.toArray()).toEqual([2, 3, 2, 0, 0]);
    expect(l.bins()[2]).toEqual({ start: 4, end: 6, mean: 2 });
  });

  it("averages a partly observed bin over its observed part, and unobserved bins are NaN", () => {
    const l = level();
    // Integrated up to 5.5: bin 2 has seen 1.5 s holding 3·1 + 2·0.5.
    expect(l.observedUntil).toBe(5.5);
    expect(l.mean(2)).toBe(4 / 1.5);
    expect(Number.isNaN(l.mean(3))).toBe(true);
    l.update(7, 4);
    l.finish(9);
    // bin 3: 0 on [6, 7), 4 on [7, 8); bin 4: 4 on [8, 9), observed 1 s of 2.
    expect(l.mean(3)).toBe(2);
    expect(l.observedWidth(4)).toBe(1);
    expect(l.mean(4)).toBe(4);
  });

  it("integrates nothing outside the grid, and refuses time going backwards", () => {
    const l = new BinnedLevel({ start: 10, end: 14, binWidth: 2 }, 5);
    l.update(13, 1);
    l.finish(20); // the level 1 holds past the horizon; only [13, 14) counts
    expect(l.toArray()).toEqual([5, 3]);
    expect(() => l.update(19, 0)).toThrow(RangeError);
  });
});

describe("BinnedQuantiles", () => {
  it("keeps one sketch per bin, created only for bins with samples", () => {
    const b = new BinnedQuantiles({ start: 0, end: 30, binWidth: 10 });
    for (let k = 1; k <= 100; k++) b.record(5, k / 100); // 0.01 .. 1.00 s in bin 0
    b.record(25, 2);
    b.record(30, 9); // outside
    expect(b.sketch(1)).toBeUndefined();
    expect(b.sketch(0)?.count).toBe(100);
    expect(b.ignoredCount).toBe(1);
    expect(b.quantile(0, 0.5)).toBeCloseTo(0.505, 12); // 100 values are kept exactly: type 7
    expect(Number.isNaN(b.quantile(1, 0.5))).toBe(true);
    const p99 = b.toArray(0.99);
    expect(p99[2]).toBe(2);
    expect(Number.isNaN(p99[1])).toBe(true);
    const bins = b.bins();
    expect(bins[1]).toMatchObject({ start: 10, end: 20, count: 0, p50: null });
    expect(bins[2]).toMatchObject({ start: 20, end: 30, count: 1, max: 2, p99: 2 });
  });
});
