/**
 * Chart: login latency percentiles (p50, p95, p99) per time bin, with the scenario's login
 * latency SLOs as dashed lines, so a reader sees when in the day (or in a fault) the tail breaks
 * the objective. The SLO is judged over the whole measured run; the line is a yardstick. Drawn
 * twice: with the user's typing (`login`) and without it (`loginSystem`, the latency the system
 * is responsible for, where a saturated WFE shows).
 */
import type { ChartInput, LineChartConfig } from "./chart-input.ts";
import { SLO_COLOUR } from "./palette.ts";
import { horizontalLine, type LineDataset, sloLabel, slosMatching } from "./reference-lines.ts";
import { binMidpoints, column, finiteMax, finiteQuantile, timeSpan, toPoints } from "./series.ts";
import { formatWeekTime } from "./time-axis.ts";
import { seriesDataset, timeSeriesChart } from "./time-series-chart.ts";
import { timeWindows } from "./time-windows.ts";

const PERCENTILES = [
  { key: "p50", label: "p50 (median)", colour: "#0072B2" },
  { key: "p95", label: "p95", colour: "#009E73" },
  { key: "p99", label: "p99", colour: "#D55E00" },
] as const;

export type LoginLatencyKind = "login" | "loginSystem";

/** Whole-population latency objectives (`login.p95 < 3s`); scoped ones judge one user base. */
const latencySlo = (kind: LoginLatencyKind) => (metric: string) =>
  new RegExp(`^${kind}\\.(p\\d+|max|mean)$`).test(metric);

/**
 * The y-axis top [s], or undefined to fit everything. A spike in a handful of bins (a failover's
 * timeouts reach 30 s) would otherwise squash a day of normal latency into the bottom strip;
 * when under 1% of bins reach that high, the axis stops above the rest and the subtitle says so.
 */
export function latencyAxisTop(columns: readonly (readonly number[])[], thresholds: readonly number[]) {
  const usual = Math.max(finiteQuantile(columns, 0.99), ...thresholds) * 1.25;
  return finiteMax(columns) > usual * 1.5 ? Math.ceil(usual) : undefined;
}

export function loginLatencyOverTime(
  input: ChartInput,
  kind: LoginLatencyKind = "login",
): LineChartConfig | null {
  const { series } = input.result;
  const x = binMidpoints(series);
  if (!x) return null;
  const datasets: LineDataset[] = [];
  const columns: { label: string; values: readonly number[] }[] = [];
  for (const p of PERCENTILES) {
    const values = column(series, `${kind}.${p.key}`);
    if (!values) continue;
    columns.push({ label: p.label, values });
    datasets.push(seriesDataset(p.label, toPoints(x, values), p.colour));
  }
  if (datasets.length === 0) return null;
  const span = timeSpan(series);
  const slos = slosMatching(input.scenario, latencySlo(kind)).filter((slo) => slo.scope === null);
  for (const slo of slos) datasets.push(horizontalLine(sloLabel(slo), slo.threshold, span, SLO_COLOUR));
  const yMax = latencyAxisTop(
    columns.map((c) => c.values),
    slos.map((s) => s.threshold),
  );
  const typing = kind === "login" ? "user typing included" : "without the user's typing and MFA";
  let note = `per ${series.binWidth} s bin, ${typing}; gaps: no login completed in the bin`;
  if (yMax !== undefined) {
    const top = columns.reduce((a, b) => (finiteMax([b.values]) > finiteMax([a.values]) ? b : a));
    const k = top.values.indexOf(finiteMax([top.values]));
    const when = formatWeekTime(series.startWeekSecond + x[k]);
    note += `; off scale: ${top.label} up to ${top.values[k].toFixed(1)} s at ${when}`;
  }
  return timeSeriesChart(input, {
    title:
      kind === "login"
        ? "Login latency percentiles over time"
        : "Login latency without typing, percentiles over time",
    note,
    datasets,
    yTitle: kind === "login" ? "login latency [s]" : "login latency without typing [s]",
    yMax,
    windows: timeWindows(input.scenario),
  });
}
