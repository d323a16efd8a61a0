/**
 * Chart: requests per second arriving at each datacenter's web front ends, one line per
 * datacenter, with any `wfe.requestRate.peak` objectives. Shows the working day moving round the
 * globe and, in a failover, the healthy datacenter taking the failed one's load.
 */
import type { ChartInput, LineChartConfig } from "./chart-input.ts";
import { SLO_COLOUR, seriesColour, seriesDash } from "./palette.ts";
import { horizontalLine, type LineDataset, sloLabel, slosMatching } from "./reference-lines.ts";
import { binMidpoints, column, timeSpan, toPoints } from "./series.ts";
import { seriesDataset, timeSeriesChart } from "./time-series-chart.ts";
import { timeWindows } from "./time-windows.ts";

export function wfeLoad(input: ChartInput): LineChartConfig | null {
  const { series } = input.result;
  const x = binMidpoints(series);
  if (!x) return null;
  const datasets: LineDataset[] = [];
  input.scenario.datacenters.forEach((dc, i) => {
    const rate = column(series, `wfe.${dc.name}.rate`);
    if (rate) datasets.push(seriesDataset(dc.name, toPoints(x, rate), seriesColour(i), false, seriesDash(i)));
  });
  if (datasets.length === 0) return null;
  const span = timeSpan(series);
  for (const slo of slosMatching(input.scenario, (m) => m === "wfe.requestRate.peak")) {
    const colour = slo.scopeIndex >= 0 ? seriesColour(slo.scopeIndex) : SLO_COLOUR;
    datasets.push(horizontalLine(sloLabel(slo), slo.threshold, span, colour));
  }
  return timeSeriesChart(input, {
    title: "WFE load per datacenter",
    note: `requests arriving at the web front ends, mean per ${series.binWidth} s bin`,
    datasets,
    yTitle: "WFE requests [requests/s]",
    windows: timeWindows(input.scenario),
  });
}
