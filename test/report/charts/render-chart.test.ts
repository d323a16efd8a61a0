// The renderer's promises: a PNG of the fixed size, a white (not transparent) background, text
// that actually shows, and the same bytes for the same configuration.
import { createCanvas, loadImage } from "@napi-rs/canvas";
import type { ChartConfiguration } from "chart.js";
import { describe, expect, it } from "vitest";
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  chartFontFamily,
  renderChart,
} from "../../../src/report/charts/render-chart.ts";
import { isPng, pngSize } from "./png.ts";

const config = (): ChartConfiguration<"line"> => ({
  type: "line",
  data: {
    datasets: [
      {
        label: "rate",
        data: [
          { x: 0, y: 1 },
          { x: 60, y: 3 },
          { x: 120, y: 2 },
        ],
      },
    ],
  },
  options: {
    plugins: { title: { display: true, text: "A TITLE IN BOLD TYPE", font: { size: 24, weight: "bold" } } },
    scales: { x: { type: "linear" } },
  },
});

/** RGBA pixels of a PNG. */
async function pixels(png: Uint8Array) {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  return ctx.getImageData(0, 0, image.width, image.height);
}

describe("renderChart", () => {
  it("returns a PNG of the fixed size", async () => {
    const png = await renderChart(config());
    expect(isPng(png)).toBe(true);
    expect(pngSize(png)).toEqual({ chunk: "IHDR", width: CHART_WIDTH, height: CHART_HEIGHT });
  });

  it("honours a requested size", async () => {
    const png = await renderChart(config(), { width: 640, height: 360 });
    expect(pngSize(png)).toMatchObject({ width: 640, height: 360 });
  });

  it("is deterministic: the same configuration gives the same bytes", async () => {
    const a = await renderChart(config());
    const b = await renderChart(config());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("paints an opaque white background", async () => {
    const { data } = await pixels(await renderChart(config()));
    // Top-left corner: outside the plot, nothing but background.
    expect([...data.slice(0, 4)]).toEqual([255, 255, 255, 255]);
  });

  it("draws the title's text (a usable font was found)", async () => {
    const { data, width } = await pixels(await renderChart(config()));
    // Dark pixels in the band where the centred title sits.
    let dark = 0;
    for (let y = 5; y < 40; y++) {
      for (let x = width / 4; x < (3 * width) / 4; x++) {
        const i = (y * width + x) * 4;
        if (data[i] < 128 && data[i + 1] < 128 && data[i + 2] < 128) dark++;
      }
    }
    expect(dark).toBeGreaterThan(200);
  });

  it("names an installed font family when there is one", () => {
    expect(typeof chartFontFamily()).toBe("string");
    expect(chartFontFamily().length).toBeGreaterThan(0);
  });
});
