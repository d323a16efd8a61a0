// The analytic mean of a mixture normalises its weights before weighting the means, so a tiny
// weight cannot underflow the product to 0 (found by sampler.prop.test.ts: weight 5e-324).
import { describe, expect, it } from "vitest";
import { distributionMean } from "../../../src/engine/random/index.ts";

describe("distributionMean of a mixture", () => {
  it("stays inside the support with a denormal weight", () => {
    const value = -1.0000000000000003e-9;
    const mean = distributionMean({
      kind: "mixture",
      components: [{ weight: 5e-324, dist: { kind: "constant", value } }],
    });
    expect(mean).toBe(value);
  });

  it("weights components by their share", () => {
    const mean = distributionMean({
      kind: "mixture",
      components: [
        { weight: 3, dist: { kind: "constant", value: 1 } },
        { weight: 1, dist: { kind: "constant", value: 5 } },
        { weight: 0, dist: { kind: "pareto", scale: 1, shape: 0.5 } },
      ],
    });
    expect(mean).toBeCloseTo(2, 12);
  });
});
