/**
 * A probability distribution as plain, resolved data: every parameter is a number in the
 * quantity's base unit (seconds for durations). The scenario layer turns human text such as
 * `{ lognormal: { median: 120ms, p99: 900ms } }` into one of these; the engine turns one of these
 * into a sampler bound to a named random stream (see `makeSampler`).
 */
export type DistributionSpec =
  | { readonly kind: "constant"; readonly value: number }
  | { readonly kind: "uniform"; readonly min: number; readonly max: number }
  | { readonly kind: "exponential"; readonly mean: number }
  /** Normal, optionally truncated below at `min` (redrawn, so no mass piles up at `min`). */
  | { readonly kind: "normal"; readonly mean: number; readonly sd: number; readonly min?: number }
  /** Log-normal with log-space parameters: median = e^mu. */
  | { readonly kind: "lognormal"; readonly mu: number; readonly sigma: number }
  /** Gamma with shape k and scale theta (not rate): mean = shape x scale. */
  | { readonly kind: "gamma"; readonly shape: number; readonly scale: number }
  /** Erlang-k with the given mean (a gamma with integer shape k, scale mean/k). */
  | { readonly kind: "erlang"; readonly k: number; readonly mean: number }
  /** Pareto type I: P(X > x) = (scale / x)^shape for x >= scale. */
  | { readonly kind: "pareto"; readonly scale: number; readonly shape: number }
  /**
   * Empirical, from a table of (cumulative probability, value) points, linearly interpolated
   * between them (inverse-CDF sampling). Probabilities strictly increase inside [0, 1], values
   * never decrease. Below the first point the value ramps from the first value (p=0 behaves as
   * the first point); above the last it stays at the last value.
   * So both ends are flat: a first point (0.2, v) puts probability 0.2 exactly at v, and a last
   * point at p < 1 puts 1 - p exactly at the last value.
   */
  | { readonly kind: "empirical"; readonly points: ReadonlyArray<readonly [number, number]> }
  | {
      readonly kind: "mixture";
      readonly components: ReadonlyArray<{ readonly weight: number; readonly dist: DistributionSpec }>;
    };

export type DistributionKind = DistributionSpec["kind"];
