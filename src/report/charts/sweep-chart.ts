/**
 * Sweep charts: one headline metric against the variants of a sweep, the mean as a line with
 * points and its 95% confidence interval as dashed lines above and below, in the metric's unit
 * (latencies in ms, shares in %, failover times in s). Where one value is varied and every value
 * is a number (30s, 5m, 50%, 3), the x axis is numeric at those values, so 0 s, 30 s and 300 s
 * sit where they belong; otherwise the variants are categories in grid order. A sweep over a
 * scenario with faults gets its failover times (detection, 90%, 99%) charted too.
 */
import type { ChartConfiguration } from "chart.js";
import type { SweepRow } from "../sweep-report.ts";
import { seriesColour } from "./palette.ts";
import { renderChart } from "./render-chart.ts";
import { formatTick } from "./time-series-chart.ts";

interface SweepMetric {
  readonly metric: string;
  readonly title: string;
  /** Values are multiplied by this before drawing (1000: s -> ms; 100: fraction -> %). */
  readonly scale: number;
  /** After each tick label ("%" or ""). */
  readonly tickUnit: string;
}

/** Metrics drawn for a sweep, with their axis titles (units in brackets). */
export const SWEEP_CHARTS: readonly SweepMetric[] = [
  { metric: "login.p95", title: "login latency p95 [ms]", scale: 1000, tickUnit: "" },
  { metric: "loginSystem.p95", title: "login latency p95 without typing [ms]", scale: 1000, tickUnit: "" },
  { metric: "login.failureRate", title: "logins failed [%]", scale: 100, tickUnit: "%" },
  { metric: "idp.tokenRate.peak", title: "peak token issuance [tokens/s]", scale: 1, tickUnit: "" },
  { metric: "tokens.renewal", title: "renewal tokens issued [count]", scale: 1, tickUnit: "" },
];

const FAILOVER_TITLES: ReadonlyArray<readonly [string, string]> = [
  ["failover.detection@", "until Traffic Manager marks it Degraded"],
  ["failover.to90@", "until 90% of new logins reach healthy datacenters"],
  ["failover.to99@", "until 99% of new logins reach healthy datacenters"],
];

/** The failover metrics the rows carry (one per fault and measure), in a fixed order. */
export function failoverCharts(rows: readonly SweepRow[]): SweepMetric[] {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.metrics)))].sort();
  return FAILOVER_TITLES.flatMap(([prefix, what]) =>
    names
      .filter((n) => n.startsWith(prefix))
      .map((metric) => ({
        metric,
        title: `${metric.slice(metric.indexOf("@") + 1)} failover: seconds ${what} [s]`,
        scale: 1,
        tickUnit: "",
      })),
  );
}

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 0.001,
  s: 1,
  m: 60,
  min: 60,
  h: 3600,
  d: 86400,
};

/**
 * The varied values as numbers on one axis, with its unit: plain numbers, durations (to
 * seconds) or percentages; null when they are not all of one such kind, or more than one value
 * is varied.
 */
export function numericAxis(
  rows: readonly SweepRow[],
): { values: number[]; unit: string; path: string } | null {
  const paths = rows.length > 0 ? Object.keys(rows[0].values) : [];
  if (paths.length !== 1) return null;
  const path = paths[0];
  const parsed = rows.map((r) =>
    /^\s*(-?\d+(?:\.\d+)?)\s*(ms|s|min|m|h|d|%)?\s*$/.exec(r.values[path] ?? ""),
  );
  if (parsed.some((m) => m === null)) return null;
  const units = new Set(parsed.map((m) => m?.[2] ?? ""));
  const kind = (u: string) => (u === "" ? "number" : u === "%" ? "share" : "duration");
  const kinds = new Set([...units].map(kind));
  if (kinds.size !== 1) return null;
  const only = [...kinds][0];
  const values = parsed.map(
    (m) => Number(m?.[1]) * (only === "duration" ? DURATION_UNITS[m?.[2] ?? "s"] : 1),
  );
  return { values, unit: only === "duration" ? "s" : only === "share" ? "%" : "", path };
}

const label = (row: SweepRow) =>
  Object.entries(row.values)
    .map(([path, value]) => `${path.split(".").pop()}=${value}`)
    .join(", ");

type Point = { x: number; y: number | null };

/** The chart.js configuration of one metric across the sweep, or null when no variant measured it. */
export function sweepChartConfig(
  scenarioName: string,
  rows: readonly SweepRow[],
  m: SweepMetric,
): ChartConfiguration<"line", (number | null | Point)[], string> | null {
  const stats = rows.map((r) => r.metrics[m.metric]);
  if (stats.every((s) => s === undefined || s.mean === null)) return null;
  const pick = (f: (s: NonNullable<(typeof stats)[number]>) => number | null) =>
    stats.map((s) => {
      const v = s === undefined ? null : f(s);
      return v === null ? null : v * m.scale;
    });
  const axis = numericAxis(rows);
  const data = (ys: (number | null)[]) =>
    axis ? ys.map((y, i) => ({ x: axis.values[i], y })).sort((a, b) => a.x - b.x) : ys;
  const colour = seriesColour(0);
  // Drawn in the legend as a dashed line sample, like the data.
  const band = {
    borderColor: `${colour}88`,
    backgroundColor: `${colour}88`,
    borderDash: [6, 4],
    pointRadius: 0,
    borderWidth: 1,
    pointStyle: "line" as const,
  };
  const xTitle = axis ? `${axis.path}${axis.unit ? ` [${axis.unit}]` : ""}` : "variant";
  return {
    type: "line",
    data: {
      labels: axis ? undefined : rows.map(label),
      datasets: [
        {
          label: "mean over replications",
          data: data(pick((s) => s.mean)),
          borderColor: colour,
          backgroundColor: colour,
          pointRadius: 5,
        },
        { label: "95% CI", data: data(pick((s) => s.high)), ...band },
        { label: "95% CI (low)", data: data(pick((s) => s.low)), ...band },
      ],
    },
    options: {
      plugins: {
        title: {
          display: true,
          text: `${scenarioName}: ${m.metric} across the sweep`,
          font: { size: 18, weight: "bold" },
        },
        subtitle: {
          display: true,
          text: `same seed for every variant (common random numbers); dashed: 95% confidence interval${axis ? "; x at the varied values" : ""}`,
        },
        legend: { labels: { usePointStyle: true, filter: (item) => item.text !== "95% CI (low)" } },
      },
      scales: {
        x: axis
          ? {
              type: "linear",
              title: { display: true, text: xTitle },
              ticks: { callback: (v) => `${formatTick(Number(v))}${axis.unit === "%" ? "%" : ""}` },
            }
          : { title: { display: true, text: xTitle } },
        y: {
          title: { display: true, text: m.title },
          beginAtZero: true,
          ticks: { callback: (v) => `${formatTick(Number(v))}${m.tickUnit}` },
        },
      },
    },
  };
}

/** PNGs keyed by file name (`sweep-<metric>.png`); metrics no variant measured are skipped. */
export async function renderSweepCharts(
  scenarioName: string,
  rows: readonly SweepRow[],
): Promise<Map<string, Uint8Array>> {
  const charts = new Map<string, Uint8Array>();
  for (const m of [...SWEEP_CHARTS, ...failoverCharts(rows)]) {
    const config = sweepChartConfig(scenarioName, rows, m);
    if (config) charts.set(`sweep-${m.metric.replace(/[^A-Za-z0-9]+/g, "-")}.png`, await renderChart(config));
  }
  return charts;
}
