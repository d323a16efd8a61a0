/**
 * Quantiles read from logarithmic buckets without snapping to them. A DDSketch answers a
 * quantile with its bucket's representative value, so every quantile of a run is one of a fixed
 * ladder of values (a step of 2% at 1% accuracy) and two replications whose medians fall into one
 * bucket report the very same median: a zero-width interval that is the grid's, not the data's.
 *
 * Here the c values of bucket k, which lie in (γ^(k-1), γ^k], are taken as spread evenly in log
 * space (the j-th of them at γ^(k-1+(j+0.5)/c)), and the quantile interpolates linearly between
 * the order statistics at ranks floor(h) and floor(h)+1, h = q·(n-1): the same rule as the exact
 * values (Hyndman & Fan type 7, R's default). The answer moves continuously with the data, and it
 * stays inside the bucket of the order statistic at rank floor(h) or the next one: within about
 * 2α of it in the worst case, far closer for a smooth distribution.
 */

/** The bucket layout a LatencySketch keeps (the DDSketch store's fields). */
export interface BucketCounts {
  /** Counts per bucket; index i holds key offset + i. */
  readonly bins: ArrayLike<number>;
  readonly offset: number;
  /** Values at exactly zero (below the mapping's smallest bucket). */
  readonly zeroCount: number;
  /** ln γ, γ = (1 + α) / (1 - α): the width of one bucket in log space. */
  readonly lnGamma: number;
}

/** The estimated order statistic at 0-based rank `rank` (an integer in [0, count)). */
function orderStatistic(b: BucketCounts, rank: number): number {
  if (rank < b.zeroCount) return 0;
  let below = b.zeroCount;
  const bins = b.bins;
  for (let i = 0; i < bins.length; i++) {
    const c = bins[i];
    if (!(c > 0)) continue;
    if (rank < below + c) {
      const key = b.offset + i;
      return Math.exp((key - 1 + (rank - below + 0.5) / c) * b.lnGamma);
    }
    below += c;
  }
  // Past the last bucket (cannot happen for rank < count): the top of the highest bucket.
  return Number.NaN;
}

/**
 * The q-quantile of `count` values in buckets, interpolated between the estimated order statistics
 * around rank q·(count-1) and clamped into the exact [min, max]. count must be at least 1.
 */
export function bucketQuantile(b: BucketCounts, count: number, q: number, min: number, max: number): number {
  const h = q * (count - 1);
  const lo = Math.floor(h);
  const at = (rank: number) => (rank === 0 ? min : rank === count - 1 ? max : orderStatistic(b, rank));
  const x0 = at(lo);
  const value = h === lo || lo + 1 >= count ? x0 : x0 + (h - lo) * (at(lo + 1) - x0);
  return Math.min(Math.max(value, min), max);
}

/** The type-7 q-quantile of `sorted` values (ascending; at least one). */
export function sortedQuantile(sorted: ArrayLike<number>, count: number, q: number): number {
  const h = q * (count - 1);
  const lo = Math.floor(h);
  const x0 = sorted[lo];
  return h === lo || lo + 1 >= count ? x0 : x0 + (h - lo) * (sorted[lo + 1] - x0);
}
