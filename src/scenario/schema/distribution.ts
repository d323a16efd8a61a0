/**
 * Distributions of durations as small objects -> the engine's `DistributionSpec` (seconds).
 *   5ms                                    constant (shorthand)
 *   { constant: 5ms }
 *   { uniform: { min: 60m, max: 90m } }
 *   { exponential: { mean: 40ms } }
 *   { normal: { mean: 20ms, sd: 5ms, min: 0s } }
 *   { lognormal: { median: 120ms, p99: 900ms } }
 *   { gamma: { shape: 2, scale: 10ms } }   { erlang: { k: 3, mean: 30ms } }
 *   { pareto: { scale: 10ms, shape: 1.5 } }
 *   { empirical: [[0.5, 80ms], [0.99, 400ms]] }
 *   { mixture: [{ weight: 0.9, dist: ... }, { weight: 0.1, dist: ... }] }
 */
import { z } from "zod";
import type { DistributionSpec } from "../../engine/random/distribution-spec.ts";
import { duration, integer, positiveDuration, positiveNumber, weight } from "./primitives.ts";

/** Standard normal quantile at 0.99: ln(p99/median) = sigma·Z99 for a log-normal. */
export const Z99 = 2.3263478740408408;

/** Log-normal log-space parameters from its median and 99th percentile (both > 0, p99 > median). */
export function lognormalFromMedianP99(median: number, p99: number): { mu: number; sigma: number } {
  return { mu: Math.log(median), sigma: Math.log(p99 / median) / Z99 };
}

const uniform = z
  .strictObject({ min: duration(), max: duration() })
  .refine((u) => u.max >= u.min, { error: "max at least min", path: ["max"] });

/**
 * A normal without `min` must stay above zero in practice: the mean at least this many sds above
 * it (a draw below -8 sd has probability 6e-16). Closer, a service time would now and then be
 * negative, which the model cannot schedule, so it is refused here with the way out.
 */
export const NORMAL_SAFE_SDS = 8;
/** The engine's bound on truncation (a min more sds above the mean rejects almost every draw). */
const MAX_TRUNCATION_SDS = 3;

const normal = z
  .strictObject({ mean: duration(), sd: duration(), min: duration().optional() })
  .superRefine((n, ctx) => {
    if (n.min === undefined && n.sd > 0 && n.mean < NORMAL_SAFE_SDS * n.sd) {
      ctx.addIssue({
        code: "custom",
        path: ["sd"],
        message:
          `an sd at most mean / ${NORMAL_SAFE_SDS} (the mean is only ${(n.mean / n.sd).toFixed(1)} sd above zero, ` +
          "so some durations would be negative); or add min: 0s to truncate at zero",
      });
    }
    if (n.min !== undefined && n.min > n.mean + MAX_TRUNCATION_SDS * n.sd) {
      ctx.addIssue({
        code: "custom",
        path: ["min"],
        message: `a min at most ${MAX_TRUNCATION_SDS} sd above the mean (above that almost every draw is rejected)`,
      });
    }
  });

const lognormal = z
  .strictObject({ median: positiveDuration(), p99: positiveDuration() })
  .refine((l) => l.p99 > l.median, {
    error: "p99 above the median (a p99 at or below the median is impossible; use { constant: ... })",
    path: ["p99"],
  });

const empiricalPoint = z.tuple([z.number().min(0).max(1), duration()], {
  error: "a [probability, duration] pair, e.g. [0.5, 80ms]",
});
const empirical = z
  .array(empiricalPoint)
  .min(1, { error: "at least one [probability, duration] point" })
  .superRefine((points, ctx) => {
    for (let i = 1; i < points.length; i++) {
      if (points[i][0] <= points[i - 1][0]) {
        ctx.addIssue({ code: "custom", message: "probabilities strictly increasing", path: [i, 0] });
      }
      if (points[i][1] < points[i - 1][1]) {
        ctx.addIssue({ code: "custom", message: "values never decreasing", path: [i, 1] });
      }
    }
  });

const DIST_KINDS = [
  "constant",
  "uniform",
  "exponential",
  "normal",
  "lognormal",
  "gamma",
  "erlang",
  "pareto",
  "empirical",
  "mixture",
] as const;

/** Input text of a distribution (what a scenario file holds). */
export type DistributionInput = string | { [K in (typeof DIST_KINDS)[number]]?: unknown };

const distObject = z
  .strictObject({
    constant: duration().optional(),
    uniform: uniform.optional(),
    exponential: z.strictObject({ mean: positiveDuration() }).optional(),
    normal: normal.optional(),
    lognormal: lognormal.optional(),
    gamma: z.strictObject({ shape: positiveNumber(), scale: positiveDuration() }).optional(),
    erlang: z.strictObject({ k: integer(1), mean: positiveDuration() }).optional(),
    pareto: z.strictObject({ scale: positiveDuration(), shape: positiveNumber() }).optional(),
    empirical: empirical.optional(),
    get mixture() {
      return z
        .array(z.strictObject({ weight: weight(), dist: distribution() }))
        .min(1)
        .refine((cs) => cs.some((c) => c.weight > 0), { error: "weights that do not all equal zero" })
        .optional();
    },
  })
  .superRefine((d, ctx) => {
    const given = DIST_KINDS.filter((k) => d[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message:
          given.length === 0
            ? `one distribution kind: ${DIST_KINDS.join(", ")}`
            : `exactly one distribution kind, found ${given.join(" and ")}`,
      });
    }
  });

type DistObject = z.output<typeof distObject>;

function toSpec(d: number | DistObject): DistributionSpec {
  if (typeof d === "number") return { kind: "constant", value: d };
  if (d.constant !== undefined) return { kind: "constant", value: d.constant };
  if (d.uniform) return { kind: "uniform", min: d.uniform.min, max: d.uniform.max };
  if (d.exponential) return { kind: "exponential", mean: d.exponential.mean };
  if (d.normal) {
    const { mean, sd, min } = d.normal;
    return min === undefined ? { kind: "normal", mean, sd } : { kind: "normal", mean, sd, min };
  }
  if (d.lognormal)
    return { kind: "lognormal", ...lognormalFromMedianP99(d.lognormal.median, d.lognormal.p99) };
  if (d.gamma) return { kind: "gamma", shape: d.gamma.shape, scale: d.gamma.scale };
  if (d.erlang) return { kind: "erlang", k: d.erlang.k, mean: d.erlang.mean };
  if (d.pareto) return { kind: "pareto", scale: d.pareto.scale, shape: d.pareto.shape };
  if (d.empirical) return { kind: "empirical", points: d.empirical.map(([p, v]) => [p, v] as const) };
  const components = d.mixture ?? [];
  return { kind: "mixture", components: components.map((c) => ({ weight: c.weight, dist: c.dist })) };
}

/** A distribution of durations: a duration shorthand (constant) or one of the objects above. */
export function distribution(): z.ZodType<DistributionSpec, DistributionInput> {
  return z.union([duration(), distObject]).transform(toSpec) as unknown as z.ZodType<
    DistributionSpec,
    DistributionInput
  >;
}

/** Mean of a resolved distribution [s], for cross-field checks and summaries. */
export function distributionMean(d: DistributionSpec): number {
  switch (d.kind) {
    case "constant":
      return d.value;
    case "uniform":
      return (d.min + d.max) / 2;
    case "exponential":
    case "normal":
    case "erlang":
      return d.mean;
    case "lognormal":
      return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
    case "gamma":
      return d.shape * d.scale;
    case "pareto":
      return d.shape > 1 ? (d.shape * d.scale) / (d.shape - 1) : Number.POSITIVE_INFINITY;
    case "empirical": {
      let mean = 0;
      let prevP = 0;
      let prevV = d.points[0][1];
      for (const [p, v] of d.points) {
        mean += (p - prevP) * ((prevV + v) / 2);
        prevP = p;
        prevV = v;
      }
      return mean + (1 - prevP) * prevV;
    }
    case "mixture": {
      const total = d.components.reduce((s, c) => s + c.weight, 0);
      return d.components.reduce((s, c) => s + (c.weight / total) * distributionMean(c.dist), 0);
    }
  }
}
