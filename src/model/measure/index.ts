/**
 * What a run measures: latency sketches, counters and time-binned series (metrics.ts), failover
 * times (failover-tracker.ts), integrals that survive the warm-up reset, and each SLO's value.
 */
export { CumulativeIntegral } from "./cumulative-integral.ts";
export { FailoverTracker } from "./failover-tracker.ts";
export { Count, FailureIndex, Metrics, type StationSignals } from "./metrics.ts";
export { readSlos } from "./slo-readings.ts";
