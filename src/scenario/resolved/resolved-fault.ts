/** Resolved faults: times in seconds since simulated time 0, names resolved to indices. */

interface FaultTiming {
  /** [s] */
  readonly start: number;
  /** [s]; at most the run's duration when the scenario left it open. */
  readonly end: number;
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
  | (FaultTiming & { readonly type: "dnsTtlChange"; readonly ttl: number });

export type FaultType = ResolvedFault["type"];
