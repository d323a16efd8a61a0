/**
 * What `sweep` and `plan` print on the terminal: a few lines a person reads at a glance (the
 * full tables are in sweep.md / plan.md), or with --json the file's JSON, or with --quiet only
 * the output path. `merge` prints the same as the command whose parts it joins.
 */
import type { SweepRow } from "../report/index.ts";
import type { CapacityAnswer } from "../study/index.ts";
import type { CommandContext } from "./command-context.ts";

export type PrintMode = "summary" | "json" | "quiet";

/** --quiet and --json as one mode (json wins: it is what a script asked for). */
export const printMode = (args: { readonly quiet?: boolean; readonly json?: boolean }): PrintMode =>
  args.json ? "json" : args.quiet ? "quiet" : "summary";

const fmt = (x: number | null | undefined, digits = 3) =>
  x === null || x === undefined ? "—" : Number(x.toPrecision(digits)).toLocaleString("en-US");

/** The metrics a sweep's terminal lines show, with their units. */
const SHOWN: ReadonlyArray<[string, string, (x: number) => number]> = [
  ["login.p95", "s", (x) => x],
  ["login.failureRate", "%", (x) => x * 100],
  ["idp.tokenRate.peak", "/s", (x) => x],
];

/** One line per variant: its values, then login p95, failure rate and peak token rate (means). */
export function sweepSummaryLines(name: string, replications: number, rows: readonly SweepRow[]): string[] {
  const lines = [
    `sweep of ${name}: ${rows.length} variants × ${replications} replication(s) (means; intervals in sweep.md)`,
  ];
  for (const row of rows) {
    const values = Object.entries(row.values)
      .map(([path, value]) => `${path}=${value}`)
      .join(", ");
    const metrics = SHOWN.map(([metric, unit, scale]) => {
      const mean = row.metrics[metric]?.mean;
      return `${metric} ${mean === null || mean === undefined ? "—" : `${fmt(scale(mean))}${unit === "%" ? "%" : ` ${unit}`}`}`;
    });
    lines.push(`  ${values}: ${metrics.join(", ")}`);
  }
  return lines;
}

/** One line per sized cluster: today, the recommendation, what binds it, how sure. */
export function planSummaryLines(
  scenario: string,
  answers: readonly CapacityAnswer[],
  nPlusOne: readonly CapacityAnswer[] | null,
): string[] {
  const lines = [`capacity plan for ${scenario} (tables, every loss and charts in plan.md / plan.html)`];
  const all = [
    ...answers.map((a) => [a, ""] as const),
    ...(nPlusOne ?? []).map((a) => [a, ", any one loss"] as const),
  ];
  for (const [a, n1] of all) {
    const what = `${a.component === "wfe" ? `${a.datacenter} WFE` : a.component === "backEnd" ? `${a.datacenter} back end` : a.datacenter}${n1}`;
    const answer =
      a.recommended === null
        ? `not reachable (${a.binding ?? a.unreachable ?? "no objective met"})`
        : String(a.recommended);
    const why = a.recommended === null ? "" : `; binding: ${a.binding ?? "none"}, ${a.confidence ?? "—"}`;
    const missed = a.recommended !== null && (a.unreachableObjectives ?? []).length > 0;
    const unreachable = missed ? `; not reachable: ${a.unreachableObjectives.join(", ")}` : "";
    lines.push(`  ${what}: today ${a.current}, recommended ${answer}${why}${unreachable}`);
  }
  return lines;
}

/** Prints per `mode`: the summary lines, the JSON text, or nothing; then the output path (stderr with --json). */
export function printStudy(
  io: CommandContext["io"],
  mode: PrintMode,
  out: string,
  summary: () => string[],
  json: () => string,
): void {
  if (mode === "json") {
    io.out(json().trimEnd());
    io.err(`output: ${out}`);
    return;
  }
  if (mode === "summary") for (const line of summary()) io.out(line);
  io.out(`output: ${out}`);
}
