/**
 * What a scenario makes of a user base's arrivals, hour by hour: the expected session starts in
 * each local hour of the week, the integral of its resolved rate over the hour. Under `hourly`
 * that is the hour's rate × 1 h; under `linear` the rate runs straight between hour midpoints,
 * so hour k receives (r[k-1] + 6 r[k] + r[k+1]) / 8 × 1 h (round the week).
 */
import type { ResolvedArrivals } from "../../scenario/index.ts";

export function expectedHourlyStarts(arrivals: ResolvedArrivals): number[] {
  const r = arrivals.weeklyRate;
  const n = r.length;
  if (arrivals.interpolation === "hourly") return r.map((x) => x * 3600);
  return r.map((x, k) => ((r[(k + n - 1) % n] + 6 * x + r[(k + 1) % n]) / 8) * 3600);
}
