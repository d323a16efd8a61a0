/**
 * Chart: where new sign-ins go while a datacenter is down: each datacenter's share of the
 * connections started per bin, stacked to 100%, the outage shaded. The lag between the shaded
 * edge and the shift is Traffic Manager's detection plus DNS caching. Drawn only for scenarios
 * with a datacenterOutage, and zoomed on the outages: over a day, a 30-minute failover would be
 * a few pixels wide.
 */
import type { RunResult } from "../../model/index.ts";
import type { ChartInput, LineChartConfig } from "./chart-input.ts";
import { seriesColour } from "./palette.ts";
import type { LineDataset } from "./reference-lines.ts";
import { binMidpoints, column, timeSpan } from "./series.ts";
import { seriesDataset, timeSeriesChart } from "./time-series-chart.ts";
import { timeWindows } from "./time-windows.ts";

/** Bins shown before and after the outages, at least; more for long outages. */
const MARGIN_BINS = 10;

/** The outages plus half their extent (at least MARGIN_BINS bins) either side, within the run. */
export function failoverSpan(input: ChartInput): { min: number; max: number } | null {
  const outages = input.scenario.faults.filter((f) => f.type === "datacenterOutage");
  if (outages.length === 0) return null;
  const start = Math.min(...outages.map((f) => f.start));
  const end = Math.max(...outages.map((f) => f.end));
  const { series } = input.result;
  const margin = Math.max(MARGIN_BINS * series.binWidth, (end - start) / 2);
  const run = timeSpan(series);
  return { min: Math.max(run.min, start - margin), max: Math.min(run.max, end + margin) };
}

const moved = (share: string, s: number | null) =>
  s === null ? `${share} not reached` : `${share} moved after ${Math.round(s)} s`;

/** "weu down: 90% moved after 95 s, 99% not reached" (of new logins, to healthy datacenters). */
function failoverNote(result: RunResult): string {
  const parts = result.failovers.map(
    (f) => `${f.datacenter} down: ${moved("90%", f.to90)}, ${moved("99%", f.to99)}`,
  );
  return parts.length > 0 ? parts.join("; ") : "share of connections started per bin";
}

export function failover(input: ChartInput): LineChartConfig | null {
  const span = failoverSpan(input);
  const { series } = input.result;
  const x = binMidpoints(series);
  if (!span || !x) return null;
  const counts = input.scenario.datacenters
    .map((dc, i) => ({ dc, i, values: column(series, `newLogins.${dc.name}`) }))
    .filter((c): c is typeof c & { values: readonly number[] } => c.values !== null);
  if (counts.length === 0) return null;
  // Rows inside the span, plus one either side so the areas reach the plot's edges.
  const rows = x
    .map((_, r) => r)
    .filter((r) => (r === x.length - 1 || x[r + 1] >= span.min) && (r === 0 || x[r - 1] <= span.max));
  const totals = rows.map((r) =>
    counts.reduce((sum, c) => sum + (Number.isFinite(c.values[r]) ? c.values[r] : 0), 0),
  );
  const datasets: LineDataset[] = counts.map((c) =>
    seriesDataset(
      c.dc.name,
      rows.map((r, k) => ({ x: x[r], y: totals[k] > 0 ? (100 * c.values[r]) / totals[k] : Number.NaN })),
      seriesColour(c.i),
      true,
    ),
  );
  return timeSeriesChart(input, {
    title: "Failover: share of new logins per datacenter",
    note: failoverNote(input.result),
    datasets,
    yTitle: "share of new logins [%]",
    yMin: 0,
    yMax: 100,
    yUnit: "%",
    yStep: 10,
    stacked: true,
    span,
    windows: timeWindows(input.scenario, ["datacenterOutage"]),
  });
}
