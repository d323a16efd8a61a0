import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration, parseRate, parseShare } from "../../src/scenario/index.ts";
import { parseTimeOfDay } from "../../src/scenario/units/time-of-day.ts";

describe("parseDuration", () => {
  it.each([
    ["250ms", 0.25],
    ["90s", 90],
    ["5m", 300],
    ["1h", 3600],
    ["1.5h", 5400],
    ["2d", 172800],
    ["15us", 0.000015],
    [" 10 min ", 600],
  ])("%s -> %f s", (text, seconds) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: seconds });
  });

  it("refuses a bare number and says which units exist", () => {
    const r = parseDuration(30);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/write 30s or 30ms/);
    if (!r.ok) expect(r.message).toMatch(/ms, s, m, h, d/);
  });

  it.each(["", "5", "5 parsecs", "-5s", "5s5", "1e3s", "s"])("refuses %j", (text) => {
    expect(parseDuration(text).ok).toBe(false);
  });

  it("formats back to the shortest exact form", () => {
    expect([0, 0.25, 90, 300, 5400, 86400].map(formatDuration)).toEqual([
      "0s",
      "250ms",
      "90s",
      "5m",
      "90m",
      "1d",
    ]);
  });
});

describe("parseRate", () => {
  it("converts to per second", () => {
    expect(parseRate("1200/s")).toEqual({ ok: true, value: 1200 });
    expect(parseRate("30/min")).toEqual({ ok: true, value: 0.5 });
    expect(parseRate("360/h")).toEqual({ ok: true, value: 0.1 });
  });
  it("refuses a bare number", () => {
    const r = parseRate(5);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/5\/s/);
  });
});

describe("parseShare", () => {
  it("accepts percentages and fractions", () => {
    expect(parseShare("70%")).toEqual({ ok: true, value: 0.7 });
    expect(parseShare(0.7)).toEqual({ ok: true, value: 0.7 });
    expect(parseShare(1)).toEqual({ ok: true, value: 1 });
  });
  it("refuses 70 (ambiguous) and above 100%", () => {
    const r = parseShare(70);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/write 70%/);
    expect(parseShare("150%").ok).toBe(false);
    expect(parseShare(-0.1).ok).toBe(false);
  });
});

describe("parseTimeOfDay", () => {
  it("reads HH:MM and HH:MM:SS", () => {
    expect(parseTimeOfDay("08:30")).toEqual({ ok: true, value: 30600 });
    expect(parseTimeOfDay("23:59:59")).toEqual({ ok: true, value: 86399 });
    expect(parseTimeOfDay("24:30").ok).toBe(false);
    expect(parseTimeOfDay(830).ok).toBe(false);
  });
});
