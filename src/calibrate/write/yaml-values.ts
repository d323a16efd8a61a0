/** How calibrate writes numbers into scenario text: durations with units, shares as percentages. */

/** Seconds -> the scenario's duration text, to about 3 significant digits (`45.2m`, `1.25h`, `180ms`). */
export function durationText(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return "0s";
  const pick = (value: number, unit: string) => `${Number(value.toPrecision(3))}${unit}`;
  if (seconds < 1) return pick(seconds * 1000, "ms");
  if (seconds < 120) return pick(seconds, "s");
  if (seconds < 7200) return pick(seconds / 60, "m");
  return pick(seconds / 3600, "h");
}

/** 0.8123 -> `81.2%` (one decimal; two below 1%). */
export function shareText(x: number): string {
  const pct = x * 100;
  return `${Number(pct.toFixed(pct < 1 ? 2 : 1))}%`;
}

/** 1234567 -> `1,234,567`. */
export const count = (n: number) => Math.round(n).toLocaleString("en-US");

/** A weight with 4 significant digits, for profile tables. */
export const weightText = (w: number) => String(Number(w.toPrecision(4)));

/** Seconds since 1970 -> `2026-11-03 09:15 UTC`. */
export function utcText(t: number): string {
  if (!Number.isFinite(t)) return "?";
  return `${new Date(Math.round(t) * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
