/**
 * `authsim compare`: two runs' headline metrics side by side, with the difference and, where
 * both runs have replications that vary, whether it is statistically significant (Welch's 95%
 * interval for the difference of means excludes zero), and whether B is significantly worse than
 * A by the metric's direction (latency, failures, utilisation: lower is better; load figures
 * have no direction). Pure: takes parsed summary.json objects, returns rows and text; the CLI
 * reads the files and prints (compare-notes.ts: scenario diff, seeds, SLO flips, regressions).
 */
import { welchTest } from "../engine/stats/index.ts";
import type { QuantityKind } from "../engine/stats/quantity-rounding.ts";
import { formatLatency, formatNumber, formatPercent, MISSING } from "./format.ts";

/** The parts of summary.json that compare reads. */
export interface ComparableSummary {
  readonly scenarioName: string;
  readonly seed: number;
  readonly replications: number;
  readonly headline: Readonly<Record<string, number | null>>;
  readonly replicationStats: {
    readonly metrics: Readonly<Record<string, { readonly values: readonly (number | null)[] }>>;
  } | null;
  /** The resolved scenario the run simulated (every default filled in). */
  readonly scenario: unknown;
  readonly slos: { readonly verdicts: readonly { readonly text: string; readonly pass: boolean }[] };
}

export type Significance =
  | "significant"
  | "not significant"
  | "n/a (1 replication)"
  | "n/a (no spread)"
  | "n/a";

/** Which way a metric improves; null for load figures (more sessions is not better or worse). */
export type Better = "lower" | "higher" | null;

export interface ComparisonRow {
  readonly metric: string;
  readonly kind: QuantityKind;
  /** Run A's value (the mean over its replications when it has several). */
  readonly a: number | null;
  readonly b: number | null;
  /** b - a. */
  readonly difference: number | null;
  /** (b - a) / |a|; null when a is 0 or missing. */
  readonly relative: number | null;
  readonly significance: Significance;
  /** 95% interval for b - a, when both runs have at least two replications measuring it. */
  readonly interval: readonly [number, number] | null;
  readonly better: Better;
  /** B is significantly worse than A (a regression); false when it cannot be judged. */
  readonly worse: boolean;
}

export interface CompareOptions {
  /** Every headline metric in either run, not only the planner's selection. */
  readonly all?: boolean;
}

/**
 * The rows a planner compares, in this order. A name ending in `@` stands for every scope of it:
 * `both` keeps scopes present in both runs (a datacenter only one run has cannot be compared),
 * `either` keeps every scope (a failover in one run only shows against a dash).
 */
const SELECTION: readonly (readonly [string, "both" | "either" | null])[] = [
  ["login.p50", null],
  ["login.p95", null],
  ["login.p99", null],
  ["loginSystem.p95", null],
  ["login.failureRate", null],
  ["wfe.utilisation.peak@", "both"],
  ["idp.tokenRate.peak", null],
  ["failover.to90@", "either"],
  ["failover.to99@", "either"],
  ["tokens.renewal", null],
  ["renewals.attempted", null],
  ["renewals.retries", null],
  ["renewals.failed", null],
];

/** Checks that a parsed JSON value looks like an authsim summary; returns a reason if not. */
export function notASummary(value: unknown): string | null {
  if (typeof value !== "object" || value === null) return "not a JSON object";
  const v = value as Record<string, unknown>;
  if (typeof v.scenarioName !== "string" || typeof v.format !== "number") {
    return "not an authsim summary.json";
  }
  if (typeof v.headline !== "object" || v.headline === null) {
    return "written by an older authsim without headline metrics; run it again";
  }
  const stats = v.replicationStats as { metrics?: unknown } | null | undefined;
  if (stats !== null && (typeof stats?.metrics !== "object" || stats.metrics === null)) {
    return "replicationStats is malformed";
  }
  return null;
}

/** The kind of a headline metric, read from its name (units and rounding follow from it). */
export function metricKind(name: string): QuantityKind {
  const base = name.split("@")[0];
  if (base.startsWith("failover.")) return "time";
  if (/\.p\d+$/.test(base)) return "latency";
  if (base.includes("utilisation")) return "utilisation";
  if (base.endsWith("failureRate")) return "share";
  if (/Rate\.(peak|mean)$/.test(base)) return "rate";
  return "count";
}

/**
 * Which way a headline metric improves: latencies, failover times, failures, retries,
 * utilisation, queues and waits are better lower; rates, counts of sessions, logins, tokens and
 * renewals attempted are load, with no better side.
 */
export function betterDirection(name: string): Better {
  const base = name.split("@")[0];
  if (/\.p\d+$/.test(base) || base.startsWith("failover.")) return "lower";
  if (/failure|failed|retries|reauthentications/i.test(base)) return "lower";
  if (/utilisation|queueLength|wait/.test(base)) return "lower";
  return null;
}

/** Names to compare: the selection (or all), run A's order first, then B's extras. */
function metricNames(a: ComparableSummary, b: ComparableSummary, all: boolean): string[] {
  const union = [...new Set([...Object.keys(a.headline), ...Object.keys(b.headline)])];
  if (all) return union;
  return SELECTION.flatMap(([name, scopes]) => {
    if (scopes === null) return [name];
    return union.filter(
      (m) => m.startsWith(name) && (scopes === "either" || (m in a.headline && m in b.headline)),
    );
  });
}

function valuesOf(s: ComparableSummary, metric: string): number[] {
  const stats = s.replicationStats?.metrics[metric];
  const raw = stats ? stats.values : [s.headline[metric] ?? null];
  return raw.filter((x): x is number => x !== null && Number.isFinite(x));
}

/** Six significant digits: drops the float noise of means and differences (inputs have fewer). */
const tidy = (x: number) => Number(x.toPrecision(6));
const tidyOrNull = (x: number | null) => (x === null ? null : tidy(x));

const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((a, x) => a + x, 0) / xs.length);

/** One row per compared metric: B against A. */
export function compareSummaries(
  a: ComparableSummary,
  b: ComparableSummary,
  options: CompareOptions = {},
): ComparisonRow[] {
  return metricNames(a, b, options.all ?? false).map((metric) => {
    const va = valuesOf(a, metric);
    const vb = valuesOf(b, metric);
    const ma = mean(va);
    const mb = mean(vb);
    const difference = ma === null || mb === null ? null : mb - ma;
    const relative = difference === null || ma === null || ma === 0 ? null : difference / Math.abs(ma);
    let significance: Significance = "n/a";
    let interval: ComparisonRow["interval"] = null;
    if (difference !== null) {
      const w = welchTest(vb, va);
      if (va.length < 2 || vb.length < 2) significance = "n/a (1 replication)";
      else if (!w.judged) significance = "n/a (no spread)";
      else {
        interval = [tidy(w.low), tidy(w.high)];
        significance = w.significant ? "significant" : "not significant";
      }
    }
    const better = betterDirection(metric);
    const worse =
      significance === "significant" &&
      difference !== null &&
      (better === "lower" ? difference > 0 : better === "higher" ? difference < 0 : false);
    return {
      metric,
      kind: metricKind(metric),
      a: tidyOrNull(ma),
      b: tidyOrNull(mb),
      difference: tidyOrNull(difference),
      relative: tidyOrNull(relative),
      significance,
      interval,
      better,
      worse,
    };
  });
}

/** A value with its unit: `512.3 ms`, `0.09%`, `1.80/s`, `284`. */
export function formatValue(kind: QuantityKind, x: number | null): string {
  if (x === null || !Number.isFinite(x)) return MISSING;
  switch (kind) {
    case "latency":
    case "time":
      return formatLatency(x);
    case "share":
    case "utilisation":
      return `${formatPercent(x, x !== 0 && Math.abs(x) < 0.01 ? 3 : 1)}%`;
    case "rate":
      return `${formatNumber(x, 2)}/s`;
    case "count":
      return formatNumber(x, Number.isInteger(x) ? 0 : 1);
  }
}

/** A difference: signed, and in percentage points for fractions (the relative column has %). */
export function formatDifference(kind: QuantityKind, d: number | null): string {
  if (d === null || !Number.isFinite(d)) return MISSING;
  const fraction = kind === "share" || kind === "utilisation";
  const text = fraction
    ? `${formatPercent(d, d !== 0 && Math.abs(d) < 0.01 ? 3 : 1)} pp`
    : formatValue(kind, d);
  return d > 0 ? `+${text}` : text;
}

const formatRelative = (r: number | null) =>
  r === null ? MISSING : `${r > 0 ? "+" : ""}${formatNumber(r * 100, 1)}%`;

/** A run as the table's header names it. */
export interface RunLabel {
  readonly label: string;
  readonly path: string;
  readonly summary: ComparableSummary;
}

const describeRun = ({ label, path, summary: s }: RunLabel) =>
  `${label}: ${path} (${s.scenarioName}, seed ${s.seed}, ` +
  (s.replications > 1 ? `${s.replications} replications: means)` : "1 replication)");

/** Two header lines naming the runs, then a table: metric, A, B, B - A, B vs A, significance. */
export function formatComparison(rows: readonly ComparisonRow[], a: RunLabel, b: RunLabel): string {
  const header = ["metric", a.label, b.label, `${b.label} - ${a.label}`, `${b.label} vs ${a.label}`];
  const body = rows.map((r) => [
    r.metric,
    formatValue(r.kind, r.a),
    formatValue(r.kind, r.b),
    formatDifference(r.kind, r.difference),
    formatRelative(r.relative),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: readonly string[], last: string) =>
    [...cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))), last].join("  ");
  const significance = (r: ComparisonRow) =>
    (r.interval === null
      ? r.significance
      : `${r.significance}, 95% CI [${formatDifference(r.kind, r.interval[0])}, ${formatDifference(r.kind, r.interval[1])}]`) +
    (r.worse ? " (worse)" : "");
  return [
    describeRun(a),
    describeRun(b),
    line(header, "significance"),
    ...rows.map((r, i) => line(body[i], significance(r))),
  ].join("\n");
}
