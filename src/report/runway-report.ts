/**
 * What `authsim runway` writes from its growth search (study/growth-runway.ts): runway.md (and
 * runway.html from it), a table per datacenter and component of how far daily users can grow
 * before each objective first fails, with each objective's reading (mean over replications) at
 * every growth probed; and runway.json.
 */
import type { RunwayItem } from "../study/index.ts";

export interface RunwayContext {
  readonly scenario: string;
  readonly replications: number;
  readonly dailyUsers: number;
  readonly step: number;
  readonly maxGrowth: number;
  readonly resolution: number;
}

const pct = (g: number) => `+${(g * 100).toFixed(g * 100 === Math.round(g * 100) ? 0 : 1)}%`;

/** "weu's WFE holds to +35% users", for one item. */
export function runwaySentence(item: RunwayItem): string {
  const who = item.datacenter === null ? item.component : `${item.datacenter}'s ${item.component}`;
  if (item.holdsTo === null) return `${who} fails \`${item.objective}\` today`;
  if (item.failsAt === null) return `${who} holds \`${item.objective}\` beyond ${pct(item.holdsTo)} users`;
  return `${who} holds \`${item.objective}\` to ${pct(item.holdsTo)} users (fails at ${pct(item.failsAt)})`;
}

/** Items in the order a reader needs them: the shortest runway first. */
export function byRunway(items: readonly RunwayItem[]): RunwayItem[] {
  const rank = (i: RunwayItem) => (i.holdsTo === null ? -1 : i.failsAt === null ? Infinity : i.holdsTo);
  return [...items].sort((a, b) => rank(a) - rank(b));
}

export function runwayMarkdown(c: RunwayContext, items: readonly RunwayItem[]): string {
  const sorted = byRunway(items);
  const lines = [
    `# Growth runway for ${c.scenario}`,
    "",
    `Daily users of every user base (today ${c.dailyUsers.toLocaleString("en-US")}) raised in ${pct(c.step)} steps up to ${pct(c.maxGrowth)}, each objective's first failure bisected to ${(c.resolution * 100).toFixed(1)} points; capacity as the scenario has it today (autoscaling rules included). Every growth runs ${c.replications} replication(s) with the same seed and is judged on their mean; an objective about every datacenter is read for each.`,
    "",
    ...sorted.map((i) => `- ${runwaySentence(i)}`),
    "",
    "| datacenter | component | objective | holds to | first fails at |",
    "| --- | --- | --- | --- | --- |",
    ...sorted.map(
      (i) =>
        `| ${i.datacenter ?? "—"} | ${i.component} | \`${i.objective}\` | ${i.holdsTo === null ? "fails today" : pct(i.holdsTo)} | ${i.failsAt === null ? `not within ${pct(c.maxGrowth)}` : pct(i.failsAt)} |`,
    ),
    "",
    "## Readings at every growth probed (mean over replications)",
    "",
  ];
  for (const i of sorted) {
    lines.push(
      `\`${i.objective}\`: ${i.points.map((p) => `${pct(p.growth)} ${p.value === null ? "—" : p.value.toPrecision(4)} ${p.pass ? "pass" : "miss"}`).join("; ")}`,
      "",
    );
  }
  return lines.join("\n");
}

export function runwayJson(c: RunwayContext, items: readonly RunwayItem[]): string {
  return `${JSON.stringify({ ...c, objectives: byRunway(items) }, null, 2)}\n`;
}
