/**
 * Confidence intervals against textbook t quantiles and scipy's Welch test
 * (scipy.stats.ttest_ind(a, b, equal_var=False).confidence_interval()).
 */
import { describe, expect, it } from "vitest";
import { summarizeReplications, welchTest } from "../../../src/engine/stats/replication-stats.ts";

/** |actual/expected - 1| <= tol. */
function expectRel(actual: number, expected: number, tol = 1e-12): void {
  expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(tol);
}

describe("summarizeReplications", () => {
  it("gives mean ± t_{0.975,4}·s/√n for five replications", () => {
    const s = summarizeReplications([1, 2, 3, 4, 5]);
    expect(s.n).toBe(5);
    expect(s.mean).toBe(3);
    expectRel(s.sd, Math.sqrt(2.5));
    // s/√n = √(2.5/5) = √0.5; t_{0.975, 4} = 2.7764451051977987.
    expectRel(s.halfWidth, 2.7764451051977987 * Math.sqrt(0.5));
    expectRel(s.low, 3 - s.halfWidth);
    expectRel(s.high, 3 + s.halfWidth);
  });

  it("uses the requested confidence level (90%: t_{0.95,4} = 2.1318467863266495)", () => {
    const s = summarizeReplications([1, 2, 3, 4, 5], 0.9);
    expectRel(s.halfWidth, 2.1318467863266495 * Math.sqrt(0.5));
  });

  it("does not throw on too few replications: n=1 has sd NaN and an infinite interval", () => {
    expect(summarizeReplications([4.5])).toEqual({
      n: 1,
      mean: 4.5,
      sd: Number.NaN,
      halfWidth: Infinity,
      low: -Infinity,
      high: Infinity,
    });
    const none = summarizeReplications([]);
    expect(none.n).toBe(0);
    expect(Number.isNaN(none.mean)).toBe(true);
    expect(none.halfWidth).toBe(Infinity);
  });

  it("gives a zero-width interval for identical replications and rejects a bad level", () => {
    const s = summarizeReplications([2, 2, 2]);
    expect(s).toMatchObject({ mean: 2, sd: 0, halfWidth: 0, low: 2, high: 2 });
    expect(() => summarizeReplications([1, 2], 1)).toThrow(RangeError);
    expect(() => summarizeReplications([1, 2], 0)).toThrow(RangeError);
  });
});

describe("welchTest", () => {
  it("matches scipy on samples whose means differ but not significantly", () => {
    const r = welchTest([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]);
    expect(r.difference).toBe(-3);
    expectRel(r.degreesOfFreedom, 5.882352941176471);
    expectRel(r.low, -6.887741643736975, 1e-10);
    expectRel(r.high, 0.887741643736975, 1e-10);
    expect(r.significant).toBe(false);
  });

  it("matches scipy on clearly different samples of unequal size and flags them significant", () => {
    const a = [10.2, 9.8, 10.1, 10.0, 9.9, 10.3];
    const b = [11.0, 11.4, 10.9, 11.2, 11.1];
    const r = welchTest(a, b);
    expectRel(r.degreesOfFreedom, 8.544345657595139, 1e-10);
    expectRel(r.low, -1.3323609043298987, 1e-10);
    expectRel(r.high, -0.8076390956701054, 1e-10);
    expect(r.significant).toBe(true);
    // The other way round the difference flips sign and is still significant.
    const back = welchTest(b, a);
    expectRel(back.low, 0.8076390956701054, 1e-10);
    expect(back.significant).toBe(true);
  });

  it("finds identical samples not significant, with an interval centred on zero", () => {
    const r = welchTest([3, 5, 4, 6], [3, 5, 4, 6]);
    expect(r.difference).toBe(0);
    expect(r.low).toBe(-r.high);
    expect(r.high).toBeGreaterThan(0);
    expect(r.significant).toBe(false);
  });

  it("handles degenerate samples without throwing", () => {
    expect(welchTest([1], [2, 3])).toMatchObject({ difference: -1.5, low: -Infinity, significant: false });
    // Zero variance on both sides: no estimate of the noise, so nothing is judged (two quantised
    // percentiles equal within each run are not a significant difference).
    expect(welchTest([2, 2], [3, 3, 3])).toMatchObject({
      difference: -1,
      halfWidth: Infinity,
      significant: false,
      judged: false,
    });
    expect(welchTest([2, 2], [2, 2])).toMatchObject({ difference: 0, significant: false, judged: false });
    expect(welchTest([1, 2], [2, 3])).toMatchObject({ significant: false, judged: true });
    // Zero variance on one side: df is the other side's n - 1.
    expect(welchTest([2, 2, 2], [1, 2, 3]).degreesOfFreedom).toBe(2);
  });
});
