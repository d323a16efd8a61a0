/**
 * Retry backoff and its jitter modes (docs/model.md §8; scenario-format.md `client`;
 * flow/backoff.ts, used by sign-ins and renewals).
 *
 * Rule: base = min(max, initial × multiplier^(attempt − 1)); the wait is
 *   none:  base,
 *   full:  U(0, base),
 *   equal: base/2 + U(0, base/2)
 * (AWS, "Exponential Backoff and Jitter"). The flow is built on a real world (buildRun) and
 * draws from its own stream "client.backoff", seeded 17 here. Distribution checks use 20,000
 * draws: the mean within 5 standard errors, and the Kolmogorov-Smirnov distance to the uniform
 * law below 1.63 / √n (its 1% critical value, 0.0115).
 */
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../../src/engine/random/index.ts";
import { backoffDelay } from "../../../src/model/flow/backoff.ts";
import { buildRun } from "../../../src/model/run/run-scenario.ts";
import { scenarioFrom } from "../scenario-fixture.ts";

const N = 20_000;
const KS_1_PERCENT = 1.63 / Math.sqrt(N);

function backoff(client: string): (attempt: number) => number {
  const scenario = scenarioFrom(`
name: backoff
datacenters: [{ name: weu, region: westeurope }]
userBases: [{ name: amsterdam, region: westeurope, dailyActiveUsers: 1000 }]
client: ${client}
`);
  const { world } = buildRun(scenario, new RandomStreams(17));
  return (attempt) => backoffDelay(world, attempt);
}

/** n waits of one attempt, sorted. */
const draws = (wait: (attempt: number) => number, attempt: number) =>
  Float64Array.from({ length: N }, () => wait(attempt)).sort();

/** Kolmogorov-Smirnov distance of sorted draws to U(lo, hi). */
function ksToUniform(sorted: Float64Array, lo: number, hi: number): number {
  let d = 0;
  sorted.forEach((x, i) => {
    const f = (x - lo) / (hi - lo);
    d = Math.max(d, Math.abs(f - i / sorted.length), Math.abs(f - (i + 1) / sorted.length));
  });
  return d;
}

const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("backoff without jitter", () => {
  it("doubles from `initial` and stops at `max`", () => {
    const wait = backoff("{ backoff: { jitter: none } }"); // initial 1 s, × 2, max 30 s
    expect([1, 2, 3, 4, 5, 6, 7, 12].map(wait)).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
  });

  it("follows initial × multiplier^(attempt − 1) for other parameters", () => {
    const wait = backoff("{ backoff: { jitter: none, initial: 500ms, multiplier: 3, max: 10s } }");
    expect([1, 2, 3, 4].map(wait)).toEqual([0.5, 1.5, 4.5, 10]);
  });
});

describe("full jitter (the default)", () => {
  const wait = backoff("{}");

  it("is uniform on (0, base): attempt 3, base 4 s", () => {
    const xs = draws(wait, 3);
    expect(xs[0]).toBeGreaterThan(0);
    expect(xs[N - 1]).toBeLessThan(4);
    // U(0, 4): mean 2, sd 4/√12 = 1.155, standard error of the mean 0.0082.
    expect(Math.abs(mean(xs) - 2)).toBeLessThan(5 * 0.0082);
    expect(ksToUniform(xs, 0, 4)).toBeLessThan(KS_1_PERCENT);
  });

  it("is capped by max: attempt 10 draws from (0, 30 s), reaching close to 30 s", () => {
    const xs = draws(wait, 10);
    expect(xs[N - 1]).toBeLessThan(30);
    // P(all 20,000 below 29.9 s) = (1 − 0.1/30)^20000 ≈ e^-67.
    expect(xs[N - 1]).toBeGreaterThan(29.9);
    expect(ksToUniform(xs, 0, 30)).toBeLessThan(KS_1_PERCENT);
  });
});

describe("equal jitter", () => {
  it("is uniform on [base/2, base]: attempt 3, from 2 s to 4 s", () => {
    const wait = backoff("{ backoff: { jitter: equal } }");
    const xs = draws(wait, 3);
    expect(xs[0]).toBeGreaterThanOrEqual(2);
    expect(xs[N - 1]).toBeLessThanOrEqual(4);
    // U(2, 4): mean 3, sd 2/√12 = 0.577, standard error 0.0041.
    expect(Math.abs(mean(xs) - 3)).toBeLessThan(5 * 0.0041);
    expect(ksToUniform(xs, 2, 4)).toBeLessThan(KS_1_PERCENT);
  });
});
