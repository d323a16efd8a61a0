/**
 * Session arrivals across hour boundaries with the hourly (step) profile, interpolation: hourly
 * (docs/model.md §1; arrivals.ts; the default linear profile is arrivals-linear.test.ts).
 *
 * Rule: a Poisson process whose rate is constant within each local hour,
 *   rate(day d, hour h) = dailyActiveUsers × sessionsPerUser × weekday factor(d) × w_h / Σw / 3600,
 * sampled exactly: an exponential gap at the hour's rate, restarted at the boundary at the next
 * hour's rate when it would cross it. Local time = simulated time + start (weekday, UTC time) +
 * the user base's UTC offset. Expected counts below are computed from this formula and the
 * hand-written weights, not read back from the resolved scenario.
 *
 * Seeds are fixed (RandomStreams(23), the world's stream name "arrivals.<user base>"); each
 * tolerance is stated where it is used.
 */
import { describe, expect, it } from "vitest";
import { makeSampler, RandomStreams } from "../../../src/engine/random/index.ts";
import { Arrivals } from "../../../src/model/flow/arrivals.ts";
import { scenarioFrom } from "../scenario-fixture.ts";

const HOUR = 3600;
const DAY = 24 * HOUR;

/** Hourly weights with a zero hour (03-04) and steps at every boundary. */
const WEIGHTS = [2, 1, 3, 0, 1, 4, 2, 6, 5, 3, 8, 1, 2, 7, 4, 4, 1, 9, 3, 2, 5, 1, 6, 2];
const WEIGHT_SUM = WEIGHTS.reduce((a, b) => a + b, 0);
const SESSIONS_PER_DAY = 48_000 * 1.5;

function arrivals(options: { timeZone?: string; start?: string; dau?: number; weekdays?: string }) {
  const scenario = scenarioFrom(`
name: arrivals-hours
simulation: { ${options.start ?? "startDay: monday, startTime: '00:00'"} }
datacenters: [{ name: weu, region: westeurope }]
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: ${options.dau ?? 48_000}
    sessionsPerUser: 1.5
    timeZone: "${options.timeZone ?? "UTC"}"
    profile: { hourly: [${WEIGHTS.join(", ")}], weekdays: ${options.weekdays ?? "{}"}, interpolation: hourly }
`);
  const streams = new RandomStreams(23);
  return new Arrivals(scenario, () =>
    makeSampler({ kind: "exponential", mean: 1 }, streams.get("arrivals.amsterdam")),
  );
}

/** Every arrival of user base 0 in [0, horizon), by stepping next() as the flow does. */
function allArrivals(a: Arrivals, horizon: number): number[] {
  const out: number[] = [];
  for (let t = a.next(0, 0, horizon); t < horizon; t = a.next(0, t, horizon)) out.push(t);
  return out;
}

/** Counts per simulated hour. */
function perHour(times: readonly number[], hours: number): number[] {
  const counts = new Array<number>(hours).fill(0);
  for (const t of times) counts[Math.floor(t / HOUR)]++;
  return counts;
}

/** Expected sessions in one local hour (of a day with this weekday factor). */
const expected = (hour: number, factor = 1) =>
  (SESSIONS_PER_DAY * factor * WEIGHTS[((hour % 24) + 24) % 24]) / WEIGHT_SUM;

/** |n − μ| ≤ 4√μ: a Poisson count within 4 standard deviations; exact 0 when μ = 0. */
function expectPoisson(count: number, mu: number, where: string): void {
  if (mu === 0) expect(count, where).toBe(0);
  else
    expect(Math.abs(count - mu), `${where}: ${count} vs ${mu.toFixed(0)}`).toBeLessThanOrEqual(
      4 * Math.sqrt(mu),
    );
}

describe("arrivals per hour", () => {
  it("follow the hourly profile and the weekday factor over two days (Monday 1, Tuesday 0.5)", () => {
    const times = allArrivals(arrivals({ weekdays: "{ tuesday: 0.5 }" }), 2 * DAY);
    // Strictly increasing: no arrival is produced twice, none out of order.
    expect(times.every((t, i) => i === 0 || t > times[i - 1])).toBe(true);
    const counts = perHour(times, 48);
    counts.forEach((n, h) => {
      expectPoisson(n, expected(h, h < 24 ? 1 : 0.5), `hour ${h}`);
    });
    // The zero-weight hour (03-04) has no arrival at all, on either day.
    expect(counts[3] + counts[27]).toBe(0);
    // The whole: 1.5 days' worth within 4√μ (μ = 108,000, so ±1,315).
    expectPoisson(times.length, 1.5 * SESSIONS_PER_DAY, "two days");
  });

  it("shift with the time zone: at UTC+02:00, simulated hour k is local hour k + 2", () => {
    const counts = perHour(allArrivals(arrivals({ timeZone: "UTC+02:00" }), DAY), 24);
    counts.forEach((n, k) => {
      expectPoisson(n, expected(k + 2), `hour ${k}`);
    });
  });

  it("straddle local hours with a half-hour offset: at UTC+05:30, half of each", () => {
    // Simulated hour k covers local [k + 5.5, k + 6.5): half of local hour k + 5 and half of k + 6.
    const counts = perHour(allArrivals(arrivals({ timeZone: "UTC+05:30" }), DAY), 24);
    counts.forEach((n, k) => {
      expectPoisson(n, (expected(k + 5) + expected(k + 6)) / 2, `hour ${k}`);
    });
  });
});

describe("the first arrival across a boundary", () => {
  /**
   * next() from the same instant, asked again and again, draws independent first arrivals, so
   * its distribution can be checked directly. From t0, half an hour before a boundary, with
   * rate a before and b after, the first arrival T is later than t0 + x with probability
   *   exp(−a x) for x ≤ 1800 s,  exp(−a · 1800 − b (x − 1800)) after:
   * a gap, a pile-up or a wrong rate on either side of the boundary would move it.
   * 20,000 draws: each empirical probability within 0.015 (over 4 binomial standard errors).
   */
  function checkSurvival(a: Arrivals, rateBefore: number, rateAfter: number): void {
    const t0 = 1800;
    const draws = Float64Array.from({ length: 20_000 }, () => a.next(0, t0, 10 * DAY) - t0);
    const survival = (x: number) =>
      x <= 1800 ? Math.exp(-rateBefore * x) : Math.exp(-rateBefore * 1800 - rateAfter * (x - 1800));
    for (const x of [300, 900, 1500, 1799, 1800, 1801, 2100, 2700, 3600]) {
      const share = draws.filter((d) => d > x).length / draws.length;
      expect(Math.abs(share - survival(x)), `P(T > t0 + ${x})`).toBeLessThan(0.015);
    }
  }

  /** Rate of local hour `hour` [1/s] for a day of sessionsPerDay × factor. */
  const rate = (sessionsPerDay: number, hour: number, factor = 1) =>
    (sessionsPerDay * factor * WEIGHTS[hour]) / WEIGHT_SUM / HOUR;

  it("restarts at the next hour's rate: local 01:30, boundary 02:00 (weights 1 -> 3)", () => {
    // 96 sessions a day: rates 1/1350 s⁻¹ and 1/450 s⁻¹, so both sides carry weight.
    const a = arrivals({ dau: 64, start: "startDay: monday, startTime: '01:00'" });
    checkSurvival(a, rate(96, 1), rate(96, 2));
  });

  it("leaves a zero-rate hour empty and starts the next one afresh: local 03:30, boundary 04:00", () => {
    const a = arrivals({ dau: 64, start: "startDay: monday, startTime: '03:00'" });
    checkSurvival(a, 0, rate(96, 4));
  });

  it("crosses the week's end: Sunday 23:30 -> Monday 00:00 (weekday factors 0.08 -> 1)", () => {
    const a = arrivals({ dau: 800, start: "startDay: sunday, startTime: '23:00'" });
    checkSurvival(a, rate(1200, 23, 0.08), rate(1200, 0, 1));
  });
});
