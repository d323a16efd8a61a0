/**
 * What one simulated replication of a scenario produced: plain data, ready for the report layer
 * (summary.json, timeseries.csv, charts) and for comparing replications. Latencies are seconds,
 * rates per second, shares fractions. Statistics exclude the warm-up; time series cover the run.
 */
import type { LatencySummary } from "../../engine/stats/index.ts";
import type { RoutingMatrixReport } from "../measure/routing-matrix.ts";

export type { RoutingMatrixReport, RoutingWindow, RoutingWindowKind } from "../measure/routing-matrix.ts";

/** Why a login, renewal or API call failed. */
export const FAILURE_CAUSES = [
  "connectTimeout",
  "timeout",
  "rejected",
  "throttled",
  "idpError",
  "outage",
  "dnsNoAnswer",
  "noToken",
  "keyRejected",
] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];

/**
 * Identity-provider requests by kind: sign-ins by how they went (one per sign-in begun; its
 * retries are not new ones) and renewal requests by grant (one per request sent).
 */
export const IDENTITY_REQUEST_KINDS = [
  "interactive",
  "sso",
  "broker",
  "refresh",
  "webRefresh",
  "iframe",
  "brokerRefresh",
] as const;
export type IdentityRequestKind = (typeof IDENTITY_REQUEST_KINDS)[number];

export interface IdentityRequestMix {
  readonly counts: Readonly<Record<IdentityRequestKind, number>>;
  readonly total: number;
  /** Share of requests from existing sessions: all but first interactive sign-ins (null: none). */
  readonly existingSessionShare: number | null;
}

/** The steps a login is split into; their sum is the login latency. */
export const LOGIN_STEPS = [
  "dns",
  "connect",
  "wfeRedirect",
  "identityProvider",
  "userTyping",
  "redemption",
] as const;
export type LoginStep = (typeof LOGIN_STEPS)[number];

/** One point of a latency distribution: `share` of the values are at or below `latency` [s]. */
export interface CdfPoint {
  readonly share: number;
  readonly latency: number;
}

/**
 * The shares at which a login latency distribution is reported (`loginCdf`): enough points that
 * the curve between them is drawn from data, denser in the tail where SLOs live. 0 and 1 are
 * the exact min and max.
 */
export const CDF_SHARES: readonly number[] = [
  0, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85,
  0.9, 0.925, 0.95, 0.975, 0.98, 0.99, 0.995, 0.998, 0.999, 1,
];

export interface StationReport {
  readonly servers: number;
  readonly arrivals: number;
  readonly completions: number;
  readonly rejected: number;
  readonly timeouts: number;
  readonly outageDrops: number;
  /** Mean arrivals per second over the measured period. */
  readonly meanRate: number;
  /** Highest arrivals per second over one time bin. */
  readonly peakRate: number;
  readonly utilisationMean: number;
  /** Highest per-bin mean utilisation. */
  readonly utilisationPeak: number;
  readonly queueMean: number;
  readonly queuePeak: number;
}

export interface DatacenterReport {
  readonly name: string;
  readonly region: string;
  readonly wfe: StationReport;
  readonly backEnd: StationReport;
  /**
   * API calls the back end answered 401 because the instance's signing-key copy lacked the key
   * of the call's token (a signingKeyRemoved fault): answered before any work, so not among the
   * station's arrivals.
   */
  readonly backEndKeyRejections: number;
  /** API calls this datacenter's back end answered, browser to browser (round trip included). */
  readonly backEndCall: LatencySummary;
  /** Page requests this datacenter's WFE answered, browser to browser (userBases[].pageRate). */
  readonly wfePage: LatencySummary;
  /** Page requests this WFE rejected, timed out or dropped (among the station's failures too). */
  readonly wfePageFailures: number;
  /** Logins completed through this datacenter's WFE. */
  readonly logins: number;
  readonly login: LatencySummary;
  /** The login latency distribution at CDF_SHARES; empty when no login completed here. */
  readonly loginCdf: readonly CdfPoint[];
  /** The same distribution without the user's typing time. */
  readonly loginSystemCdf: readonly CdfPoint[];
  /** The same logins without the user's typing time. */
  readonly loginSystem: LatencySummary;
}

export interface UserBaseReport {
  readonly name: string;
  readonly region: string;
  readonly sessions: number;
  readonly logins: number;
  readonly loginFailures: number;
  readonly login: LatencySummary;
  /** The login latency distribution at CDF_SHARES; empty when no login completed. */
  readonly loginCdf: readonly CdfPoint[];
  /** The same distribution without the user's typing time. */
  readonly loginSystemCdf: readonly CdfPoint[];
  readonly loginSystem: LatencySummary;
  readonly backEnd: LatencySummary;
  /** This user base's page requests that its WFEs answered, and those that failed. */
  readonly wfePage: LatencySummary;
  readonly wfePageFailures: number;
  readonly renewal: LatencySummary;
  readonly identityRequests: IdentityRequestMix;
}

export interface FailoverReport {
  readonly datacenter: string;
  /** Fault window [s of simulated time]. */
  readonly start: number;
  readonly end: number;
  /** Seconds from the fault until 90% / 99% of new connections go to healthy datacenters; null if never. */
  readonly to90: number | null;
  readonly to99: number | null;
  /** Seconds from the fault until Traffic Manager marked the endpoint Degraded; null if never. */
  readonly detection: number | null;
}

/** One objective's metric as one replication measured it (judged in study/slo-judge.ts). */
export interface SloReading {
  readonly text: string;
  readonly metric: string;
  readonly scope: string | null;
  /** Measured value in base units (s, fraction, /s, count); null when there was nothing to measure. */
  readonly value: number | null;
  readonly threshold: number;
}

/** One row per time bin; every column has the same length. */
export interface TimeSeriesTable {
  readonly binWidth: number;
  /** Simulated time of the first bin's start [s]. */
  readonly start: number;
  /** Weekday + UTC time of simulated time 0 [s since Monday 00:00 UTC], for labelling axes. */
  readonly startWeekSecond: number;
  readonly columns: Readonly<Record<string, readonly number[]>>;
}

/** Per back end: how much of its load ran at flow level, and where the exact path ran instead. */
export interface BackEndCallModelReport {
  readonly model: "auto" | "exact";
  readonly datacenters: readonly {
    readonly name: string;
    /** Share of the measured period's calls carried at flow level (0 when it had no calls). */
    readonly flowShare: number;
    /** Time bins [start, end) in s, merged when adjacent, in which calls were played one by one. */
    readonly exactWindows: readonly (readonly [number, number])[];
  }[];
}

export interface RunResult {
  readonly scenario: string;
  readonly seed: number;
  readonly replication: number;
  /** False when a guard (maxEvents) stopped the run before its end: figures are partial. */
  readonly complete: boolean;
  /** Event-trajectory fingerprint (16 hex digits) when the run asked for one, else null. */
  readonly fingerprint: string | null;
  readonly simulated: { readonly duration: number; readonly warmUp: number };
  readonly performance: {
    readonly events: number;
    readonly wallSeconds: number;
    readonly eventsPerSecond: number;
  };
  /** How the back ends' API calls were simulated (calls/call-model.ts). */
  readonly backEndCallModel: BackEndCallModelReport;
  /** The same for the WFEs' page traffic; null when no user base sends any. */
  readonly wfePageModel: BackEndCallModelReport | null;
  /** atStart (warm start) + started = ended + active. */
  readonly sessions: {
    readonly atStart: number;
    readonly started: number;
    readonly ended: number;
    readonly active: number;
  };
  readonly identityRequests: IdentityRequestMix;
  readonly logins: {
    readonly started: number;
    readonly completed: number;
    readonly failed: number;
    readonly interactive: number;
    readonly sso: number;
    readonly embedded: number;
    /** Sign-ins by redirect because silent renewal needed interaction. */
    readonly reauthentications: number;
    /** Users whose sign-in had failed and who opened the service again (new sessions). */
    readonly returned: number;
  };
  readonly latency: {
    readonly login: LatencySummary;
    /** Login latency without the user's own typing time. */
    readonly loginSystem: LatencySummary;
    readonly steps: Readonly<Record<LoginStep, LatencySummary>>;
    readonly backEnd: LatencySummary;
    /** Page requests the WFEs answered (empty without page traffic). */
    readonly wfePage: LatencySummary;
    readonly renewal: LatencySummary;
  };
  readonly failures: Readonly<Record<FailureCause, number>>;
  readonly renewals: {
    readonly attempted: number;
    readonly succeeded: number;
    readonly retries: number;
    readonly failed: number;
  };
  readonly backEndCalls: { readonly ok: number; readonly failed: number };
  /** Page requests to the WFEs: answered, and rejected, timed out or dropped. */
  readonly wfePages: { readonly ok: number; readonly failed: number };
  readonly tokens: {
    /** Issued to browser sign-ins, interactive or SSO (was `interactive`, which it never only was). */
    readonly browserSignIn: number;
    /** Issued to silent renewals (= renewals.succeeded). */
    readonly renewal: number;
    /** Issued to embedded hosts' sign-ins. */
    readonly embedded: number;
    readonly meanRate: number;
    readonly peakRate: number;
  };
  readonly identityProvider: {
    readonly throttled: number;
    readonly errors: number;
    readonly loginPage: StationReport;
    readonly tokenEndpoint: StationReport;
  };
  readonly globalService: {
    readonly lookups: number;
    readonly cacheHits: number;
    readonly queryRate: number;
    readonly station: StationReport;
  };
  readonly dns: {
    readonly lookups: number;
    readonly resolverHits: number;
    readonly trafficManagerQueries: number;
    readonly queryRate: number;
    readonly noAnswer: number;
  };
  readonly datacenters: readonly DatacenterReport[];
  readonly userBases: readonly UserBaseReport[];
  readonly failovers: readonly FailoverReport[];
  /** Logins per user base × datacenter and their latency without typing (map, routing matrix). */
  readonly routing: RoutingMatrixReport;
  readonly slos: readonly SloReading[];
  readonly series: TimeSeriesTable;
}

/**
 * Share of the calls to a datacenter's back end that failed: turned away, timed out, dropped by an
 * outage, or answered 401 for a key its signing-key copy lacks. Null without calls.
 */
export function backEndFailureRate(d: DatacenterReport): number | null {
  const b = d.backEnd;
  const calls = b.arrivals + d.backEndKeyRejections;
  return calls === 0 ? null : (b.rejected + b.timeouts + b.outageDrops + d.backEndKeyRejections) / calls;
}
