/**
 * plan.md's figures: printed with the digits that keep them on the verdict's side of the
 * threshold, and the cost per month from the weekly profile (fixed vs following the profile).
 */
import { describe, expect, it } from "vitest";
import { monthlyInstanceHours } from "../../src/report/plan-cost.ts";
import { verdictFigure } from "../../src/report/plan-tables.ts";

describe("plan figures", () => {
  it("prints a passing 69.96% against `< 70%` as 69.96%, not 70.0%", () => {
    const o = { kind: "share" as const, op: "<" as const, threshold: 0.7 };
    expect(verdictFigure(o, 0.6996, true)).toBe("69.96%");
    expect(verdictFigure(o, 0.704, false)).toBe("70.4%");
    expect(verdictFigure({ kind: "latency", op: "<", threshold: 0.05 }, 0.04996, true)).toBe("49.96 ms");
  });

  it("costs a month fixed and following the weekly profile", () => {
    // A week of 168 hours: load 10 in 40 working hours, 2 otherwise; sized on a working hour.
    const load = Array.from({ length: 168 }, (_, h) => (h % 24 >= 9 && h % 24 < 17 && h < 120 ? 10 : 2));
    const m = monthlyInstanceHours(10, 2, load, [10]);
    expect(m.fixed).toBe(7300);
    // 40 h × 10 + 128 h × max(2, ceil(10 × 0.2)) = 400 + 256 = 656 instance-hours a week.
    expect(m.followingProfile).toBeCloseTo((656 * 730) / 168, 6);
    expect(m.weekPeakOverWindow).toBe(1);
    // Sized on a quiet hour: the week's peak is 5 × the window's.
    expect(monthlyInstanceHours(2, 2, load, [0]).weekPeakOverWindow).toBe(5);
  });
});
