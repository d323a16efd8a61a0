/**
 * Run statistics for the engine, bounded in memory whatever the run length: streaming latency
 * percentiles, time-weighted levels, time-binned series for charts, and confidence intervals
 * across replications, and the rounding and value domains the figures are written with.
 */

export { type ComparisonOp, meets } from "./comparison.ts";
export { boundInterval } from "./interval-domain.ts";

export {
  DEFAULT_EXACT_LIMIT,
  DEFAULT_RELATIVE_ACCURACY,
  defaultBinLimit,
  LatencySketch,
  type LatencySketchOptions,
  type LatencySummary,
} from "./latency-sketch.ts";
export { DECIMALS, type QuantityKind, round, roundAs } from "./quantity-rounding.ts";
export {
  DEFAULT_CONFIDENCE_LEVEL,
  type ReplicationSummary,
  summarizeReplications,
  type WelchResult,
  welchTest,
} from "./replication-stats.ts";
export {
  BinnedCounter,
  BinnedLevel,
  BinnedQuantiles,
  MAX_BINS,
  type TimeBinsOptions,
} from "./time-series.ts";
export { TimeWeighted } from "./time-weighted.ts";
