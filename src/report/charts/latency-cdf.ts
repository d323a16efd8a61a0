/**
 * A login latency distribution as points of its cumulative distribution function. The model
 * reports 30 quantiles of each user base's and datacenter's logins (`loginCdf`), which are drawn
 * as given. A result without them (a hand-built one, as in tests) falls back to the seven
 * percentiles of its summary joined by straight lines: exact at the points, interpolated between.
 */
import type { CdfPoint, RunResult } from "../../model/index.ts";

export type { CdfPoint } from "../../model/index.ts";

/** The model's percentile summary, named through RunResult: report reads model, not engine. */
type LatencySummary = RunResult["latency"]["login"];

export interface LatencyDistribution {
  /** User base or datacenter name. */
  readonly label: string;
  readonly summary: LatencySummary;
  /** A finer CDF, when the source has one; preferred over the summary. */
  readonly points?: readonly CdfPoint[];
}

const SUMMARY_POINTS = [
  ["min", 0],
  ["p50", 0.5],
  ["p90", 0.9],
  ["p95", 0.95],
  ["p99", 0.99],
  ["p999", 0.999],
  ["max", 1],
] as const;

/**
 * The CDF points of a summary: min at 0, p50 at 0.5, ..., max at 1. Missing percentiles and
 * non-positive latencies (a log axis cannot place them) are dropped; an empty summary gives [].
 */
export function cdfFromSummary(summary: LatencySummary): CdfPoint[] {
  if (summary.count === 0) return [];
  const points: CdfPoint[] = [];
  for (const [key, share] of SUMMARY_POINTS) {
    const latency = summary[key];
    if (latency !== null && Number.isFinite(latency) && latency > 0) points.push({ latency, share });
  }
  return points;
}

/** The points to draw for a distribution: its own list when given, else the summary's. */
export function cdfPoints(distribution: LatencyDistribution): CdfPoint[] {
  const given = distribution.points?.filter((p) => Number.isFinite(p.latency) && p.latency > 0);
  return given && given.length > 0 ? [...given] : cdfFromSummary(distribution.summary);
}
