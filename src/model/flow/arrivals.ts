/**
 * Session starts per user base: a non-homogeneous Poisson process over the resolved weekly
 * profile (168 hourly rates, or 672 quarter-hour rates when the profile gives `quarterHourly`,
 * in the user base's local time; "hour" below reads "quarter-hour" then). Two shapes of rate
 * between hours:
 *
 * - "linear" (the default): each hour's rate holds at the hour's midpoint and the rate is linear
 *   between consecutive midpoints (wrapping round the week), so there is no step at any hour
 *   boundary (a rise of 90 -> 246 req/s happens over the hour, not at 07:00:00). The integral over
 *   the week equals the sum of the hourly rates × 1 h exactly (each trapezoid between midpoints
 *   takes half of each end), so weekly and, up to the small difference between the first and
 *   last hour's rates, daily totals are those of the profile.
 * - "hourly": constant within each local hour (steps at every boundary), as authsim before 2026-12.
 *
 * Sampling is exact, without thinning. Linear: one Exp(1) draw E per arrival, spent against the
 * cumulative rate segment by segment; inside a segment with rate a + b·τ the arrival is at the τ
 * where a·τ + b·τ²/2 = E, τ = 2E / (a + √(a² + 2bE)) (the form without cancellation). Hourly: an
 * exponential gap at the hour's rate, redrawn from the boundary at the next hour's rate when it
 * would cross it (memorylessness). One pending event per user base.
 */
import type { Sampler } from "../../engine/random/index.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";

const HOUR = 3600;
const WEEK = 168 * HOUR;
/** Rates kept per user base: room for 672 quarter-hours (an hourly profile uses 168). */
const STRIDE = 672;

export class Arrivals {
  private readonly rates: Float64Array;
  private readonly offset: Float64Array;
  private readonly unitExponential: Sampler[];
  private readonly hasArrivals: Uint8Array;
  private readonly isLinear: Uint8Array;
  /** Per user base: bins in the week (168 or 672) and their width [s] (3600 or 900). */
  private readonly bins: Int32Array;
  private readonly width: Float64Array;
  /** PERF: segment()'s answer (rate, slope, time left), without an object per arrival. */
  private readonly seg = new Float64Array(3);

  /** `unitExponential(i)`: an Exp(1) sampler on user base i's own stream. */
  constructor(scenario: ResolvedScenario, unitExponential: (userBase: number) => Sampler) {
    const ubs = scenario.userBases;
    this.rates = new Float64Array(ubs.length * STRIDE);
    ubs.forEach((u, i) => {
      this.rates.set(u.arrivals.quarterRate ?? u.arrivals.weeklyRate, i * STRIDE);
    });
    this.bins = Int32Array.from(ubs, (u) => (u.arrivals.quarterRate ? 672 : 168));
    this.width = Float64Array.from(this.bins, (n) => WEEK / n);
    // Local week second at simulated time t = t + offset (mod one week).
    this.offset = Float64Array.from(ubs, (u) => scenario.simulation.startWeekSecond + u.timeZone.utcOffset);
    this.unitExponential = ubs.map((_, i) => unitExponential(i));
    this.hasArrivals = Uint8Array.from(ubs, (u) => (u.arrivals.peakRate > 0 ? 1 : 0));
    this.isLinear = Uint8Array.from(ubs, (u) => (u.arrivals.interpolation === "linear" ? 1 : 0));
  }

  /** The next session start after `t` for `userBase`, or +Infinity when none comes before `horizon`. */
  next(userBase: number, t: number, horizon: number): number {
    if (this.hasArrivals[userBase] === 0) return Number.POSITIVE_INFINITY;
    return this.isLinear[userBase] === 1
      ? this.nextLinear(userBase, t, horizon)
      : this.nextHourly(userBase, t, horizon);
  }

  /** The rate [1/s] at simulated time `t` (for tests and the docs' charts). */
  rateAt(userBase: number, t: number): number {
    const local = this.localTime(userBase, t);
    if (this.isLinear[userBase] === 0)
      return this.rates[
        userBase * STRIDE + Math.min(this.bins[userBase] - 1, Math.floor(local / this.width[userBase]))
      ];
    this.segment(userBase, local);
    return this.seg[0];
  }

  private nextLinear(userBase: number, t: number, horizon: number): number {
    let now = t;
    let e = this.unitExponential[userBase]();
    while (now < horizon) {
      this.segment(userBase, this.localTime(userBase, now));
      const a = this.seg[0];
      const b = this.seg[1];
      const left = this.seg[2];
      const area = a * left + (b * left * left) / 2;
      if (e < area) {
        const tau = (2 * e) / (a + Math.sqrt(Math.max(0, a * a + 2 * b * e)));
        return now + Math.min(tau, left);
      }
      e -= area;
      now += left;
    }
    return Number.POSITIVE_INFINITY;
  }

  /** At local week second `local`: the rate there, its slope and the segment's time left (into `seg`). */
  private segment(userBase: number, local: number): void {
    // Segment k runs from hour k's midpoint to hour k+1's; before 00:30 Monday it is hour 167's.
    const width = this.width[userBase];
    const bins = this.bins[userBase];
    const shifted = local - width / 2;
    const k = Math.floor(shifted / width);
    const into = shifted - k * width;
    const base = userBase * STRIDE;
    const from = this.rates[base + (((k % bins) + bins) % bins)];
    const to = this.rates[base + ((((k + 1) % bins) + bins) % bins)];
    const b = (to - from) / width;
    const left = width - into;
    // A boundary that rounding puts a hair ahead is the next segment's start.
    const seg = this.seg;
    if (left > 1e-9) {
      seg[0] = from + b * into;
      seg[1] = b;
      seg[2] = left;
    } else {
      seg[0] = to;
      seg[1] = 0;
      seg[2] = 1e-9;
    }
  }

  private nextHourly(userBase: number, t: number, horizon: number): number {
    let now = t;
    const exponential = this.unitExponential[userBase];
    const width = this.width[userBase];
    const bins = this.bins[userBase];
    while (now < horizon) {
      const local = this.localTime(userBase, now);
      const hour = Math.min(bins - 1, Math.floor(local / width));
      const rate = this.rates[userBase * STRIDE + hour];
      const boundary = now + (width - (local - hour * width));
      if (rate > 0) {
        const gap = exponential() / rate;
        if (now + gap < boundary) return now + gap;
      }
      now = boundary;
    }
    return Number.POSITIVE_INFINITY;
  }

  private localTime(userBase: number, t: number): number {
    return (((t + this.offset[userBase]) % WEEK) + WEEK) % WEEK;
  }
}
