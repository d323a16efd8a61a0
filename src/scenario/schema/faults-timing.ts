/**
 * When a fault strikes and how long it lasts: a fixed time as before (`start: 20m`), or drawn once
 * per replication so that results do not hang on one phase of the run (issue 15 item 6):
 *   start: { between: [10m, 40m] }                                        uniform in the window
 *   start: { between: [10m, 40m], distribution: { normal: { ... } } }     that one, kept in it
 *   start: { distribution: { lognormal: { median: 20m, p99: 50m } } }     kept inside the run
 * and `duration` likewise. `distribution` is any distribution of the scenario format. The model
 * draws them (model/faults/fault-draws.ts); the checks against the run are in resolve-faults.ts.
 *
 * The distribution sits under its own key rather than in place of the mapping so the two forms
 * (a string, a mapping) never overlap: a mistake is reported against the one it was meant for,
 * with a "did you mean" for a misspelt key.
 */
import { z } from "zod";
import type { DistributionSpec } from "../../engine/random/distribution-spec.ts";
import { distribution, NORMAL_SAFE_SDS } from "./distribution.ts";
import { duration } from "./primitives.ts";

/** A time as parsed: fixed [s], or a distribution kept within a window ([s]; null: its own support). */
export type FaultTimeInput =
  | { readonly kind: "fixed"; readonly value: number }
  | {
      readonly kind: "drawn";
      readonly dist: DistributionSpec;
      readonly window: readonly [number, number] | null;
    };

const drawn = z
  .strictObject({
    between: z
      .tuple([duration(), duration()], { error: "a window of two durations, e.g. [10m, 40m]" })
      .optional()
      .describe("Draws are kept in this window; alone, uniform over it."),
    distribution: distribution()
      .optional()
      .describe("Drawn from this (redrawn outside the window); default uniform over the window."),
  })
  .superRefine((w, ctx) => {
    if (w.between === undefined && w.distribution === undefined)
      ctx.addIssue({ code: "custom", message: "between: [a, b], a distribution, or both" });
    else if (w.between !== undefined && w.between[1] <= w.between[0])
      ctx.addIssue({ code: "custom", path: ["between", 1], message: "a window end after its start" });
  })
  .transform(
    (w): FaultTimeInput => ({
      kind: "drawn",
      dist: w.distribution ?? { kind: "uniform", min: w.between?.[0] ?? 0, max: w.between?.[1] ?? 0 },
      window: w.between ?? null,
    }),
  );

/** A fault time: a duration, or `{ between, distribution }` drawn per replication. */
export function faultTime() {
  return z.union([duration().transform((value): FaultTimeInput => ({ kind: "fixed", value })), drawn]);
}

/**
 * The lowest and highest value a distribution can draw [s]. Kinds that only draw above zero
 * (exponential, log-normal, gamma, Erlang) start at the smallest positive number, and a normal
 * without `min` at mean - 8 sd (the schema keeps that at or above zero). Used to keep drawn times
 * inside the run and drawn durations above zero.
 */
export function supportOf(d: DistributionSpec): { min: number; max: number } {
  switch (d.kind) {
    case "constant":
      return { min: d.value, max: d.value };
    case "uniform":
      return { min: d.min, max: d.max };
    case "normal":
      return {
        min: d.min ?? Math.max(Number.MIN_VALUE, d.mean - NORMAL_SAFE_SDS * d.sd),
        max: Number.POSITIVE_INFINITY,
      };
    case "pareto":
      return { min: d.scale, max: Number.POSITIVE_INFINITY };
    case "empirical":
      return { min: d.points[0][1], max: d.points[d.points.length - 1][1] };
    case "mixture": {
      const parts = d.components.filter((c) => c.weight > 0).map((c) => supportOf(c.dist));
      return { min: Math.min(...parts.map((p) => p.min)), max: Math.max(...parts.map((p) => p.max)) };
    }
    default:
      return { min: Number.MIN_VALUE, max: Number.POSITIVE_INFINITY };
  }
}
