/**
 * A Microsoft Graph `signIn` object (v1.0 `auditLogs/signIns`, and the beta's extra fields where
 * present: `signInEventTypes`, `authenticationRequirement`, `authenticationDetails`,
 * `incomingTokenType`) -> a SignInRecord. Fields: learn.microsoft.com/graph/api/resources/signin.
 * The v1.0 list returns interactive sign-ins only unless filtered, so a record without
 * `isInteractive` or `signInEventTypes` counts as interactive.
 */
import { hashKey } from "../hash-key.ts";
import type { SignInRecord } from "../sign-in-record.ts";
import {
  classify,
  interactiveFromEventTypes,
  isMultiFactor,
  isWorkloadSignIn,
  parseTimestamp,
} from "./classify.ts";

type GraphSignIn = Record<string, unknown>;

/** Fills `into` from `object`; returns why it is skipped ("workload"), a problem, or null when read. */
export function readGraphSignIn(object: unknown, into: SignInRecord): string | null {
  if (object === null || typeof object !== "object" || Array.isArray(object)) return "not an object";
  const s = object as GraphSignIn;
  if (isWorkloadSignIn(s.signInEventTypes)) return "workload";
  into.time = parseTimestamp(s.createdDateTime);
  if (!Number.isFinite(into.time)) return "no createdDateTime";
  const byType = interactiveFromEventTypes(s.signInEventTypes);
  const interactive = typeof s.isInteractive === "boolean" ? s.isInteractive : (byType ?? true);
  into.kind = classify(interactive, s.incomingTokenType, s.authenticationDetails);
  into.mfa = isMultiFactor(s.authenticationRequirement);
  const status = (s.status ?? {}) as { errorCode?: unknown };
  into.errorCode = Number(status.errorCode ?? 0) || 0;
  const location = (s.location ?? {}) as {
    countryOrRegion?: unknown;
    geoCoordinates?: { latitude?: unknown; longitude?: unknown } | null;
  };
  into.country = typeof location.countryOrRegion === "string" ? location.countryOrRegion.toUpperCase() : "";
  into.lat = numberOr(location.geoCoordinates?.latitude);
  into.lon = numberOr(location.geoCoordinates?.longitude);
  into.user = hashKey(stringOr(s.userId) || stringOr(s.userPrincipalName));
  into.correlation = hashKey(stringOr(s.correlationId));
  into.processing = Number.NaN;
  return null;
}

function numberOr(x: unknown): number {
  return typeof x === "number" && Number.isFinite(x) ? x : Number.NaN;
}

function stringOr(x: unknown): string {
  return typeof x === "string" ? x : "";
}
