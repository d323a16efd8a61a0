/**
 * Colours for every chart: the Okabe-Ito palette first, chosen because its hues stay distinct
 * for readers with the common colour-vision deficiencies, then five of Paul Tol's, for scenarios
 * with a dozen datacenters or user bases. Yellow is left out: it vanishes on white. Past twelve
 * series the colours repeat with a dashed, then dotted, line so no two series look alike.
 */

export const PALETTE = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#000000",
  "#882255",
  "#999933",
  "#332288",
  "#44AA99",
  "#661100",
] as const;

const DASHES: readonly number[][] = [[], [8, 4], [2, 3]];

/** Colour of series `i`. */
export function seriesColour(i: number): string {
  return PALETTE[i % PALETTE.length];
}

/** Line dash of series `i`: solid for the first twelve. */
export function seriesDash(i: number): number[] {
  return DASHES[Math.floor(i / PALETTE.length) % DASHES.length];
}

/** `#rrggbb` at the given opacity, for filled areas and shaded windows. */
export function translucent(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Reference lines (capacity, SLO thresholds) in colours no series uses. */
export const CAPACITY_COLOUR = "#B00020";
export const SLO_COLOUR = "#6A1B9A";
