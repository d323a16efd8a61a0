/**
 * Country outlines for the world map, from the world-atlas package (Natural Earth's public-domain
 * country shapes as TopoJSON, shipped inside node_modules: no download when a map is drawn).
 * topojson-client turns them into GeoJSON: land as one shape to fill, and the borders between
 * countries as one line mesh, so a shared border is drawn once instead of twice.
 *
 * Two scales: 1:110m (about 100 KB) for a continent or the world, 1:50m (about 750 KB) for a
 * region small enough that the coarse coastlines would show their corners. Each is read once.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Feature, FeatureCollection, MultiLineString } from "geojson";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

export type AtlasScale = "110m" | "50m";

export interface WorldOutlines {
  readonly land: FeatureCollection;
  readonly borders: MultiLineString;
}

const cache = new Map<AtlasScale, WorldOutlines>();

/** The outlines at `scale`, read from the installed world-atlas package on first use. */
export function worldOutlines(scale: AtlasScale): WorldOutlines {
  const cached = cache.get(scale);
  if (cached) return cached;
  const file = createRequire(import.meta.url).resolve(`world-atlas/countries-${scale}.json`);
  const topology = JSON.parse(readFileSync(file, "utf8")) as Topology<{ countries: GeometryCollection }>;
  const countries = topology.objects.countries;
  const land = feature(topology, countries) as FeatureCollection | Feature;
  const outlines: WorldOutlines = {
    land: land.type === "FeatureCollection" ? land : { type: "FeatureCollection", features: [land] },
    // Only borders between two countries: coastlines come from the land fill's edge.
    borders: mesh(topology, countries, (a, b) => a !== b),
  };
  cache.set(scale, outlines);
  return outlines;
}
