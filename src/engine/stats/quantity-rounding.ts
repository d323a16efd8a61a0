/**
 * Deterministic rounding for the figures authsim writes: one number of decimals per kind of
 * quantity, so equal inputs always give the same digits and readers are not shown sketch noise
 * (a DDSketch quantile is only good to 1% anyway). Non-finite values become null, as JSON would.
 */

/** Decimals kept per kind of quantity, in base units (seconds, fractions, per second). */
export const DECIMALS = {
  /** Latencies [s]: 0.1 ms. */
  latency: 4,
  /** Fractions such as failure rates: 0.0001 % (small failure rates still show). */
  share: 6,
  /** Utilisation [fraction]: 0.01 %. */
  utilisation: 4,
  /** Rates [1/s]. */
  rate: 3,
  /** Counts that are averages (queue lengths) or SLO counts. */
  count: 3,
  /** Simulated times and durations [s]: 1 ms. */
  time: 3,
} as const;

export type QuantityKind = keyof typeof DECIMALS;

/** `x` rounded half away from zero at `decimals` places of its exact binary value; -0 becomes 0. */
export function round(x: number, decimals: number): number {
  // toFixed rounds the exact binary value, so the result never depends on the platform.
  const r = Number(x.toFixed(decimals));
  return r === 0 ? 0 : r;
}

/** Rounds by kind; null, undefined, NaN and ±Infinity give null. */
export function roundAs(kind: QuantityKind, x: number | null | undefined): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  return round(x, DECIMALS[kind]);
}
