/**
 * What a run measures: the table of signals and how each is kept (signals.ts), the class that
 * keeps them (metrics.ts), failover times (failover-tracker.ts), integrals that survive the
 * warm-up reset, and each SLO's value.
 */
export { FailoverTracker } from "./failover-tracker.ts";
export { FailureIndex, Metrics, type StationSignals } from "./metrics.ts";
export {
  SIGN_IN_LOG_FAILURES,
  SIGN_IN_LOG_KINDS,
  SignInLog,
  type SignInLogEntry,
  type SignInLogFailure,
  SignInLogKind,
  type SignInSink,
} from "./sign-in-log.ts";
export { type Keeping, LATENCIES, Latency, OCCURRENCES, Occurrence } from "./signals.ts";
export { readSlos } from "./slo-readings.ts";
