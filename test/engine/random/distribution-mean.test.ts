import { describe, expect, it } from "vitest";
import { type DistributionSpec, distributionMean } from "../../../src/engine/random/index.ts";

describe("distributionMean", () => {
  it.each<[string, DistributionSpec, number]>([
    ["constant", { kind: "constant", value: 3 }, 3],
    ["uniform", { kind: "uniform", min: 1, max: 4 }, 2.5],
    ["exponential", { kind: "exponential", mean: 0.2 }, 0.2],
    ["normal", { kind: "normal", mean: -1, sd: 5 }, -1],
    ["lognormal", { kind: "lognormal", mu: 0, sigma: 1 }, Math.exp(0.5)],
    ["gamma", { kind: "gamma", shape: 3, scale: 0.5 }, 1.5],
    ["erlang", { kind: "erlang", k: 4, mean: 0.8 }, 0.8],
    ["pareto, shape 2", { kind: "pareto", scale: 1, shape: 2 }, 2],
    ["pareto, shape 1", { kind: "pareto", scale: 1, shape: 1 }, Infinity],
    ["pareto, shape 0.5", { kind: "pareto", scale: 1, shape: 0.5 }, Infinity],
    ["empirical, single point", { kind: "empirical", points: [[0.5, 7]] }, 7],
    [
      "empirical, ramp 0..1",
      {
        kind: "empirical",
        points: [
          [0, 0],
          [1, 1],
        ],
      },
      0.5,
    ],
  ])("%s", (_, spec, expected) => {
    expect(distributionMean(spec)).toBe(expected);
  });

  it("truncated normal: the half-normal's mean sqrt(2/pi), to 1e-6 relative", () => {
    const mean = distributionMean({ kind: "normal", mean: 0, sd: 1, min: 0 });
    expect(Math.abs(mean / Math.sqrt(2 / Math.PI) - 1)).toBeLessThan(1e-6);
  });

  it("truncated normal: a far-below min leaves the mean alone; sd 0 gives the mean", () => {
    expect(distributionMean({ kind: "normal", mean: 5, sd: 1, min: -30 })).toBeCloseTo(5, 12);
    expect(distributionMean({ kind: "normal", mean: 5, sd: 0, min: 5 })).toBe(5);
  });

  it("truncated normal at mean + 3 sd: mean + sd phi(3)/Q(3) = mean + 3.2831 sd", () => {
    // phi(3) / Q(3) = 0.0044318484 / 0.0013498980 = 3.283099...
    const mean = distributionMean({ kind: "normal", mean: 1, sd: 2, min: 7 });
    expect(mean).toBeCloseTo(1 + 2 * 3.2830986, 4);
  });

  it("mixture: weighted by normalised weights, ignoring zero-weight components even if infinite", () => {
    const spec: DistributionSpec = {
      kind: "mixture",
      components: [
        { weight: 1, dist: { kind: "constant", value: 1 } },
        { weight: 3, dist: { kind: "exponential", mean: 5 } },
        { weight: 0, dist: { kind: "pareto", scale: 1, shape: 0.5 } },
      ],
    };
    expect(distributionMean(spec)).toBe(4);
  });

  it("mixture: infinite when a picked component's mean is", () => {
    const spec: DistributionSpec = {
      kind: "mixture",
      components: [
        { weight: 1, dist: { kind: "constant", value: 1 } },
        { weight: 0.01, dist: { kind: "pareto", scale: 1, shape: 1 } },
      ],
    };
    expect(distributionMean(spec)).toBe(Infinity);
  });
});
