/**
 * Across-replication statistics: a Student-t confidence interval for the mean of independent
 * replications of one scenario, and Welch's interval for the difference between two variants
 * (unequal variances, Welch–Satterthwaite degrees of freedom).
 *
 * Too little data never throws; it widens the interval to infinity. With n < 2 the sample sd is
 * NaN (undefined) and the half-width Infinity, so such a result is never "significant". With no
 * values at all the mean is NaN too. Two samples that do not vary at all (every replication the
 * same value, as quantised figures can be) say nothing about the noise either: Welch's test then
 * judges nothing rather than calling any difference significant.
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
  /** The interval excludes zero (never when not judged). */
  significant: boolean;
  /** False when either sample has n < 2 or neither varies: the noise cannot be estimated. */
  judged: boolean;
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
 * Welch's two-sided interval for mean(a) - mean(b). If both samples have zero variance there is
 * no estimate of the noise: the interval is infinite and the result not judged (it used to
 * collapse to the difference itself, so two quantised percentiles read "significant").
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
  const va = ma.n < 2 ? Number.NaN : ma.variance / ma.n;
  const vb = mb.n < 2 ? Number.NaN : mb.variance / mb.n;
  const se2 = va + vb;
  if (!(se2 > 0)) {
    return {
      difference,
      degreesOfFreedom: Number.NaN,
      halfWidth: Infinity,
      low: -Infinity,
      high: Infinity,
      significant: false,
      judged: false,
    };
  }
  const df = (se2 * se2) / ((va * va) / (ma.n - 1) + (vb * vb) / (mb.n - 1));
  const halfWidth = t(df) * Math.sqrt(se2);
  const low = difference - halfWidth;
  const high = difference + halfWidth;
  return {
    difference,
    degreesOfFreedom: df,
    halfWidth,
    low,
    high,
    significant: low > 0 || high < 0,
    judged: true,
  };
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
