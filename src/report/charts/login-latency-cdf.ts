/**
 * Chart: the distribution of login latency per user base (or per datacenter) as cumulative
 * curves on a log-scale latency axis: far users' curves sit to the right, and the tail (the top
 * of each curve) shows who waits longest. The scenario's login latency SLOs are vertical lines.
 */
import type { ChartInput, LineChartConfig } from "./chart-input.ts";
import { axisTitle, LEGEND, titleBlock } from "./chart-input.ts";
import { cdfPoints, type LatencyDistribution } from "./latency-cdf.ts";
import type { LoginLatencyKind } from "./login-latency-over-time.ts";
import { SLO_COLOUR, seriesColour, seriesDash } from "./palette.ts";
import { type LineDataset, sloLabel, slosMatching, verticalLine } from "./reference-lines.ts";
import { formatTick } from "./time-series-chart.ts";

export type CdfGrouping = "userBase" | "datacenter";

/** One distribution per user base or datacenter: its reported quantiles, and its summary as fallback. */
export function loginDistributions(
  input: ChartInput,
  by: CdfGrouping,
  kind: LoginLatencyKind = "login",
): LatencyDistribution[] {
  const rows = by === "userBase" ? input.result.userBases : input.result.datacenters;
  return rows.map((row) =>
    kind === "login"
      ? { label: row.name, summary: row.login, points: row.loginCdf }
      : { label: row.name, summary: row.loginSystem, points: row.loginSystemCdf },
  );
}

/** Log-axis labels only at 1, 2 and 5 × 10^k: every minor tick labelled would overlap. */
function logTickLabel(value: number | string): string {
  const v = Number(value);
  const mantissa = v / 10 ** Math.floor(Math.log10(v) + 1e-9);
  return [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6) ? formatTick(v) : "";
}

const latencySlo = (kind: LoginLatencyKind) => (metric: string) =>
  new RegExp(`^${kind}\\.(p\\d+|max|mean)$`).test(metric);

export function loginLatencyCdf(
  input: ChartInput,
  by: CdfGrouping = "userBase",
  kind: LoginLatencyKind = "login",
): LineChartConfig | null {
  const datasets: LineDataset[] = [];
  let fromSummaries = false;
  loginDistributions(input, by, kind).forEach((d, i) => {
    const points = cdfPoints(d);
    if (points.length < 2) return;
    const summaryBased = !d.points || d.points.length === 0;
    fromSummaries ||= summaryBased;
    datasets.push({
      label: d.label,
      data: points.map((p) => ({ x: p.latency, y: p.share * 100 })),
      borderColor: seriesColour(i),
      backgroundColor: seriesColour(i),
      borderDash: seriesDash(i),
      borderWidth: 2,
      // Markers show where the data is; between them the line is interpolation.
      pointRadius: summaryBased ? 3 : 0,
      fill: false,
    });
  });
  if (datasets.length === 0) return null;
  // A scoped objective (login.p99@germany) takes its group's colour; a global one the SLO colour.
  const colours = new Map(datasets.map((d) => [d.label, String(d.borderColor)]));
  for (const slo of slosMatching(input.scenario, latencySlo(kind))) {
    const colour = slo.scope === null ? SLO_COLOUR : colours.get(slo.scope);
    if (colour) datasets.push(verticalLine(sloLabel(slo), slo.threshold, 0, 100, colour));
  }
  const grouping = by === "userBase" ? "per user base" : "per datacenter";
  const note = fromSummaries
    ? `${grouping}; built from percentiles min, p50, p90, p95, p99, p99.9, max (markers), straight lines between`
    : grouping;
  return {
    type: "line",
    data: { datasets },
    options: {
      layout: { padding: { left: 8, right: 16, top: 4, bottom: 4 } },
      plugins: {
        ...titleBlock(
          input,
          kind === "login"
            ? "Login latency distribution (CDF)"
            : "Login latency without typing, distribution (CDF)",
          note,
        ),
        // Line samples, not the circle markers: a dashed circle (series 13+) is unreadable.
        legend: { ...LEGEND, labels: { ...LEGEND.labels, pointStyle: "line" } },
        tooltip: { enabled: false },
      },
      scales: {
        x: {
          type: "logarithmic",
          title: axisTitle(`login latency${kind === "login" ? "" : " without typing"} [s], log scale`),
          ticks: { font: { size: 12 }, maxRotation: 0, autoSkip: false, callback: logTickLabel },
        },
        y: {
          type: "linear",
          min: 0,
          max: 100,
          title: axisTitle("logins at or below this latency [%]"),
          ticks: { font: { size: 12 }, callback: (v) => `${v}%` },
        },
      },
    },
  };
}
