/**
 * Deterministic randomness for the engine: named seeded streams, samplers built from
 * DistributionSpecs, log-normal fitting, analytic means and spec validation.
 */

export { distributionMean } from "./distribution-mean.ts";
export type { DistributionKind, DistributionSpec } from "./distribution-spec.ts";
export { type LognormalParams, lognormalFromMeanSd, lognormalFromMedianP99 } from "./lognormal.ts";
export { type MasterSeed, type RandomSource, RandomStreams } from "./random-streams.ts";
export { makeSampler, poissonCount, type Sampler } from "./sampler.ts";
export { MAX_NORMAL_TRUNCATION_SDS, validateDistributionSpec } from "./validate-distribution-spec.ts";
