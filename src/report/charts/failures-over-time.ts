/**
 * Chart: failed attempts per second over time, stacked by cause (connect timeouts, rejections at
 * a full queue, throttling, outages, ...), so the reader sees when failures happen and why, not
 * only how many the table counts. Causes that never occurred are left out of the legend; a run
 * without a single failure draws no chart.
 */
import { FAILURE_CAUSES } from "../../model/index.ts";
import type { ChartInput, LineChartConfig } from "./chart-input.ts";
import { seriesColour } from "./palette.ts";
import type { LineDataset } from "./reference-lines.ts";
import { binMidpoints, column, toPoints } from "./series.ts";
import { seriesDataset, timeSeriesChart } from "./time-series-chart.ts";
import { timeWindows } from "./time-windows.ts";

export function failuresOverTime(input: ChartInput): LineChartConfig | null {
  const { series } = input.result;
  const x = binMidpoints(series);
  if (!x) return null;
  const datasets: LineDataset[] = [];
  FAILURE_CAUSES.forEach((cause, i) => {
    const counts = column(series, `failures.${cause}`);
    if (!counts?.some((n) => n > 0)) return;
    const rate = counts.map((n) => n / series.binWidth);
    datasets.push(seriesDataset(cause, toPoints(x, rate), seriesColour(i), true));
  });
  if (datasets.length === 0) return null;
  return timeSeriesChart(input, {
    title: "Failures over time by cause",
    note: `stacked: the top edge is every failed attempt (logins, renewals, API calls); per ${series.binWidth} s bin`,
    datasets,
    yTitle: "failed attempts [per s]",
    stacked: true,
    windows: timeWindows(input.scenario),
  });
}
