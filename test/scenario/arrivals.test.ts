import { describe, expect, it } from "vitest";
import { dayShape, resolveArrivals } from "../../src/scenario/resolve/resolve-arrivals.ts";
import { ProfileSchema } from "../../src/scenario/schema/profile.ts";

const profile = (input: unknown) => ProfileSchema.parse(input);

describe("arrival profiles", () => {
  it("a day's shape sums to 1 and peaks in business hours", () => {
    const shape = dayShape(profile({}));
    expect(shape.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(shape[10]).toBeGreaterThan(shape[3] * 10);
    expect(shape[12]).toBeLessThan(shape[10]);
  });

  it("a typical weekday carries dailyActiveUsers × sessionsPerUser sessions", () => {
    const a = resolveArrivals(profile({}), 24_000);
    const tuesday = a.weeklyRate.slice(24, 48).reduce((s, r) => s + r * 3600, 0);
    expect(tuesday).toBeCloseTo(24_000, 6);
    expect(a.peakRate).toBe(Math.max(...a.weeklyRate));
  });

  it("the Monday multiplier adds sessions in its hours only, pro rata", () => {
    const base = resolveArrivals(profile({}), 1000);
    const peak = resolveArrivals(
      profile({ mondayPeak: { multiplier: 2, from: "08:30", until: "10:00" } }),
      1000,
    );
    expect(peak.weeklyRate[8] / base.weeklyRate[8]).toBeCloseTo(1.5, 12);
    expect(peak.weeklyRate[9] / base.weeklyRate[9]).toBeCloseTo(2, 12);
    expect(peak.weeklyRate[10]).toBe(base.weeklyRate[10]);
    expect(peak.weeklyRate[24 + 9]).toBe(base.weeklyRate[24 + 9]);
  });

  it("an explicit hourly table replaces the curve", () => {
    const hourly = Array.from({ length: 24 }, (_, h) => (h === 9 ? 1 : 0));
    expect(dayShape(profile({ hourly }))[9]).toBe(1);
    expect(ProfileSchema.safeParse({ hourly: [1, 2] }).success).toBe(false);
  });
});
