/**
 * Capacity search for `authsim plan`: the fewest instances of a cluster — a datacenter's WFE, or
 * optionally the identity provider's login page or token endpoint (per identity region) or the
 * global service — for which the scenario's objectives that cluster can move still hold, found
 * by simulation. Starts from the offered load (peak arrivals × mean service time ÷ concurrency,
 * measured on a run at today's size, never below the cluster's minInstances, the redundancy
 * floor), brackets the answer by doubling, then bisects; every probe
 * runs all replications with the same seed (common random numbers), and objectives are judged on
 * the replication mean (capacity-judge.ts, or the caller's `judge`). With `failed`, that datacenter is lost (see
 * withCapacity), so its users are served by the datacenters Traffic Manager routes them to
 * instead (the N+1 question). An objective more instances do not move (or that still fails at
 * maxInstances) is reported unreachable and left out, so the cluster is still sized against the
 * others.
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
import {
  type CapacityAnswer,
  confidenceOf,
  flatObjectives,
  headroomOf,
  type Probe,
  utilisationSummary,
} from "./capacity-answer.ts";
import { excluding, type Judgement, judgeCapacityObjectives } from "./capacity-judge.ts";
import {
  type CapacityTarget,
  type CapacityUnit,
  report,
  station,
  targetName,
  wfe,
  withCapacity,
} from "./capacity-targets.ts";

export type { CapacityAnswer, Headroom, Probe } from "./capacity-answer.ts";

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

/** Mean service time of one request at the target [s]. */
function meanServiceOf(base: ResolvedScenario, target: CapacityTarget): number {
  if (target.component === "wfe") {
    // Half the visits are redirects, half callbacks.
    const t = base.datacenters[target.dc].wfe.serviceTime;
    return (distributionMean(t.redirect) + distributionMean(t.callback)) / 2;
  }
  if (target.component === "backEnd") {
    const b = base.datacenters[target.dc].backEnd;
    return distributionMean(b.serviceTime) + distributionMean(b.tokenValidation);
  }
  const s = station(base, target) as { serviceTime: Parameters<typeof distributionMean>[0] };
  return distributionMean(s.serviceTime);
}

/** Offered load in instances: peak arrivals × mean service ÷ concurrency (per identity region). */
function offeredLoad(
  base: ResolvedScenario,
  target: CapacityTarget,
  reference: readonly RunResult[],
): number {
  const s = station(base, target);
  const peakRate = Math.max(...reference.map((r) => report(r, target).peakRate));
  // Identity stations report the sum over regions; each region has `instances` of its own.
  const copies = target.component.startsWith("idp.")
    ? Math.max(1, base.identityProvider.regionIndices.length)
    : 1;
  return Math.max(1, Math.ceil((peakRate * meanServiceOf(base, target)) / s.concurrency / copies));
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

interface Probed {
  readonly judgement: Judgement;
  readonly results: RunResult[];
}

/**
 * Brackets the answer: doubles from `start` until the objectives capacity can meet hold at the
 * returned `hi`. An objective that fails at n and 2n and did not move between them, or that
 * still fails at `maxInstances`, goes into `excluded` (with its reason) and the search goes on
 * against the others.
 */
async function bracket(
  probe: (n: number) => Promise<Probed>,
  start: number,
  maxInstances: number,
  excluded: Map<string, string>,
): Promise<number> {
  const judged = async (n: number) => excluding((await probe(n)).judgement, new Set(excluded.keys()));
  let hi = start;
  while (!(await judged(hi)).pass && hi < maxInstances) {
    const before = await judged(hi);
    const next = Math.min(maxInstances, hi * 2);
    const after = await judged(next);
    for (const f of flatObjectives(before, after, hi, next))
      excluded.set(f.text, `more instances do not move it (${f.why})`);
    hi = next;
  }
  const at = await judged(hi);
  for (const o of at.objectives)
    if (!o.pass)
      excluded.set(
        o.text,
        `${o.text}: still missed with ${hi} instances, the most this search tries (maxInstances)`,
      );
  return hi;
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
  const { instances: current, minInstances } = station(base, target);
  const floor = Math.min(maxInstances, Math.max(1, minInstances));
  const today = await reference(failed);
  const estimate = offeredLoad(base, target, today);
  const peaks = (results: readonly RunResult[]) => results.map((r) => report(r, target).utilisationPeak);
  let probes = 0;
  const cache = new Map<number, Probed>();
  const probe = async (n: number): Promise<Probed> => {
    const known = cache.get(n);
    if (known) return known;
    const scenario = withCapacity(base, target, n, failed);
    const results = await run(scenario);
    probes++;
    const judgement = (options.judge ?? judgeCapacityObjectives)(scenario, results);
    const entry = { judgement, results };
    cache.set(n, entry);
    options.onProbe?.(unit, n, judgement.pass);
    return entry;
  };
  // Objectives capacity cannot meet -> why; every other objective still sizes the cluster.
  const excluded = new Map<string, string>();
  let hi = await bracket(probe, Math.min(maxInstances, Math.max(floor, estimate)), maxInstances, excluded);
  const skip = new Set(excluded.keys());
  const judged = async (n: number) => excluding((await probe(n)).judgement, skip);
  const sizable = (await judged(hi)).objectives.length > 0;
  let lo = floor;
  if (sizable && (await judged(hi)).pass) {
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if ((await judged(mid)).pass) hi = mid;
      else lo = mid + 1;
    }
  }
  const at = await judged(hi);
  const history: Probe[] = [...cache.entries()]
    .sort(([a], [b]) => a - b)
    .map(([n, p]) => ({
      instances: n,
      pass: excluding(p.judgement, skip).pass,
      objectives: p.judgement.objectives,
      peakUtilisation: utilisationSummary(peaks(p.results)).mean,
    }));
  const answer = {
    component: target.component,
    datacenter: targetName(base, target),
    current,
    minInstances: floor,
    unreachableObjectives: [...excluded.keys()],
    unreachable: excluded.size === 0 ? null : [...excluded.values()].join("; "),
    estimate,
    peakUtilisationToday: utilisationSummary(peaks(today)).mean,
    probes,
    history,
  };
  if (!sizable || !at.pass) {
    const binding = (await probe(hi)).judgement.binding;
    return {
      ...answer,
      recommended: null,
      binding,
      peakUtilisation: null,
      peakUtilisationInterval: null,
      headroom: null,
      confidence: null,
    };
  }
  // probe(hi - 1) is cached by the bisection unless hi is the redundancy floor.
  const below = hi > floor ? await judged(hi - 1) : null;
  const utilisation = utilisationSummary(peaks((await probe(hi)).results));
  return {
    ...answer,
    recommended: hi,
    binding:
      below?.binding ?? (hi === floor && floor > 1 ? `minInstances ${floor} (redundancy floor)` : null),
    peakUtilisation: utilisation.mean,
    peakUtilisationInterval: utilisation.interval,
    headroom: headroomOf(at.objectives),
    confidence: confidenceOf(at, below),
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
    minInstances: base.datacenters[dc].wfe.minInstances,
    recommended: null,
    binding: "down (N+1 case)",
    unreachable: null,
    unreachableObjectives: [],
    estimate: 0,
    peakUtilisation: null,
    peakUtilisationInterval: null,
    peakUtilisationToday: null,
    headroom: null,
    probes: 0,
    confidence: null,
    history: [],
  };
}
