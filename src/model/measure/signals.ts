/**
 * Every signal the model emits, and how a run keeps it: the one table to read to know what is
 * measured. Model code says what happened (`metrics.count(Occurrence.LOGIN_COMPLETED, now, ub,
 * dc)`, `metrics.latency(Latency.LOGIN, now, seconds, ub, dc)`); this table says whether each is
 * kept as a total, per user base, per datacenter, or as a time-binned series, and which of those
 * count only after the warm-up. metrics.ts applies it; run/results.ts reads it back by the same
 * names. The warm-up gate lives in Metrics, never at a call site.
 *
 * Gating: totals and per-scope figures cover the measured period (after the warm-up); a
 * `wholeRun` total and every series cover the whole run (charts show the warm-up too, and
 * conservation checks need every session).
 */

/** Things that happen, counted. */
export const Occurrence = {
  /** A session opened (a browser tab or app start). */
  SESSION_STARTED: 0,
  SESSION_ENDED: 1,
  /** A sign-in began (first attempt; retries are not new sign-ins). */
  LOGIN_STARTED: 2,
  LOGIN_COMPLETED: 3,
  /** A sign-in that gave up after its retries. */
  LOGIN_FAILED: 4,
  /** Sign-ins by kind, counted when they begin. */
  SIGN_IN_INTERACTIVE: 5,
  SIGN_IN_SSO: 6,
  SIGN_IN_EMBEDDED: 7,
  /** A sign-in by redirect because silent renewal needed interaction (an expired refresh token). */
  REAUTHENTICATION: 8,
  /** A renewal request sent (each attempt; retries included). */
  RENEWAL_ATTEMPTED: 9,
  /** A silent renewal that got a token (each one is a renewal token issued). */
  RENEWAL_SUCCEEDED: 10,
  /** A renewal request sent after a failed one for the same token. */
  RENEWAL_RETRY: 11,
  /** A renewal request that failed (the token is retried at a later call). */
  RENEWAL_FAILED: 12,
  /** A back-end call that failed (rejected, timed out, dropped, or not sent for want of a token). Calls that succeeded
   * are the count of Latency.BACK_END_CALL: no counter of their own on the hottest path. */
  BACK_END_CALL_FAILED: 13,
  /** A token issued to a browser sign-in (interactive or SSO). */
  TOKEN_BROWSER_SIGN_IN: 14,
  /** A token issued to an embedded host's sign-in. */
  TOKEN_EMBEDDED_SIGN_IN: 15,
  /** A request reached a WFE (first GET or callback). */
  WFE_REQUEST: 16,
  /** A browser opened a connection to a datacenter (after DNS). */
  NEW_CONNECTION: 17,
  /** A DNS lookup that went to Traffic Manager (not answered from a cache). */
  TRAFFIC_MANAGER_QUERY: 18,
  /** Renewal requests sent, by grant (the identity-provider request mix, per user base). */
  IDP_REFRESH: 19,
  IDP_WEB_REFRESH: 20,
  IDP_IFRAME: 21,
  IDP_BROKER_REFRESH: 22,
  /** A session alive when the run began (warm start). */
  SESSION_AT_START: 23,
  /** A user whose sign-in had failed opened the service again. */
  USER_RETURNED: 24,
  /** A page request the WFE rejected, timed out or dropped (pages/page-requests.ts). Pages served
   * are the count of Latency.WFE_PAGE. */
  WFE_PAGE_FAILED: 25,
} as const;
export type Occurrence = (typeof Occurrence)[keyof typeof Occurrence];

/** Durations, kept in DDSketches (1% relative accuracy). */
export const Latency = {
  /** A completed sign-in, first request to token at the browser, typing included. */
  LOGIN: 0,
  /** The same without the user's typing and MFA time: what the system is responsible for. */
  LOGIN_SYSTEM: 1,
  /** A sign-in's parts, in LOGIN_STEPS order. */
  STEP_DNS: 2,
  STEP_CONNECT: 3,
  STEP_WFE_REDIRECT: 4,
  STEP_IDENTITY_PROVIDER: 5,
  STEP_USER_TYPING: 6,
  STEP_REDEMPTION: 7,
  /** A silent renewal that succeeded, retries included. */
  RENEWAL: 8,
  /** One back-end API call, browser to browser. */
  BACK_END_CALL: 9,
  /** One page request of a signed-in session, browser to browser (its WFE's page traffic). */
  WFE_PAGE: 10,
} as const;
export type Latency = (typeof Latency)[keyof typeof Latency];

/** How one signal is kept. */
export interface Keeping {
  /** A measured-period total. For a latency: "merged" = the merge of its per-user-base sketches. */
  readonly total: boolean | "merged";
  /** A total over the whole run, warm-up included (counts only). */
  readonly wholeRun?: boolean;
  readonly perUserBase?: boolean;
  readonly perDatacenter?: boolean;
  /** Time-binned over the whole run: a count per bin (per datacenter: one series each), or quantiles. */
  readonly series?: "total" | "perDatacenter" | "quantiles";
  /**
   * One sketch per (user base, datacenter) pair, recorded once per value; a user base's, a
   * datacenter's and the total figure are merges of the pairs, made when read.
   */
  readonly byPlace?: boolean;
}

export const OCCURRENCES: Readonly<Record<keyof typeof Occurrence, Keeping>> = {
  SESSION_STARTED: { total: false, wholeRun: true, perUserBase: true },
  SESSION_ENDED: { total: false, wholeRun: true },
  LOGIN_STARTED: { total: true },
  LOGIN_COMPLETED: { total: true, perUserBase: true, perDatacenter: true, series: "total" },
  LOGIN_FAILED: { total: true, perUserBase: true },
  SIGN_IN_INTERACTIVE: { total: true, perUserBase: true },
  SIGN_IN_SSO: { total: true, perUserBase: true },
  SIGN_IN_EMBEDDED: { total: true, perUserBase: true },
  REAUTHENTICATION: { total: true },
  RENEWAL_ATTEMPTED: { total: true },
  RENEWAL_SUCCEEDED: { total: true, series: "total" },
  RENEWAL_RETRY: { total: true },
  RENEWAL_FAILED: { total: true },
  BACK_END_CALL_FAILED: { total: true },
  TOKEN_BROWSER_SIGN_IN: { total: true, series: "total" },
  TOKEN_EMBEDDED_SIGN_IN: { total: true, series: "total" },
  WFE_REQUEST: { total: false, series: "perDatacenter" },
  NEW_CONNECTION: { total: false, series: "perDatacenter" },
  TRAFFIC_MANAGER_QUERY: { total: false, series: "total" },
  IDP_REFRESH: { total: true, perUserBase: true },
  IDP_WEB_REFRESH: { total: true, perUserBase: true },
  IDP_IFRAME: { total: true, perUserBase: true },
  IDP_BROKER_REFRESH: { total: true, perUserBase: true },
  SESSION_AT_START: { total: false, wholeRun: true, perUserBase: true },
  USER_RETURNED: { total: true, perUserBase: true },
  WFE_PAGE_FAILED: { total: true, perUserBase: true, perDatacenter: true },
};

export const LATENCIES: Readonly<Record<keyof typeof Latency, Keeping>> = {
  LOGIN: { total: true, perUserBase: true, perDatacenter: true, series: "quantiles" },
  LOGIN_SYSTEM: { total: true, perUserBase: true, perDatacenter: true, series: "quantiles" },
  STEP_DNS: { total: true },
  STEP_CONNECT: { total: true },
  STEP_WFE_REDIRECT: { total: true },
  STEP_IDENTITY_PROVIDER: { total: true },
  STEP_USER_TYPING: { total: true },
  STEP_REDEMPTION: { total: true },
  RENEWAL: { total: true, perUserBase: true },
  // PERF: one record per call, in its (user base, datacenter) sketch; per user base, per
  // datacenter and overall are merges at the end (recording all three cost 3 records a call).
  BACK_END_CALL: { total: "merged", byPlace: true },
  WFE_PAGE: { total: "merged", byPlace: true },
};

/** The table's rows in id order (ids are 0, 1, 2, ... in declaration order). */
export const OCCURRENCE_KEEPING: readonly Keeping[] = Object.keys(Occurrence).map(
  (k) => OCCURRENCES[k as keyof typeof Occurrence],
);
export const LATENCY_KEEPING: readonly Keeping[] = Object.keys(Latency).map(
  (k) => LATENCIES[k as keyof typeof Latency],
);
