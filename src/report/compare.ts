/**
 * `authsim compare`: two runs' headline metrics side by side, with the difference and, where
 * both runs have replications, whether it is statistically significant (Welch's 95% interval
 * for the difference of means excludes zero). Pure: takes parsed summary.json objects, returns
 * rows and text.
 */
import { welchTest } from "../engine/stats/index.ts";

/** The parts of summary.json that compare reads. */
export interface ComparableSummary {
  readonly scenarioName: string;
  readonly seed: number;
  readonly replications: number;
  readonly headline: Readonly<Record<string, number | null>>;
  readonly replicationStats: {
    readonly metrics: Readonly<Record<string, { readonly values: readonly (number | null)[] }>>;
  } | null;
}

export interface ComparisonRow {
  readonly metric: string;
  readonly a: number | null;
  readonly b: number | null;
  /** b - a (means when replicated). */
  readonly difference: number | null;
  /** (b - a) / |a|; null when a is 0 or missing. */
  readonly relative: number | null;
  readonly significance: "significant" | "not significant" | "n/a (1 replication)" | "n/a";
  /** 95% interval for b - a, when both runs have at least two replications measuring it. */
  readonly interval: readonly [number, number] | null;
}

/** Checks that a parsed JSON value looks like an authsim summary; returns a reason if not. */
export function notASummary(value: unknown): string | null {
  if (typeof value !== "object" || value === null) return "not a JSON object";
  const v = value as Record<string, unknown>;
  if (typeof v.scenarioName !== "string" || typeof v.format !== "number")
    return "not an authsim summary.json";
  if (typeof v.headline !== "object" || v.headline === null) {
    return "written by an older authsim without headline metrics; run it again";
  }
  return null;
}

function valuesOf(s: ComparableSummary, metric: string): number[] {
  const stats = s.replicationStats?.metrics[metric];
  const raw = stats ? stats.values : [s.headline[metric] ?? null];
  return raw.filter((x): x is number => x !== null && Number.isFinite(x));
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((a, x) => a + x, 0) / xs.length);

/** Rows for every headline metric present in either run, in run A's order then B's extras. */
export function compareSummaries(a: ComparableSummary, b: ComparableSummary): ComparisonRow[] {
  const names = [...new Set([...Object.keys(a.headline), ...Object.keys(b.headline)])];
  return names.map((metric) => {
    const va = valuesOf(a, metric);
    const vb = valuesOf(b, metric);
    const ma = mean(va);
    const mb = mean(vb);
    const difference = ma === null || mb === null ? null : mb - ma;
    const relative = difference === null || ma === null || ma === 0 ? null : difference / Math.abs(ma);
    let significance: ComparisonRow["significance"] = "n/a";
    let interval: ComparisonRow["interval"] = null;
    if (difference !== null) {
      if (va.length < 2 || vb.length < 2) significance = "n/a (1 replication)";
      else {
        const w = welchTest(vb, va);
        interval = [w.low, w.high];
        significance = w.significant ? "significant" : "not significant";
      }
    }
    return { metric, a: ma, b: mb, difference, relative, significance, interval };
  });
}

const fmt = (x: number | null) => {
  if (x === null) return "—";
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 0.001 || abs >= 1e6)) return x.toExponential(3);
  return Number(x.toPrecision(6)).toString();
};

/** A plain-text table: metric, A, B, B - A, relative, significance (with the interval). */
export function formatComparison(rows: readonly ComparisonRow[], labelA: string, labelB: string): string {
  const header = ["metric", labelA, labelB, "B - A", "B vs A", "significance (95%)"];
  const body = rows.map((r) => [
    r.metric,
    fmt(r.a),
    fmt(r.b),
    fmt(r.difference),
    r.relative === null ? "—" : `${r.relative >= 0 ? "+" : ""}${(r.relative * 100).toFixed(1)}%`,
    r.interval ? `${r.significance} [${fmt(r.interval[0])}, ${fmt(r.interval[1])}]` : r.significance,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), ...body.map(line)].join("\n");
}
