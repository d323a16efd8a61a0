/**
 * The world map's legend, under the panels: what the markers are, what a flow's width counts
 * (three sample widths with their login counts, on the map's own scale) and what its colour
 * means (the five latency classes), plus where the outlines come from.
 */
import type { SKRSContext2D } from "@napi-rs/canvas";
import { formatCount } from "../format.ts";
import { LATENCY_CLASSES } from "./latency-classes.ts";
import { drawDatacenter, drawUserBase, flowWidth } from "./world-map.ts";

/** A round number at or below `x` (1, 2 or 5 times a power of ten). */
export function roundDown(x: number): number {
  if (x <= 0) return 0;
  const p = 10 ** Math.floor(Math.log10(x));
  return [5, 2, 1].map((m) => m * p).find((v) => v <= x) ?? p;
}

export function drawMapLegend(
  ctx: SKRSContext2D,
  at: { x: number; y: number; width: number },
  maxLogins: number,
  font: string,
): void {
  const text = (t: string, x: number, y: number, bold = false) => {
    ctx.font = `${bold ? "bold " : ""}13px "${font}"`;
    ctx.fillStyle = "#222222";
    ctx.textBaseline = "middle";
    ctx.fillText(t, x, y);
    return x + ctx.measureText(t).width;
  };
  // Row 1: markers, then flow widths.
  let y = at.y + 18;
  let x = at.x;
  drawUserBase(ctx, x + 8, y, 7);
  x = text("user base (circle area: its logins)", x + 22, y) + 24;
  drawDatacenter(ctx, x + 7, y, false);
  x = text("datacenter", x + 22, y) + 24;
  drawDatacenter(ctx, x + 7, y, true);
  x = text("WFE down", x + 22, y) + 36;
  x = text("Logins over the pair [count]:", x, y, true) + 12;
  const samples = [
    ...new Set([roundDown(maxLogins), roundDown(maxLogins / 4), roundDown(maxLogins / 20)]),
  ].filter((v) => v > 0);
  for (const v of samples) {
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 36, y);
    ctx.strokeStyle = "#57606a";
    ctx.lineCap = "round";
    ctx.lineWidth = flowWidth(v, maxLogins);
    ctx.stroke();
    x = text(formatCount(v), x + 46, y) + 18;
  }
  // Row 2: latency classes.
  y += 30;
  x = text("Mean login latency without typing [s]:", at.x, y, true) + 12;
  for (const c of LATENCY_CLASSES) {
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 36, y);
    ctx.strokeStyle = c.colour;
    ctx.lineWidth = 8;
    ctx.lineCap = "butt";
    ctx.stroke();
    x = text(c.label, x + 44, y) + 20;
  }
  // Row 3: sources.
  y += 26;
  ctx.font = `11px "${font}"`;
  ctx.fillStyle = "#57606a";
  ctx.fillText(
    "Places: each user base and datacenter at its Azure region's coordinates. Country outlines: Natural Earth (public domain), world-atlas package.",
    at.x,
    y,
  );
}
