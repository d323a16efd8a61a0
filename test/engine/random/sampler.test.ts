/**
 * Statistical checks of every distribution kind against analytic values. Seed "sampler-stats"
 * (one stream per case), n = 200,000 draws. Tolerance: 4 standard errors throughout —
 * mean: 4 sqrt(var/n); variance: 4 var sqrt((kurtosis - 1)/n); a quantile q_p: the fraction of
 * draws <= q_p within 4 sqrt(p(1-p)/n) of p.
 */
import { describe, expect, it } from "vitest";
import {
  type DistributionSpec,
  distributionMean,
  makeSampler,
  RandomStreams,
} from "../../../src/engine/random/index.ts";

const N = 200_000;
const streams = new RandomStreams("sampler-stats");

interface Case {
  readonly name: string;
  readonly spec: DistributionSpec;
  readonly mean: number;
  readonly variance: number;
  /** mu4 / sigma^4, when finite and known: enables the variance check. */
  readonly kurtosis?: number;
  /** [p, q] with P(X <= q) = p. */
  readonly quantiles?: ReadonlyArray<readonly [number, number]>;
}

const lnS2 = 0.5 * 0.5;
const cases: Case[] = [
  {
    name: "uniform [2, 5)",
    spec: { kind: "uniform", min: 2, max: 5 },
    mean: 3.5,
    variance: 9 / 12,
    kurtosis: 1.8,
    quantiles: [[0.3, 2.9]],
  },
  {
    name: "exponential, mean 0.2",
    spec: { kind: "exponential", mean: 0.2 },
    mean: 0.2,
    variance: 0.04,
    kurtosis: 9,
    quantiles: [[0.9, -0.2 * Math.log(0.1)]],
  },
  {
    name: "normal (10, 2)",
    spec: { kind: "normal", mean: 10, sd: 2 },
    mean: 10,
    variance: 4,
    kurtosis: 3,
    quantiles: [[0.975, 10 + 2 * 1.959963984540054]],
  },
  {
    // Redrawn below min, so this is the half-normal; clamping would put half the mass at 0.
    name: "normal (0, 1) truncated at 0",
    spec: { kind: "normal", mean: 0, sd: 1, min: 0 },
    mean: Math.sqrt(2 / Math.PI),
    variance: 1 - 2 / Math.PI,
    kurtosis: (3 - 4 / Math.PI - 12 / Math.PI ** 2) / (1 - 2 / Math.PI) ** 2,
    quantiles: [[0.5, 0.6744897501960817]],
  },
  {
    name: "lognormal (mu -2, sigma 0.5)",
    spec: { kind: "lognormal", mu: -2, sigma: 0.5 },
    mean: Math.exp(-2 + lnS2 / 2),
    variance: (Math.exp(lnS2) - 1) * Math.exp(-4 + lnS2),
    kurtosis: Math.exp(4 * lnS2) + 2 * Math.exp(3 * lnS2) + 3 * Math.exp(2 * lnS2) - 3,
    quantiles: [[0.5, Math.exp(-2)]],
  },
  {
    name: "gamma (shape 2.5, scale 0.4)",
    spec: { kind: "gamma", shape: 2.5, scale: 0.4 },
    mean: 1,
    variance: 0.4,
    kurtosis: 3 + 6 / 2.5,
  },
  {
    // Shape < 1 takes d3's other branch. Gamma(1/2, 2) is chi-square(1), i.e. Z^2.
    name: "gamma (shape 0.5, scale 2)",
    spec: { kind: "gamma", shape: 0.5, scale: 2 },
    mean: 1,
    variance: 2,
    kurtosis: 3 + 6 / 0.5,
    quantiles: [[0.6826894921370859, 1]],
  },
  {
    // P(X <= mean) for Erlang-3 = 1 - e^-3 (1 + 3 + 9/2).
    name: "erlang (k 3, mean 0.6)",
    spec: { kind: "erlang", k: 3, mean: 0.6 },
    mean: 0.6,
    variance: 0.12,
    kurtosis: 3 + 6 / 3,
    quantiles: [[1 - 8.5 * Math.exp(-3), 0.6]],
  },
  {
    // Kurtosis is infinite for shape <= 4, so no variance check.
    name: "pareto (scale 0.1, shape 3.5)",
    spec: { kind: "pareto", scale: 0.1, shape: 3.5 },
    mean: (3.5 * 0.1) / 2.5,
    variance: (0.01 * 3.5) / (2.5 ** 2 * 1.5),
    quantiles: [
      [0.5, 0.1 * 2 ** (1 / 3.5)],
      [0.99, 0.1 * 100 ** (1 / 3.5)],
    ],
  },
  {
    name: "empirical [[0, 0.01], [0.5, 0.1], [0.9, 0.5], [1, 2]]",
    spec: {
      kind: "empirical",
      points: [
        [0, 0.01],
        [0.5, 0.1],
        [0.9, 0.5],
        [1, 2],
      ],
    },
    // Trapezoids of the inverse CDF; E[X^2] per segment = width (a^2 + ab + b^2) / 3.
    mean: (0.5 * 0.11) / 2 + (0.4 * 0.6) / 2 + (0.1 * 2.5) / 2,
    variance: (0.5 * 0.0111 + 0.4 * 0.31 + 0.1 * 5.25) / 3 - 0.2725 ** 2,
    quantiles: [
      [0.25, 0.055],
      [0.5, 0.1],
      [0.9, 0.5],
    ],
  },
  {
    // Flat ends: an atom of 0.2 at 1 and of 0.2 at 3, linear in between.
    name: "empirical [[0.2, 1], [0.8, 3]]",
    spec: {
      kind: "empirical",
      points: [
        [0.2, 1],
        [0.8, 3],
      ],
    },
    mean: 2,
    variance: 0.2 * 1 + (0.6 * 13) / 3 + 0.2 * 9 - 4,
    quantiles: [
      [0.2, 1],
      [0.5, 2],
    ],
  },
  {
    name: "mixture 3:1:0 of constant 1, exponential mean 4, constant 100",
    spec: {
      kind: "mixture",
      components: [
        { weight: 3, dist: { kind: "constant", value: 1 } },
        { weight: 1, dist: { kind: "exponential", mean: 4 } },
        { weight: 0, dist: { kind: "constant", value: 100 } },
      ],
    },
    mean: 0.75 + 0.25 * 4,
    variance: 0.75 + 0.25 * 32 - 1.75 ** 2,
    quantiles: [[0.75 + 0.25 * (1 - Math.exp(-1 / 4)), 1]],
  },
];

function draw(spec: DistributionSpec, streamName: string): Float64Array {
  const sample = makeSampler(spec, streams.get(streamName));
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) xs[i] = sample();
  return xs;
}

describe("makeSampler: moments and quantiles (seed 'sampler-stats', n = 200,000, 4 SE)", () => {
  for (const c of cases) {
    it(c.name, () => {
      const xs = draw(c.spec, c.name);
      let sum = 0;
      for (const x of xs) sum += x;
      const mean = sum / N;
      let ss = 0;
      for (const x of xs) ss += (x - mean) ** 2;
      const variance = ss / (N - 1);

      expect(Math.abs(mean - c.mean)).toBeLessThan(4 * Math.sqrt(c.variance / N));
      if (c.kurtosis !== undefined) {
        expect(Math.abs(variance - c.variance)).toBeLessThan(
          4 * c.variance * Math.sqrt((c.kurtosis - 1) / N),
        );
      }
      for (const [p, q] of c.quantiles ?? []) {
        let below = 0;
        for (const x of xs) if (x <= q) below++;
        expect(Math.abs(below / N - p), `P(X <= ${q})`).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
      }
      // The analytic mean the model uses for offered load agrees with the one stated here (to
      // 1e-6 relative: the truncated normal's uses an erfc approximation good to ~1e-7).
      expect(Math.abs(distributionMean(c.spec) - c.mean)).toBeLessThanOrEqual(1e-6 * Math.abs(c.mean));
    });
  }

  it("constant: every draw is the value", () => {
    const xs = draw({ kind: "constant", value: 0.25 }, "constant");
    expect(xs.every((x) => x === 0.25)).toBe(true);
  });

  it("mixture: weights respected and a zero-weight component never drawn", () => {
    const xs = draw(cases[cases.length - 1].spec, "mixture weights");
    const ones = xs.filter((x) => x === 1).length / N;
    expect(Math.abs(ones - 0.75)).toBeLessThan(4 * Math.sqrt((0.75 * 0.25) / N));
    expect(xs.some((x) => x === 100)).toBe(false);
  });

  it("empirical: atoms at the flat ends carry the first and last probabilities", () => {
    const xs = draw(cases[cases.length - 2].spec, "empirical atoms");
    const se = 4 * Math.sqrt((0.2 * 0.8) / N);
    expect(Math.abs(xs.filter((x) => x === 1).length / N - 0.2)).toBeLessThan(se);
    expect(Math.abs(xs.filter((x) => x === 3).length / N - 0.2)).toBeLessThan(se);
  });
});

describe("makeSampler: binding", () => {
  it("draws only from the stream it was given", () => {
    const spec: DistributionSpec = { kind: "exponential", mean: 1 };
    const a = makeSampler(spec, new RandomStreams(1).get("svc"));
    const other = new RandomStreams(1);
    const b = makeSampler(spec, other.get("svc"));
    const noise = makeSampler(spec, other.get("noise"));
    for (let i = 0; i < 100; i++) {
      noise();
      expect(b()).toBe(a());
    }
  });

  it("throws a RangeError listing the problems of an invalid spec", () => {
    const source = new RandomStreams(1).get("x");
    expect(() => makeSampler({ kind: "normal", mean: 1, sd: -1 }, source)).toThrow(/sd must be >= 0/);
    expect(() => makeSampler({ kind: "exponential", mean: 0 }, source)).toThrow(RangeError);
  });
});
