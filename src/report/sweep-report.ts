/**
 * `authsim sweep` output: one row per variant (the varied values), every headline metric's mean
 * and 95% interval over the variant's replications, as sweep.csv, sweep.md and sweep.json.
 * Variants share their random numbers stream by stream (the same seed), so differences between
 * rows are the parameters' doing. Pure: results in, text out.
 */
import type { RunResult } from "../model/index.ts";
import { aggregateReplications } from "./replication-aggregate.ts";

export interface SweepVariant {
  /** path -> value as written on the command line, in --vary order. */
  readonly values: ReadonlyArray<readonly [string, string]>;
  readonly results: readonly RunResult[];
}

export interface SweepRow {
  readonly values: Readonly<Record<string, string>>;
  readonly metrics: Readonly<
    Record<string, { mean: number | null; low: number | null; high: number | null; n: number }>
  >;
}

/** The metrics a sweep table shows by default: the ones planners compare first. */
export const SWEEP_COLUMNS = [
  "login.p50",
  "login.p95",
  "loginSystem.p95",
  "login.failureRate",
  "idp.tokenRate.peak",
  "idp.tokenRate.mean",
  "tokens.renewal",
  "renewals.failed",
] as const;

export function sweepRows(variants: readonly SweepVariant[]): SweepRow[] {
  return variants.map((v) => {
    const stats = aggregateReplications(v.results);
    const metrics: Record<
      string,
      { mean: number | null; low: number | null; high: number | null; n: number }
    > = {};
    for (const [name, s] of Object.entries(stats.metrics))
      metrics[name] = { mean: s.mean, low: s.low, high: s.high, n: s.n };
    return { values: Object.fromEntries(v.values), metrics };
  });
}

/** Metric columns present in the rows: the default set first, then WFE peak utilisation per datacenter. */
export function sweepColumns(rows: readonly SweepRow[]): string[] {
  const present = new Set(rows.flatMap((r) => Object.keys(r.metrics)));
  return [
    ...SWEEP_COLUMNS.filter((c) => present.has(c)),
    ...[...present].filter((c) => c.startsWith("wfe.utilisation.peak@")).sort(),
  ];
}

const cell = (x: number | null) => (x === null ? "" : String(x));

export function sweepCsv(rows: readonly SweepRow[]): string {
  if (rows.length === 0) return "";
  const params = Object.keys(rows[0].values);
  const columns = sweepColumns(rows);
  const header = [...params, ...columns.flatMap((c) => [`${c}.mean`, `${c}.low`, `${c}.high`])];
  const lines = rows.map((r) => [
    ...params.map((p) => r.values[p]),
    ...columns.flatMap((c) => {
      const m = r.metrics[c];
      return m ? [cell(m.mean), cell(m.low), cell(m.high)] : ["", "", ""];
    }),
  ]);
  return `${[header, ...lines].map((l) => l.join(",")).join("\n")}\n`;
}

const show = (m: { mean: number | null; low: number | null; high: number | null } | undefined) => {
  if (!m || m.mean === null) return "—";
  const p = (x: number) => Number(x.toPrecision(4)).toString();
  return m.low === null || m.high === null ? p(m.mean) : `${p(m.mean)} [${p(m.low)}, ${p(m.high)}]`;
};

export function sweepMarkdown(scenarioName: string, replications: number, rows: readonly SweepRow[]): string {
  if (rows.length === 0) return `# Sweep of ${scenarioName}\n\nNo variants.\n`;
  const params = Object.keys(rows[0].values);
  const columns = sweepColumns(rows);
  const out = [
    `# Sweep of ${scenarioName}`,
    "",
    `${rows.length} variants × ${replications} replication(s), the same seed for every variant (common random numbers).` +
      " Each cell: mean [95% confidence interval] over the replications (latencies in s, rates per s, shares as fractions).",
    "",
    `| ${[...params, ...columns].join(" | ")} |`,
    `| ${[...params, ...columns].map(() => "---").join(" | ")} |`,
    ...rows.map(
      (r) =>
        `| ${[...params.map((p) => r.values[p]), ...columns.map((c) => show(r.metrics[c]))].join(" | ")} |`,
    ),
    "",
  ];
  return out.join("\n");
}
