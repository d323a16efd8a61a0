/**
 * Log-normal parameters from the numbers people actually know: a median and a p99 (latency
 * budgets, dashboards) or a mean and a standard deviation (measurement summaries). Both return
 * the log-space (mu, sigma) that a `{ kind: "lognormal" }` DistributionSpec takes.
 */

/** Log-space parameters: X = e^(mu + sigma Z) with Z standard normal. */
export interface LognormalParams {
  readonly mu: number;
  readonly sigma: number;
}

/** The standard normal 0.99 quantile, z such that Phi(z) = 0.99. */
const Z_0_99 = 2.3263478740408408;

/**
 * (mu, sigma) such that the median is `median` and the 0.99 quantile is `p99`.
 * p99 = median gives sigma = 0 (every draw equals the median).
 */
export function lognormalFromMedianP99(median: number, p99: number): LognormalParams {
  if (!(Number.isFinite(median) && median > 0)) {
    throw new RangeError(`lognormal median must be a positive finite number (got ${median})`);
  }
  if (!(Number.isFinite(p99) && p99 > 0)) {
    throw new RangeError(`lognormal p99 must be a positive finite number (got ${p99})`);
  }
  if (p99 < median) {
    throw new RangeError(`lognormal p99 (${p99}) must not be below the median (${median})`);
  }
  return { mu: Math.log(median), sigma: Math.log(p99 / median) / Z_0_99 };
}

/** (mu, sigma) such that the distribution has this mean and standard deviation. */
export function lognormalFromMeanSd(mean: number, sd: number): LognormalParams {
  if (!(Number.isFinite(mean) && mean > 0)) {
    throw new RangeError(`lognormal mean must be a positive finite number (got ${mean})`);
  }
  if (!(Number.isFinite(sd) && sd >= 0)) {
    throw new RangeError(`lognormal sd must be a non-negative finite number (got ${sd})`);
  }
  // log1p keeps precision when sd is small relative to the mean.
  const sigma2 = Math.log1p((sd / mean) ** 2);
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}
