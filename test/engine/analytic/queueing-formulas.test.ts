/** The closed forms themselves, against textbook values computed by hand. */
import { describe, expect, it } from "vitest";
import {
  erlangB,
  erlangC,
  mg1,
  mmc,
  mmcK,
  serversForMeanWait,
} from "../../../src/engine/analytic/queueing-formulas.ts";

describe("queueing formulas", () => {
  it("M/M/1 at ρ = 0.5 with μ = 1: Wq = 1 s, W = 2 s, L = 1", () => {
    const f = mmc(0.5, 1, 1);
    expect(f.probabilityOfWait).toBeCloseTo(0.5, 12);
    expect(f.meanWait).toBeCloseTo(1, 12);
    expect(f.meanSojourn).toBeCloseTo(2, 12);
    expect(f.meanInSystem).toBeCloseTo(1, 12);
  });

  it("Erlang B and C for two servers and one Erlang: B = 1/5, C = 1/3", () => {
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });

  it("Erlang C for c = 8, a = 7.2 (ρ = 0.9) matches the explicit sum formula", () => {
    const c = 8;
    const a = 7.2;
    let sum = 0;
    let term = 1;
    for (let k = 0; k < c; k++) {
      if (k > 0) term *= a / k;
      sum += term;
    }
    const top = ((term * a) / c) * (c / (c - a)); // a^c / c! · c/(c-a)
    expect(erlangC(c, a)).toBeCloseTo(top / (sum + top), 12);
  });

  it("M/D/1 waits half as long as M/M/1 (Pollaczek-Khinchine)", () => {
    const md1 = mg1(0.8, 1, 0);
    const mm1 = mg1(0.8, 1, 1);
    expect(md1.meanWait).toBeCloseTo(2, 12); // ρ/(2μ(1-ρ)) = 0.8/0.4
    expect(mm1.meanWait).toBeCloseTo(mmc(0.8, 1, 1).meanWait, 12);
  });

  it("M/M/c/K: K = c is Erlang B; huge K tends to M/M/c", () => {
    expect(mmcK(3, 1, 4, 4).blocking).toBeCloseTo(erlangB(4, 3), 12);
    const big = mmcK(0.9 * 8, 1, 8, 2000);
    expect(big.blocking).toBeLessThan(1e-12);
    expect(big.meanWait).toBeCloseTo(mmc(0.9 * 8, 1, 8).meanWait, 9);
    // M/M/1/2 at a = 1: p0 = p1 = p2 = 1/3; accepted wait = (1/3 · 1) / (2/3)
    const tiny = mmcK(1, 1, 1, 2);
    expect(tiny.blocking).toBeCloseTo(1 / 3, 12);
    expect(tiny.meanWait).toBeCloseTo(0.5, 12);
  });

  it("finds the fewest servers for a mean-wait target and rejects unstable queues", () => {
    const c = serversForMeanWait(100, 1, 0.01);
    expect(mmc(100, 1, c).meanWait).toBeLessThanOrEqual(0.01);
    expect(mmc(100, 1, c - 1).meanWait).toBeGreaterThan(0.01);
    expect(() => mmc(2, 1, 2)).toThrow(/unstable/);
  });
});
