/** The resolved geography: the regions a scenario uses and a full RTT matrix between them. */

/** Where an RTT came from. */
export type RttSource = "measured" | "estimated" | "override" | "sameRegion";

export interface ResolvedRegion {
  readonly index: number;
  readonly name: string;
  readonly displayName: string;
  /** [deg] */
  readonly lat: number;
  readonly lon: number;
}

export interface ResolvedGeography {
  /** Only the regions the scenario refers to, in first-use order. */
  readonly regions: readonly ResolvedRegion[];
  /** Symmetric RTT [s] between regions i and j; the diagonal is sameRegionRtt. */
  readonly rtt: ReadonlyArray<readonly number[]>;
  readonly rttSource: ReadonlyArray<readonly RttSource[]>;
  readonly sameRegionRtt: number;
  /** The measured table used, for reports. */
  readonly table: { readonly name: "azure-2025" | "none"; readonly source: string; readonly edition: string };
  /** RTT ≈ intercept [s] + perKm [s/km] × great-circle km. */
  readonly estimate: { readonly intercept: number; readonly perKm: number };
}
