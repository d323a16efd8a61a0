/**
 * What a scenario makes of a user base's arrivals, hour by hour: the expected session starts in
 * each local hour of the week, the integral of its resolved rate over the hour. Under `hourly`
 * that is the hour's rate × 1 h; under `linear` the rate runs straight between hour midpoints,
 * so hour k receives (r[k-1] + 6 r[k] + r[k+1]) / 8 × 1 h (round the week). A quarter-hour
 * profile (`quarterRate`) is integrated the same way per quarter, then summed per hour.
 */
import type { ResolvedArrivals } from "../../scenario/index.ts";

export function expectedHourlyStarts(arrivals: ResolvedArrivals): number[] {
  const q = arrivals.quarterRate;
  if (q === undefined) return binIntegrals(arrivals.weeklyRate, 3600, arrivals.interpolation);
  const quarters = binIntegrals(q, 900, arrivals.interpolation);
  return Array.from(
    { length: 168 },
    (_, h) => quarters[4 * h] + quarters[4 * h + 1] + quarters[4 * h + 2] + quarters[4 * h + 3],
  );
}

function binIntegrals(
  r: readonly number[],
  width: number,
  interpolation: ResolvedArrivals["interpolation"],
): number[] {
  const n = r.length;
  if (interpolation === "hourly") return r.map((x) => x * width);
  return r.map((x, k) => ((r[(k + n - 1) % n] + 6 * x + r[(k + 1) % n]) / 8) * width);
}
