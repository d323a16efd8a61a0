import { describe, expect, it } from "vitest";
import {
  lognormalFromMeanSd,
  lognormalFromMedianP99,
  makeSampler,
  RandomStreams,
} from "../../../src/engine/random/index.ts";

const N = 200_000;

function sortedDraws(mu: number, sigma: number, stream: string): Float64Array {
  const sample = makeSampler({ kind: "lognormal", mu, sigma }, new RandomStreams("lognormal").get(stream));
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) xs[i] = sample();
  return xs.sort();
}

describe("lognormalFromMedianP99", () => {
  it("puts the median at e^mu and the p99 at e^(mu + 2.3263 sigma)", () => {
    const { mu, sigma } = lognormalFromMedianP99(0.12, 0.9);
    expect(Math.exp(mu)).toBeCloseTo(0.12, 12);
    expect(Math.exp(mu + 2.3263478740408408 * sigma)).toBeCloseTo(0.9, 12);
  });

  it("reproduces the median within 1% and the p99 within 2% in 200,000 draws (seed 'lognormal')", () => {
    const { mu, sigma } = lognormalFromMedianP99(0.12, 0.9);
    const xs = sortedDraws(mu, sigma, "median-p99");
    expect(Math.abs(xs[N / 2] / 0.12 - 1)).toBeLessThan(0.01);
    expect(Math.abs(xs[Math.floor(0.99 * N)] / 0.9 - 1)).toBeLessThan(0.02);
  });

  it("gives sigma 0 when the p99 equals the median", () => {
    expect(lognormalFromMedianP99(2, 2)).toEqual({ mu: Math.log(2), sigma: 0 });
  });

  it("refuses impossible inputs with a RangeError that says why", () => {
    expect(() => lognormalFromMedianP99(0.5, 0.4)).toThrow(
      /p99 \(0.4\) must not be below the median \(0.5\)/,
    );
    expect(() => lognormalFromMedianP99(0, 1)).toThrow(/median must be a positive/);
    expect(() => lognormalFromMedianP99(1, -1)).toThrow(RangeError);
    expect(() => lognormalFromMedianP99(Number.NaN, 1)).toThrow(RangeError);
  });
});

describe("lognormalFromMeanSd", () => {
  it("gives a distribution with that mean and sd (analytically)", () => {
    const { mu, sigma } = lognormalFromMeanSd(0.3, 0.45);
    const mean = Math.exp(mu + sigma ** 2 / 2);
    const sd = mean * Math.sqrt(Math.exp(sigma ** 2) - 1);
    expect(mean).toBeCloseTo(0.3, 12);
    expect(sd).toBeCloseTo(0.45, 12);
  });

  it("reproduces the mean within 4 standard errors in 200,000 draws (seed 'lognormal')", () => {
    const { mu, sigma } = lognormalFromMeanSd(0.3, 0.45);
    const xs = sortedDraws(mu, sigma, "mean-sd");
    const mean = xs.reduce((a, b) => a + b, 0) / N;
    expect(Math.abs(mean - 0.3)).toBeLessThan(4 * (0.45 / Math.sqrt(N)));
  });

  it("gives sigma 0 for sd 0 and refuses non-positive means or negative sds", () => {
    expect(lognormalFromMeanSd(2, 0)).toEqual({ mu: Math.log(2), sigma: 0 });
    expect(() => lognormalFromMeanSd(0, 1)).toThrow(/mean must be a positive/);
    expect(() => lognormalFromMeanSd(1, -0.1)).toThrow(/sd must be a non-negative/);
  });
});
