/**
 * What `authsim plan` writes, from the answers of its capacity searches: plan.md (and plan.html
 * from it) and plan.json. A plan may have been searched in shards on several machines (`plan
 * --shard`, then `authsim merge`), so everything needed here travels in PlanContext, not in the
 * scenario.
 */

import type { ResolvedScenario } from "../scenario/index.ts";
import type { CapacityAnswer, CapacityComponent, CapacityUnit } from "../study/index.ts";
import { formatNumber } from "./format.ts";
import { HOURS_PER_MONTH, measuredHours, monthlyInstanceHours, weeklyLoad } from "./plan-cost.ts";
import { answerRow, tableHead } from "./plan-tables.ts";
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
  /** Per datacenter, the back-end instance-hour price, or null. */
  readonly backEndPrices: readonly (number | null)[];
  /** Per datacenter, session starts per second its WFE / back end serves in each UTC hour of the week. */
  readonly weeklyLoad: {
    readonly wfe: readonly (readonly number[])[];
    readonly backEnd: readonly (readonly number[])[];
  };
  /** The UTC hours of the week the measured period covers. */
  readonly measuredHours: readonly number[];
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
    backEndPrices: scenario.datacenters.map((d) => d.backEnd.pricePerInstanceHour),
    weeklyLoad: { wfe: weeklyLoad(scenario, "wfe"), backEnd: weeklyLoad(scenario, "backEnd") },
    measuredHours: measuredHours(scenario),
    objectives,
    components,
    nPlusOne,
  };
}

export interface Plan {
  readonly context: PlanContext;
  /** Each datacenter's WFE with nothing lost (empty when WFEs were not planned). */
  readonly normal: readonly CapacityAnswer[];
  /** Each datacenter's back end (empty when back ends were not planned). */
  readonly backEnds: readonly CapacityAnswer[];
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
  const backEnds: CapacityAnswer[] = [];
  const shared: CapacityAnswer[] = [];
  const byLoss = new Map<number, CapacityAnswer[]>();
  units.forEach((u, i) => {
    const a = answers[i];
    if (u.failed >= 0) byLoss.set(u.failed, [...(byLoss.get(u.failed) ?? []), a]);
    else if (u.target.component === "wfe") normal.push(a);
    else if (u.target.component === "backEnd") backEnds.push(a);
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
  return { context, normal, backEnds, shared, nPlusOne, perLoss };
}

export function planMarkdown(plan: Plan): string {
  const { context: c, normal, backEnds, shared, nPlusOne } = plan;
  const withN1 = nPlusOne !== null;
  const lines = [
    `# Capacity plan for ${c.scenario}`,
    "",
    `Instances meeting ${c.objectives.map((o) => `\`${o}\``).join(", ")}, judged on the mean of ${c.replications} replication(s) with the same seed; the tables show those means with their 95% intervals. Each cluster is searched with the others at today's size; an objective about every datacenter is read for the one being sized; a cluster is sized as a fixed instance count (its autoscaling rule is off during its search), never below its \`minInstances\` (the redundancy floor, default 2). Headroom is the margin left to the tightest objective's threshold at the recommendation.`,
    "",
  ];
  const section = (title: string, answers: readonly CapacityAnswer[], n1: boolean, note?: string) => {
    if (answers.length === 0) return;
    lines.push(`## ${title}`, "", ...(note ? [note, ""] : []), ...tableHead(n1));
    for (const [i, a] of answers.entries()) lines.push(answerRow(a, nPlusOne?.[i], n1));
    lines.push("");
  };
  section("Web front ends, per datacenter", normal, withN1);
  section("Back ends, per datacenter", backEnds, false);
  section(
    "Shared services",
    shared,
    false,
    "Identity-provider instances are per identity region (every region gets the same count); the busiest region sets the answer.",
  );
  lines.push(...unreachableLines([...normal, ...backEnds, ...shared]));
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
  lines.push(...costLines(plan));
  lines.push(
    "Confidence: _clear_ when every objective's 95% interval over the replications lies on the passing side at the recommendation and the binding objective's on the failing side with one instance fewer; _marginal_ when an interval straddles a threshold (another seed could move the answer by one: add replications).",
    "",
  );
  return lines.join("\n");
}

/** The objectives capacity cannot meet, per cluster, and why. */
function unreachableLines(answers: readonly CapacityAnswer[]): string[] {
  const hit = answers.filter((a) => a.unreachable !== null);
  if (hit.length === 0) return [];
  return [
    "## Objectives capacity cannot meet",
    "",
    "Each cluster below is still sized against its other objectives (a recommendation of — means none is left).",
    "",
    ...hit.map((a) => `- ${a.datacenter} (${a.component}): ${a.unreachable}`),
    "",
  ];
}

/**
 * Instance-hours and cost per month of the recommendation (N+1 where asked), fixed all month and
 * following the weekly profile (plan-cost.ts says how), beside today's instances all month.
 */
function costLines(plan: Plan): string[] {
  const c = plan.context;
  const rows: string[] = [];
  let weekPeak = 1;
  const add = (a: CapacityAnswer, i: number, kind: "wfe" | "backEnd") => {
    const price = (kind === "wfe" ? c.prices : c.backEndPrices)[i] ?? null;
    const what = `${a.datacenter} ${kind === "wfe" ? "WFE" : "back end"}`;
    if (a.recommended === null) {
      rows.push(`| ${what} | — | — | — | — | — |`);
      return;
    }
    const load = (c.weeklyLoad?.[kind] ?? [])[i] ?? [];
    const m = monthlyInstanceHours(a.recommended, a.minInstances ?? 1, load, c.measuredHours ?? []);
    weekPeak = Math.max(weekPeak, m.weekPeakOverWindow);
    const money = (h: number) => (price === null ? "—" : formatNumber(h * price, 0));
    const today = a.current * HOURS_PER_MONTH;
    rows.push(
      `| ${what} | ${formatNumber(m.fixed, 0)} | ${money(m.fixed)} | ${formatNumber(m.followingProfile, 0)} | ${money(m.followingProfile)} | ${money(today)} (${formatNumber(today, 0)} h) |`,
    );
  };
  for (const [i, a] of (plan.nPlusOne ?? plan.normal).entries()) add(a, i, "wfe");
  for (const [i, a] of plan.backEnds.entries()) add(a, i, "backEnd");
  if (rows.length === 0) return [];
  return [
    "## Cost per month",
    "",
    `Instance-hours per month (${HOURS_PER_MONTH} h) at the recommendation${plan.nPlusOne ? " (N+1)" : ""}, and their cost where the scenario gives \`pricePerInstanceHour\`. _Fixed_: the recommended instances all month. _Following the weekly profile_: each hour of the week the recommendation scaled by that hour's arrivals (the scenario's weekly profile of the user bases the cluster serves) relative to the busiest hour of the simulated window, rounded up and never below \`minInstances\`; instances assumed to scale linearly with arrivals.`,
    "",
    "| cluster | instance-hours, fixed | cost, fixed | instance-hours, following the weekly profile | cost, following the profile | cost today (fixed) |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    ...(weekPeak > 1.001
      ? [
          `The simulated window does not hold the week's busiest hour (up to ${formatNumber(weekPeak, 2)} × its load): a fixed count sized on this window would be short then; simulate the peak hour to size for it.`,
          "",
        ]
      : []),
  ];
}

/** plan.json: the context, the answers with every probe, and the N+1 detail. */
export function planJson(plan: Plan): string {
  const { context, normal, backEnds, shared, nPlusOne, perLoss } = plan;
  return `${JSON.stringify(
    {
      scenario: context.scenario,
      scenarioHash: context.scenarioHash,
      replications: context.replications,
      objectives: context.objectives,
      components: context.components,
      normal,
      backEnds,
      shared,
      nPlusOne,
      perLoss,
    },
    null,
    2,
  )}\n`;
}
