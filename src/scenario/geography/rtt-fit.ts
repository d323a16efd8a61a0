/**
 * The distance-based RTT estimate: ordinary least squares of RTT on great-circle distance over
 * every measured, symmetrised pair of the built-in table. Used offline (scripts/convert-azure-rtt.ts
 * stores the result beside the table) and by a test that checks the stored numbers.
 */

export interface RttFit {
  /** Intercept a [ms]: fixed cost of a round trip (switching, serialisation). */
  readonly interceptMs: number;
  /** Slope b [ms/km]: fibre is ~0.01 ms/km round trip at best; real paths wind, so b is larger. */
  readonly perKmMs: number;
  /** Root-mean-square error of the fit over the pairs [ms]. */
  readonly rmseMs: number;
  /** Median absolute error [ms]. */
  readonly medianAbsErrorMs: number;
  /** Number of region pairs fitted. */
  readonly pairs: number;
}

/** Fits rtt ≈ a + b·km by least squares. */
export function fitRttOnDistance(points: ReadonlyArray<{ km: number; rttMs: number }>): RttFit {
  const n = points.length;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += p.km;
    sy += p.rttMs;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.km - mx) * (p.rttMs - my);
    sxx += (p.km - mx) ** 2;
  }
  const b = sxy / sxx;
  const a = my - b * mx;
  const errors = points.map((p) => p.rttMs - (a + b * p.km));
  const rmse = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / n);
  const abs = errors.map(Math.abs).sort((x, y) => x - y);
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? abs[mid] : (abs[mid - 1] + abs[mid]) / 2;
  return { interceptMs: a, perKmMs: b, rmseMs: rmse, medianAbsErrorMs: median, pairs: n };
}
