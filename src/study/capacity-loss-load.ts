/**
 * The first guess of an N+1 search without a run under the loss. A search starts from the peak
 * arrivals its cluster sees at today's size (capacity-search.ts); with a datacenter lost, that is
 * what the datacenters left carry. Where one datacenter is left it carries every user, so its
 * arrivals in a time bin are every datacenter's arrivals in that bin on the run with nothing lost
 * (the same users from the same random numbers; routing ties users to datacenters by latency, not
 * load). That run is made for the searches with nothing lost anyway, so the N+1 search needs no
 * run of its own at today's size (2 of a plan's replications per loss, the same as a probe).
 *
 * Only where the search probes first comes from here, never a verdict: the answer is still the
 * fewest instances that pass with one fewer failing, both simulated under the loss. With more
 * than one datacenter left, how the lost one's users spread over them is routing's business: the
 * search runs today's size under the loss as before.
 */
import type { RunResult } from "../model/index.ts";
import type { ResolvedScenario } from "../scenario/index.ts";
import type { CapacityUnit } from "./capacity-targets.ts";

/** Whether `unit`'s first guess comes from the run with nothing lost (one WFE left to carry all). */
export function guessesFromNoLoss(base: ResolvedScenario, unit: CapacityUnit): boolean {
  const { target, failed } = unit;
  return failed >= 0 && target.component === "wfe" && target.dc !== failed && base.datacenters.length === 2;
}

/**
 * Peak arrivals per second [1/s] at the one WFE left, and the share of them that are page
 * traffic (userBases[].pageRate; 0 without): the busiest measured bin of every datacenter's WFE
 * arrivals summed, on the runs with nothing lost (the highest over them).
 */
export function survivorPeakRate(
  base: ResolvedScenario,
  noLoss: readonly RunResult[],
): { rate: number; pageShare: number } {
  let peak = 0;
  let pageShare = 0;
  for (const run of noLoss) {
    const { binWidth, columns } = run.series;
    const rates = base.datacenters.map((d) => columns[`wfe.${d.name}.rate`] ?? []);
    const pages = base.datacenters.map((d) => columns[`wfe.${d.name}.pageRate`] ?? []);
    const bins = Math.min(...rates.map((r) => r.length));
    // The first measured bin, as the run's own peaks are read (model/run/results.ts).
    const first = Math.min(bins - 1, Math.floor(base.simulation.warmUp / binWidth));
    for (let i = Math.max(0, first); i < bins; i++) {
      const rate = rates.reduce((sum, r) => sum + r[i], 0);
      if (rate <= peak) continue;
      peak = rate;
      pageShare = pages.reduce((sum, p) => sum + (p[i] ?? 0), 0) / rate;
    }
  }
  return { rate: peak, pageShare };
}

/**
 * The failure cases whose runs at today's size `units` need (-1: nothing lost): every unit's own,
 * except an N+1 search whose first guess comes from the run with nothing lost.
 */
export function referenceCases(base: ResolvedScenario, units: readonly CapacityUnit[]): number[] {
  const cases = units.map((u) => (guessesFromNoLoss(base, u) ? -1 : u.failed));
  return [...new Set(cases)].sort((a, b) => a - b);
}
