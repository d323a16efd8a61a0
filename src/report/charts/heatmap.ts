/**
 * A heatmap drawn straight on a canvas (chart.js has no matrix chart): rows × columns of cells,
 * each filled by its value's colour and labelled with up to two lines of text, row and column
 * names on the axes, a title block like every chart's, and a legend of colour steps under it.
 * Used by the routing matrix (user base × datacenter) and the failure matrix (loss × hour).
 */
import { createCanvas } from "@napi-rs/canvas";
import { chartFontFamily } from "./render-chart.ts";

export interface HeatmapLegendStep {
  readonly colour: string;
  readonly label: string;
}

export interface HeatmapSpec {
  readonly title: string;
  readonly subtitle: string;
  readonly rowTitle: string;
  readonly columnTitle: string;
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** Fill of each cell, rows × columns; null: no value (drawn hatched grey). */
  readonly fills: readonly (readonly (string | null)[])[];
  /** Text of each cell, one or two lines. */
  readonly text: readonly (readonly (readonly string[])[])[];
  readonly legendTitle: string;
  readonly legend: readonly HeatmapLegendStep[];
  /** A last line under the legend: how the values were measured. */
  readonly footnote?: string;
}

const WIDTH = 1200;

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function textColourOn(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  return l > 0.32 ? "#1f2328" : "#ffffff";
}

/** Linear blend of two `#rrggbb` colours, t in [0, 1]. */
export function blend(a: string, b: string, t: number): string {
  const pa = Number.parseInt(a.slice(1), 16);
  const pb = Number.parseInt(b.slice(1), 16);
  const c = [16, 8, 0].map((s) => Math.round(((pa >> s) & 255) * (1 - t) + ((pb >> s) & 255) * t));
  return `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

/** ColorBrewer's sequential Blues (9 classes), light to dark. */
export const BLUES = [
  "#f7fbff",
  "#deebf7",
  "#c6dbef",
  "#9ecae1",
  "#6baed6",
  "#4292c6",
  "#2171b5",
  "#08519c",
  "#08306b",
];
/** ColorBrewer's sequential YlOrRd (9 classes), light to dark: "worse" reads darker and redder. */
export const YL_OR_RD = [
  "#ffffcc",
  "#ffeda0",
  "#fed976",
  "#feb24c",
  "#fd8d3c",
  "#fc4e2a",
  "#e31a1c",
  "#bd0026",
  "#800026",
];

/** The colour at t in [0, 1] along `stops`, blended between neighbours (even steps in lightness, not RGB). */
export function ramp(stops: readonly string[], t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  return blend(stops[i], stops[i + 1], x - i);
}

export async function renderHeatmap(spec: HeatmapSpec): Promise<Uint8Array> {
  const font = chartFontFamily();
  const probe = createCanvas(10, 10).getContext("2d");
  probe.font = `13px "${font}"`;
  const rowLabelWidth = Math.max(80, ...spec.rows.map((r) => probe.measureText(r).width)) + 16;
  const cellWidth = Math.min(
    130,
    Math.floor((WIDTH - 48 - rowLabelWidth) / Math.max(1, spec.columns.length)),
  );
  // A small grid sits in the middle, its row names to its left.
  const left = Math.max(
    24 + rowLabelWidth,
    Math.round((WIDTH - cellWidth * spec.columns.length + rowLabelWidth) / 2),
  );
  const lines = Math.max(1, ...spec.text.flatMap((row) => row.map((t) => t.length)));
  const cellHeight = lines > 1 ? 40 : 28;
  const top = 104;
  const gridHeight = cellHeight * spec.rows.length;
  const height = top + gridHeight + 120;
  const canvas = createCanvas(WIDTH, height);
  const ctx = canvas.getContext("2d");
  ctx.lang = "en";
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, WIDTH, height);
  ctx.textAlign = "center";
  ctx.fillStyle = "#222222";
  ctx.font = `bold 20px "${font}"`;
  ctx.fillText(spec.title, WIDTH / 2, 28);
  ctx.font = `13px "${font}"`;
  ctx.fillText(spec.subtitle, WIDTH / 2, 50);
  // Column names above the grid, the column title above them.
  ctx.font = `bold 14px "${font}"`;
  const gridWidth = cellWidth * spec.columns.length;
  ctx.fillText(spec.columnTitle, left + gridWidth / 2, 76);
  ctx.font = `13px "${font}"`;
  for (const [j, c] of spec.columns.entries()) ctx.fillText(c, left + j * cellWidth + cellWidth / 2, top - 8);
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const [i, r] of spec.rows.entries()) ctx.fillText(r, left - 10, top + i * cellHeight + cellHeight / 2);
  ctx.save();
  ctx.translate(left - rowLabelWidth - 6, top + gridHeight / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = "center";
  ctx.font = `bold 14px "${font}"`;
  ctx.fillText(spec.rowTitle, 0, 0);
  ctx.restore();
  ctx.textAlign = "center";
  spec.rows.forEach((_, i) => {
    spec.columns.forEach((_, j) => {
      const x = left + j * cellWidth;
      const y = top + i * cellHeight;
      const fill = spec.fills[i]?.[j] ?? null;
      ctx.fillStyle = fill ?? "#eeeeee";
      ctx.fillRect(x, y, cellWidth, cellHeight);
      ctx.strokeStyle = "#ffffff";
      ctx.lineWidth = 2;
      ctx.strokeRect(x, y, cellWidth, cellHeight);
      const text = spec.text[i]?.[j] ?? [];
      ctx.fillStyle = fill ? textColourOn(fill) : "#57606a";
      text.forEach((t, k) => {
        // Shrunk to fit its cell rather than cut off at its edge.
        let size = k === 0 ? 13 : 11;
        const face = (px: number) => `${k === 0 ? "bold " : ""}${px}px "${font}"`;
        ctx.font = face(size);
        while (size > 8 && ctx.measureText(t).width > cellWidth - 6) ctx.font = face(--size);
        const dy = text.length === 1 ? 0 : k === 0 ? -8 : 9;
        ctx.fillText(t, x + cellWidth / 2, y + cellHeight / 2 + dy);
      });
    });
  });
  // Legend: title, then a swatch and label per step.
  let lx = 24;
  const ly = top + gridHeight + 36;
  ctx.textAlign = "left";
  ctx.fillStyle = "#222222";
  ctx.font = `bold 13px "${font}"`;
  ctx.fillText(spec.legendTitle, lx, ly);
  lx += ctx.measureText(spec.legendTitle).width + 14;
  ctx.font = `13px "${font}"`;
  for (const step of spec.legend) {
    ctx.fillStyle = step.colour;
    ctx.fillRect(lx, ly - 8, 28, 16);
    ctx.strokeStyle = "#d0d7de";
    ctx.lineWidth = 1;
    ctx.strokeRect(lx + 0.5, ly - 7.5, 27, 15);
    ctx.fillStyle = "#222222";
    ctx.fillText(step.label, lx + 34, ly);
    lx += 34 + ctx.measureText(step.label).width + 18;
  }
  if (spec.footnote) {
    ctx.font = `12px "${font}"`;
    ctx.fillStyle = "#57606a";
    ctx.fillText(spec.footnote, 24, ly + 32);
  }
  const png = await canvas.encode("png");
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
