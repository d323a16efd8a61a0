/**
 * What `authsim plan` judges and sizes: a probe passes when every objective its cluster can move
 * holds on the replication mean (the one SLO judge, slo-judge.ts), and `--components` names the
 * clusters to size.
 */
import type { RunResult } from "../model/index.ts";
import type { ResolvedScenario, SloKind, SloOp } from "../scenario/index.ts";
import { CAPACITY_COMPONENTS, type CapacityComponent, isCapacityObjective } from "./capacity-targets.ts";
import { judgeSlos, meets } from "./slo-judge.ts";

export interface ObjectiveReading {
  readonly text: string;
  /** The objective's comparison and unit kind (null op: not in the scenario, never today). */
  readonly op: SloOp | null;
  readonly kind: SloKind;
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

/**
 * Judges a probe: its scenario's capacity objectives (withCapacity has narrowed them to what the
 * sized cluster can move), on the replication mean, with each one's 95% interval.
 */
export function judgeCapacityObjectives(
  scenario: ResolvedScenario,
  results: readonly RunResult[],
): Judgement {
  const verdicts = judgeSlos(scenario, results).verdicts.filter((v) => isCapacityObjective(v.metric));
  const failed = verdicts.find((v) => !v.pass);
  const objectives = verdicts.map((v) => {
    const low = v.replications?.low ?? null;
    const high = v.replications?.high ?? null;
    const clear =
      low === null || high === null || v.op === null
        ? null
        : meets(low, v.op, v.threshold) === meets(high, v.op, v.threshold);
    const { text, op, kind, threshold, value, pass } = v;
    return { text, op, kind, threshold, value, low, high, pass, clear };
  });
  return { pass: failed === undefined, binding: failed?.text ?? null, objectives };
}

/**
 * The judgement with the objectives in `excluded` left out (those capacity cannot meet): a
 * cluster is still sized against the others.
 */
export function excluding(judgement: Judgement, excluded: ReadonlySet<string>): Judgement {
  if (excluded.size === 0) return judgement;
  const objectives = judgement.objectives.filter((o) => !excluded.has(o.text));
  const failed = objectives.find((o) => !o.pass);
  return { pass: failed === undefined, binding: failed?.text ?? null, objectives };
}

/** `wfe,idp` -> the components; `idp` stands for both identity stations. */
export function parseComponents(items: readonly string[]): CapacityComponent[] | string {
  const names = items
    .flatMap((x) => x.split(","))
    .map((x) => x.trim())
    .filter((x) => x !== "");
  const out = new Set<CapacityComponent>();
  for (const n of names.length === 0 ? ["wfe"] : names) {
    if (n === "idp") {
      out.add("idp.loginPage");
      out.add("idp.tokenEndpoint");
    } else if ((CAPACITY_COMPONENTS as readonly string[]).includes(n)) out.add(n as CapacityComponent);
    else return `--components: expected some of ${CAPACITY_COMPONENTS.join(", ")}, idp; found ${n}`;
  }
  return CAPACITY_COMPONENTS.filter((c) => out.has(c));
}
