/**
 * User bases from places: every session start is placed in its nearest Azure region; regions
 * with at least `minShare` of the starts become user bases (named after the region, in its time
 * zone), and the starts of smaller ones join the nearest user base, as do starts with no place
 * in the log (they join the largest). A user base's time zone is its region's, resolved to the
 * standard offset exactly as the scenario loader does, so the profile fitted in that local time
 * lands on the same UTC hours when the scenario runs.
 */

import { resolveTimeZone } from "../../scenario/geography/time-zone.ts";
import { AZURE_REGIONS } from "../../scenario/index.ts";

export interface UserBasePlace {
  readonly name: string;
  /** Index into AZURE_REGIONS. */
  readonly region: number;
  readonly timeZone: string;
  /** Standard UTC offset [s] of timeZone. */
  readonly utcOffset: number;
  /** Session starts placed here (after merging). */
  readonly starts: number;
  /** Regions whose starts were merged in, with their counts (its own first). */
  readonly members: readonly number[];
}

export interface UserBaseClustering {
  readonly userBases: readonly UserBasePlace[];
  /** Region index -> user base index (every region, also those without starts). */
  readonly ofRegion: Int32Array;
  /** User base index the starts without a place joined, -1 when there were none. */
  readonly unplacedTo: number;
  readonly unplaced: number;
}

/** `startsByRegion[r]` (r < regions) and, at index regions, the starts without a place. */
export function clusterUserBases(startsByRegion: Float64Array, minShare: number): UserBaseClustering {
  const regions = AZURE_REGIONS.length;
  const placed = startsByRegion.slice(0, regions).reduce((s, x) => s + x, 0);
  const unplaced = startsByRegion[regions] ?? 0;
  const kept: number[] = [];
  for (let r = 0; r < regions; r++)
    if (startsByRegion[r] > 0 && startsByRegion[r] >= minShare * placed) kept.push(r);
  if (kept.length === 0) {
    // No places at all: one user base in the region of the largest count, or West Europe.
    let best = AZURE_REGIONS.findIndex((r) => r.name === "westeurope");
    for (let r = 0; r < regions; r++) if (startsByRegion[r] > (startsByRegion[best] ?? 0)) best = r;
    kept.push(best);
  }
  kept.sort((a, b) => startsByRegion[b] - startsByRegion[a] || a - b);
  const ofRegion = new Int32Array(regions);
  for (let r = 0; r < regions; r++) {
    const own = kept.indexOf(r);
    if (own >= 0) {
      ofRegion[r] = own;
      continue;
    }
    ofRegion[r] = nearestKept(r, kept);
  }
  const starts = new Float64Array(kept.length);
  const members: number[][] = kept.map((r) => [r]);
  for (let r = 0; r < regions; r++) {
    starts[ofRegion[r]] += startsByRegion[r];
    if (startsByRegion[r] > 0 && kept[ofRegion[r]] !== r) members[ofRegion[r]].push(r);
  }
  const unplacedTo = unplaced > 0 ? 0 : -1;
  if (unplaced > 0) starts[0] += unplaced;
  const userBases = kept.map((r, i) => {
    const region = AZURE_REGIONS[r];
    const zone = resolveTimeZone(region.timeZone, () => null);
    return {
      name: `users-${region.name}`,
      region: r,
      timeZone: region.timeZone,
      utcOffset: zone.ok ? zone.utcOffset : 0,
      starts: starts[i],
      members: members[i],
    };
  });
  return { userBases, ofRegion, unplacedTo, unplaced };
}

function nearestKept(r: number, kept: readonly number[]): number {
  const a = AZURE_REGIONS[r];
  let best = 0;
  let bestD = Number.POSITIVE_INFINITY;
  kept.forEach((k, i) => {
    const b = AZURE_REGIONS[k];
    const d =
      (a.lat - b.lat) ** 2 + ((a.lon - b.lon) * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180))) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}
