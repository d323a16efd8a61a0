// Reading the series table: absent or misaligned columns read as null, gaps stay gaps.
import { describe, expect, it } from "vitest";
import type { TimeSeriesTable } from "../../../src/model/run/run-result.ts";
import { binMidpoints, column, finiteQuantile, toPoints } from "../../../src/report/charts/series.ts";

const table = (columns: Record<string, number[]>): TimeSeriesTable => ({
  binWidth: 60,
  start: 0,
  startWeekSecond: 0,
  columns,
});

describe("series", () => {
  it("reads a column that lines up with t, and null for one that is absent or misaligned", () => {
    const s = table({ t: [0, 60, 120], a: [1, 2, 3], short: [1, 2] });
    expect(column(s, "a")).toEqual([1, 2, 3]);
    expect(column(s, "missing")).toBeNull();
    expect(column(s, "short")).toBeNull();
    expect(column(table({ a: [1] }), "a")).toBeNull();
  });

  it("draws each bin at its midpoint", () => {
    expect(binMidpoints(table({ t: [0, 60, 120] }))).toEqual([30, 90, 150]);
    expect(binMidpoints(table({}))).toBeNull();
    expect(binMidpoints(table({ t: [] }))).toBeNull();
  });

  it("keeps empty bins as gaps (NaN), never as zero, and scales the rest", () => {
    const points = toPoints([30, 90, 150], [0.5, Number.NaN, Number.POSITIVE_INFINITY], 100);
    expect(points[0]).toEqual({ x: 30, y: 50 });
    expect(Number.isNaN(points[1].y)).toBe(true);
    expect(Number.isNaN(points[2].y)).toBe(true);
  });

  it("takes quantiles over the finite values only", () => {
    expect(
      finiteQuantile(
        [
          [1, 2, Number.NaN],
          [3, 4],
        ],
        0.5,
      ),
    ).toBe(2);
    expect(finiteQuantile([[Number.NaN]], 0.99)).toBe(0);
  });
});
