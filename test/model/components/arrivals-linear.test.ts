/**
 * Session arrivals with the default linear profile (docs/model.md §1; arrivals.ts): each hour's
 * rate holds at the hour's midpoint, linear between midpoints, wrapping round the week.
 *
 * Rule: r(x) = r_k + (r_{k+1} − r_k)(x − m_k)/3600 for local week second x in [m_k, m_k + 3600),
 * m_k = 3600k + 1800, where r_k is the step profile's rate of hour k (weeklyRate). Expected counts
 * are integrals of that rule computed here from the hand-written weights, not read back from the
 * model. Seeds are fixed (RandomStreams(29)); each statistical check states its tolerance.
 */
import { describe, expect, it } from "vitest";
import { makeSampler, RandomStreams } from "../../../src/engine/random/index.ts";
import { Arrivals } from "../../../src/model/flow/arrivals.ts";
import { scenarioFrom } from "../scenario-fixture.ts";

const HOUR = 3600;
const DAY = 24 * HOUR;
/** Weights with a zero hour (03-04) and a big step 01 -> 02 (1 -> 3). */
const WEIGHTS = [2, 1, 3, 0, 1, 4, 2, 6, 5, 3, 8, 1, 2, 7, 4, 4, 1, 9, 3, 2, 5, 1, 6, 2];
const WEIGHT_SUM = WEIGHTS.reduce((a, b) => a + b, 0);

function arrivals(interpolation: "linear" | "hourly", dau: number) {
  const scenario = scenarioFrom(`
name: arrivals-linear
simulation: { startDay: tuesday, startTime: '00:00' }
datacenters: [{ name: weu, region: westeurope }]
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: ${dau}
    sessionsPerUser: 1
    timeZone: UTC
    profile: { hourly: [${WEIGHTS.join(", ")}], weekdays: { monday: 1, tuesday: 1, wednesday: 1 }, interpolation: ${interpolation} }
`);
  const streams = new RandomStreams(29);
  return new Arrivals(scenario, () =>
    makeSampler({ kind: "exponential", mean: 1 }, streams.get("arrivals.amsterdam")),
  );
}

/** The rule's rate [1/s] at second x of a Tuesday (Monday and Wednesday have the same factor). */
function rule(x: number, dau: number): number {
  const r = (h: number) => (dau * WEIGHTS[((h % 24) + 24) % 24]) / WEIGHT_SUM / HOUR;
  const k = Math.floor((x - 1800) / HOUR);
  return r(k) + ((r(k + 1) - r(k)) * (x - 1800 - k * HOUR)) / HOUR;
}

/** ∫ rule over [from, to): exact for a piecewise-linear function by the trapezoid rule on a grid that contains its knots. */
function ruleIntegral(from: number, to: number, dau: number): number {
  const knots = new Set<number>([from, to]);
  for (let m = Math.ceil((from - 1800) / HOUR) * HOUR + 1800; m < to; m += HOUR) if (m > from) knots.add(m);
  const xs = [...knots].sort((a, b) => a - b);
  let sum = 0;
  for (let i = 1; i < xs.length; i++)
    sum += ((rule(xs[i - 1], dau) + rule(xs[i], dau)) / 2) * (xs[i] - xs[i - 1]);
  return sum;
}

function allArrivals(a: Arrivals, horizon: number): number[] {
  const out: number[] = [];
  for (let t = a.next(0, 0, horizon); t < horizon; t = a.next(0, t, horizon)) out.push(t);
  return out;
}

describe("linear arrival profile", () => {
  it("is continuous at every hour boundary and holds each hour's rate at its midpoint", () => {
    const a = arrivals("linear", 72_000);
    for (let h = 0; h < 24; h++) {
      const boundary = h * HOUR;
      expect(a.rateAt(0, boundary + 1e-6)).toBeCloseTo(a.rateAt(0, boundary - 1e-6), 8);
      expect(a.rateAt(0, boundary + 1800)).toBeCloseTo((72_000 * WEIGHTS[h]) / WEIGHT_SUM / HOUR, 10);
      expect(a.rateAt(0, boundary + 900)).toBeCloseTo(rule(boundary + 900, 72_000), 10);
    }
  });

  it("keeps the profile's total over a whole number of days (weekday factors equal)", () => {
    // Trapezoids between midpoints take half of each end: over full periods the integral is Σ r_k × 1 h.
    expect(ruleIntegral(DAY, 2 * DAY, 72_000)).toBeCloseTo(72_000, 6);
    const times = allArrivals(arrivals("linear", 72_000), DAY);
    // Poisson count of a mean of 72,000: within 4 standard deviations (±1,073).
    expect(Math.abs(times.length - 72_000)).toBeLessThanOrEqual(4 * Math.sqrt(72_000));
  });

  it("gives counts per 10 minutes that follow the linear rate (chi-square, 144 bins, p > 0.001)", () => {
    const dau = 720_000;
    const times = allArrivals(arrivals("linear", dau), DAY);
    expect(times.every((t, i) => i === 0 || t > times[i - 1])).toBe(true);
    const bin = 600;
    const counts = new Array<number>(DAY / bin).fill(0);
    for (const t of times) counts[Math.floor(t / bin)]++;
    let chi2 = 0;
    let dof = 0;
    counts.forEach((n, i) => {
      const mu = ruleIntegral(i * bin, (i + 1) * bin, dau);
      if (mu < 5) return;
      chi2 += (n - mu) ** 2 / mu;
      dof++;
    });
    // Chi-square 0.999 quantile for ~140 degrees of freedom is about 199 (Wilson-Hilferty).
    const critical = dof * (1 - 2 / (9 * dof) + 3.09 * Math.sqrt(2 / (9 * dof))) ** 3;
    expect(chi2, `chi2 ${chi2.toFixed(1)} over ${dof} bins`).toBeLessThan(critical);
  });

  it("has no step at an hour boundary: 01:50-02:00 vs 02:00-02:10 (weights 1 -> 3)", () => {
    const dau = 7_200_000;
    const window = (times: number[], from: number) => times.filter((t) => t >= from && t < from + 600).length;
    const linear = allArrivals(arrivals("linear", dau), 3 * HOUR);
    const hourly = allArrivals(arrivals("hourly", dau), 3 * HOUR);
    const before = 2 * HOUR - 600;
    // Linear: the rule's integrals, 1 : 1.15 here; hourly: 1 : 3. Counts within 4 sd of each.
    for (const [times, from] of [
      [linear, before],
      [linear, 2 * HOUR],
    ] as const) {
      const mu = ruleIntegral(from, from + 600, dau);
      expect(Math.abs(window(times, from) - mu)).toBeLessThanOrEqual(4 * Math.sqrt(mu));
    }
    const ratio = (times: number[]) => window(times, 2 * HOUR) / window(times, before);
    expect(ratio(linear)).toBeLessThan(1.3);
    expect(ratio(hourly)).toBeGreaterThan(2.7);
  });
});
