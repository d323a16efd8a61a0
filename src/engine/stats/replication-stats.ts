/**
 * Across-replication statistics: a Student-t confidence interval for the mean of independent
 * replications of one scenario, and Welch's interval for the difference between two variants
 * (unequal variances, Welch–Satterthwaite degrees of freedom).
 *
 * Too little data never throws; it widens the interval to infinity. With n < 2 the sample sd is
 * NaN (undefined) and the half-width Infinity, so such a result is never "significant". With no
 * values at all the mean is NaN too.
 */
import { studentTQuantile } from "./student-t-quantile.ts";

export const DEFAULT_CONFIDENCE_LEVEL = 0.95;

export interface ReplicationSummary {
  /** Number of replications. */
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1 denominator); NaN when n < 2. */
  sd: number;
  /** Half-width of the confidence interval; Infinity when n < 2. */
  halfWidth: number;
  low: number;
  high: number;
}

export interface WelchResult {
  /** mean(a) - mean(b). */
  difference: number;
  /** Welch–Satterthwaite degrees of freedom; NaN when either sample has n < 2 or both have sd 0. */
  degreesOfFreedom: number;
  halfWidth: number;
  low: number;
  high: number;
  /** The interval excludes zero. */
  significant: boolean;
}

/** Mean of `values` with a two-sided `confidenceLevel` Student-t interval. */
export function summarizeReplications(
  values: readonly number[],
  confidenceLevel = DEFAULT_CONFIDENCE_LEVEL,
): ReplicationSummary {
  const t = criticalT(confidenceLevel);
  const { n, mean, variance } = moments(values);
  if (n < 2) {
    return { n, mean, sd: Number.NaN, halfWidth: Infinity, low: -Infinity, high: Infinity };
  }
  const halfWidth = t(n - 1) * Math.sqrt(variance / n);
  return { n, mean, sd: Math.sqrt(variance), halfWidth, low: mean - halfWidth, high: mean + halfWidth };
}

/**
 * Welch's two-sided interval for mean(a) - mean(b). If both samples have zero variance the
 * interval collapses to the difference itself (significant iff it is non-zero).
 */
export function welchTest(
  a: readonly number[],
  b: readonly number[],
  confidenceLevel = DEFAULT_CONFIDENCE_LEVEL,
): WelchResult {
  const t = criticalT(confidenceLevel);
  const ma = moments(a);
  const mb = moments(b);
  const difference = ma.mean - mb.mean;
  if (ma.n < 2 || mb.n < 2) {
    return {
      difference,
      degreesOfFreedom: Number.NaN,
      halfWidth: Infinity,
      low: -Infinity,
      high: Infinity,
      significant: false,
    };
  }
  const va = ma.variance / ma.n;
  const vb = mb.variance / mb.n;
  const se2 = va + vb;
  const df = se2 > 0 ? (se2 * se2) / ((va * va) / (ma.n - 1) + (vb * vb) / (mb.n - 1)) : Number.NaN;
  const halfWidth = se2 > 0 ? t(df) * Math.sqrt(se2) : 0;
  const low = difference - halfWidth;
  const high = difference + halfWidth;
  return { difference, degreesOfFreedom: df, halfWidth, low, high, significant: low > 0 || high < 0 };
}

/** The upper critical value t_{(1+level)/2, df} as a function of df. */
function criticalT(confidenceLevel: number): (df: number) => number {
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
    throw new RangeError(`confidenceLevel must be in (0, 1), got ${confidenceLevel}`);
  }
  const p = (1 + confidenceLevel) / 2;
  return (df) => studentTQuantile(p, df);
}

/** n, mean and sample variance, two-pass for accuracy. */
function moments(values: readonly number[]): { n: number; mean: number; variance: number } {
  const n = values.length;
  let sum = 0;
  for (const x of values) sum += x;
  const mean = n > 0 ? sum / n : Number.NaN;
  let squares = 0;
  for (const x of values) squares += (x - mean) * (x - mean);
  return { n, mean, variance: n > 1 ? squares / (n - 1) : Number.NaN };
}
