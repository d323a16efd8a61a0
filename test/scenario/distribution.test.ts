import { describe, expect, it } from "vitest";
import {
  distribution,
  distributionMean,
  lognormalFromMedianP99,
  Z99,
} from "../../src/scenario/schema/distribution.ts";

const parse = (v: unknown) => distribution().safeParse(v);

describe("distribution schema", () => {
  it("turns a median and p99 into log-space mu and sigma", () => {
    const r = parse({ lognormal: { median: "120ms", p99: "900ms" } });
    expect(r.success).toBe(true);
    const { mu, sigma } = lognormalFromMedianP99(0.12, 0.9);
    expect(r.data).toEqual({ kind: "lognormal", mu, sigma });
    expect(Math.exp(mu + Z99 * sigma)).toBeCloseTo(0.9, 12);
  });

  it("accepts every kind, and a bare duration as a constant", () => {
    expect(parse("5ms").data).toEqual({ kind: "constant", value: 0.005 });
    expect(parse({ uniform: { min: "60m", max: "90m" } }).data).toEqual({
      kind: "uniform",
      min: 3600,
      max: 5400,
    });
    expect(parse({ exponential: { mean: "40ms" } }).data).toEqual({ kind: "exponential", mean: 0.04 });
    expect(parse({ erlang: { k: 3, mean: "30ms" } }).data).toEqual({ kind: "erlang", k: 3, mean: 0.03 });
    expect(
      parse({
        empirical: [
          [0.5, "80ms"],
          [0.99, "400ms"],
        ],
      }).data,
    ).toEqual({
      kind: "empirical",
      points: [
        [0.5, 0.08],
        [0.99, 0.4],
      ],
    });
    const mix = parse({
      mixture: [
        { weight: 0.9, dist: "1s" },
        { weight: 0.1, dist: { constant: "11s" } },
      ],
    });
    expect(mix.success).toBe(true);
    if (mix.success) expect(distributionMean(mix.data)).toBeCloseTo(2, 12);
  });

  it("rejects a p99 below the median, two kinds at once, and unknown kinds", () => {
    const low = parse({ lognormal: { median: "1s", p99: "500ms" } });
    expect(low.error?.issues.some((i) => i.path.join(".") === "lognormal.p99")).toBe(true);
    expect(parse({ constant: "1s", exponential: { mean: "1s" } }).success).toBe(false);
    expect(parse({ lognormall: { median: "1s", p99: "2s" } }).success).toBe(false);
    expect(
      parse({
        empirical: [
          [0.9, "1s"],
          [0.5, "2s"],
        ],
      }).success,
    ).toBe(false);
  });
});
