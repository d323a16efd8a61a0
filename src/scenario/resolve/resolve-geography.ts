/**
 * Builds the RTT matrix among the regions a scenario uses. Each pair takes, in order: an RTT
 * override from the scenario, the built-in measured table (symmetrised: mean of both directions,
 * or the one measured direction), or the distance estimate a + b·km fitted on that table. The
 * diagonal is the same-region RTT.
 */
import { AZURE_REGIONS, findAzureRegion, normaliseRegionName } from "../geography/azure-regions.ts";
import { AZURE_RTT_2025 } from "../geography/azure-rtt-2025.ts";
import { greatCircleKm } from "../geography/great-circle.ts";
import { symmetricRtt } from "../geography/symmetrise.ts";
import type { ResolvedGeography, ResolvedRegion, RttSource } from "../resolved/resolved-geography.ts";
import type { ParsedScenario } from "../schema/scenario-schema.ts";

type Geography = ParsedScenario["geography"];

/** Region lookup for one scenario: built-in regions plus those declared in geography.regions. */
export class RegionCatalogue {
  private readonly custom = new Map<string, Geography["regions"][number]>();
  private readonly used: ResolvedRegion[] = [];
  private readonly indexByName = new Map<string, number>();

  constructor(geography: Geography) {
    for (const r of geography.regions) this.custom.set(normaliseRegionName(r.name), r);
  }

  /** Canonical name of a region as written (custom regions keep their declared name). */
  canonical(text: string): string {
    const key = normaliseRegionName(text);
    return this.custom.get(key)?.name ?? findAzureRegion(text)?.name ?? text;
  }

  /** Index of the region in the resolved list, adding it on first use. */
  indexOf(text: string): number {
    const name = this.canonical(text);
    const existing = this.indexByName.get(name);
    if (existing !== undefined) return existing;
    const custom = this.custom.get(normaliseRegionName(name));
    const builtin = findAzureRegion(name);
    const index = this.used.length;
    this.used.push({
      index,
      name,
      displayName: builtin?.displayName ?? name,
      lat: custom?.lat ?? builtin?.lat ?? 0,
      lon: custom?.lon ?? builtin?.lon ?? 0,
    });
    this.indexByName.set(name, index);
    return index;
  }

  /** Default time zone of a region. */
  timeZoneOf(text: string): string {
    return this.custom.get(normaliseRegionName(text))?.timeZone ?? findAzureRegion(text)?.timeZone ?? "UTC";
  }

  regions(): readonly ResolvedRegion[] {
    return this.used;
  }
}

const TABLE_INDEX = new Map<string, number>(AZURE_RTT_2025.regions.map((name, i) => [name, i]));

/** Measured, symmetrised RTT [s] between two built-in regions, or null. */
export function measuredRtt(a: string, b: string): number | null {
  const i = TABLE_INDEX.get(a);
  const j = TABLE_INDEX.get(b);
  if (i === undefined || j === undefined) return null;
  const ms = symmetricRtt(AZURE_RTT_2025.p50Ms, i, j);
  return ms === null ? null : ms / 1000;
}

export function resolveGeography(geography: Geography, catalogue: RegionCatalogue): ResolvedGeography {
  // Overrides name regions too, so they are part of the matrix even if nothing else uses them.
  const overrides = new Map<string, number>();
  for (const o of geography.rtt) {
    const i = catalogue.indexOf(o.between[0]);
    const j = catalogue.indexOf(o.between[1]);
    overrides.set(`${Math.min(i, j)},${Math.max(i, j)}`, o.rtt);
  }
  const regions = catalogue.regions();
  const isCustom = new Set(geography.regions.map((r) => r.name));
  const n = regions.length;
  const rtt: number[][] = regions.map(() => new Array<number>(n).fill(0));
  const rttSource: RttSource[][] = regions.map(() => new Array<RttSource>(n).fill("sameRegion"));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const a = regions[i];
      const b = regions[j];
      let value: number;
      let source: RttSource;
      const override = overrides.get(`${i},${j}`);
      const measured =
        geography.rttTable === "azure-2025" && !isCustom.has(a.name) && !isCustom.has(b.name)
          ? measuredRtt(a.name, b.name)
          : null;
      if (override !== undefined) {
        value = override;
        source = "override";
      } else if (i === j) {
        value = geography.sameRegionRtt;
        source = "sameRegion";
      } else if (measured !== null) {
        value = measured;
        source = "measured";
      } else {
        value =
          geography.estimate.intercept + geography.estimate.perKm * greatCircleKm(a.lat, a.lon, b.lat, b.lon);
        source = "estimated";
      }
      rtt[i][j] = rtt[j][i] = value;
      rttSource[i][j] = rttSource[j][i] = source;
    }
  }
  return {
    regions,
    rtt,
    rttSource,
    sameRegionRtt: geography.sameRegionRtt,
    table:
      geography.rttTable === "azure-2025"
        ? { name: "azure-2025", source: AZURE_RTT_2025.source, edition: AZURE_RTT_2025.edition }
        : { name: "none", source: "", edition: "" },
    estimate: { intercept: geography.estimate.intercept, perKm: geography.estimate.perKm },
  };
}

/** All built-in region names (for docs and did-you-mean). */
export const BUILTIN_REGION_NAMES: readonly string[] = AZURE_REGIONS.map((r) => r.name);
