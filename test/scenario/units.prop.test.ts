// Properties of the unit parsers: round trips, scaling, and never throwing on any input.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDuration, parseRate, parseShare } from "../../src/scenario/index.ts";

const UNIT_SECONDS: Record<string, number> = { ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 };

describe("unit parsers (properties)", () => {
  it("a duration n<unit> equals n × the unit's seconds", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(...Object.keys(UNIT_SECONDS)),
        (n, unit) => {
          const r = parseDuration(`${n}${unit}`);
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.value).toBeCloseTo(n * UNIT_SECONDS[unit], 9);
        },
      ),
    );
  });

  it("decimal durations scale linearly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), (whole, frac) => {
        const text = `${whole}.${String(frac).padStart(2, "0")}h`;
        const r = parseDuration(text);
        expect(r.ok && Math.abs(r.value - (whole + frac / 100) * 3600) < 1e-6).toBe(true);
      }),
    );
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        for (const parse of [parseDuration, parseRate, parseShare]) {
          const r = parse(v);
          expect(typeof r.ok).toBe("boolean");
        }
      }),
    );
  });

  it("bare numbers are never durations or rates", () => {
    fc.assert(fc.property(fc.double({ noNaN: true }), (n) => !parseDuration(n).ok && !parseRate(n).ok));
  });

  it("p% and p/100 are the same share", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), (p) => {
        const a = parseShare(`${p}%`);
        const b = parseShare(p / 100);
        expect(a.ok && b.ok && Math.abs(a.value - b.value) < 1e-12).toBe(true);
      }),
    );
  });
});
