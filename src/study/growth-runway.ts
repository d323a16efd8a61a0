/**
 * Growth runway (`authsim runway`): at today's capacity, how far can daily users grow before
 * each objective first fails? Every objective about "every datacenter" is read per datacenter
 * (`wfe.utilisation.peak < 70%` becomes one objective per datacenter's WFE), so the answer says
 * which cluster runs out first ("weu's WFE holds to +35% users"). Daily users of every user base
 * are multiplied by 1 + g; g rises in steps (default +10%) until every objective has failed or
 * g reaches `maxGrowth`, then each objective's first failing step is bisected against its last
 * passing one to `resolution`. Every probe runs all replications with the same seed (common
 * random numbers, as plan's), judged on their mean (slo-judge.ts); one run at a growth serves
 * every objective. The runway of an objective is the largest growth found to pass below the
 * first failure (null: it fails today).
 */
import type { RunResult } from "../model/index.ts";
import type { ResolvedScenario, ResolvedSlo } from "../scenario/index.ts";
import type { ScenarioRun } from "./capacity-search.ts";
import { judgeSlos, type SloJudgement } from "./slo-judge.ts";

export interface RunwayPoint {
  readonly growth: number;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly pass: boolean;
}

export interface RunwayItem {
  /** The objective as read: scoped to a datacenter where the scenario's was about every one. */
  readonly objective: string;
  /** The objective as written in the scenario. */
  readonly source: string;
  /** The datacenter it is read for, or null (global, or scoped to a user base). */
  readonly datacenter: string | null;
  /** What it is about: `WFE`, `back end`, `identity login page`, `sign-in`, ... */
  readonly component: string;
  /** Largest growth that passes below the first failure; null when it fails today. */
  readonly holdsTo: number | null;
  /** Smallest growth found to fail; null when it holds to maxGrowth. */
  readonly failsAt: number | null;
  /** Every growth probed, in order. */
  readonly points: readonly RunwayPoint[];
}

export interface RunwayOptions {
  /** The scenario with daily users × (1 + growth). */
  readonly scenarioAt: (growth: number) => ResolvedScenario;
  readonly run: ScenarioRun;
  /** Default 0.1 (+10% steps). */
  readonly step?: number;
  /** Default 2 (+200%). */
  readonly maxGrowth?: number;
  /** Bisection stops when the bracket is narrower; default 0.01. */
  readonly resolution?: number;
  readonly onProbe?: (growth: number) => void;
}

const COMPONENTS: ReadonlyArray<readonly [string, string]> = [
  ["wfe.", "WFE"],
  ["backEnd.", "back end"],
  ["idp.loginPage.", "identity login page"],
  ["idp.tokenEndpoint.", "identity token endpoint"],
  ["idp.", "identity provider"],
  ["globalService.", "global service"],
  ["loginSystem.", "sign-in (without typing)"],
  ["login.", "sign-in"],
  ["renewal.", "token renewal"],
  ["failover.", "failover"],
];

export function componentOf(metric: string): string {
  return COMPONENTS.find(([p]) => metric.startsWith(p))?.[1] ?? metric;
}

/** Metrics read per datacenter when unscoped (an unscoped one means the worst datacenter). */
const perDatacenter = (metric: string) => metric.startsWith("wfe.") || metric.startsWith("backEnd.");

/** The objectives a runway reads: each unscoped cluster objective once per datacenter. */
export function runwayObjectives(s: ResolvedScenario): ResolvedSlo[] {
  return s.slos.flatMap((slo): ResolvedSlo[] =>
    perDatacenter(slo.metric) && slo.scope === null
      ? s.datacenters.map((d) => ({
          ...slo,
          text: slo.text.replace(slo.metric, `${slo.metric}@${d.name}`),
          scope: d.name,
          scopeKind: "datacenter" as const,
          scopeIndex: d.index,
        }))
      : [slo],
  );
}

/** Searches the runway of every objective of the scenario (see the file comment). */
export async function growthRunway(options: RunwayOptions): Promise<RunwayItem[]> {
  const step = options.step ?? 0.1;
  const maxGrowth = options.maxGrowth ?? 2;
  const resolution = options.resolution ?? 0.01;
  const base = options.scenarioAt(0);
  const objectives = runwayObjectives(base);
  const runs = new Map<number, Promise<readonly SloJudgement[]>>();
  const key = (g: number) => Math.round(g * 1e6) / 1e6;
  const judged = (growth: number) => {
    const g = key(growth);
    let r = runs.get(g);
    if (r === undefined) {
      const scenario = { ...options.scenarioAt(g), slos: objectives };
      options.onProbe?.(g);
      r = options.run(scenario).then((results: RunResult[]) => judgeSlos(scenario, results).verdicts);
      runs.set(g, r);
    }
    return r;
  };
  const firstFail = new Array<number | null>(objectives.length).fill(null);
  for (let k = 0; k * step <= maxGrowth + 1e-9 && firstFail.some((f) => f === null); k++) {
    const verdicts = await judged(k * step);
    verdicts.forEach((v, i) => {
      if (firstFail[i] === null && !v.pass) firstFail[i] = k * step;
    });
  }
  return Promise.all(
    objectives.map(async (slo, i) => {
      let fail = firstFail[i];
      let pass: number | null = fail === null ? null : fail - step;
      if (fail !== null && fail > 0 && pass !== null) {
        while (fail - pass > resolution + 1e-9) {
          const mid = key((pass + fail) / 2);
          if ((await judged(mid))[i].pass) pass = mid;
          else fail = mid;
        }
      }
      const lastStep = key(Math.floor(maxGrowth / step + 1e-9) * step);
      const holdsTo = fail === null ? lastStep : fail > 0 ? pass : null;
      return itemOf(base, slo, holdsTo, fail, await pointsOf(runs, i));
    }),
  );
}

async function pointsOf(
  runs: ReadonlyMap<number, Promise<readonly SloJudgement[]>>,
  i: number,
): Promise<RunwayPoint[]> {
  const points: RunwayPoint[] = [];
  for (const [growth, r] of [...runs.entries()].sort(([a], [b]) => a - b)) {
    const v = (await r)[i];
    points.push({
      growth,
      value: v.value,
      low: v.replications?.low ?? null,
      high: v.replications?.high ?? null,
      pass: v.pass,
    });
  }
  return points;
}

function itemOf(
  base: ResolvedScenario,
  slo: ResolvedSlo,
  holdsTo: number | null,
  failsAt: number | null,
  points: RunwayPoint[],
): RunwayItem {
  const source = base.slos.find(
    (s) =>
      s.metric === slo.metric &&
      s.op === slo.op &&
      s.threshold === slo.threshold &&
      (s.scope === slo.scope || s.scope === null),
  );
  return {
    objective: slo.text,
    source: source?.text ?? slo.text,
    datacenter: slo.scopeKind === "datacenter" ? base.datacenters[slo.scopeIndex].name : null,
    component: componentOf(slo.metric),
    holdsTo: holdsTo === null ? null : Math.max(0, holdsTo),
    failsAt,
    points,
  };
}
