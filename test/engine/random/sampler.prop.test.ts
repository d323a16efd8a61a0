/**
 * Properties over random valid parameters: every sampler returns finite numbers inside its
 * distribution's support, and the analytic mean (when finite) lies inside it too.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DistributionSpec,
  distributionMean,
  makeSampler,
  RandomStreams,
  validateDistributionSpec,
} from "../../../src/engine/random/index.ts";

/** A spec with the closed interval [lo, hi] that must contain every draw. */
interface Bounded {
  readonly spec: DistributionSpec;
  readonly lo: number;
  readonly hi: number;
}

const real = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const positive = real(1e-6, 1e6);

const constant = real(-1e6, 1e6).map(
  (value): Bounded => ({ spec: { kind: "constant", value }, lo: value, hi: value }),
);
const uniform = fc.tuple(real(-1e6, 1e6), real(0, 1e6)).map(([min, width]): Bounded => {
  const max = min + width;
  return { spec: { kind: "uniform", min, max }, lo: min, hi: max };
});
const exponential = positive.map(
  (mean): Bounded => ({ spec: { kind: "exponential", mean }, lo: 0, hi: Infinity }),
);
const normal = fc
  .tuple(real(-1e3, 1e3), real(0, 1e3), fc.option(real(-5, 3), { nil: undefined }))
  .map(([mean, sd, t]): Bounded => {
    if (t === undefined) return { spec: { kind: "normal", mean, sd }, lo: -Infinity, hi: Infinity };
    const min = mean + t * sd;
    return { spec: { kind: "normal", mean, sd, min }, lo: min, hi: Infinity };
  });
const lognormal = fc
  .tuple(real(-10, 10), real(0, 3))
  .map(([mu, sigma]): Bounded => ({ spec: { kind: "lognormal", mu, sigma }, lo: 0, hi: Infinity }));
const gamma = fc
  .tuple(real(0.05, 50), positive)
  .map(([shape, scale]): Bounded => ({ spec: { kind: "gamma", shape, scale }, lo: 0, hi: Infinity }));
const erlang = fc
  .tuple(fc.integer({ min: 1, max: 20 }), positive)
  .map(([k, mean]): Bounded => ({ spec: { kind: "erlang", k, mean }, lo: 0, hi: Infinity }));
// Shapes below ~0.04 can overflow to Infinity at the top of the 2^-32 grid; see the report.
const pareto = fc
  .tuple(positive, real(0.1, 20))
  .map(([scale, shape]): Bounded => ({ spec: { kind: "pareto", scale, shape }, lo: scale, hi: Infinity }));
const empirical = fc
  .uniqueArray(real(0, 1), { minLength: 1, maxLength: 8 })
  .chain((ps) =>
    fc.tuple(
      fc.constant([...ps].sort((a, b) => a - b)),
      fc.array(real(-1e3, 1e3), { minLength: ps.length, maxLength: ps.length }),
    ),
  )
  .map(([ps, vs]): Bounded => {
    const values = [...vs].sort((a, b) => a - b);
    const points = ps.map((p, i) => [p, values[i]] as const);
    return { spec: { kind: "empirical", points }, lo: values[0], hi: values[values.length - 1] };
  });

const leaf = fc.oneof(constant, uniform, exponential, normal, lognormal, gamma, erlang, pareto, empirical);
const mixture = fc
  .array(fc.tuple(real(0, 10), leaf), { minLength: 1, maxLength: 4 })
  .filter((parts) => parts.some(([w]) => w > 0))
  .map((parts): Bounded => {
    const picked = parts.filter(([w]) => w > 0).map(([, b]) => b);
    return {
      spec: { kind: "mixture", components: parts.map(([weight, b]) => ({ weight, dist: b.spec })) },
      lo: Math.min(...picked.map((b) => b.lo)),
      hi: Math.max(...picked.map((b) => b.hi)),
    };
  });
const anySpec = fc.oneof(leaf, mixture);

/** Rounding slack for analytic means computed as weighted sums. */
const slack = (x: number): number => 1e-9 * Math.max(1, Math.abs(x));

describe("samplers over random valid parameters", () => {
  it("are valid specs and draw finite numbers inside the support", () => {
    fc.assert(
      fc.property(anySpec, fc.integer(), ({ spec, lo, hi }, seed) => {
        expect(validateDistributionSpec(spec)).toEqual([]);
        const sample = makeSampler(spec, new RandomStreams(seed).get("prop"));
        // One expect per case, not per draw: expect() costs more than the draws themselves.
        const outside: number[] = [];
        for (let i = 0; i < 200; i++) {
          const x = sample();
          if (!(Number.isFinite(x) && x >= lo && x <= hi)) outside.push(x);
        }
        expect(outside, `draws outside [${lo}, ${hi}]`).toEqual([]);
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });

  it("have an analytic mean that is a number inside the support (or Infinity)", () => {
    fc.assert(
      fc.property(anySpec, ({ spec, lo, hi }) => {
        const mean = distributionMean(spec);
        expect(Number.isNaN(mean)).toBe(false);
        expect(mean).toBeGreaterThanOrEqual(lo - slack(lo));
        expect(mean).toBeLessThanOrEqual(hi + slack(hi));
      }),
      { numRuns: 500, seed: 20261127 },
    );
  });

  it("refuse a spec once any parameter is made invalid", () => {
    const broken = fc.oneof(
      real(-1e3, 0).map((sd): DistributionSpec => ({ kind: "normal", mean: 0, sd: sd - 1e-9 })),
      real(-1e3, 0).map((mean): DistributionSpec => ({ kind: "exponential", mean })),
      real(1e-6, 1e3).map((gap): DistributionSpec => ({ kind: "uniform", min: gap, max: 0 })),
    );
    fc.assert(
      fc.property(broken, (spec) => {
        expect(validateDistributionSpec(spec).length).toBeGreaterThan(0);
        expect(() => makeSampler(spec, new RandomStreams(1).get("x"))).toThrow(RangeError);
      }),
    );
  });
});
