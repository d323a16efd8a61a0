/**
 * Session starts per user base: a non-homogeneous Poisson process whose rate is constant within
 * each local hour of the week (the resolved weekly profile, in the user base's time zone).
 *
 * Where it sits: step 1 of the flow. Sampling is exact, with no thinning: draw an exponential
 * gap at the current hour's rate; if it crosses the hour's end, restart from the boundary at
 * the next hour's rate (memorylessness makes this exact). One pending event per user base.
 */
import type { Sampler } from "../../engine/random/index.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";

const HOUR = 3600;
const WEEK = 168 * HOUR;

export class Arrivals {
  private readonly rates: Float64Array;
  private readonly offset: Float64Array;
  private readonly unitExponential: Sampler[];
  private readonly hasArrivals: Uint8Array;

  /** `unitExponential(i)`: an Exp(1) sampler on user base i's own stream. */
  constructor(scenario: ResolvedScenario, unitExponential: (userBase: number) => Sampler) {
    const ubs = scenario.userBases;
    this.rates = new Float64Array(ubs.length * 168);
    ubs.forEach((u, i) => {
      this.rates.set(u.arrivals.weeklyRate, i * 168);
    });
    // Local week second at simulated time t = t + offset (mod one week).
    this.offset = Float64Array.from(ubs, (u) => scenario.simulation.startWeekSecond + u.timeZone.utcOffset);
    this.unitExponential = ubs.map((_, i) => unitExponential(i));
    this.hasArrivals = Uint8Array.from(ubs, (u) => (u.arrivals.peakRate > 0 ? 1 : 0));
  }

  /** The next session start after `t` for `userBase`, or +Infinity when none comes before `horizon`. */
  next(userBase: number, t: number, horizon: number): number {
    if (this.hasArrivals[userBase] === 0) return Number.POSITIVE_INFINITY;
    let now = t;
    const exponential = this.unitExponential[userBase];
    while (now < horizon) {
      const hour = this.hourOfWeek(userBase, now);
      const rate = this.rates[userBase * 168 + hour];
      const local = (((now + this.offset[userBase]) % WEEK) + WEEK) % WEEK;
      const boundary = now + (HOUR - (local - hour * HOUR));
      if (rate > 0) {
        const gap = exponential() / rate;
        if (now + gap < boundary) return now + gap;
      }
      now = boundary;
    }
    return Number.POSITIVE_INFINITY;
  }

  private hourOfWeek(userBase: number, t: number): number {
    const local = (((t + this.offset[userBase]) % WEEK) + WEEK) % WEEK;
    return Math.min(167, Math.floor(local / HOUR));
  }
}
