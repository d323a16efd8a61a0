/**
 * The ziggurat draws against their exact distributions. Seed "ziggurat" (one stream per test).
 * Goodness of fit: 10^7 draws in 0.05-wide bins (normal over [-4.5, 4.5], exponential over
 * [0, 10], plus the tails; every bin expects at least 8 draws, as Pearson's test needs), chi-square within 4 standard deviations of its degrees of freedom
 * (sd = sqrt(2 df)); 10^7 draws detect the wedges or the tail being drawn wrongly (each about
 * 1% of the mass). Tail masses beyond the ziggurat's base strip: within 4 binomial sd.
 */
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../../src/engine/random/index.ts";
import { standardExponential, standardNormal } from "../../../src/engine/random/ziggurat.ts";

const streams = new RandomStreams("ziggurat");
const N = 10_000_000;
const normalDensity = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
const exponentialDensity = (x: number) => Math.exp(-x);

/** Integral of `density` over [a, b] by Simpson's rule (64 panels: error far below 1e-12 here). */
function integrate(density: (x: number) => number, a: number, b: number): number {
  const panels = 64;
  const h = (b - a) / panels;
  let sum = density(a) + density(b);
  for (let i = 1; i < panels; i++) sum += (i % 2 === 1 ? 4 : 2) * density(a + i * h);
  return (sum * h) / 3;
}

/** Pearson's chi-square of N draws over 0.05-wide bins of [lo, hi) plus the two tails. */
function chiSquare(
  draw: () => number,
  density: (x: number) => number,
  lo: number,
  hi: number,
  lowerTailMass: number,
): { chi2: number; df: number } {
  const width = 0.05;
  const bins = Math.round((hi - lo) / width);
  const expected = new Float64Array(bins + 2);
  let inside = 0;
  for (let i = 0; i < bins; i++) {
    expected[i + 1] = integrate(density, lo + i * width, lo + (i + 1) * width);
    inside += expected[i + 1];
  }
  expected[0] = lowerTailMass;
  expected[bins + 1] = 1 - inside - lowerTailMass;
  const counts = new Float64Array(bins + 2);
  for (let i = 0; i < N; i++) {
    const x = draw();
    counts[x < lo ? 0 : x >= hi ? bins + 1 : 1 + Math.floor((x - lo) / width)]++;
  }
  let chi2 = 0;
  let df = -1;
  for (let i = 0; i < bins + 2; i++) {
    if (expected[i] <= 0) {
      expect(counts[i]).toBe(0);
      continue;
    }
    chi2 += (counts[i] - N * expected[i]) ** 2 / (N * expected[i]);
    df++;
  }
  return { chi2, df };
}

describe("ziggurat", () => {
  it("draws N(0, 1): chi-square over 182 bins", () => {
    const source = streams.get("normal.fit");
    let tail = 0;
    for (let x = 4.5; x < 40; x += 0.01) tail += integrate(normalDensity, x, x + 0.01);
    const { chi2, df } = chiSquare(() => standardNormal(source), normalDensity, -4.5, 4.5, tail);
    expect(Math.abs(chi2 - df)).toBeLessThan(4 * Math.sqrt(2 * df));
  });

  it("draws Exp(1): chi-square over 201 bins", () => {
    const source = streams.get("exponential.fit");
    const { chi2, df } = chiSquare(() => standardExponential(source), exponentialDensity, 0, 10, 0);
    expect(Math.abs(chi2 - df)).toBeLessThan(4 * Math.sqrt(2 * df));
  });

  it("draws the tails beyond the base strip with their exact mass", () => {
    const r = 3.442619855899; // normal
    const pNormal = 2 * (1 - 0.5 - integrate(normalDensity, 0, r));
    const e = 7.697117470131487; // exponential
    const pExponential = Math.exp(-e);
    const n = 4_000_000;
    const normal = streams.get("normal.tail");
    const exponential = streams.get("exponential.tail");
    let normalTail = 0;
    let exponentialTail = 0;
    let beyond12 = 0;
    for (let i = 0; i < n; i++) {
      const z = standardNormal(normal);
      if (Math.abs(z) > r) normalTail++;
      const x = standardExponential(exponential);
      if (x > e) exponentialTail++;
      if (x > e + 4) beyond12++;
    }
    expect(Math.abs(normalTail - n * pNormal)).toBeLessThan(4 * Math.sqrt(n * pNormal));
    expect(Math.abs(exponentialTail - n * pExponential)).toBeLessThan(4 * Math.sqrt(n * pExponential));
    // Memorylessness: of the draws past e, a share exp(-4) lies past e + 4.
    const pBeyond = Math.exp(-4);
    expect(Math.abs(beyond12 - exponentialTail * pBeyond)).toBeLessThan(
      4 * Math.sqrt(exponentialTail * pBeyond * (1 - pBeyond)) + 1,
    );
  });

  it("is symmetric and never returns 0", () => {
    const normal = streams.get("normal.sign");
    const exponential = streams.get("exponential.zero");
    const n = 1_000_000;
    let positive = 0;
    let zeros = 0;
    for (let i = 0; i < n; i++) {
      const z = standardNormal(normal);
      if (z > 0) positive++;
      if (z === 0) zeros++;
      if (!(standardExponential(exponential) > 0)) zeros++;
    }
    expect(zeros).toBe(0);
    expect(Math.abs(positive - n / 2)).toBeLessThan(4 * Math.sqrt(n / 4));
  });

  it("gives the same draws from the same stream", () => {
    const a = new RandomStreams(7).get("s");
    const b = new RandomStreams(7).get("s");
    const drawsA = Array.from({ length: 1000 }, () => standardNormal(a) + standardExponential(a));
    const drawsB = Array.from({ length: 1000 }, () => standardNormal(b) + standardExponential(b));
    expect(drawsA).toEqual(drawsB);
  });
});
