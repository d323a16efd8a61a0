/**
 * What `authsim plan` writes, from the answers of its capacity searches: plan.md (and plan.html
 * from it) and plan.json. A plan may have been searched in shards on several machines (`plan
 * --shard`, then `authsim merge`), so everything needed here travels in PlanContext, not in the
 * scenario.
 */

import type { ResolvedScenario } from "../scenario/index.ts";
import type { CapacityAnswer, CapacityComponent, CapacityUnit } from "../study/index.ts";
import { scenarioHash } from "./scenario-hash.ts";

/** The scenario facts a plan report needs (kept in every shard's part). */
export interface PlanContext {
  readonly scenario: string;
  /** Identifies the scenario after overrides: parts of different plans never merge. */
  readonly scenarioHash: string;
  readonly replications: number;
  readonly hours: number;
  readonly datacenters: readonly string[];
  /** Per datacenter, the WFE instance-hour price, or null. */
  readonly prices: readonly (number | null)[];
  readonly objectives: readonly string[];
  readonly components: readonly CapacityComponent[];
  readonly nPlusOne: boolean;
}

export function planContext(
  scenario: ResolvedScenario,
  objectives: readonly string[],
  components: readonly CapacityComponent[],
  nPlusOne: boolean,
): PlanContext {
  return {
    scenario: scenario.name,
    scenarioHash: scenarioHash(scenario),
    replications: scenario.simulation.replications,
    hours: scenario.simulation.duration / 3600,
    datacenters: scenario.datacenters.map((d) => d.name),
    prices: scenario.datacenters.map((d) => d.wfe.pricePerInstanceHour),
    objectives,
    components,
    nPlusOne,
  };
}

export interface Plan {
  readonly context: PlanContext;
  /** Each datacenter's WFE with nothing lost (empty when WFEs were not planned). */
  readonly normal: readonly CapacityAnswer[];
  /** Identity provider and global service, when asked for. */
  readonly shared: readonly CapacityAnswer[];
  /** Per datacenter, the WFE that survives the worst single loss (with --n-plus-one). */
  readonly nPlusOne: readonly CapacityAnswer[] | null;
  /** Every N+1 search: datacenter lost -> the others' answers. */
  readonly perLoss: ReadonlyArray<{ readonly lost: string; readonly answers: readonly CapacityAnswer[] }>;
}

/** Puts the units' answers (in unit order) together into the plan. */
export function assemblePlan(
  context: PlanContext,
  units: readonly CapacityUnit[],
  answers: readonly CapacityAnswer[],
): Plan {
  const normal: CapacityAnswer[] = [];
  const shared: CapacityAnswer[] = [];
  const byLoss = new Map<number, CapacityAnswer[]>();
  units.forEach((u, i) => {
    const a = answers[i];
    if (u.failed >= 0) byLoss.set(u.failed, [...(byLoss.get(u.failed) ?? []), a]);
    else if (u.target.component === "wfe") normal.push(a);
    else shared.push(a);
  });
  const perLoss = [...byLoss.entries()].map(([f, list]) => ({ lost: context.datacenters[f], answers: list }));
  const nPlusOne = !context.nPlusOne
    ? null
    : normal.map((a) => {
        const options = perLoss.flatMap((l) => l.answers.filter((x) => x.datacenter === a.datacenter));
        const unreachable = options.some((x) => x.recommended === null) || a.recommended === null;
        const max = options.reduce((m, x) => Math.max(m, x.recommended ?? 0), a.recommended ?? 0);
        // The binding case: the loss that needs the most here.
        const worst = options.reduce((w, x) => ((x.recommended ?? 0) > (w.recommended ?? 0) ? x : w), a);
        return { ...worst, recommended: unreachable ? null : max };
      });
  return { context, normal, shared, nPlusOne, perLoss };
}

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

function answerRow(a: CapacityAnswer, n1: CapacityAnswer | undefined, withN1: boolean): string {
  const util = a.peakUtilisation;
  const recommended =
    a.recommended ?? `not reachable: ${a.binding}${a.unreachable ? `; ${a.unreachable}` : ""}`;
  const cells = [
    a.datacenter,
    a.current,
    recommended,
    a.confidence ?? "—",
    pct(a.peakUtilisationToday),
    pct(util),
    util === null ? "—" : pct(1 - util),
    a.binding ?? "none: 1 instance suffices",
    a.estimate,
    ...(withN1 ? [n1 ? (n1.recommended ?? "not reachable") : "—"] : []),
  ];
  return `| ${cells.join(" | ")} |`;
}

export function planMarkdown(plan: Plan): string {
  const { context: c, normal, shared, nPlusOne } = plan;
  const withN1 = nPlusOne !== null;
  const table = (n1: boolean) => [
    `| cluster | today | recommended | confidence | peak utilisation today | peak utilisation at recommendation | headroom | binding objective (fails with one fewer) | offered-load estimate |${n1 ? " N+1 (worst single loss) |" : ""}`,
    `|${" --- |".repeat(n1 ? 10 : 9)}`,
  ];
  const lines = [
    `# Capacity plan for ${c.scenario}`,
    "",
    `Instances meeting ${c.objectives.map((o) => `\`${o}\``).join(", ")}, judged on the mean of ${c.replications} replication(s) with the same seed. Each cluster is searched with the others at today's size; an objective about every datacenter is read for the one being sized; a WFE is sized as a fixed instance count (its autoscaling rule is off during its search).`,
    "",
  ];
  if (normal.length > 0) {
    lines.push("## Web front ends, per datacenter", "", ...table(withN1));
    for (const [i, a] of normal.entries()) lines.push(answerRow(a, nPlusOne?.[i], withN1));
    lines.push("");
  }
  if (shared.length > 0) {
    lines.push(
      "## Shared services",
      "",
      "Identity-provider instances are per identity region (every region gets the same count); the busiest region sets the answer.",
      "",
      ...table(false),
    );
    for (const a of shared) lines.push(answerRow(a, undefined, false));
    lines.push("");
  }
  if (withN1 && plan.perLoss.length > 0) {
    lines.push(
      "## N+1: each datacenter lost in turn",
      "",
      `| lost | ${c.datacenters.join(" | ")} |`,
      `| --- |${" --- |".repeat(c.datacenters.length)}`,
    );
    for (const l of plan.perLoss) {
      const cells = c.datacenters.map((d) => {
        if (d === l.lost) return "down";
        const a = l.answers.find((x) => x.datacenter === d);
        return a ? String(a.recommended ?? "not reachable") : "—";
      });
      lines.push(`| ${l.lost} | ${cells.join(" | ")} |`);
    }
    lines.push("");
  }
  if (normal.length > 0) {
    const chosen = nPlusOne ?? normal;
    lines.push(
      `Instance-hours over the simulated ${c.hours.toFixed(2)} h at the recommendation${withN1 ? " (N+1)" : ""}, and their cost where the scenario gives \`wfe.pricePerInstanceHour\`:`,
      "",
      "| datacenter | instance-hours | cost | cost today |",
      "| --- | --- | --- | --- |",
      ...chosen.map((a, i) => {
        const price = c.prices[i];
        const n = a.recommended;
        if (n === null) return `| ${a.datacenter} | — | — | — |`;
        const money = (x: number) => (price === null ? "—" : (x * price).toFixed(2));
        return `| ${a.datacenter} | ${(n * c.hours).toFixed(2)} (today ${(a.current * c.hours).toFixed(2)}) | ${money(n * c.hours)} | ${money(a.current * c.hours)} |`;
      }),
      "",
    );
  }
  lines.push(
    "Confidence: _clear_ when every objective's 95% interval over the replications lies on the passing side at the recommendation and the binding objective's on the failing side with one instance fewer; _marginal_ when an interval straddles a threshold (another seed could move the answer by one: add replications).",
    "",
  );
  return lines.join("\n");
}

/** plan.json: the context, the answers with every probe, and the N+1 detail. */
export function planJson(plan: Plan): string {
  const { context, normal, shared, nPlusOne, perLoss } = plan;
  return `${JSON.stringify(
    {
      scenario: context.scenario,
      scenarioHash: context.scenarioHash,
      replications: context.replications,
      objectives: context.objectives,
      components: context.components,
      normal,
      shared,
      nPlusOne,
      perLoss,
    },
    null,
    2,
  )}\n`;
}
