/**
 * Sweep charts: one headline metric against the variants of a sweep, the mean as a line with
 * points and its 95% confidence interval as dashed lines above and below. Variants are
 * categories on the x axis (their values may be distributions, not numbers), in grid order.
 */
import type { SweepRow } from "../sweep-report.ts";
import { seriesColour } from "./palette.ts";
import { renderChart } from "./render-chart.ts";

/** Metrics drawn for a sweep, with their axis titles (units in brackets). */
export const SWEEP_CHARTS: ReadonlyArray<readonly [metric: string, title: string]> = [
  ["login.p95", "login latency p95 [s]"],
  ["loginSystem.p95", "login latency p95 without typing [s]"],
  ["idp.tokenRate.peak", "peak token issuance [tokens/s]"],
  ["tokens.renewal", "renewal tokens issued [count]"],
];

const label = (row: SweepRow) =>
  Object.entries(row.values)
    .map(([path, value]) => `${path.split(".").pop()}=${value}`)
    .join(", ");

/** PNGs keyed by file name (`sweep-<metric>.png`); metrics no variant measured are skipped. */
export async function renderSweepCharts(
  scenarioName: string,
  rows: readonly SweepRow[],
): Promise<Map<string, Uint8Array>> {
  const charts = new Map<string, Uint8Array>();
  const labels = rows.map(label);
  for (const [metric, yTitle] of SWEEP_CHARTS) {
    const stats = rows.map((r) => r.metrics[metric]);
    if (stats.every((m) => m === undefined || m.mean === null)) continue;
    const pick = (f: (m: NonNullable<(typeof stats)[number]>) => number | null) =>
      stats.map((m) => (m === undefined ? null : f(m)));
    const colour = seriesColour(0);
    const png = await renderChart({
      type: "line",
      data: {
        labels,
        datasets: [
          {
            label: "mean over replications",
            data: pick((m) => m.mean),
            borderColor: colour,
            backgroundColor: colour,
            pointRadius: 5,
          },
          {
            label: "95% CI",
            data: pick((m) => m.high),
            borderColor: `${colour}88`,
            borderDash: [6, 4],
            pointRadius: 0,
            borderWidth: 1,
          },
          {
            label: "95% CI (low)",
            data: pick((m) => m.low),
            borderColor: `${colour}88`,
            borderDash: [6, 4],
            pointRadius: 0,
            borderWidth: 1,
          },
        ],
      },
      options: {
        plugins: {
          title: { display: true, text: `${scenarioName}: ${metric} across the sweep` },
          subtitle: {
            display: true,
            text: "same seed for every variant (common random numbers); dashed: 95% confidence interval",
          },
          legend: { labels: { filter: (item) => item.text !== "95% CI (low)" } },
        },
        scales: {
          x: { title: { display: true, text: "variant" } },
          y: { title: { display: true, text: yTitle }, beginAtZero: true },
        },
      },
    });
    charts.set(`sweep-${metric.replace(/[^A-Za-z0-9]+/g, "-")}.png`, png);
  }
  return charts;
}
