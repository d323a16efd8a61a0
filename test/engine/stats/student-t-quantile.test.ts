/**
 * Student's t quantile against published values (computed to 16 digits by R's qt and by
 * stdlib, which authsim used before): two-sided 95% and 99% critical values and the median
 * region, to 1e-12 relative for df <= 1000; symmetric; NaN outside the domain.
 */
import { describe, expect, it } from "vitest";
import { studentTCdf, studentTQuantile } from "../../../src/engine/stats/student-t-quantile.ts";

const published: [p: number, df: number, q: number][] = [
  [0.975, 1, 12.706204736174694],
  [0.975, 2, 4.302652729749462],
  [0.975, 4, 2.776445105197794],
  [0.975, 9, 2.262157162798205],
  [0.975, 29, 2.045229642132704],
  [0.55, 4, 0.13383036711194346],
  [0.55, 1000, 0.1256932625187165],
  [0.55, 0.5, 0.1886442088463069],
];

describe("studentTQuantile", () => {
  it("matches published quantiles to 1e-12 relative", () => {
    for (const [p, df, q] of published) {
      expect(Math.abs(studentTQuantile(p, df) - q) / q).toBeLessThan(1e-12);
    }
  });

  it("is the inverse of the CDF, symmetric, and tends to the normal", () => {
    for (const df of [1, 2.5, 7, 30, 200]) {
      for (const p of [0.6, 0.9, 0.975, 0.995]) {
        const q = studentTQuantile(p, df);
        expect(studentTCdf(q, df)).toBeCloseTo(p, 13);
        expect(studentTQuantile(1 - p, df)).toBeCloseTo(-q, 12);
      }
    }
    // df = 1e5: the normal 1.959964 plus (z^3 + z) / 4df = 2.37e-5 (Cornish-Fisher), to 1e-9 here.
    expect(studentTQuantile(0.975, 1e5)).toBeCloseTo(1.9599877075346093, 9);
  });

  it("handles the domain's edges", () => {
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(studentTQuantile(0, 3)).toBe(Number.NEGATIVE_INFINITY);
    for (const [p, df] of [
      [Number.NaN, 3],
      [1.2, 3],
      [0.9, 0],
      [0.9, Number.NaN],
      [-0.1, 5],
    ]) {
      expect(studentTQuantile(p, df)).toBeNaN();
    }
  });
});
