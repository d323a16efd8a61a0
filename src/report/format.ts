/**
 * Human-readable numbers for the markdown, HTML and terminal reports: milliseconds, percentages,
 * counts with thousands separators. Locale-free on purpose (no toLocaleString) so a report reads
 * the same on every machine. Missing values print as an en dash.
 */
import type { SloKind } from "../scenario/index.ts";

export const MISSING = "–";

const finite = (x: number | null | undefined): x is number =>
  x !== null && x !== undefined && Number.isFinite(x);

/** `1234567.891` with 2 decimals -> `1,234,567.89`. */
export function formatNumber(x: number | null | undefined, decimals = 0): string {
  if (!finite(x)) return MISSING;
  const fixed = Math.abs(x).toFixed(decimals);
  const [whole, fraction] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = x < 0 && Number(fixed) !== 0 ? "-" : "";
  return `${sign}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** An integer count: `12,345`. */
export const formatCount = (n: number | null | undefined): string => formatNumber(n, 0);

/** Seconds as milliseconds with 0.1 ms, no unit (for columns headed `[ms]`). */
export const formatMs = (seconds: number | null | undefined): string =>
  finite(seconds) ? formatNumber(seconds * 1000, 1) : MISSING;

/** A fraction as a percentage, no unit (for columns headed `[%]`). */
export const formatPercent = (fraction: number | null | undefined, decimals = 1): string =>
  finite(fraction) ? formatNumber(fraction * 100, decimals) : MISSING;

/** Seconds with a unit that suits the size: `812.3 ms`, `1.234 s`, `95.0 s`. */
export function formatLatency(seconds: number | null | undefined): string {
  if (!finite(seconds)) return MISSING;
  if (Math.abs(seconds) < 1) return `${formatNumber(seconds * 1000, 1)} ms`;
  if (Math.abs(seconds) < 10) return `${formatNumber(seconds, 3)} s`;
  return `${formatNumber(seconds, 1)} s`;
}

/** A value of an SLO's kind with its unit: latency, share (%), rate (/s) or count. */
export function formatSloValue(kind: SloKind, value: number | null | undefined): string {
  if (!finite(value)) return MISSING;
  switch (kind) {
    case "latency":
      return formatLatency(value);
    case "share":
      // Small shares (failure rates) need more digits than utilisations to be told apart.
      return `${formatPercent(value, value !== 0 && Math.abs(value) < 0.01 ? 3 : 1)}%`;
    case "rate":
      return `${formatNumber(value, 1)}/s`;
    case "count":
      return formatNumber(value, Number.isInteger(value) ? 0 : 1);
  }
}

/** Simulated seconds as `1h 30m`, `15m`, `45s`, `2d 3h`. */
export function formatSpan(seconds: number): string {
  if (!finite(seconds)) return MISSING;
  if (seconds < 60) return `${formatNumber(seconds, Number.isInteger(seconds) ? 0 : 1)}s`;
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  return parts.join(" ");
}
