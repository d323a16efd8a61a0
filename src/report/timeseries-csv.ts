/**
 * A run's time series as CSV (timeseries.csv): one row per time bin, `t_s` (bin start, simulated
 * seconds) and `utc` (weekday and clock time) first, then every series column in the model's
 * order (its own `t` column, the same times, gives way to `t_s`). Missing values (NaN, null,
 * ±Infinity) are empty cells. A column whose values are all whole numbers (counts) prints as
 * integers; any other prints with fixed decimals, so equal runs give byte-identical files and
 * the columns line up in a spreadsheet.
 */

import { round } from "../engine/stats/quantity-rounding.ts";
import type { TimeSeriesTable } from "../model/index.ts";
import { formatWeekTime } from "./week-time.ts";

export interface CsvOptions {
  /** Decimals for non-integer columns (default 4: 0.1 ms for latencies in seconds). */
  readonly decimals?: number;
}

/** RFC 4180 quoting, only where needed. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const isPresent = (v: number | null | undefined): v is number =>
  v !== null && v !== undefined && Number.isFinite(v);

function cellFormatter(
  values: readonly number[],
  decimals: number,
): (v: number | null | undefined) => string {
  const integral = values.every((v) => !isPresent(v) || Number.isInteger(v));
  return (v) => {
    if (!isPresent(v)) return "";
    if (integral) return String(v === 0 ? 0 : v);
    const text = v.toFixed(decimals);
    // -0.0000 would read as a negative value where there is none.
    return Number(text) === 0 ? (0).toFixed(decimals) : text;
  };
}

/** The CSV text of `series`, `\n` line endings, with a trailing newline. */
export function timeSeriesCsv(series: TimeSeriesTable, options: CsvOptions = {}): string {
  const decimals = options.decimals ?? 4;
  const names = Object.keys(series.columns).filter((n) => n !== "t");
  const columns = names.map((n) => series.columns[n]);
  const rows = columns.reduce((max, c) => Math.max(max, c.length), 0);
  const formatters = columns.map((c) => cellFormatter(c, decimals));
  const lines = [["t_s", "utc", ...names].map(csvField).join(",")];
  for (let i = 0; i < rows; i++) {
    // Rounded to 1 ms: start + i * width accumulates no error, but 0.1 s widths are not exact.
    const t = round(series.start + i * series.binWidth, 3);
    const cells = [String(t), formatWeekTime(series.startWeekSecond + t)];
    for (let c = 0; c < columns.length; c++) cells.push(formatters[c](columns[c][i]));
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}
