/** Resolved faults: times in seconds since simulated time 0, names resolved to indices. */
import type { DistributionSpec } from "../../engine/random/distribution-spec.ts";

/**
 * A fault's start and duration drawn once per replication (model/faults/fault-draws.ts, streams
 * `faults.<index>.start` and `faults.<index>.duration`).
 */
export interface FaultDraw {
  /** The start's distribution [s]; a constant when only the duration is drawn. */
  readonly start: DistributionSpec;
  /** Starts are kept in [window[0], window[1]] [s] (drawn again outside it), inside the run. */
  readonly window: readonly [number, number];
  /**
   * The duration's distribution [s] (the end is start + duration, capped at the run's end); null:
   * the fault ends at `end`.
   */
  readonly duration: DistributionSpec | null;
  /** Durations are kept in this window [s] (drawn again outside it); null: as the distribution draws. */
  readonly durationWindow: readonly [number, number] | null;
}

interface FaultTiming {
  /** [s]; with `draw`, the earliest start any replication can draw. */
  readonly start: number;
  /** [s]; at most the run's duration when the scenario left it open; with `draw`, the latest end. */
  readonly end: number;
  /**
   * Present only when the scenario draws the times per replication; a fault with fixed times
   * has no `draw` at all, so its resolved form (and the summary's scenario echo) is as before.
   * The model replaces start and end by the replication's draws before it builds the world.
   */
  readonly draw?: FaultDraw;
}

export type ResolvedFault =
  | (FaultTiming & {
      readonly type: "datacenterOutage";
      readonly datacenterIndex: number;
      readonly component: "wfe" | "backEnd" | "both";
      /**
       * How the WFE fails: "blackHole" (no answer: clients wait out their connect timeout, probes
       * their probe timeout) or "fastFailure" (503 at once from a live load balancer).
       */
      readonly failure: "blackHole" | "fastFailure";
    })
  | (FaultTiming & {
      readonly type: "identitySlowdown";
      /** Indices into identityProvider.regionIndices. */
      readonly identityRegions: readonly number[];
      /** Index into identityProvider.scaleUnits, or -1 for every tenant. */
      readonly scaleUnitIndex: number;
      /** Service-time multiplier. */
      readonly factor: number;
    })
  | (FaultTiming & {
      readonly type: "identityErrors";
      readonly identityRegions: readonly number[];
      readonly scaleUnitIndex: number;
      readonly errorRate: number;
      readonly endpoint: "loginPage" | "tokenEndpoint" | "both";
    })
  | (FaultTiming & { readonly type: "globalServiceSlowdown"; readonly factor: number })
  | (FaultTiming & {
      readonly type: "latencySpike";
      /** Region indices of the two ends. */
      readonly between: readonly [number, number];
      /** Added RTT [s]. */
      readonly extra: number;
    })
  | (FaultTiming & { readonly type: "dnsTtlChange"; readonly ttl: number })
  | (FaultTiming & {
      readonly type: "signingKeyRemoved";
      /** Tenants whose tokens the removed key signs (indices into tenants; every tenant by default). */
      readonly tenantIndices: readonly number[];
      /** Since the fault's start, when every cache is made to refetch [s]; null: never. */
      readonly invalidateCachesAfter: number | null;
    });

export type FaultType = ResolvedFault["type"];
