/**
 * The frame shared by every chart over simulated time: title block, legend above the plot, the
 * UTC clock axis, warm-up and fault windows shaded, thin lines without point markers (a day in
 * 5-minute bins is 288 points per line; markers would turn it into a smear).
 */
import {
  axisTitle,
  type ChartInput,
  LEGEND,
  type LineChartConfig,
  titleBlock,
  type XY,
} from "./chart-input.ts";
import { translucent } from "./palette.ts";
import type { LineDataset } from "./reference-lines.ts";
import { timeAxis } from "./time-axis.ts";
import { timeWindowPlugin } from "./time-window-plugin.ts";
import type { TimeWindow } from "./time-windows.ts";

export interface TimeSeriesChartParts {
  readonly title: string;
  /** Appended to the subtitle: how to read the chart. */
  readonly note?: string;
  readonly datasets: LineDataset[];
  /** y axis title with its unit. */
  readonly yTitle: string;
  readonly yMin?: number;
  readonly yMax?: number;
  /** Distance between y ticks; chart.js picks one when omitted. */
  readonly yStep?: number;
  /** Tick label suffix, e.g. "%". */
  readonly yUnit?: string;
  /** Datasets with `fill` are stacked on each other. */
  readonly stacked?: boolean;
  readonly windows: readonly TimeWindow[];
  /** Part of the run to show [s of simulated time]; all of it when omitted. */
  readonly span?: { min: number; max: number };
}

/** One data series: a line (solid unless `dash`), or a filled translucent area when `area`. */
export function seriesDataset(
  label: string,
  data: XY[],
  colour: string,
  area = false,
  dash: number[] = [],
): LineDataset {
  return {
    label,
    data,
    borderColor: colour,
    borderDash: dash,
    backgroundColor: area ? translucent(colour, 0.6) : colour,
    borderWidth: area ? 1.5 : 2,
    pointRadius: 0,
    // The legend draws this style: a line sample for lines, a swatch for areas.
    pointStyle: area ? "rect" : "line",
    fill: area ? "stack" : false,
  };
}

export function timeSeriesChart(input: ChartInput, parts: TimeSeriesChartParts): LineChartConfig {
  const unit = parts.yUnit ?? "";
  return {
    type: "line",
    data: { datasets: parts.datasets },
    options: {
      normalized: true,
      spanGaps: false,
      layout: { padding: { left: 8, right: 16, top: 4, bottom: 4 } },
      plugins: {
        ...titleBlock(input, parts.title, parts.note),
        legend: LEGEND,
        tooltip: { enabled: false },
        timeWindows: { windows: parts.windows, shade: parts.stacked ? "behind" : "front" },
      },
      scales: {
        x: timeAxis(input.result.series, parts.span),
        y: {
          type: "linear",
          stacked: parts.stacked ?? false,
          beginAtZero: true,
          min: parts.yMin,
          max: parts.yMax,
          // Headroom so a peak is not drawn on the plot's top edge.
          grace: parts.yMax === undefined ? "5%" : 0,
          title: axisTitle(parts.yTitle),
          ticks: {
            font: { size: 12 },
            stepSize: parts.yStep,
            callback: (value) => `${formatTick(Number(value))}${unit}`,
          },
        },
      },
    },
    plugins: [timeWindowPlugin],
  };
}

/** Tick numbers without float noise (0.30000000000000004) and with thousands separated. */
export function formatTick(value: number): string {
  const rounded = Number(value.toPrecision(6));
  return rounded.toLocaleString("en-US", { maximumFractionDigits: 4 });
}
