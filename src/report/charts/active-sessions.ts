/**
 * Chart: active sessions per user base over simulated time: the diurnal wave as the working day
 * moves round the globe. Each legend entry carries the user base's UTC offset, so a peak at
 * 08:00 UTC can be read as "mid-morning local" without a second axis.
 */
import type { ChartInput, LineChartConfig } from "./chart-input.ts";
import { seriesColour, seriesDash } from "./palette.ts";
import type { LineDataset } from "./reference-lines.ts";
import { binMidpoints, column, toPoints } from "./series.ts";
import { seriesDataset, timeSeriesChart } from "./time-series-chart.ts";
import { timeWindows } from "./time-windows.ts";

/** "UTC+5:30" for an offset [s]. */
export function formatUtcOffset(offset: number): string {
  const sign = offset < 0 ? "−" : "+";
  const minutes = Math.round(Math.abs(offset) / 60);
  const hh = Math.floor(minutes / 60);
  const mm = minutes % 60;
  return `UTC${sign}${hh}${mm === 0 ? "" : `:${String(mm).padStart(2, "0")}`}`;
}

export function activeSessions(input: ChartInput): LineChartConfig | null {
  const { series } = input.result;
  const x = binMidpoints(series);
  if (!x) return null;
  const datasets: LineDataset[] = [];
  input.scenario.userBases.forEach((ub, i) => {
    const active = column(series, `sessions.${ub.name}.active`);
    if (!active) return;
    const label = `${ub.name} (${formatUtcOffset(ub.timeZone.utcOffset)})`;
    datasets.push(seriesDataset(label, toPoints(x, active), seriesColour(i), false, seriesDash(i)));
  });
  if (datasets.length === 0) return null;
  return timeSeriesChart(input, {
    title: "Active sessions per user base",
    note: `mean per ${series.binWidth} s bin; legend: user base (local time offset)`,
    datasets,
    yTitle: "active sessions [sessions]",
    windows: timeWindows(input.scenario),
  });
}
