/**
 * A check's rows as text: one line per figure (observed, model, residual, tolerance, verdict),
 * then each user base's typical weekday hour by hour as two bar rows, observed over model, so
 * a shifted or flattened profile shows at a glance in a terminal.
 */
import type { CheckResult, Residual } from "./residuals.ts";

const BARS = " ▁▂▃▄▅▆▇█";

function value(r: Residual, x: number): string {
  if (r.metric === "dailyActiveUsers" || r.metric.startsWith("sessions") || r.metric.startsWith("starts"))
    return Math.round(x).toLocaleString("en-US");
  if (r.metric.includes("median"))
    return x >= 120 ? `${(x / 60).toFixed(1)} min` : `${(x * 1000).toFixed(0)} ms`;
  return `${(x * 100).toFixed(2)}%`;
}

function residualText(r: Residual): string {
  if (!Number.isFinite(r.residual)) return "∞";
  return r.relative
    ? `${r.residual >= 0 ? "+" : ""}${(r.residual * 100).toFixed(1)}%`
    : `${r.residual >= 0 ? "+" : ""}${(r.residual * 100).toFixed(2)} pt`;
}

function toleranceText(r: Residual): string {
  if (r.tolerance === null) return "(reference)";
  return r.relative ? `±${(r.tolerance * 100).toFixed(1)}%` : `±${(r.tolerance * 100).toFixed(2)} pt`;
}

/** Bars for shares, scaled to the larger of the two rows so both read on one scale. */
export function sparkline(values: readonly number[], max: number): string {
  return values.map((v) => BARS[Math.max(0, Math.min(8, Math.round((v / (max || 1)) * 8)))]).join("");
}

export function formatCheck(result: CheckResult): string[] {
  const header = ["metric", "scope", "observed", "model", "residual", "tolerance", ""];
  const body = result.rows.map((r) => [
    r.metric,
    r.scope,
    value(r, r.observed),
    value(r, r.model),
    residualText(r),
    toleranceText(r),
    r.tolerance === null ? "" : r.pass ? "ok" : "FAIL",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 2 && i <= 5 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  const lines = [line(header), ...body.map(line)];
  for (const h of result.hourly) {
    const max = Math.max(...h.observed, ...h.model);
    lines.push(
      "",
      `${h.userBase}: a typical weekday, local 00-24 h`,
      `  observed ${sparkline(h.observed, max)}`,
      `  model    ${sparkline(h.model, max)}`,
    );
  }
  const failed = result.rows.filter((r) => !r.pass).length;
  lines.push(
    "",
    failed === 0
      ? "check: every residual within its tolerance"
      : `check: ${failed} residual(s) beyond tolerance`,
  );
  return lines;
}
