/**
 * Capacity search for `authsim plan`: the fewest instances of a cluster — a datacenter's WFE, or
 * optionally the identity provider's login page or token endpoint (per identity region) or the
 * global service — for which the scenario's objectives that cluster can move still hold, found
 * by simulation. Starts from the offered load (peak arrivals × mean service time ÷ concurrency,
 * measured on a run at today's size), brackets the answer by doubling, then bisects; every probe
 * runs all replications with the same seed (common random numbers), and objectives are judged on
 * the replication mean (capacity-judge.ts, or the caller's `judge`). With `failed`, that datacenter is lost (see
 * withCapacity), so its users are served by the datacenters Traffic Manager routes them to
 * instead (the N+1 question).
 *
 * The work is split into units — one cluster, one failure case — searched independently, with
 * every other cluster at today's size: routing ties users to datacenters by latency, not load,
 * so the clusters interact only through failover. Units can run concurrently (the caller's `run`
 * may be a pool of threads) or on different machines (`plan --shard`); each unit's answer
 * depends only on the scenario and the unit, never on what ran beside it.
 */
import { distributionMean } from "../engine/random/index.ts";
import type { RunResult } from "../model/index.ts";
import { runScenario } from "../model/index.ts";
import type { ResolvedScenario } from "../scenario/index.ts";
import { type Judgement, judgeCapacityObjectives, type ObjectiveReading } from "./capacity-judge.ts";
import {
  type CapacityComponent,
  type CapacityTarget,
  type CapacityUnit,
  report,
  station,
  targetName,
  wfe,
  withCapacity,
} from "./capacity-targets.ts";

export interface Probe {
  readonly instances: number;
  readonly pass: boolean;
  readonly objectives: readonly ObjectiveReading[];
  readonly peakUtilisation: number;
}

export interface CapacityAnswer {
  readonly component: CapacityComponent;
  /** The datacenter's name for a WFE, else what the component is. */
  readonly datacenter: string;
  readonly current: number;
  /** null when even `maxInstances` does not meet the objectives. */
  readonly recommended: number | null;
  /** The objective that fails with one instance fewer (what sets the answer). */
  readonly binding: string | null;
  /** Why no instance count meets the objectives, when none does. */
  readonly unreachable: string | null;
  /** Offered-load first guess [instances]. */
  readonly estimate: number;
  readonly peakUtilisation: number | null;
  /** Peak utilisation at today's size (the reference run). */
  readonly peakUtilisationToday: number | null;
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

export type ScenarioRun = (scenario: ResolvedScenario) => Promise<RunResult[]>;

export interface SearchOptions {
  /** Default: judgeCapacityObjectives. */
  readonly judge?: (scenario: ResolvedScenario, results: readonly RunResult[]) => Judgement;
  /** Runs every replication of a probe; default: runScenario on this thread. */
  readonly run?: ScenarioRun;
  readonly maxInstances?: number;
  readonly onProbe?: (unit: CapacityUnit, instances: number, pass: boolean) => void;
}

const runHere: ScenarioRun = async (scenario) => runScenario(scenario);

/** Offered load in instances: peak arrivals × mean service ÷ concurrency (per identity region). */
function offeredLoad(
  base: ResolvedScenario,
  target: CapacityTarget,
  reference: readonly RunResult[],
): number {
  const s = station(base, target);
  const peakRate = Math.max(...reference.map((r) => report(r, target).peakRate));
  const meanService =
    target.component === "wfe"
      ? // Half the visits are redirects, half callbacks.
        (distributionMean(base.datacenters[target.dc].wfe.serviceTime.redirect) +
          distributionMean(base.datacenters[target.dc].wfe.serviceTime.callback)) /
        2
      : distributionMean((s as { serviceTime: Parameters<typeof distributionMean>[0] }).serviceTime);
  // Identity stations report the sum over regions; each region has `instances` of its own.
  const copies = target.component.startsWith("idp.")
    ? Math.max(1, base.identityProvider.regionIndices.length)
    : 1;
  return Math.max(1, Math.ceil((peakRate * meanService) / s.concurrency / copies));
}

/** The reference runs (today's sizes) a set of units needs, keyed by failure case, run once each. */
export function referenceRuns(base: ResolvedScenario, run: ScenarioRun = runHere) {
  const runs = new Map<number, Promise<RunResult[]>>();
  return (failed: number): Promise<RunResult[]> => {
    let r = runs.get(failed);
    if (r === undefined) {
      r = run(withCapacity(base, -1, 0, failed));
      runs.set(failed, r);
    }
    return r;
  };
}

/** Searches one unit; `reference` gives the run at today's sizes for its failure case. */
export async function searchUnit(
  base: ResolvedScenario,
  unit: CapacityUnit,
  options: SearchOptions,
  reference: (failed: number) => Promise<RunResult[]> = referenceRuns(base, options.run),
): Promise<CapacityAnswer> {
  const { target, failed } = unit;
  const run = options.run ?? runHere;
  const maxInstances = options.maxInstances ?? 4096;
  const current = station(base, target).instances;
  const name = targetName(base, target);
  const today = await reference(failed);
  const estimate = offeredLoad(base, target, today);
  const peakOf = (results: readonly RunResult[]) =>
    Math.max(...results.map((r) => report(r, target).utilisationPeak));
  let probes = 0;
  const cache = new Map<number, { judgement: Judgement; results: RunResult[] }>();
  const probe = async (n: number) => {
    const known = cache.get(n);
    if (known) return known;
    const scenario = withCapacity(base, target, n, failed);
    const results = await run(scenario);
    probes++;
    const judgement = (options.judge ?? judgeCapacityObjectives)(scenario, results);
    options.onProbe?.(unit, n, judgement.pass);
    const entry = { judgement, results };
    cache.set(n, entry);
    return entry;
  };
  // Bracket: [lo, hi] with hi passing. Stop doubling when the failing objectives no longer move
  // with capacity (e.g. a latency that includes the users' typing): more instances cannot help.
  let hi = Math.min(maxInstances, estimate);
  let unresponsive: string | null = null;
  while (!(await probe(hi)).judgement.pass && hi < maxInstances) {
    const before = (await probe(hi)).judgement;
    const next = Math.min(maxInstances, hi * 2);
    const after = (await probe(next)).judgement;
    hi = next;
    unresponsive = flatObjectives(before, after, hi / 2, hi);
    if (unresponsive !== null) break;
  }
  let lo = 1;
  if ((await probe(hi)).judgement.pass) {
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if ((await probe(mid)).judgement.pass) hi = mid;
      else lo = mid + 1;
    }
  }
  const at = cache.get(hi) as { judgement: Judgement; results: RunResult[] };
  const history: Probe[] = [...cache.entries()]
    .sort(([a], [b]) => a - b)
    .map(([n, p]) => ({
      instances: n,
      pass: p.judgement.pass,
      objectives: p.judgement.objectives,
      peakUtilisation: peakOf(p.results),
    }));
  const answer = {
    component: target.component,
    datacenter: name,
    current,
    estimate,
    peakUtilisationToday: peakOf(today),
    probes,
    history,
  };
  if (!at.judgement.pass) {
    return {
      ...answer,
      recommended: null,
      binding: at.judgement.binding,
      unreachable:
        unresponsive ?? `still missed with ${hi} instances, the most this search tries (maxInstances)`,
      peakUtilisation: null,
      confidence: null,
    };
  }
  const below = hi > 1 ? (await probe(hi - 1)).judgement : null;
  return {
    ...answer,
    // probe(hi - 1) is always cached by the bisection; the history above is complete.
    recommended: hi,
    binding: below?.binding ?? null,
    unreachable: null,
    peakUtilisation: peakOf(at.results),
    confidence: confidenceOf(at.judgement, below),
  };
}

/**
 * Every datacenter's WFE with datacenter `failed` lost (-1: none), searched concurrently; the
 * lost datacenter's own answer says so.
 */
export async function searchCapacity(
  base: ResolvedScenario,
  options: SearchOptions & { readonly failed?: number },
): Promise<CapacityAnswer[]> {
  const failed = options.failed ?? -1;
  const reference = referenceRuns(base, options.run);
  return Promise.all(
    base.datacenters.map((_, dc) =>
      dc === failed
        ? Promise.resolve(lostDatacenter(base, dc))
        : searchUnit(base, { target: wfe(dc), failed }, options, reference),
    ),
  );
}

/** The answer for the datacenter an N+1 case has lost. */
export function lostDatacenter(base: ResolvedScenario, dc: number): CapacityAnswer {
  return {
    component: "wfe",
    datacenter: base.datacenters[dc].name,
    current: base.datacenters[dc].wfe.instances,
    recommended: null,
    binding: "down (N+1 case)",
    unreachable: null,
    estimate: 0,
    peakUtilisation: null,
    peakUtilisationToday: null,
    probes: 0,
    confidence: null,
    history: [],
  };
}

/** Relative change under which a doubling "did not move" an objective. */
const FLAT = 0.01;

/**
 * When every objective that fails at `n2` also failed at `n1` and moved by less than 1% between
 * them, capacity is not what holds it back: a sentence saying so; otherwise null.
 */
function flatObjectives(before: Judgement, after: Judgement, n1: number, n2: number): string | null {
  const failing = after.objectives.filter((o) => !o.pass);
  if (failing.length === 0) return null;
  const parts: string[] = [];
  for (const o of failing) {
    const was = before.objectives.find((b) => b.text === o.text);
    if (was === undefined || was.pass || was.value === null || o.value === null) return null;
    const scale = Math.max(Math.abs(was.value), Math.abs(o.threshold), 1e-12);
    if (Math.abs(o.value - was.value) / scale >= FLAT) return null;
    parts.push(
      `${o.text}: ${was.value.toPrecision(4)} with ${n1} instances, ${o.value.toPrecision(4)} with ${n2}`,
    );
  }
  return `more instances do not move it (${parts.join("; ")})`;
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
