/**
 * Session arrivals from a quarter-hour profile (`profile.quarterHourly`, what `authsim
 * calibrate` fits): 96 weights per local day. The resolved scenario keeps 672 quarter rates
 * (weeklyRate is each hour's mean of its four); the model holds each quarter's rate at its
 * midpoint and runs linearly between midpoints (`linear`), or keeps it constant (`hourly`).
 * Expected counts are integrals of that rule from the hand-written weights. Seed fixed
 * (RandomStreams(31)); each statistical check states its tolerance.
 */
import { describe, expect, it } from "vitest";
import { makeSampler, RandomStreams } from "../../../src/engine/random/index.ts";
import { Arrivals } from "../../../src/model/flow/arrivals.ts";
import { scenarioFrom } from "../scenario-fixture.ts";

const Q = 900;
const DAY = 86_400;
/** A day with a sharp start at 08:00-08:15 (0 -> 6) and a one-quarter lunch dip at 12:15. */
const WEIGHTS = Array.from({ length: 96 }, (_, k) => (k < 32 || k >= 72 ? 0.2 : k === 49 ? 1 : 6));
const SUM = WEIGHTS.reduce((a, b) => a + b, 0);

function arrivals(interpolation: "linear" | "hourly", dau: number) {
  const scenario = scenarioFrom(`
name: arrivals-quarter
simulation: { startDay: tuesday, startTime: '00:00' }
datacenters: [{ name: weu, region: westeurope }]
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: ${dau}
    sessionsPerUser: 1
    timeZone: UTC
    profile: { quarterHourly: [${WEIGHTS.join(", ")}], weekdays: { monday: 1, tuesday: 1, wednesday: 1 }, interpolation: ${interpolation} }
`);
  const streams = new RandomStreams(31);
  const a = new Arrivals(scenario, () =>
    makeSampler({ kind: "exponential", mean: 1 }, streams.get("arrivals.amsterdam")),
  );
  return { a, scenario };
}

const rate = (k: number, dau: number) => (dau * WEIGHTS[((k % 96) + 96) % 96]) / SUM / Q;

/** ∫ of the linear rule over quarter k of a day: (r[k-1] + 6 r[k] + r[k+1]) / 8 × 900 s. */
const quarterIntegral = (k: number, dau: number) =>
  ((rate(k - 1, dau) + 6 * rate(k, dau) + rate(k + 1, dau)) / 8) * Q;

function counts(a: Arrivals, horizon: number): number[] {
  const c = new Array<number>(horizon / Q).fill(0);
  for (let t = a.next(0, 0, horizon); t < horizon; t = a.next(0, t, horizon)) c[Math.floor(t / Q)]++;
  return c;
}

describe("quarter-hour arrival profile", () => {
  it("resolves to 672 quarter rates whose hourly means are weeklyRate, the day's total kept", () => {
    const { scenario } = arrivals("linear", 96_000);
    const arr = scenario.userBases[0].arrivals;
    expect(arr.quarterRate).toHaveLength(672);
    expect(arr.weeklyRate).toHaveLength(168);
    const tuesday = arr.quarterRate!.slice(96, 192);
    expect(tuesday.reduce((s, r) => s + r * Q, 0)).toBeCloseTo(96_000, 6);
    expect(arr.weeklyRate[24 + 8]).toBeCloseTo(
      (tuesday[32] + tuesday[33] + tuesday[34] + tuesday[35]) / 4,
      12,
    );
    expect(arr.peakRate).toBeCloseTo(rate(32, 96_000), 12);
  });

  it("holds each quarter's rate at its midpoint and is continuous at quarter boundaries (linear)", () => {
    const { a } = arrivals("linear", 96_000);
    for (let k = 0; k < 96; k++) {
      expect(a.rateAt(0, DAY + k * Q + Q / 2)).toBeCloseTo(rate(k, 96_000), 10);
      expect(a.rateAt(0, DAY + k * Q + 1e-6)).toBeCloseTo(a.rateAt(0, DAY + k * Q - 1e-6), 6);
    }
  });

  it("gives counts per quarter-hour that follow the rule (chi-square over a Tuesday, p > 0.001)", () => {
    for (const interpolation of ["linear", "hourly"] as const) {
      const dau = 960_000;
      const c = counts(arrivals(interpolation, dau).a, 2 * DAY).slice(96);
      let chi2 = 0;
      c.forEach((n, k) => {
        const mu = interpolation === "linear" ? quarterIntegral(k, dau) : rate(k, dau) * Q;
        chi2 += (n - mu) ** 2 / mu;
      });
      // Chi-square 0.999 quantile for 96 degrees of freedom (Wilson-Hilferty): about 148.
      const dof = 96;
      const critical = dof * (1 - 2 / (9 * dof) + 3.09 * Math.sqrt(2 / (9 * dof))) ** 3;
      expect(chi2, `${interpolation}: chi2 ${chi2.toFixed(1)}`).toBeLessThan(critical);
    }
  });

  it("shows the 08:00 start within the hour: 07:45-08:00 vs 08:00-08:15 (weights 0.2 -> 6)", () => {
    const dau = 960_000;
    const c = counts(arrivals("hourly", dau).a, 2 * DAY).slice(96);
    expect(c[32] / c[31]).toBeGreaterThan(25); // 30 : 1 expected; an hourly profile could show at most the hour's mean
  });

  it("refuses quarterHourly beside hourly or businessHours, and a table of the wrong length", () => {
    const bad = (profile: string) => () =>
      scenarioFrom(`
name: q
datacenters: [{ name: weu, region: westeurope }]
userBases: [{ name: a, region: westeurope, dailyActiveUsers: 10, profile: ${profile} }]
`);
    expect(
      bad(`{ quarterHourly: [${WEIGHTS.join(",")}], hourly: [${new Array(24).fill(1).join(",")}] }`),
    ).toThrow(/either quarterHourly, hourly or businessHours/);
    expect(bad("{ quarterHourly: [1, 2, 3] }")).toThrow(/96 quarter-hour weights/);
  });
});
