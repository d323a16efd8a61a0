/**
 * The one SLO judge: every verdict authsim gives (run, sweep, plan's probes, rerun's exit code)
 * comes from here. The model reads each objective's value per replication (model/slo-readings.ts);
 * this says pass or miss. One replication: its value against the threshold. Several: each
 * objective is judged on the mean of its per-replication values (the report says so), with the
 * 95% interval and how many replications passed on their own, so a planner sees a marginal pass
 * for what it is.
 */
import { boundInterval, meets, roundAs, summarizeReplications } from "../engine/stats/index.ts";
import type { RunResult, SloReading } from "../model/index.ts";
import type { ResolvedScenario, SloKind, SloOp } from "../scenario/index.ts";

export interface SloJudgement {
  readonly text: string;
  readonly metric: string;
  readonly scope: string | null;
  /** null only when the scenario does not list this objective (a model/scenario mismatch). */
  readonly op: SloOp | null;
  readonly kind: SloKind;
  /** In base units (s, fraction, /s, count). */
  readonly threshold: number;
  /** Replication 1's value, or the mean over replications; null when nothing was measured. */
  readonly value: number | null;
  readonly pass: boolean;
  /** Only with more than one replication. */
  readonly replications: {
    readonly n: number;
    readonly passed: number;
    readonly low: number | null;
    readonly high: number | null;
  } | null;
}

export interface SloVerdicts {
  /** `replication 1` or `mean of N replications`. */
  readonly judgedOn: string;
  readonly allPass: boolean;
  readonly verdicts: readonly SloJudgement[];
}

// The comparison itself is the engine's (the report prints figures with the same rule).
export { meets };

/**
 * One replication's verdict on one objective. Nothing measured is a miss, except a failover
 * objective in a run without failovers: there was nothing to fail over, so nothing was slow.
 */
export function passesInReplication(reading: SloReading, op: SloOp, result: RunResult): boolean {
  if (reading.value === null) return reading.metric.startsWith("failover") && result.failovers.length === 0;
  return meets(reading.value, op, reading.threshold);
}

/** Judges every objective of `scenario` on `results` (all replications of one run). */
export function judgeSlos(scenario: ResolvedScenario, results: readonly RunResult[]): SloVerdicts {
  const first = results[0];
  const many = results.length > 1;
  const verdicts = (first?.slos ?? []).map((v, i): SloJudgement => {
    // The model reports objectives in scenario order; match by text in case it ever does not.
    const slo =
      scenario.slos[i]?.text === v.text ? scenario.slos[i] : scenario.slos.find((s) => s.text === v.text);
    // An objective the scenario does not list cannot happen today; show it as a plain number.
    const kind: SloKind = slo?.kind ?? "count";
    const op = slo?.op ?? null;
    // An objective the scenario does not list is judged as `<=` (never happens today).
    const passes = (reading: SloReading, r: RunResult) => passesInReplication(reading, op ?? "<=", r);
    const base = { text: v.text, metric: v.metric, scope: v.scope, op, kind, threshold: v.threshold };
    const own = results.map((r) => {
      const reading = r.slos.find((x) => x.text === v.text);
      return { value: reading?.value ?? null, pass: reading !== undefined && passes(reading, r) };
    });
    if (!many) return { ...base, value: roundAs(kind, v.value), pass: own[0].pass, replications: null };
    const values = own.flatMap((x) => (x.value !== null ? [x.value] : []));
    const passed = own.filter((x) => x.pass).length;
    const s = summarizeReplications(values);
    const [low, high] = boundInterval(kind, s.low, s.high);
    const mean = values.length > 0 ? s.mean : null;
    // With nothing measured anywhere, defer to the per-replication verdicts.
    const pass = mean !== null && op !== null ? meets(mean, op, v.threshold) : passed === results.length;
    return {
      ...base,
      value: roundAs(kind, mean),
      pass,
      replications: { n: values.length, passed, low: roundAs(kind, low), high: roundAs(kind, high) },
    };
  });
  return {
    judgedOn: many ? `mean of ${results.length} replications` : "replication 1",
    allPass: verdicts.every((v) => v.pass),
    verdicts,
  };
}
