/**
 * Labels on the world map: a name (bold for a datacenter) and a smaller line under it, put
 * greedily at the first spot that covers no marker or label already placed: beside the marker
 * first, then on rings further out with a thin leader line back to it, so a crowded region (a
 * dozen places in Europe on a world map) stays readable instead of printing names on each other.
 */
import type { SKRSContext2D } from "@napi-rs/canvas";
import type { Rect } from "./map-layout.ts";

export type Box = { x0: number; y0: number; x1: number; y1: number };
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

const DOWN = "#B00020";
const LINE_HEIGHT = 16;
/** Distances from the marker tried in turn [px]; past the first a leader line is drawn. */
const RINGS = [14, 34, 58, 86, 120];
/** Directions tried on each ring [deg, screen y down]: right, left, up, down, then diagonals. */
const ANGLES = [0, 180, 270, 90, 315, 225, 45, 135, 340, 200, 20, 160];

export function placeLabel(
  ctx: SKRSContext2D,
  [x, y]: readonly [number, number],
  text: string,
  sub: string,
  bold: boolean,
  down: boolean,
  taken: Box[],
  frame: Rect,
  font: string,
): void {
  const main = `${bold ? "bold " : ""}14px "${font}"`;
  const small = `12px "${font}"`;
  ctx.font = main;
  const w1 = ctx.measureText(text).width;
  ctx.font = small;
  const w2 = ctx.measureText(sub).width;
  const w = Math.max(w1, w2);
  const h = 2 * LINE_HEIGHT - 2;
  const inFrame = (b: Box) =>
    b.x0 >= frame.x + 2 &&
    b.x1 <= frame.x + frame.width - 2 &&
    b.y0 >= frame.y + 2 &&
    b.y1 <= frame.y + frame.height - 2;
  const candidates = RINGS.flatMap((r, ring) =>
    ANGLES.map((deg) => {
      const dx = Math.cos((deg * Math.PI) / 180);
      const dy = Math.sin((deg * Math.PI) / 180);
      // Anchor the box's near side at the point on the ring: left edge to the right, and so on.
      const ax = x + dx * r;
      const ay = y + dy * r;
      const lx = dx > 0.3 ? ax : dx < -0.3 ? ax - w : ax - w / 2;
      const ly = dy > 0.3 ? ay : dy < -0.3 ? ay - h : ay - h / 2;
      return {
        ring,
        box: { x0: lx - 2, y0: ly - 1, x1: lx + w + 2, y1: ly + h + 1 },
        anchor: [ax, ay] as const,
      };
    }),
  );
  const free = candidates.find((c) => inFrame(c.box) && taken.every((t) => !overlaps(c.box, t)));
  const chosen = free ?? candidates.find((c) => inFrame(c.box)) ?? candidates[0];
  taken.push(chosen.box);
  if (chosen.ring > 0) {
    // Leader from the marker's edge to the box's nearest point.
    const tx = Math.min(Math.max(x, chosen.box.x0), chosen.box.x1);
    const ty = Math.min(Math.max(y, chosen.box.y0), chosen.box.y1);
    const d = Math.hypot(tx - x, ty - y) || 1;
    ctx.beginPath();
    ctx.moveTo(x + ((tx - x) / d) * 9, y + ((ty - y) / d) * 9);
    ctx.lineTo(tx, ty);
    ctx.strokeStyle = "#57606a";
    ctx.lineWidth = 1;
    ctx.stroke();
  }
  const lx = chosen.box.x0 + 2;
  const ly = chosen.box.y0 + 1;
  ctx.textBaseline = "top";
  ctx.lineJoin = "round";
  for (const [t, f, dy, colour] of [
    [text, main, 0, down ? DOWN : "#1f2328"],
    [sub, small, LINE_HEIGHT, "#57606a"],
  ] as const) {
    ctx.font = f;
    ctx.strokeStyle = "rgba(255, 255, 255, 0.95)";
    ctx.lineWidth = 4;
    ctx.strokeText(t, lx, ly + dy);
    ctx.fillStyle = colour;
    ctx.fillText(t, lx, ly + dy);
  }
}
