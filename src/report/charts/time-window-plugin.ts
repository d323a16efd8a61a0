/**
 * A chart.js plugin that shades time windows (warm-up, faults) across the plot and labels them
 * along its top edge. Over lines the shade is drawn in front, translucent, so it shows however
 * the lines run; under filled areas it goes behind (a tint in front would change the areas'
 * colours and so their legend). Edges and labels are always in front; labels get a white backing
 * and move down a row rather than overlap.
 */
import type { Chart, ChartType, Plugin } from "chart.js";
import { translucent } from "./palette.ts";
import type { TimeWindow } from "./time-windows.ts";

export interface TimeWindowOptions {
  readonly windows: readonly TimeWindow[];
  /** Where the shade goes: "front" for line charts, "behind" for filled areas. */
  readonly shade: "front" | "behind";
}

declare module "chart.js" {
  interface PluginOptionsByType<TType extends ChartType> {
    timeWindows?: TimeWindowOptions;
  }
}

const LABEL_FONT = "12px sans-serif";
const ROW_HEIGHT = 17;

/** The windows' pixel extents within the plot, dropping those outside it. */
function extents(chart: Chart, windows: readonly TimeWindow[]) {
  const x = chart.scales["x"];
  const area = chart.chartArea;
  if (!x) return [];
  return windows.flatMap((w) => {
    const left = Math.max(area.left, x.getPixelForValue(w.start));
    const right = Math.min(area.right, x.getPixelForValue(w.end));
    return right > left ? [{ w, left, right }] : [];
  });
}

function shade(chart: Chart, windows: readonly TimeWindow[], alpha: number): void {
  const { ctx, chartArea: area } = chart;
  ctx.save();
  for (const { w, left, right } of extents(chart, windows)) {
    ctx.fillStyle = translucent(w.colour, alpha);
    ctx.fillRect(left, area.top, right - left, area.bottom - area.top);
  }
  ctx.restore();
}

function edgesAndLabels(chart: Chart, windows: readonly TimeWindow[], fontFamily: string): void {
  const { ctx, chartArea: area } = chart;
  ctx.save();
  ctx.font = LABEL_FONT.replace("sans-serif", fontFamily);
  ctx.textBaseline = "top";
  const rowEnds: number[] = [];
  for (const { w, left, right } of extents(chart, windows)) {
    ctx.strokeStyle = translucent(w.colour, 0.7);
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(left, area.top);
    ctx.lineTo(left, area.bottom);
    ctx.moveTo(right, area.top);
    ctx.lineTo(right, area.bottom);
    ctx.stroke();
    // Label in the first row where it does not run into an earlier label; right-aligned to the
    // plot's edge when it would otherwise be cut off.
    const width = ctx.measureText(w.label).width;
    const textX = Math.min(left + 4, area.right - width - 4);
    let row = rowEnds.findIndex((end) => textX > end + 8);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = textX + width;
    const textY = area.top + 4 + row * ROW_HEIGHT;
    ctx.fillStyle = "rgba(255, 255, 255, 0.85)";
    ctx.fillRect(textX - 2, textY - 2, width + 4, ROW_HEIGHT - 2);
    ctx.fillStyle = w.colour;
    ctx.fillText(w.label, textX, textY);
  }
  ctx.restore();
}

/** The plugin; pass the windows as `options.plugins.timeWindows.windows`. */
export const timeWindowPlugin: Plugin<"line", TimeWindowOptions> = {
  id: "timeWindows",
  beforeDatasetsDraw(chart, _args, options) {
    if (options.shade === "behind") shade(chart as unknown as Chart, options.windows ?? [], 0.2);
  },
  afterDatasetsDraw(chart, _args, options) {
    const c = chart as unknown as Chart;
    if (options.shade === "front") shade(c, options.windows ?? [], 0.12);
    edgesAndLabels(c, options.windows ?? [], String(chart.options.font?.family ?? "sans-serif"));
  },
};
