/**
 * The one place charts touch pixels: a chart.js configuration drawn on an @napi-rs/canvas canvas
 * (a Skia binary shipped inside the npm package, so no system Cairo as node-canvas needs) and
 * encoded as PNG. Fixed size, device pixel ratio 1, no animation, white background, a named
 * installed font: the same configuration gives the same bytes on the same machine.
 */
import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import {
  Chart,
  type ChartConfiguration,
  type ChartItem,
  type ChartType,
  type Plugin,
  registerables,
} from "chart.js";

export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 600;

/**
 * Sans-serif families tried in order. @napi-rs/canvas bundles no font; it finds the system's.
 * Naming one exactly (instead of CSS `sans-serif`) keeps the choice from depending on
 * fontconfig's fallback order.
 */
const PREFERRED_FONTS = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "FreeSans"];

/** The font family charts use: the first preferred family installed, else `sans-serif`. */
export function chartFontFamily(): string {
  const installed = new Set(GlobalFonts.families.map((f) => f.family));
  return PREFERRED_FONTS.find((f) => installed.has(f)) ?? "sans-serif";
}

let chartJsReady = false;

/**
 * chart.js keeps controllers and defaults in module state; set them once. The defaults are the
 * only way to change the font family everywhere (a chart's root `options.font` is not consulted
 * by titles, legends or ticks).
 */
function prepareChartJs(): void {
  if (chartJsReady) return;
  Chart.register(...registerables);
  Chart.defaults.font.family = chartFontFamily();
  Chart.defaults.font.size = 13;
  Chart.defaults.color = "#222222";
  chartJsReady = true;
}

/** Fills the canvas white beneath everything chart.js draws (PNG would otherwise be transparent). */
const whiteBackground: Plugin = {
  id: "whiteBackground",
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = "destination-over";
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

export interface RenderOptions {
  /** [px] */
  readonly width?: number;
  readonly height?: number;
}

/** Draws the configuration and returns the PNG bytes. */
export async function renderChart<T extends ChartType>(
  config: ChartConfiguration<T>,
  options: RenderOptions = {},
): Promise<Uint8Array> {
  prepareChartJs();
  const canvas = createCanvas(options.width ?? CHART_WIDTH, options.height ?? CHART_HEIGHT);
  // Fixed text language: the default follows the host's and can change shaping (see setTextRenderer docs).
  canvas.getContext("2d").lang = "en";
  const chart = new Chart(
    canvas as unknown as ChartItem,
    {
      ...config,
      options: {
        ...config.options,
        responsive: false,
        animation: false,
        devicePixelRatio: 1,
      },
      plugins: [whiteBackground as Plugin<T>, ...(config.plugins ?? [])],
    } as ChartConfiguration<T>,
  );
  try {
    const png = await canvas.encode("png");
    return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
  } finally {
    chart.destroy();
  }
}
