/**
 * Capacity search for `authsim plan`: the fewest instances of a cluster — a datacenter's WFE, or
 * optionally the identity provider's login page or token endpoint (per identity region) or the
 * global service — for which the scenario's objectives that cluster can move still hold, found
 * by simulation. Starts from a guess (capacity-guess.ts: the offered load, peak arrivals × mean
 * service time ÷ concurrency, measured on a run at today's size — for an N+1 search with one
 * datacenter left, on the run with nothing lost (capacity-loss-load.ts) — raised to what the
 * utilisation caps need; never below the cluster's minInstances, the redundancy floor), brackets
 * the answer upward, then narrows it down, probing where the readings predict the answer (bisecting where
 * they cannot): the answer is the fewest instances that pass with one fewer failing, as a
 * bisection finds it. Every probe runs its replications with the same seed (common random
 * numbers), is judged on their mean (capacity-judge.ts, or the caller's `judge`), and stops
 * taking replications once its verdict is clear (capacity-probes.ts). With `failed`, that
 * datacenter is lost (see withCapacity), so its users are served by the datacenters Traffic
 * Manager routes them to instead (the N+1 question). An objective more instances do not move
 * (or that still fails at maxInstances) is reported unreachable and left out, so the cluster is
 * still sized against the others.
 *
 * The work is split into units — one cluster, one failure case — searched independently, with
 * every other cluster at today's size: routing ties users to datacenters by latency, not load,
 * so the clusters interact only through failover. Units whose objectives read only their own
 * datacenter share their runs (capacity-joint.ts); every replication is run once per plan and
 * shared by whoever needs it (capacity-probes.ts). Units can run concurrently (the caller's
 * `replicate` may be a pool of threads) or on different machines (`plan --shard`, by group);
 * each unit's answer depends only on the scenario and its group, never on what ran beside it.
 */
import { distributionMean, RandomStreams } from "../engine/random/index.ts";
import type { RunResult } from "../model/index.ts";
import { runReplication } from "../model/index.ts";
import type { ResolvedScenario } from "../scenario/index.ts";
import {
  type CapacityAnswer,
  confidenceOf,
  flatObjectives,
  headroomOf,
  type Probe,
  utilisationSummary,
} from "./capacity-answer.ts";
import { instancesForCaps, SATURATED, utilisationCaps } from "./capacity-guess.ts";
import { JointProbes, searchGroups } from "./capacity-joint.ts";
import { excluding, type Judgement, judgeCapacityObjectives } from "./capacity-judge.ts";
import { guessesFromNoLoss, survivorPeakRate } from "./capacity-loss-load.ts";
import { ProbeRun, ProbeStore, type ReplicationRun, simulatedKey } from "./capacity-probes.ts";
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
export type { ReplicationRun } from "./capacity-probes.ts";

/** Runs every replication of a scenario. */
export type ScenarioRun = (scenario: ResolvedScenario) => Promise<RunResult[]>;

export interface SearchOptions {
  /** Default: judgeCapacityObjectives. */
  readonly judge?: (scenario: ResolvedScenario, results: readonly RunResult[]) => Judgement;
  /** Runs one replication of a probe; default: runReplication on this thread. */
  readonly replicate?: ReplicationRun;
  /** Runs every replication of a probe at once (no early stopping); used when `replicate` is not given. */
  readonly run?: ScenarioRun;
  /** Replications a probe may start beyond its next look (to keep threads busy); default 0. */
  readonly ahead?: number;
  readonly maxInstances?: number;
  readonly onProbe?: (unit: CapacityUnit, instances: number, pass: boolean) => void;
  /** Called when a unit's search has its answer. */
  readonly onDone?: (unit: CapacityUnit) => void;
}

const replicateHere: ReplicationRun = async (scenario, r) => {
  const streams = new RandomStreams(scenario.simulation.seed).forReplication(r);
  const result = runReplication(scenario, streams, r, scenario.simulation.replications);
  if (result === null) throw new Error(`replication ${r + 1} was stopped`);
  return result;
};

/** One replication at a time out of whole-scenario runs, each scenario run once. */
function fromWholeRuns(run: ScenarioRun): ReplicationRun {
  const whole = new Map<string, Promise<RunResult[]>>();
  return async (scenario, r) => {
    const key = simulatedKey(scenario);
    let runs = whole.get(key);
    if (runs === undefined) {
      runs = run(scenario);
      whole.set(key, runs);
    }
    const result = (await runs)[r];
    if (result === undefined) throw new Error(`replication ${r + 1} was stopped`);
    return result;
  };
}

/** The store every probe and reference run of one plan goes through. */
export function probeStore(options: SearchOptions): ProbeStore {
  return new ProbeStore(options.replicate ?? (options.run ? fromWholeRuns(options.run) : replicateHere));
}

/** Mean service time of one request at the target [s]. */
function meanServiceOf(base: ResolvedScenario, target: CapacityTarget, pageShare: number): number {
  if (target.component === "wfe") {
    // A sign-in's visits: half redirects, half callbacks; the rest of the requests are pages.
    const t = base.datacenters[target.dc].wfe.serviceTime;
    const signIn = (distributionMean(t.redirect) + distributionMean(t.callback)) / 2;
    return (1 - pageShare) * signIn + pageShare * distributionMean(t.page);
  }
  if (target.component === "backEnd") {
    const b = base.datacenters[target.dc].backEnd;
    return distributionMean(b.serviceTime) + distributionMean(b.tokenValidation);
  }
  const s = station(base, target) as { serviceTime: Parameters<typeof distributionMean>[0] };
  return distributionMean(s.serviceTime);
}

/** The share of a WFE's requests that were page traffic on today's runs (0 for any other station). */
function pageShareOf(today: readonly RunResult[], target: CapacityTarget): number {
  if (target.component !== "wfe") return 0;
  let pages = 0;
  let all = 0;
  for (const r of today) {
    const d = r.datacenters[target.dc];
    pages += d.wfePage.count + d.wfePageFailures;
    all += d.wfe.arrivals;
  }
  return all > 0 ? Math.min(1, pages / all) : 0;
}

/**
 * Offered load in instances, unrounded: peak arrivals [1/s] × mean service ÷ concurrency (per
 * identity region).
 */
function offeredLoad(
  base: ResolvedScenario,
  target: CapacityTarget,
  peak: { rate: number; pageShare: number },
): number {
  const s = station(base, target);
  // Identity stations report the sum over regions; each region has `instances` of its own.
  const copies = target.component.startsWith("idp.")
    ? Math.max(1, base.identityProvider.regionIndices.length)
    : 1;
  return (peak.rate * meanServiceOf(base, target, peak.pageShare)) / s.concurrency / copies;
}

/** The reference runs (today's sizes) a set of units needs, keyed by failure case, run once each. */
export function referenceRuns(base: ResolvedScenario, store: ProbeStore) {
  return (failed: number): Promise<RunResult[]> => {
    const today = withCapacity(base, -1, 0, failed);
    return store.replications(today, today.simulation.replications);
  };
}

/** What a unit's search shares with the others of its plan. */
export interface UnitContext {
  readonly store: ProbeStore;
  readonly reference: (failed: number) => Promise<RunResult[]>;
  /** The scenario probing `unit` at `instances` (a joint run's, when the unit is in a group). */
  readonly scenarioFor: (unit: CapacityUnit, instances: number) => Promise<ResolvedScenario>;
  /** Called once when the unit's search ends. */
  readonly done: (unit: CapacityUnit) => void;
}

/** A context for units searched alone. */
export function unitContext(base: ResolvedScenario, store: ProbeStore): UnitContext {
  return {
    store,
    reference: referenceRuns(base, store),
    scenarioFor: async (unit, n) => withCapacity(base, unit.target, n, unit.failed),
    done: () => {},
  };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Searches one unit; `context` gives its reference runs and its probe scenarios. */
export async function searchUnit(
  base: ResolvedScenario,
  unit: CapacityUnit,
  options: SearchOptions,
  context: UnitContext = unitContext(base, probeStore(options)),
): Promise<CapacityAnswer> {
  try {
    const answer = await search(base, unit, options, context);
    options.onDone?.(unit);
    return answer;
  } finally {
    context.done(unit);
  }
}

async function search(
  base: ResolvedScenario,
  unit: CapacityUnit,
  options: SearchOptions,
  context: UnitContext,
): Promise<CapacityAnswer> {
  const { target, failed } = unit;
  const judge = options.judge ?? judgeCapacityObjectives;
  const maxInstances = options.maxInstances ?? 4096;
  const { instances: current, minInstances } = station(base, target);
  const floor = Math.min(maxInstances, Math.max(1, minInstances));
  // Today's size under this unit's loss, or nothing where the run with nothing lost gives the guess.
  const today = guessesFromNoLoss(base, unit) ? null : await context.reference(failed);
  const peak =
    today === null
      ? survivorPeakRate(base, await context.reference(-1))
      : {
          rate: Math.max(...today.map((r) => report(r, target).peakRate)),
          pageShare: pageShareOf(today, target),
        };
  const load = offeredLoad(base, target, peak);
  const estimate = Math.max(1, Math.ceil(load));
  const caps = utilisationCaps(withCapacity(base, target, floor, failed).slos, target.component);
  const peaks = (results: readonly RunResult[]) => results.map((r) => report(r, target).utilisationPeak);
  // Objectives capacity cannot meet -> why; every other objective still sizes the cluster.
  const excluded = new Map<string, string>();
  const cache = new Map<number, ProbeRun>();
  const probe = async (n: number) => {
    let run = cache.get(n);
    const first = run === undefined;
    if (run === undefined) {
      run = new ProbeRun(await context.scenarioFor(unit, n), context.store, judge, options.ahead ?? 0);
      cache.set(n, run);
    }
    const reading = await run.read(new Set(excluded.keys()));
    if (first) options.onProbe?.(unit, n, excluding(reading.judgement, new Set(excluded.keys())).pass);
    return reading;
  };
  const judged = async (n: number) => excluding((await probe(n)).judgement, new Set(excluded.keys()));
  /** Peak busy instances at a probe (mean over its replications), and whether it saturated. */
  const busyAt = async (n: number) => {
    const u = mean(peaks((await probe(n)).results));
    return { busy: u * n, saturated: u >= SATURATED };
  };
  const capsFailing = (j: Judgement) =>
    caps.some((c) => j.objectives.some((o) => o.text === c.text && !o.pass));

  // Bracket: up from the guess until the objectives capacity can meet hold. A doubling that did
  // not move a failing objective (or the most the search tries) marks it unreachable.
  let hi = Math.min(maxInstances, Math.max(floor, estimate, instancesForCaps(load, caps)));
  for (;;) {
    const before = await judged(hi);
    if (before.pass || hi >= maxInstances) break;
    let next = Math.min(maxInstances, hi * 2);
    let doubled = true;
    const at = await busyAt(hi);
    if (capsFailing(before) && !at.saturated) {
      // The caps' prediction from this probe, when it is short of a doubling.
      const guess = instancesForCaps(at.busy, caps);
      if (guess > hi && guess < next) {
        next = guess;
        doubled = false;
      }
    }
    const after = await judged(next);
    if (doubled)
      for (const f of flatObjectives(before, after, hi, next, (await busyAt(next)).saturated))
        excluded.set(f.text, `more instances do not move it (${f.why})`);
    hi = next;
  }
  for (const o of (await judged(hi)).objectives)
    if (!o.pass)
      excluded.set(
        o.text,
        `${o.text}: still missed with ${hi} instances, the most this search tries (maxInstances)`,
      );
  const skip = new Set(excluded.keys());
  const sizable = (await judged(hi)).objectives.length > 0;
  // Narrow down: verdicts are taken to be monotone in the instance count (as a bisection does), so
  // the largest failing probe below hi bounds the answer from below.
  let lo = floor;
  if (sizable && (await judged(hi)).pass) {
    for (const n of [...cache.keys()].sort((a, b) => a - b))
      if (n >= lo && n < hi && !(await judged(n)).pass) lo = n + 1;
    let trustGuess = caps.length > 0;
    while (lo < hi) {
      let next = Math.floor((lo + hi) / 2);
      let expectPass: boolean | null = null;
      if (trustGuess) {
        const guess = instancesForCaps((await busyAt(hi)).busy, caps);
        // The guess says hi is the answer: check one fewer; else probe the guess.
        next = guess >= hi ? hi - 1 : Math.max(lo, guess);
        expectPass = guess < hi;
      }
      const pass = (await judged(next)).pass;
      // A wrong guess: bisect once before guessing again.
      trustGuess = caps.length > 0 && (expectPass === null || expectPass === pass);
      if (pass) hi = next;
      else lo = next + 1;
    }
  }
  const at = await judged(hi);
  const history: Probe[] = [];
  for (const n of [...cache.keys()].sort((a, b) => a - b)) {
    const p = await probe(n);
    history.push({
      instances: n,
      pass: excluding(p.judgement, skip).pass,
      objectives: p.judgement.objectives,
      peakUtilisation: utilisationSummary(peaks(p.results)).mean,
      replications: p.results.length,
    });
  }
  const answer = {
    component: target.component,
    datacenter: targetName(base, target),
    current,
    minInstances: floor,
    unreachableObjectives: [...excluded.keys()],
    unreachable: excluded.size === 0 ? null : [...excluded.values()].join("; "),
    estimate,
    peakUtilisationToday: today === null ? null : utilisationSummary(peaks(today)).mean,
    probes: cache.size,
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
  // probe(hi - 1) is known from the narrowing unless hi is the redundancy floor.
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
 * Searches `units` of one plan, all at once: every replication through one store (shared by
 * the units and their reference runs), units that read only their own datacenter in groups
 * sharing their runs (searchGroups). Answers in the order of `units`.
 */
export function searchUnits(
  base: ResolvedScenario,
  units: readonly CapacityUnit[],
  options: SearchOptions,
  store: ProbeStore = probeStore(options),
): Promise<CapacityAnswer[]> {
  const alone = unitContext(base, store);
  const contexts = new Map<CapacityUnit, UnitContext>();
  for (const group of searchGroups(base, units)) {
    if (group.length === 1) continue;
    const joint = new JointProbes(
      base,
      group.map((i) => units[i]),
    );
    const context: UnitContext = {
      ...alone,
      scenarioFor: (unit, n) => joint.scenarioFor(unit, n),
      done: (unit) => joint.leave(unit),
    };
    for (const i of group) contexts.set(units[i], context);
  }
  return Promise.all(units.map((u) => searchUnit(base, u, options, contexts.get(u) ?? alone)));
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
  const units = base.datacenters.map((_, dc) => ({ target: wfe(dc), failed }));
  const searched = units.filter((u) => u.target.dc !== failed);
  const answers = await searchUnits(base, searched, options);
  return units.map((u) =>
    u.target.dc === failed ? lostDatacenter(base, u.target.dc) : answers[searched.indexOf(u)],
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
