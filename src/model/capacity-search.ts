/**
 * Capacity search for `authsim plan`: per datacenter, the fewest WFE instances for which the
 * scenario's capacity-sensitive objectives hold, found by simulation. Starts from the offered
 * load (peak WFE arrivals × mean service time ÷ concurrency, measured on a run at today's size),
 * brackets the answer by doubling, then bisects; every probe runs all replications with the same
 * seed (common random numbers), and objectives are judged on the replication mean by the caller's
 * `judge`. With `failed`, that datacenter is lost (see withCapacity), so its users are served by
 * the datacenters Traffic Manager routes them to instead (the N+1 question).
 *
 * Datacenters are searched one at a time with the others at today's size: routing ties users to
 * datacenters by latency, not load, so the clusters interact only through failover.
 */
import { distributionMean } from "../engine/random/index.ts";
import type { ResolvedScenario } from "../scenario/index.ts";
import type { RunResult } from "./run-result.ts";
import { runScenario } from "./run-scenario.ts";

export interface ObjectiveReading {
  readonly text: string;
  /** The objective's threshold in base units. */
  readonly threshold: number;
  /** Mean over replications (base units), and its 95% interval when there are several. */
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly pass: boolean;
  /**
   * Whether the whole 95% interval lies on one side of the threshold (true: on the side of the
   * verdict's pass/fail; false: it straddles the threshold); null without an interval.
   */
  readonly clear: boolean | null;
}

export interface Judgement {
  readonly pass: boolean;
  /** The first capacity-sensitive objective that failed, if any. */
  readonly binding: string | null;
  readonly objectives: readonly ObjectiveReading[];
}

export interface Probe {
  readonly instances: number;
  readonly pass: boolean;
  readonly objectives: readonly ObjectiveReading[];
  readonly peakUtilisation: number;
}

export interface CapacityAnswer {
  readonly datacenter: string;
  readonly current: number;
  /** null when even `maxInstances` does not meet the objectives. */
  readonly recommended: number | null;
  /** The objective that fails with one instance fewer (what sets the answer). */
  readonly binding: string | null;
  /** Offered-load first guess [instances]. */
  readonly estimate: number;
  readonly peakUtilisation: number | null;
  /** Simulated runs (× replications) this search took. */
  readonly probes: number;
  /**
   * "clear" when every objective's 95% interval lies on the passing side at the recommendation
   * and the binding one's on the failing side with one instance fewer; "marginal" otherwise (a
   * different seed could move the answer by one); "single replication" without intervals.
   */
  readonly confidence: "clear" | "marginal" | "single replication" | null;
  /** Every probe, in instance order. */
  readonly history: readonly Probe[];
}

export interface SearchOptions {
  readonly judge: (scenario: ResolvedScenario, results: readonly RunResult[]) => Judgement;
  readonly maxInstances?: number;
  /** Index of a datacenter whose WFE is down throughout (N+1), or -1. */
  readonly failed?: number;
  readonly onProbe?: (datacenter: string, instances: number, pass: boolean) => void;
}

/**
 * The scenario with datacenter `dc`'s WFE at `instances`, and datacenter `failed` lost: down
 * throughout and out of Traffic Manager's rotation, i.e. the steady state after failover has
 * converged (the failover transient itself is what `run` on an outage scenario shows).
 */
export function withCapacity(
  base: ResolvedScenario,
  dc: number,
  instances: number,
  failed = -1,
): ResolvedScenario {
  const datacenters = base.datacenters.map((d, i) => (i === dc ? { ...d, wfe: { ...d.wfe, instances } } : d));
  const trafficManager =
    failed < 0
      ? base.trafficManager
      : {
          ...base.trafficManager,
          endpoints: base.trafficManager.endpoints.map((e) =>
            e.datacenterIndex === failed ? { ...e, enabled: false } : e,
          ),
        };
  const faults =
    failed < 0
      ? base.faults
      : [
          ...base.faults,
          {
            type: "datacenterOutage" as const,
            datacenterIndex: failed,
            component: "wfe" as const,
            start: 0,
            end: base.simulation.duration,
          },
        ];
  return { ...base, datacenters, trafficManager, faults };
}

export function searchCapacity(base: ResolvedScenario, options: SearchOptions): CapacityAnswer[] {
  const failed = options.failed ?? -1;
  const maxInstances = options.maxInstances ?? 4096;
  const reference = runScenario(withCapacity(base, -1, 0, failed));
  return base.datacenters.map((d, dc): CapacityAnswer => {
    if (dc === failed) {
      return {
        datacenter: d.name,
        current: d.wfe.instances,
        recommended: null,
        binding: "down (N+1 case)",
        estimate: 0,
        peakUtilisation: null,
        probes: 0,
        confidence: null,
        history: [],
      };
    }
    // Offered load: peak WFE arrivals × mean service (half redirects, half callbacks).
    const peakRate = Math.max(...reference.map((r) => r.datacenters[dc].wfe.peakRate));
    const meanService =
      (distributionMean(d.wfe.serviceTime.redirect) + distributionMean(d.wfe.serviceTime.callback)) / 2;
    const estimate = Math.max(1, Math.ceil((peakRate * meanService) / d.wfe.concurrency));
    let probes = 0;
    const cache = new Map<number, { judgement: Judgement; results: RunResult[] }>();
    const probe = (n: number) => {
      const known = cache.get(n);
      if (known) return known;
      const scenario = withCapacity(base, dc, n, failed);
      const results = runScenario(scenario);
      probes++;
      const judgement = options.judge(scenario, results);
      options.onProbe?.(d.name, n, judgement.pass);
      const entry = { judgement, results };
      cache.set(n, entry);
      return entry;
    };
    // Bracket: [lo, hi] with hi passing.
    let hi = Math.min(maxInstances, estimate);
    while (!probe(hi).judgement.pass && hi < maxInstances) hi = Math.min(maxInstances, hi * 2);
    const peakAt = (n: number) =>
      Math.max(...probe(n).results.map((r) => r.datacenters[dc].wfe.utilisationPeak));
    const history = (): Probe[] =>
      [...cache.keys()]
        .sort((a, b) => a - b)
        .map((n) => ({
          instances: n,
          pass: probe(n).judgement.pass,
          objectives: probe(n).judgement.objectives,
          peakUtilisation: peakAt(n),
        }));
    if (!probe(hi).judgement.pass) {
      return {
        datacenter: d.name,
        current: d.wfe.instances,
        recommended: null,
        binding: probe(hi).judgement.binding,
        estimate,
        peakUtilisation: null,
        probes,
        confidence: null,
        history: history(),
      };
    }
    let lo = 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (probe(mid).judgement.pass) hi = mid;
      else lo = mid + 1;
    }
    const below = hi > 1 ? probe(hi - 1).judgement : null;
    return {
      datacenter: d.name,
      current: d.wfe.instances,
      recommended: hi,
      binding: below?.binding ?? null,
      estimate,
      peakUtilisation: peakAt(hi),
      probes,
      confidence: confidenceOf(probe(hi).judgement, below),
      history: history(),
    };
  });
}

/** How firmly the replications separate the recommendation from one instance fewer. */
function confidenceOf(at: Judgement, below: Judgement | null): CapacityAnswer["confidence"] {
  const readings = [...at.objectives, ...(below?.objectives ?? [])];
  if (readings.some((o) => o.value !== null && (o.low === null || o.high === null)))
    return "single replication";
  // At the recommendation every interval must clear its threshold on the passing side (pass is
  // judged on the mean; an interval straddling the threshold makes it marginal).
  const clearAt = at.objectives.every((o) => o.pass && o.low !== null && o.high !== null && o.clear === true);
  const bindingBelow = below?.objectives.find((o) => o.text === below.binding);
  const clearBelow =
    below === null || (bindingBelow !== undefined && bindingBelow.clear === true && !bindingBelow.pass);
  return clearAt && clearBelow ? "clear" : "marginal";
}
