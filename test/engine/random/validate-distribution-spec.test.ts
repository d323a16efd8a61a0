import { describe, expect, it } from "vitest";
import { type DistributionSpec, validateDistributionSpec } from "../../../src/engine/random/index.ts";

describe("validateDistributionSpec", () => {
  it("finds nothing wrong with valid specs of every kind", () => {
    const valid: DistributionSpec[] = [
      { kind: "constant", value: -1 },
      { kind: "uniform", min: 1, max: 1 },
      { kind: "exponential", mean: 0.1 },
      { kind: "normal", mean: 1, sd: 0 },
      { kind: "normal", mean: 1, sd: 1, min: 4 },
      { kind: "lognormal", mu: -3, sigma: 0 },
      { kind: "gamma", shape: 0.3, scale: 2 },
      { kind: "erlang", k: 1, mean: 2 },
      { kind: "pareto", scale: 1, shape: 0.5 },
      { kind: "empirical", points: [[1, 5]] },
      {
        kind: "mixture",
        components: [
          { weight: 0, dist: { kind: "constant", value: 1 } },
          { weight: 2, dist: { kind: "constant", value: 2 } },
        ],
      },
    ];
    for (const spec of valid) expect(validateDistributionSpec(spec), spec.kind).toEqual([]);
  });

  it.each<[DistributionSpec, RegExp]>([
    [{ kind: "constant", value: Number.NaN }, /^constant: value must be a finite number/],
    [{ kind: "uniform", min: 2, max: 1 }, /min \(2\) must not exceed max \(1\)/],
    [{ kind: "exponential", mean: 0 }, /mean must be > 0 \(got 0\)/],
    [{ kind: "normal", mean: 1, sd: -1 }, /^normal: sd must be >= 0 \(got -1\)/],
    [{ kind: "normal", mean: 0, sd: 1, min: 3.5 }, /more than 3 sd above the mean/],
    [{ kind: "lognormal", mu: 0, sigma: -0.1 }, /sigma must be >= 0/],
    [{ kind: "gamma", shape: 0, scale: 1 }, /shape must be > 0/],
    [{ kind: "erlang", k: 2.5, mean: 1 }, /k must be a whole number >= 1 \(got 2.5\)/],
    [{ kind: "pareto", scale: -1, shape: 2 }, /scale must be > 0/],
    [{ kind: "empirical", points: [] }, /needs at least one/],
    [
      {
        kind: "empirical",
        points: [
          [0.5, 1],
          [0.5, 2],
        ],
      },
      /point 2: probabilities must strictly increase \(0.5 then 0.5\)/,
    ],
    [
      {
        kind: "empirical",
        points: [
          [0.1, 3],
          [0.9, 2],
        ],
      },
      /point 2: values must not decrease \(3 then 2\)/,
    ],
    [{ kind: "empirical", points: [[1.5, 1]] }, /point 1: probability 1.5 is not within \[0, 1\]/],
    [{ kind: "mixture", components: [] }, /needs at least one component/],
    [
      { kind: "mixture", components: [{ weight: 0, dist: { kind: "constant", value: 1 } }] },
      /weights must sum to more than zero/,
    ],
    [
      { kind: "mixture", components: [{ weight: -1, dist: { kind: "constant", value: 1 } }] },
      /component 1: weight must be a finite number >= 0 \(got -1\)/,
    ],
    [
      {
        kind: "mixture",
        components: [
          { weight: 1, dist: { kind: "constant", value: 1 } },
          { weight: 1, dist: { kind: "normal", mean: 1, sd: -2 } },
        ],
      },
      /^mixture component 2: normal: sd must be >= 0/,
    ],
    [{ kind: "weibull" } as unknown as DistributionSpec, /unknown distribution kind "weibull"/],
  ])("reports %j", (spec, message) => {
    const problems = validateDistributionSpec(spec);
    expect(
      problems.some((p) => message.test(p)),
      problems.join("\n"),
    ).toBe(true);
  });

  it("reports every problem, not just the first", () => {
    expect(validateDistributionSpec({ kind: "gamma", shape: -1, scale: 0 })).toHaveLength(2);
  });
});
