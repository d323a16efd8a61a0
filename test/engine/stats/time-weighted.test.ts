/**
 * TimeWeighted on a hand-computed piecewise-constant signal, then a warm-up reset.
 */
import { describe, expect, it } from "vitest";
import { TimeWeighted } from "../../../src/engine/stats/time-weighted.ts";

describe("TimeWeighted", () => {
  // Given a signal that is 2 on [10, 12), 5 on [12, 13), 4 on [13, 16) and 0 from 16 on:
  function signal(): TimeWeighted {
    const tw = new TimeWeighted(10, 2);
    tw.update(12, 5);
    tw.add(13, -1);
    tw.update(16, 0);
    return tw;
  }

  it("gives the exact integral, mean and max of a hand-computed signal", () => {
    const tw = signal();
    // 2·2 + 5·1 + 4·3 + 0·4 = 21 over 10 s.
    expect(tw.integral(20)).toBe(21);
    expect(tw.mean(20)).toBe(2.1);
    expect(tw.max).toBe(5);
    expect(tw.value).toBe(0);
  });

  it("integrates the running piece up to any time not before the last update", () => {
    const tw = new TimeWeighted(10, 2);
    tw.update(12, 5);
    tw.add(13, -1);
    expect(tw.integral(14.5)).toBe(4 + 5 + 4 * 1.5);
    expect(tw.integral(13)).toBe(9);
  });

  it("counts the initial value toward the max and an unchanged signal toward the mean", () => {
    const tw = new TimeWeighted(0, 7);
    tw.update(1, 3);
    expect(tw.max).toBe(7);
    expect(tw.mean(4)).toBe((7 + 3 * 3) / 4);
  });

  it("reset discards the warm-up: integral and max restart from now, the value is kept", () => {
    const tw = signal();
    tw.update(17, 1);
    tw.reset(18);
    expect(tw.start).toBe(18);
    expect(tw.value).toBe(1);
    expect(tw.max).toBe(1);
    expect(tw.integral(18)).toBe(0);
    tw.update(19, 3);
    // 1·1 + 3·1 over [18, 20].
    expect(tw.integral(20)).toBe(4);
    expect(tw.mean(20)).toBe(2);
    expect(tw.max).toBe(3);
  });

  it("returns NaN for the mean of an empty window and refuses time going backwards", () => {
    const tw = new TimeWeighted(5, 1);
    expect(Number.isNaN(tw.mean(5))).toBe(true);
    tw.update(6, 2);
    expect(() => tw.update(5.5, 0)).toThrow(RangeError);
    expect(() => tw.integral(5.9)).toThrow(RangeError);
    expect(() => tw.reset(5)).toThrow(RangeError);
    tw.update(6, 4); // equal times are fine: a zero-length piece
    expect(tw.integral(7)).toBe(1 + 4);
    expect(tw.max).toBe(4);
  });

  it("keeps the integral across resets in totalIntegral (a time bin the warm-up ends in keeps its part)", () => {
    const tw = new TimeWeighted(0, 2);
    tw.update(10, 4); // 2·10
    tw.reset(15); // discards 20 + 4·5 = 40 from integral(), not from totalIntegral()
    expect(tw.integral(15)).toBe(0);
    expect(tw.totalIntegral(15)).toBe(40);
    tw.addArea(16, 3);
    expect(tw.integral(20)).toBe(4 * 5 + 3);
    expect(tw.totalIntegral(20)).toBe(40 + 4 * 5 + 3);
    tw.reset(20);
    expect(tw.totalIntegral(25)).toBe(63 + 4 * 5);
  });
});
