/**
 * Reading the time-series table defensively. The model names its columns (`login.p95`,
 * `wfe.<datacenter>.rate`, ...) and a chart asks for them by name; a column that is absent, or
 * whose length disagrees with `t`, reads as null so the caller can skip that series or chart.
 */
import type { TimeSeriesTable } from "../../model/index.ts";
import type { XY } from "./chart-input.ts";

/** The named column, or null when it is absent or does not line up with `t`. */
export function column(series: TimeSeriesTable, name: string): readonly number[] | null {
  const values = series.columns[name];
  const t = series.columns["t"];
  if (!values || !t || values.length !== t.length) return null;
  return values;
}

/**
 * Where each bin is drawn [s of simulated time]: its midpoint, because a bin's value summarises
 * [t, t + binWidth) and drawing it at the start would shift every feature half a bin early.
 * Null when there is no `t` column or no rows.
 */
export function binMidpoints(series: TimeSeriesTable): number[] | null {
  const t = series.columns["t"];
  if (!t || t.length === 0) return null;
  return t.map((start) => start + series.binWidth / 2);
}

/** The span the time axis covers: first bin start to last bin end [s]. */
export function timeSpan(series: TimeSeriesTable): { min: number; max: number } {
  const t = series.columns["t"];
  const min = t && t.length > 0 ? t[0] : series.start;
  const max = t && t.length > 0 ? t[t.length - 1] + series.binWidth : series.start + series.binWidth;
  return { min, max };
}

/**
 * Pairs x and y into chart points, y multiplied by `scale` (e.g. 100 for percent). Non-finite
 * values (NaN for "no login in this bin") become NaN, which chart.js draws as a gap rather than
 * as a misleading zero.
 */
export function toPoints(x: readonly number[], y: readonly number[], scale = 1): XY[] {
  return x.map((xi, i) => ({ x: xi, y: Number.isFinite(y[i]) ? y[i] * scale : Number.NaN }));
}

/** Largest finite value of the columns, or 0. */
export function finiteMax(columns: readonly (readonly number[])[]): number {
  let max = 0;
  for (const c of columns) for (const v of c) if (Number.isFinite(v) && v > max) max = v;
  return max;
}

/** The q-quantile (nearest rank) of the finite values of the columns, or 0 when there are none. */
export function finiteQuantile(columns: readonly (readonly number[])[], q: number): number {
  const values = columns.flatMap((c) => c.filter(Number.isFinite)).sort((a, b) => a - b);
  if (values.length === 0) return 0;
  return values[Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))];
}
