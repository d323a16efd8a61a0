/**
 * What a capacity search answers for one cluster (CapacityAnswer), and the readings it is made
 * of: the peak utilisation over replications (mean and 95% interval, as every verdict is judged
 * on the mean), the headroom left to each objective's threshold at the recommendation, how
 * firmly the replications separate the answer from one instance fewer, and which failing
 * objectives more instances do not move (those are reported unreachable, and the cluster is
 * sized against the rest).
 */
import { boundInterval, roundAs, summarizeReplications } from "../engine/stats/index.ts";
import type { Judgement, ObjectiveReading } from "./capacity-judge.ts";
import type { CapacityComponent } from "./capacity-targets.ts";

export interface Probe {
  readonly instances: number;
  /** Whether the objectives capacity can meet hold (the unreachable ones left out). */
  readonly pass: boolean;
  /** Every objective's reading, the unreachable ones included. */
  readonly objectives: readonly ObjectiveReading[];
  /** Mean over replications of the cluster's peak (per-bin) utilisation. */
  readonly peakUtilisation: number;
  /** Replications the probe was judged on: fewer than the scenario's when it stopped early. */
  readonly replications: number;
}

/** The smallest margin left to an objective's threshold at the recommendation. */
export interface Headroom {
  readonly objective: string;
  /** threshold − value for `<`/`<=` (value − threshold for `>`/`>=`), in base units. */
  readonly margin: number;
  /** margin ÷ |threshold|. */
  readonly relative: number;
}

export interface CapacityAnswer {
  readonly component: CapacityComponent;
  /** The datacenter's name for a WFE or back end, else what the component is. */
  readonly datacenter: string;
  readonly current: number;
  /** The redundancy floor: never recommend fewer (the station's minInstances). */
  readonly minInstances: number;
  /** null when no objective capacity can meet is left to size against, or none holds. */
  readonly recommended: number | null;
  /** The objective that fails with one instance fewer (what sets the answer). */
  readonly binding: string | null;
  /** Why the objectives in unreachableObjectives cannot be met by capacity, or null. */
  readonly unreachable: string | null;
  /** Objectives no instance count meets; the recommendation is sized against the others. */
  readonly unreachableObjectives: readonly string[];
  /** Offered-load first guess [instances]. */
  readonly estimate: number;
  /** Mean over replications of the peak utilisation at the recommendation. */
  readonly peakUtilisation: number | null;
  /** Its 95% interval over replications (null with one replication). */
  readonly peakUtilisationInterval: readonly [number, number] | null;
  /**
   * Peak utilisation at today's size (the reference run; mean over replications); null for an N+1
   * search that took its guess from the run with nothing lost (it runs no today's size of its own).
   */
  readonly peakUtilisationToday: number | null;
  /** The tightest objective at the recommendation and its margin to the threshold. */
  readonly headroom: Headroom | null;
  /** Instance counts this search probed (each judged on `history[].replications` replications). */
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

/** Mean over replications and its 95% interval (null with one value), bounded to [0, 1]. */
export function utilisationSummary(values: readonly number[]): {
  mean: number;
  interval: readonly [number, number] | null;
} {
  const s = summarizeReplications(values);
  if (values.length < 2) return { mean: s.mean, interval: null };
  const [low, high] = boundInterval("share", s.low, s.high);
  return { mean: s.mean, interval: [roundAs("share", low) ?? low, roundAs("share", high) ?? high] };
}

/** The tightest objective at the recommendation (smallest margin relative to its threshold). */
export function headroomOf(objectives: readonly ObjectiveReading[]): Headroom | null {
  let best: Headroom | null = null;
  for (const o of objectives) {
    if (o.value === null || o.op === null) continue;
    const margin = o.op === "<" || o.op === "<=" ? o.threshold - o.value : o.value - o.threshold;
    const relative =
      o.threshold === 0 ? (margin === 0 ? 0 : Math.sign(margin)) : margin / Math.abs(o.threshold);
    if (best === null || relative < best.relative) best = { objective: o.text, margin, relative };
  }
  return best;
}

/** Relative change under which a doubling "did not move" an objective. */
const FLAT = 0.01;

/**
 * The objectives failing at both `n1` and `n2` instances that moved by less than 1% between
 * them: capacity is not what holds them back. Each with the sentence saying so. None when the
 * station was still saturated at `n2`: a load beyond both sizes reads 100% busy at each, and
 * keeps its queue growing, which says nothing about whether more capacity would meet them.
 */
export function flatObjectives(
  before: Judgement,
  after: Judgement,
  n1: number,
  n2: number,
  saturatedAtN2: boolean,
): Array<{ text: string; why: string }> {
  const flat: Array<{ text: string; why: string }> = [];
  if (saturatedAtN2) return flat;
  for (const o of after.objectives) {
    if (o.pass || o.value === null) continue;
    const was = before.objectives.find((b) => b.text === o.text);
    if (was === undefined || was.pass || was.value === null) continue;
    const scale = Math.max(Math.abs(was.value), Math.abs(o.threshold), 1e-12);
    if (Math.abs(o.value - was.value) / scale >= FLAT) continue;
    flat.push({
      text: o.text,
      why: `${o.text}: ${was.value.toPrecision(4)} with ${n1} instances, ${o.value.toPrecision(4)} with ${n2}`,
    });
  }
  return flat;
}

/** How firmly the replications separate the recommendation from one instance fewer. */
export function confidenceOf(at: Judgement, below: Judgement | null): CapacityAnswer["confidence"] {
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
