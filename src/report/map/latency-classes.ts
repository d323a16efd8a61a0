/**
 * Login latency without typing in five classes, each with a colour: the map's flows and the
 * routing matrix share them, so a colour means the same on both. Fixed bounds (not quantiles of
 * the run) keep a map before an outage comparable with the one during it, and with another run's.
 * Colours from the Okabe-Ito palette and Paul Tol's wine, fast (blue) to slow (wine): the order
 * stays readable with the common colour-vision deficiencies, and none fades on a pale map.
 */

export interface LatencyClass {
  /** Upper bound [s]; Infinity for the last class. */
  readonly below: number;
  readonly label: string;
  readonly colour: string;
}

export const LATENCY_CLASSES: readonly LatencyClass[] = [
  { below: 0.5, label: "< 0.5 s", colour: "#0072B2" },
  { below: 1, label: "0.5–1 s", colour: "#56B4E9" },
  { below: 2, label: "1–2 s", colour: "#E69F00" },
  { below: 4, label: "2–4 s", colour: "#D55E00" },
  { below: Number.POSITIVE_INFINITY, label: "≥ 4 s", colour: "#882255" },
];

/** The class of a latency [s]; null latency (nothing measured) has none. */
export function latencyClass(seconds: number | null): LatencyClass | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  return LATENCY_CLASSES.find((c) => seconds < c.below) ?? LATENCY_CLASSES[LATENCY_CLASSES.length - 1];
}
