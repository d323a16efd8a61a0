/**
 * The world map (world-map.png; with a WFE outage also world-map-outage.png, before and during
 * it): country outlines, datacenters as squares and user bases as circles at their regions'
 * coordinates, and a flow from each user base to every datacenter that served its sign-ins, as
 * wide as its share of them and coloured by their mean latency without typing. Drawn with d3-geo
 * straight onto an @napi-rs/canvas context (no browser, no network), then encoded as PNG.
 *
 * Both panels of the outage map share one width scale, so a flow that doubles during the outage
 * looks twice as wide. Labels are placed greedily where they cover no other label or marker.
 */
import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { type GeoContext, type GeoProjection, geoPath } from "d3-geo";
import type { RoutingWindow } from "../../model/index.ts";
import type { ChartInput } from "../charts/chart-input.ts";
import { chartFontFamily } from "../charts/render-chart.ts";
import { formatWeekTime } from "../charts/time-axis.ts";
import { formatCount } from "../format.ts";
import { latencyClass } from "./latency-classes.ts";
import { type Box, placeLabel } from "./map-labels.ts";
import {
  type Flow,
  fitProjection,
  flowPath,
  flowsOf,
  mapHeight,
  markerPositions,
  type Place,
  placesOf,
  type Rect,
} from "./map-layout.ts";
import { drawMapLegend } from "./map-legend.ts";
import { worldOutlines } from "./world-outlines.ts";

export const MAP_WIDTH = 1200;
const MARGIN = 16;
const TITLE_HEIGHT = 64;
const PANEL_LABEL = 26;
const LEGEND_HEIGHT = 96;
const OCEAN = "#e8f1f8";
const LAND = "#f4f1ea";
const BORDER = "#c9c2b4";
const COAST = "#a9a293";
const DOWN = "#B00020";
/** Flow width [px] for the largest flow; the thinnest is 1.5 px. */
export const MAX_FLOW_WIDTH = 14;

export interface MapPanel {
  readonly label: string;
  readonly window: RoutingWindow;
  /** A datacenter whose WFE is down in this window, crossed out. */
  readonly down: number | null;
}

const span = (input: ChartInput, w: RoutingWindow) => {
  const at = (t: number) => formatWeekTime(input.scenario.simulation.startWeekSecond + t);
  return `${at(w.start)}–${at(w.end).slice(4)} UTC`;
};

/** The panels of a map: the measured period, or before and during the outage. */
export function mapPanels(input: ChartInput, which: "measured" | "outage"): MapPanel[] | null {
  const { windows, outageDatacenter } = input.result.routing;
  const find = (kind: RoutingWindow["kind"]) => windows.find((w) => w.kind === kind);
  if (which === "measured") {
    const w = find("measured");
    return w ? [{ label: `Measured period, ${span(input, w)}`, window: w, down: null }] : null;
  }
  const before = find("beforeOutage");
  const during = find("duringOutage");
  if (!before || !during || outageDatacenter === null) return null;
  const name = input.scenario.datacenters[outageDatacenter]?.name ?? "?";
  return [
    { label: `Before the outage, ${span(input, before)}`, window: before, down: null },
    { label: `During ${name}'s WFE outage, ${span(input, during)}`, window: during, down: outageDatacenter },
  ];
}

/** The map's PNG bytes, or null when the run has no such window (or no sign-in in it). */
export async function renderWorldMap(
  input: ChartInput,
  which: "measured" | "outage",
): Promise<Uint8Array | null> {
  const panels = mapPanels(input, which);
  if (!panels) return null;
  const maxLogins = Math.max(0, ...panels.flatMap((p) => flowsOf(p.window).map((f) => f.logins)));
  if (maxLogins === 0) return null;
  const places = placesOf(input.scenario);
  // The panel's map area is inset 30 px at the sides and 24 px top and bottom (drawPanel).
  const inner = mapHeight(places, MAP_WIDTH - 2 * MARGIN - 60, 300, panels.length === 1 ? 560 : 460);
  const panelHeight = inner + 48;
  const height = TITLE_HEIGHT + panels.length * (PANEL_LABEL + panelHeight + 8) + LEGEND_HEIGHT;
  const canvas = createCanvas(MAP_WIDTH, height);
  const ctx = canvas.getContext("2d");
  ctx.lang = "en";
  const font = chartFontFamily();
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, MAP_WIDTH, height);
  drawTitle(ctx, input, font, which);
  panels.forEach((panel, i) => {
    const top = TITLE_HEIGHT + i * (PANEL_LABEL + panelHeight + 8);
    ctx.fillStyle = "#222222";
    ctx.font = `bold 15px "${font}"`;
    ctx.textBaseline = "alphabetic";
    ctx.fillText(panel.label, MARGIN, top + 18);
    const frame = { x: MARGIN, y: top + PANEL_LABEL, width: MAP_WIDTH - 2 * MARGIN, height: panelHeight };
    drawPanel(ctx, input, places, panel, frame, maxLogins, font);
  });
  drawMapLegend(
    ctx,
    { x: MARGIN, y: height - LEGEND_HEIGHT, width: MAP_WIDTH - 2 * MARGIN },
    maxLogins,
    font,
  );
  const png = await canvas.encode("png");
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

function drawTitle(ctx: SKRSContext2D, input: ChartInput, font: string, which: "measured" | "outage"): void {
  ctx.fillStyle = "#222222";
  ctx.textAlign = "center";
  ctx.font = `bold 20px "${font}"`;
  const title =
    which === "outage" ? "Where sign-ins went, before and during the outage" : "Where sign-ins were served";
  ctx.fillText(title, MAP_WIDTH / 2, 28);
  ctx.font = `13px "${font}"`;
  const replication =
    input.replications > 1 ? `, replication ${input.replication} of ${input.replications}` : "";
  const partial = input.result.complete === false ? " · PARTIAL RUN (stopped early)" : "";
  ctx.fillText(
    `${input.scenario.name}${replication} · line width: logins completed over the pair · colour: their mean login latency without typing${partial}`,
    MAP_WIDTH / 2,
    50,
  );
  ctx.textAlign = "left";
}

function drawPanel(
  ctx: SKRSContext2D,
  input: ChartInput,
  places: readonly Place[],
  panel: MapPanel,
  frame: Rect,
  maxLogins: number,
  font: string,
): void {
  const inner = { x: frame.x + 30, y: frame.y + 24, width: frame.width - 60, height: frame.height - 48 };
  const { projection, scale } = fitProjection(places, inner);
  ctx.save();
  ctx.beginPath();
  ctx.rect(frame.x, frame.y, frame.width, frame.height);
  ctx.clip();
  ctx.fillStyle = OCEAN;
  ctx.fillRect(frame.x, frame.y, frame.width, frame.height);
  drawCountries(ctx, projection, scale);
  const at = markerPositions(places, projection);
  const dcPlace = (d: number) => places.findIndex((p) => p.kind === "datacenter" && p.index === d);
  const ubPlace = (u: number) => places.findIndex((p) => p.kind === "userBase" && p.index === u);
  const flows = flowsOf(panel.window);
  const flowBoxes: Box[] = [];
  for (const f of flows) {
    const points = drawFlow(
      ctx,
      f,
      places,
      at,
      ubPlace(f.userBase),
      dcPlace(f.datacenter),
      projection,
      maxLogins,
    );
    // Labels keep off the flows too: every other point of a path, as wide as the flow.
    const half = flowWidth(f.logins, maxLogins) / 2 + 2;
    for (const [x, y] of points.filter((_, k) => k % 2 === 0))
      flowBoxes.push({ x0: x - half, y0: y - half, x1: x + half, y1: y + half });
  }
  const ubLogins = input.scenario.userBases.map(
    (_, u) => panel.window.logins[u]?.reduce((a, b) => a + b, 0) ?? 0,
  );
  const maxUb = Math.max(1, ...ubLogins);
  const taken: Box[] = places.map((_, i) => ({
    x0: at[i][0] - 9,
    y0: at[i][1] - 9,
    x1: at[i][0] + 9,
    y1: at[i][1] + 9,
  }));
  taken.push(...flowBoxes);
  places.forEach((p, i) => {
    const [x, y] = at[i];
    if (p.kind === "datacenter") drawDatacenter(ctx, x, y, panel.down === p.index);
    else drawUserBase(ctx, x, y, 5 + 8 * Math.sqrt(ubLogins[p.index] / maxUb));
  });
  places.forEach((p, i) => {
    const isDown = p.kind === "datacenter" && panel.down === p.index;
    const text = isDown ? `${p.name}: WFE down` : p.name;
    const sub = p.kind === "datacenter" ? p.region : `${formatCount(ubLogins[p.index])} logins`;
    placeLabel(ctx, at[i], text, sub, p.kind === "datacenter", isDown, taken, frame, font);
  });
  ctx.restore();
  ctx.strokeStyle = "#8c959f";
  ctx.lineWidth = 1;
  ctx.strokeRect(frame.x + 0.5, frame.y + 0.5, frame.width - 1, frame.height - 1);
}

function drawCountries(ctx: SKRSContext2D, projection: GeoProjection, scale: "110m" | "50m"): void {
  const { land, borders } = worldOutlines(scale);
  const path = geoPath(projection, ctx as unknown as GeoContext);
  ctx.beginPath();
  path(land);
  ctx.fillStyle = LAND;
  ctx.fill();
  ctx.strokeStyle = COAST;
  ctx.lineWidth = 0.8;
  ctx.stroke();
  ctx.beginPath();
  path(borders);
  ctx.strokeStyle = BORDER;
  ctx.lineWidth = 0.6;
  ctx.stroke();
}

/** Flow width [px] for `logins` when the largest flow has `maxLogins`: area-true, linear. */
export const flowWidth = (logins: number, maxLogins: number): number =>
  1.5 + (MAX_FLOW_WIDTH - 1.5) * (logins / maxLogins);

function drawFlow(
  ctx: SKRSContext2D,
  f: Flow,
  places: readonly Place[],
  at: readonly [number, number][],
  from: number,
  to: number,
  projection: GeoProjection,
  maxLogins: number,
): [number, number][] {
  const points = flowPath(places[from], places[to], at[from], at[to], projection);
  const colour = latencyClass(f.loginSystemMean)?.colour ?? "#999999";
  ctx.beginPath();
  ctx.moveTo(points[0][0], points[0][1]);
  for (const [x, y] of points.slice(1)) ctx.lineTo(x, y);
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  // A white casing keeps crossing flows apart.
  ctx.strokeStyle = "rgba(255, 255, 255, 0.9)";
  ctx.lineWidth = flowWidth(f.logins, maxLogins) + 2.5;
  ctx.stroke();
  ctx.strokeStyle = colour;
  ctx.globalAlpha = 0.85;
  ctx.lineWidth = flowWidth(f.logins, maxLogins);
  ctx.stroke();
  ctx.globalAlpha = 1;
  return points;
}

export function drawDatacenter(ctx: SKRSContext2D, x: number, y: number, down: boolean): void {
  ctx.fillStyle = down ? "#ffffff" : "#1f2328";
  ctx.strokeStyle = down ? DOWN : "#ffffff";
  ctx.lineWidth = 2;
  ctx.fillRect(x - 7, y - 7, 14, 14);
  ctx.strokeRect(x - 7, y - 7, 14, 14);
  if (!down) return;
  ctx.beginPath();
  ctx.moveTo(x - 6, y - 6);
  ctx.lineTo(x + 6, y + 6);
  ctx.moveTo(x + 6, y - 6);
  ctx.lineTo(x - 6, y + 6);
  ctx.lineWidth = 2.5;
  ctx.stroke();
}

export function drawUserBase(ctx: SKRSContext2D, x: number, y: number, radius: number): void {
  ctx.beginPath();
  ctx.arc(x, y, radius, 0, 2 * Math.PI);
  ctx.fillStyle = "rgba(255, 255, 255, 0.9)";
  ctx.fill();
  ctx.strokeStyle = "#1f2328";
  ctx.lineWidth = 2;
  ctx.stroke();
}
