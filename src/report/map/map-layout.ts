/**
 * Where things go on the world map, before anything is drawn: the places (user bases and
 * datacenters at their regions' coordinates), a projection fitted to them, marker positions that
 * do not sit on each other (a user base in its datacenter's region is moved aside, so both show),
 * and the flows of one routing window. Pure: no canvas here, so tests can read the layout.
 */
import { type GeoProjection, geoInterpolate, geoMercator, geoNaturalEarth1, geoPath } from "d3-geo";
import type { RoutingWindow } from "../../model/index.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";
import type { AtlasScale } from "./world-outlines.ts";

export interface Place {
  readonly kind: "userBase" | "datacenter";
  /** Index among the scenario's user bases or datacenters. */
  readonly index: number;
  readonly name: string;
  readonly region: string;
  /** [deg] */
  readonly lon: number;
  readonly lat: number;
}

export interface Flow {
  readonly userBase: number;
  readonly datacenter: number;
  /** Logins completed over this pair in the window [count]. */
  readonly logins: number;
  /** Their mean latency without typing [s]. */
  readonly loginSystemMean: number | null;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Marker centres closer than this are moved apart [px]. */
const MIN_SEPARATION = 24;
/** Smallest part of the globe a map shows [deg of longitude, latitude]. */
const MIN_SPAN = { lon: 24, lat: 14 };

export function placesOf(scenario: ResolvedScenario): Place[] {
  const region = (i: number) => scenario.geography.regions[i];
  return [
    ...scenario.datacenters.map((dc, index): Place => {
      const r = region(dc.regionIndex);
      return { kind: "datacenter", index, name: dc.name, region: r.name, lon: r.lon, lat: r.lat };
    }),
    ...scenario.userBases.map((ub, index): Place => {
      const r = region(ub.regionIndex);
      return { kind: "userBase", index, name: ub.name, region: r.name, lon: r.lon, lat: r.lat };
    }),
  ];
}

/** The flows of a window with at least one login, largest first (drawn first, so small ones stay on top). */
export function flowsOf(window: RoutingWindow): Flow[] {
  const flows: Flow[] = [];
  window.logins.forEach((row, userBase) => {
    row.forEach((logins, datacenter) => {
      if (logins > 0)
        flows.push({
          userBase,
          datacenter,
          logins,
          loginSystemMean: window.loginSystemMean[userBase][datacenter],
        });
    });
  });
  return flows.sort((a, b) => b.logins - a.logins || a.userBase - b.userBase || a.datacenter - b.datacenter);
}

/** The box of longitudes and latitudes the map shows: the places with a margin, at least MIN_SPAN. */
export function mapBounds(places: readonly Place[]): {
  west: number;
  east: number;
  south: number;
  north: number;
} {
  const lons = places.map((p) => p.lon);
  const lats = places.map((p) => p.lat);
  const grow = (lo: number, hi: number, min: number, limit: number) => {
    const span = Math.max(min, (hi - lo) * 1.35 + 8);
    const mid = (lo + hi) / 2;
    return [Math.max(-limit, mid - span / 2), Math.min(limit, mid + span / 2)];
  };
  const [west, east] = grow(Math.min(...lons), Math.max(...lons), MIN_SPAN.lon, 180);
  const [south, north] = grow(Math.min(...lats), Math.max(...lats), MIN_SPAN.lat, 80);
  return { west, east, south, north };
}

/** The box the map shows, as points a projection can be fitted to. */
function outlineOf(places: readonly Place[]) {
  const b = mapBounds(places);
  // Corners and edge midpoints: a curved projection's box is not its corners' box.
  const lons = [b.west, (b.west + b.east) / 2, b.east];
  const lats = [b.south, (b.south + b.north) / 2, b.north];
  return {
    wide: b.east - b.west > 100,
    scale: (b.east - b.west > 60 ? "110m" : "50m") as AtlasScale,
    outline: {
      type: "MultiPoint" as const,
      coordinates: lons.flatMap((lon) => lats.map((lat) => [lon, lat])),
    },
  };
}

/**
 * The height [px] a map of `width` needs to show the places' box whole, within [min, max]: a
 * world map is wider than tall, a map of Europe about square, and neither should pad with sea.
 */
export function mapHeight(places: readonly Place[], width: number, min: number, max: number): number {
  const { wide, outline } = outlineOf(places);
  const projection = (wide ? geoNaturalEarth1() : geoMercator()).fitWidth(width, outline);
  const [[, y0], [, y1]] = geoPath(projection).bounds(outline);
  return Math.round(Math.min(max, Math.max(min, y1 - y0)));
}

/** Natural Earth for a continent or more (its curved edges read as "the world"), Mercator below. */
export function fitProjection(
  places: readonly Place[],
  frame: Rect,
): { projection: GeoProjection; scale: AtlasScale } {
  const { wide, scale, outline } = outlineOf(places);
  const projection = wide ? geoNaturalEarth1() : geoMercator();
  projection.fitExtent(
    [
      [frame.x, frame.y],
      [frame.x + frame.width, frame.y + frame.height],
    ],
    outline,
  );
  return { projection, scale };
}

/**
 * Screen positions of the places' markers: datacenters first at their true positions, then each
 * user base at its own, or, when that is within MIN_SEPARATION of a marker already placed, at the
 * first free point of a ring around it (below-left first, where labels are rarely put).
 */
export function markerPositions(places: readonly Place[], projection: GeoProjection): [number, number][] {
  const placed: [number, number][] = [];
  const order = places.map((_, i) => i);
  const positions: [number, number][] = new Array(places.length);
  for (const i of order) {
    const [x, y] = projection([places[i].lon, places[i].lat]) ?? [0, 0];
    let at: [number, number] = [x, y];
    const free = (p: [number, number]) =>
      placed.every(([px, py]) => Math.hypot(px - p[0], py - p[1]) >= MIN_SEPARATION);
    for (let ring = 1; !free(at) && ring <= 6; ring++) {
      const candidates = [135, 225, 45, 315, 180, 90, 270, 0].map((deg): [number, number] => [
        x + Math.cos((deg * Math.PI) / 180) * MIN_SEPARATION * ring,
        y + Math.sin((deg * Math.PI) / 180) * MIN_SEPARATION * ring,
      ]);
      at = candidates.find(free) ?? at;
    }
    positions[i] = at;
    placed.push(at);
  }
  return positions;
}

/**
 * The path of a flow on screen: the great circle between the two places, projected, carried from
 * the one marker to the other (markers may sit off their true point) and bowed to one side by a
 * tenth of its length, so the flows into one datacenter fan out instead of lying on each other.
 */
export function flowPath(
  from: Place,
  to: Place,
  fromAt: readonly [number, number],
  toAt: readonly [number, number],
  projection: GeoProjection,
  steps = 40,
): [number, number][] {
  const along = geoInterpolate([from.lon, from.lat], [to.lon, to.lat]);
  const trueFrom = projection([from.lon, from.lat]) ?? [0, 0];
  const trueTo = projection([to.lon, to.lat]) ?? [0, 0];
  const dx = toAt[0] - fromAt[0];
  const dy = toAt[1] - fromAt[1];
  const length = Math.hypot(dx, dy);
  const bow = Math.min(60, length * 0.1);
  const points: [number, number][] = [];
  for (let k = 0; k <= steps; k++) {
    const t = k / steps;
    const [px, py] = projection(along(t)) ?? [0, 0];
    // Shift each point by the blend of the two markers' offsets, then bow it sideways.
    const ox = (fromAt[0] - trueFrom[0]) * (1 - t) + (toAt[0] - trueTo[0]) * t;
    const oy = (fromAt[1] - trueFrom[1]) * (1 - t) + (toAt[1] - trueTo[1]) * t;
    const side = length > 0 ? Math.sin(Math.PI * t) * bow : 0;
    points.push([
      px + ox + (length > 0 ? (-dy / length) * side : 0),
      py + oy + (length > 0 ? (dx / length) * side : 0),
    ]);
  }
  return points;
}
