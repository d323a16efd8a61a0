/**
 * The contract between the scenario layer and the model: a scenario with every default filled,
 * every unit converted (seconds, per second, fractions in [0, 1]), every name resolved to an
 * index, and no optional fields (absent things are `null`). Indices point into the arrays of
 * this object: `regionIndex` into `geography.regions`, `datacenterIndex` into `datacenters`, etc.
 */
import type { DistributionSpec } from "../../engine/random/distribution-spec.ts";
import type { ParsedSlo } from "../schema/slos.ts";
import type { ResolvedFault } from "./resolved-fault.ts";
import type { ResolvedGeography } from "./resolved-geography.ts";

export interface ResolvedScenario {
  readonly name: string;
  readonly description: string;
  /** Where the scenario was read from (file path, or `<text>`). */
  readonly source: string;
  readonly simulation: ResolvedSimulation;
  readonly geography: ResolvedGeography;
  readonly datacenters: readonly ResolvedDatacenter[];
  readonly trafficManager: ResolvedTrafficManager;
  readonly identityProvider: ResolvedIdentityProvider;
  readonly globalService: ResolvedGlobalService;
  readonly tenants: readonly ResolvedTenant[];
  readonly userBases: readonly ResolvedUserBase[];
  readonly client: ResolvedClient;
  readonly faults: readonly ResolvedFault[];
  readonly slos: readonly ResolvedSlo[];
}

export interface ResolvedSimulation {
  /** Total simulated time, warm-up included [s]. */
  readonly duration: number;
  /** Leading time excluded from statistics [s]; < duration. */
  readonly warmUp: number;
  readonly seed: number;
  readonly replications: number;
  /** Time-series bin width [s]. */
  readonly timeBin: number;
  /** UTC weekday at time 0: 0 = Monday ... 6 = Sunday. */
  readonly startWeekday: number;
  /** UTC clock time at time 0 [s after midnight]. */
  readonly startTimeOfDay: number;
  /** Time 0 as seconds since Monday 00:00 UTC, in [0, 604800). */
  readonly startWeekSecond: number;
  /** Relative accuracy of latency percentiles once a sketch holds more than its exact values. */
  readonly percentileAccuracy: number;
  /** Start with the sessions alive at time 0 drawn from the scenario's steady state. */
  readonly warmStart: boolean;
  /** How the back ends' API calls are simulated (schema/simulation.ts BackEndCallsSchema). */
  readonly backEndCalls: ResolvedBackEndCalls;
}

export interface ResolvedBackEndCalls {
  /** "auto": flow level where a back end is far from saturation and up; "exact": every call. */
  readonly model: "auto" | "exact";
  /** At flow level, one call drawn in this many; it stands for all of them. */
  readonly sampleOneIn: number;
  /** Flow level only while Erlang C's probability of waiting is at most this. */
  readonly maxWaitProbability: number;
}

/** A c-server FIFO station with a queue limit and a request timeout. */
export interface ResolvedStation {
  readonly instances: number;
  /** Requests one instance serves at once; servers = instances × concurrency. */
  readonly concurrency: number;
  /** Waiting requests beyond which new ones are rejected. */
  readonly queueLimit: number;
  /** Waiting + service longer than this fails the request [s]. */
  readonly timeout: number;
  /** The fewest instances a capacity plan recommends (redundancy floor). */
  readonly minInstances: number;
}

export interface ResolvedAutoscaling {
  readonly minInstances: number;
  readonly maxInstances: number;
  /** Utilisation thresholds, fractions. */
  readonly scaleOutAbove: number;
  readonly scaleInBelow: number;
  readonly step: number;
  /** [s] */
  readonly evaluationInterval: number;
  /** Averaging window [s]. */
  readonly window: number;
  /** [s] */
  readonly cooldown: number;
  /** Time for a new instance to start serving [s]. */
  readonly provisioningDelay: number;
}

export interface ResolvedWfe extends ResolvedStation {
  readonly serviceTime: {
    readonly redirect: DistributionSpec;
    readonly callback: DistributionSpec;
    /** One request of a signed-in session's page traffic. */
    readonly page: DistributionSpec;
  };
  readonly autoscaling: ResolvedAutoscaling | null;
  /** Cost of one instance-hour (any currency), or null when the scenario gives none. */
  readonly pricePerInstanceHour: number | null;
}

export interface ResolvedBackEnd extends ResolvedStation {
  /** One API call [s]. */
  readonly serviceTime: DistributionSpec;
  /** Signature check per call [s]. */
  readonly tokenValidation: DistributionSpec;
  /** The signing-key cache's automatic refresh interval [s]. */
  readonly signingKeyCacheTtl: number;
  /** A token signed with a key the cache lacks refetches the metadata (at most every `signingKeyRefreshInterval`). */
  readonly signingKeyRefreshOnUnknownKey: boolean;
  /** [s] */
  readonly signingKeyRefreshInterval: number;
  readonly signingKeyFetch: DistributionSpec;
  readonly autoscaling: ResolvedAutoscaling | null;
  /** Cost of one instance-hour (any currency), or null when the scenario gives none. */
  readonly pricePerInstanceHour: number | null;
}

export interface ResolvedDatacenter {
  readonly index: number;
  readonly name: string;
  /** Canonical region name. */
  readonly region: string;
  readonly regionIndex: number;
  readonly wfe: ResolvedWfe;
  readonly backEnd: ResolvedBackEnd;
}

export type RoutingMethod = "performance" | "priority" | "weighted" | "geographic";

export interface ResolvedEndpoint {
  /** The datacenter whose WFE this endpoint is; -1 for a nested endpoint. */
  readonly datacenterIndex: number;
  /** A nested endpoint's child profile (index into ResolvedTrafficManager.profiles); -1 otherwise. */
  readonly childProfileIndex: number;
  /** A nested endpoint is healthy while at least this many of its child's endpoints are. */
  readonly minChildEndpoints: number;
  /** Region performance routing measures this endpoint from (its datacenter's, or the nested endpoint's location). */
  readonly locationRegionIndex: number;
  readonly enabled: boolean;
  /** 0-1000 (weighted routing). */
  readonly weight: number;
  /** 1-1000, lower wins (priority routing); defaults to list position + 1. */
  readonly priority: number;
  /** Geographic routing: what this endpoint was mapped to, as written. */
  readonly geos: readonly string[];
}

export interface ResolvedChildProfile {
  readonly name: string;
  readonly routing: Exclude<RoutingMethod, "geographic">;
  readonly endpoints: readonly ResolvedEndpoint[];
}

/** The datacenters an endpoint leads to: its own, or its child profile's. */
export function endpointDatacenters(tm: ResolvedTrafficManager, e: ResolvedEndpoint): number[] {
  if (e.childProfileIndex < 0) return [e.datacenterIndex];
  return (tm.profiles[e.childProfileIndex]?.endpoints ?? [])
    .filter((c) => c.enabled)
    .map((c) => c.datacenterIndex);
}

export interface ResolvedTrafficManager {
  readonly routing: RoutingMethod;
  /** DNS TTL [s]. */
  readonly ttl: number;
  /** Health probing [s]; Degraded after toleratedFailures + 1 consecutive failures. */
  readonly probe: ResolvedProbe;
  readonly endpoints: readonly ResolvedEndpoint[];
  /** Child profiles behind nested endpoints (their endpoints are datacenters, `geos` empty). */
  readonly profiles: readonly ResolvedChildProfile[];
  /**
   * Geographic routing, per user base index: the endpoint index its location maps to (user-base
   * name, then region, then `world`), or -1 when unmapped (Traffic Manager gives no answer).
   */
  readonly geographicEndpoint: readonly number[];
}

/** Traffic Manager's endpoint monitoring (routing/endpoint-monitor.ts) [s]. */
export interface ResolvedProbe {
  readonly interval: number;
  readonly timeout: number;
  /** A location counts an endpoint failed after toleratedFailures + 1 consecutive failures. */
  readonly toleratedFailures: number;
  /** Probing locations, each with its own schedule and count. */
  readonly locations: number;
  /** How many locations must count it failed for the endpoint to be Degraded. */
  readonly degradedWhen: "any" | "majority" | "all";
  /** Custom health page thresholds (share; seconds), or null for none. */
  readonly failAboveUtilisation: number | null;
  readonly failAboveLatency: number | null;
}

export interface ResolvedIdpEndpoint extends ResolvedStation {
  readonly serviceTime: DistributionSpec;
}

export interface ResolvedIdentityProvider {
  /** Identity regions, as indices into geography.regions (a station pair in each). */
  readonly regionIndices: readonly number[];
  readonly loginPage: ResolvedIdpEndpoint;
  readonly tokenEndpoint: ResolvedIdpEndpoint;
  /** Requests/s per region beyond which 429s are returned, or null for none. */
  readonly throttling: { readonly rate: number | null; readonly retryAfter: number };
  readonly credentialEntry: DistributionSpec;
  readonly mfa: { readonly share: number; readonly time: DistributionSpec };
  /** Share of new sessions with an existing SSO session. */
  readonly ssoShare: number;
  /** Access-token lifetime [s]. */
  readonly tokenLifetime: DistributionSpec;
  /** Renew this long before expiry [s]. */
  readonly renewalOffset: number;
  /** Single-page apps' refresh-token lifetime from the sign-in that issued it [s]. */
  readonly refreshTokenLifetime: number;
  readonly silentRenewal: {
    readonly iframeFallback: boolean;
    /** [s] */
    readonly iframeTimeout: number;
    /** Share of browsers whose iframe sees no sign-in cookie (third-party cookies blocked). */
    readonly thirdPartyCookiesBlocked: number;
  };
  /**
   * Scale units: partitions of the identity provider's tenants (tenants[].scaleUnit, in order of
   * first mention; ["default"] when none is named). Faults may target one.
   */
  readonly scaleUnits: readonly string[];
  /** Resources besides the service's API whose tokens a session holds (at most 3). */
  readonly resources: readonly ResolvedResource[];
}

export interface ResolvedResource {
  readonly name: string;
  /** Calls to it per active session [1/s]. */
  readonly callRate: number;
  readonly tokenLifetime: DistributionSpec;
}

export interface ResolvedGlobalService extends ResolvedStation {
  readonly regionIndex: number;
  readonly serviceTime: DistributionSpec;
  /** WFE cache of tenant -> back-end answers [s]. */
  readonly cacheTtl: number;
}

export interface ResolvedTenant {
  readonly index: number;
  readonly name: string;
  /** Datacenter whose back-end cluster holds the tenant. */
  readonly datacenterIndex: number;
  readonly weight: number;
  /** Index into identityProvider.scaleUnits. */
  readonly scaleUnitIndex: number;
}

export interface ResolvedDns {
  readonly resolverRegionIndex: number;
  /** EDNS Client Subnet: Traffic Manager sees the user base's region instead of the resolver's. */
  readonly clientSubnet: boolean;
  /** Resolvers in the population; each session is bound to one (routing/dns.ts). */
  readonly resolvers: number;
  /** Share of resolvers that keep every answer TTL + their own drawn `extendBy` [s]. */
  readonly extendShare: number;
  readonly extendBy: DistributionSpec;
  /** Share of resolvers that hold every answer max(TTL, their own drawn `staleFor`) [s]. */
  readonly staleShare: number;
  readonly staleFor: DistributionSpec;
  readonly cacheHitLatency: DistributionSpec;
  readonly cacheMissLatency: DistributionSpec;
  /** [s] */
  readonly browserCacheTtl: number;
}

export interface ResolvedArrivals {
  /** Sessions on a weekday with factor 1 (dailyActiveUsers × sessionsPerUser). */
  readonly sessionsPerTypicalDay: number;
  /**
   * Session starts per second in each local hour of the week, Monday 00:00-01:00 local first
   * (168 values). Local week second at simulated time t:
   * (simulation.startWeekSecond + t + timeZone.utcOffset) mod 604800.
   */
  readonly weeklyRate: readonly number[];
  /**
   * With profile.quarterHourly: the session-start rate [1/s] per local quarter-hour of the week
   * (672, Monday 00:00-00:15 first), which the model follows instead of weeklyRate (then the mean
   * of each hour's four). Under "linear" each quarter's rate holds at its midpoint.
   */
  readonly quarterRate?: readonly number[];
  /**
   * "linear": the rate at each hour's midpoint is that hour's weeklyRate, linear in between (no
   * steps; the week's integral is the same). "hourly": constant within each hour.
   */
  readonly interpolation: "linear" | "hourly";
  /** max(weeklyRate) [1/s], the highest rate at any instant (also under linear interpolation). */
  readonly peakRate: number;
}

export interface ResolvedUserBase {
  readonly index: number;
  readonly name: string;
  readonly regionIndex: number;
  readonly dailyActiveUsers: number;
  readonly sessionsPerUser: number;
  /** Fixed offset: local = UTC + utcOffset [s]; standard (winter) time, no DST changes. */
  readonly timeZone: { readonly name: string; readonly utcOffset: number };
  readonly arrivals: ResolvedArrivals;
  readonly sessionLength: DistributionSpec;
  /** API calls per session while it is active [1/s]. */
  readonly backEndRate: number;
  /** Requests to the session's WFE while it is active (page traffic) [1/s]; 0: none. */
  readonly pageRate: number;
  /** Active and idle periods of a session; it starts active. */
  readonly activity: { readonly active: DistributionSpec; readonly idle: DistributionSpec };
  /** Shares of sessions by client type (sum 1). */
  readonly clients: { readonly spa: number; readonly web: number; readonly broker: number };
  /** A user whose sign-in failed comes back with `probability` after `delay`. */
  readonly returns: { readonly probability: number; readonly delay: DistributionSpec };
  /** Probability of each tenant (by tenant index); sums to 1. */
  readonly tenantShares: readonly number[];
  /** Added to every user round trip [s]; jitter is the standard deviation. */
  readonly lastMile: { readonly rtt: number; readonly jitter: number };
  readonly dns: ResolvedDns;
}

export interface ResolvedClient {
  readonly connectTimeout: number;
  readonly retries: number;
  readonly backoff: {
    readonly initial: number;
    readonly multiplier: number;
    readonly max: number;
    readonly jitter: "none" | "full" | "equal";
  };
  /** A renewal that timed out or found no server: retry at the next API call, or after backoff. */
  readonly onNetworkError: "nextCall" | "backoff";
  /** How long MSAL blocks a request after a 5xx that carried no Retry-After [s]. */
  readonly throttleWithoutRetryAfter: number;
  readonly reResolveOnRetry: boolean;
}

export interface ResolvedSlo extends ParsedSlo {
  /** What the scope names (login latency may name either), or null when unscoped. */
  readonly scopeKind: "userBase" | "datacenter" | null;
  /** Index of the scoped user base or datacenter (per `scopeKind`), or -1 when unscoped. */
  readonly scopeIndex: number;
}
