// The clock axis: ticks on round UTC times whatever the start, labels as weekday + time.
import { describe, expect, it } from "vitest";
import { clockTicks, formatWeekTime, tickStep } from "../../../src/report/charts/time-axis.ts";

const WED = 2 * 86_400;

describe("formatWeekTime", () => {
  it("reads seconds since Monday 00:00 UTC as weekday and clock time", () => {
    expect(formatWeekTime(0)).toBe("Mon 00:00");
    expect(formatWeekTime(WED + 9 * 3600 + 5 * 60)).toBe("Wed 09:05");
    expect(formatWeekTime(WED + 9 * 3600 + 5 * 60 + 30, true)).toBe("Wed 09:05:30");
  });

  it("wraps past Sunday midnight into the next week", () => {
    expect(formatWeekTime(7 * 86_400 + 3600)).toBe("Mon 01:00");
    expect(formatWeekTime(-60)).toBe("Sun 23:59");
  });
});

describe("tickStep and clockTicks", () => {
  it("gives at most a dozen ticks at a natural spacing", () => {
    expect(tickStep(86_400)).toBe(7200);
    expect(tickStep(3600)).toBe(300);
    expect(tickStep(600)).toBe(60);
    expect(tickStep(7 * 86_400)).toBe(86_400);
    for (const span of [60, 3600, 5400, 86_400, 30 * 86_400])
      expect(span / tickStep(span)).toBeLessThanOrEqual(12);
  });

  it("places ticks on round UTC times even when the run starts off the hour", () => {
    // The run starts Wed 09:07 UTC; 10-minute ticks fall at 09:10, 09:20, ...
    const start = WED + 9 * 3600 + 7 * 60;
    const ticks = clockTicks(0, 3600, start, 600);
    expect(ticks.map((t) => formatWeekTime(start + t))).toEqual([
      "Wed 09:10",
      "Wed 09:20",
      "Wed 09:30",
      "Wed 09:40",
      "Wed 09:50",
      "Wed 10:00",
    ]);
  });
});
