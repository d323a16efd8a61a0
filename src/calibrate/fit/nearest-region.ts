/**
 * A sign-in's place -> the nearest Azure region authsim knows (great-circle distance), from its
 * coordinates, or from its country's main metro area when it has none. Answers are cached per
 * 1-degree cell and per country, so 10 M records cost 10 M map lookups, not 10 M × 60 distances.
 */
import { AZURE_REGIONS } from "../../scenario/index.ts";
import { COUNTRY_PLACES } from "./country-places.ts";

const RAD = Math.PI / 180;

function distance(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Index into AZURE_REGIONS of the region nearest (lat, lon). */
export function nearestRegionIndex(lat: number, lon: number): number {
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  AZURE_REGIONS.forEach((r, i) => {
    const d = distance(lat, lon, r.lat, r.lon);
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  });
  return best;
}

export class RegionLocator {
  private readonly byCell = new Map<number, number>();
  private readonly byCountry = new Map<string, number>();

  /** The nearest region's index, or -1 when the place is unknown. */
  locate(lat: number, lon: number, country: string): number {
    if (Number.isFinite(lat) && Number.isFinite(lon) && !(lat === 0 && lon === 0)) {
      const cell = (Math.round(lat) + 90) * 361 + (Math.round(lon) + 180);
      let r = this.byCell.get(cell);
      if (r === undefined) {
        r = nearestRegionIndex(Math.round(lat), Math.round(lon));
        this.byCell.set(cell, r);
      }
      return r;
    }
    if (country === "") return -1;
    let r = this.byCountry.get(country);
    if (r === undefined) {
      const place = COUNTRY_PLACES[country];
      r = place === undefined ? -1 : nearestRegionIndex(place[0], place[1]);
      this.byCountry.set(country, r);
    }
    return r;
  }
}
