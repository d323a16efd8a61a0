/**
 * Chart: utilisation of each datacenter's WFE cluster (busy servers ÷ servers) in percent, with
 * the 100% capacity line and any `wfe.utilisation` objectives, so headroom reads straight off the
 * picture. Above 100% cannot happen; at 100% requests queue, which is why the line matters.
 */
import type { ChartInput, LineChartConfig } from "./chart-input.ts";
import { CAPACITY_COLOUR, SLO_COLOUR, seriesColour, seriesDash } from "./palette.ts";
import { horizontalLine, type LineDataset, sloLabel, slosMatching } from "./reference-lines.ts";
import { binMidpoints, column, finiteMax, timeSpan, toPoints } from "./series.ts";
import { seriesDataset, timeSeriesChart } from "./time-series-chart.ts";
import { timeWindows } from "./time-windows.ts";

const isUtilisationSlo = (metric: string) => metric.startsWith("wfe.utilisation.");

export function wfeUtilisation(input: ChartInput): LineChartConfig | null {
  const { series } = input.result;
  const x = binMidpoints(series);
  if (!x) return null;
  const datasets: LineDataset[] = [];
  const columns: (readonly number[])[] = [];
  input.scenario.datacenters.forEach((dc, i) => {
    const utilisation = column(series, `wfe.${dc.name}.utilisation`);
    if (!utilisation) return;
    columns.push(utilisation);
    datasets.push(
      seriesDataset(dc.name, toPoints(x, utilisation, 100), seriesColour(i), false, seriesDash(i)),
    );
  });
  if (datasets.length === 0) return null;
  const span = timeSpan(series);
  datasets.push(horizontalLine("capacity (100%)", 100, span, CAPACITY_COLOUR, [2, 0]));
  for (const slo of slosMatching(input.scenario, isUtilisationSlo)) {
    const colour = slo.scopeIndex >= 0 ? seriesColour(slo.scopeIndex) : SLO_COLOUR;
    datasets.push(horizontalLine(sloLabel(slo), slo.threshold * 100, span, colour));
  }
  // Room above the capacity line so it is not drawn on the plot's top edge.
  const yMax = Math.max(110, Math.ceil((finiteMax(columns) * 100) / 10) * 10 + 10);
  return timeSeriesChart(input, {
    title: "WFE utilisation per datacenter",
    note: `busy servers ÷ servers, mean per ${series.binWidth} s bin`,
    datasets,
    yTitle: "WFE utilisation [%]",
    yMin: 0,
    yMax,
    yUnit: "%",
    yStep: 10,
    windows: timeWindows(input.scenario),
  });
}
