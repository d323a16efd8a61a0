/**
 * A row of the Log Analytics tables `SigninLogs` (interactive) and
 * `AADNonInteractiveUserSignInLogs` (non-interactive) -> a SignInRecord, whether exported as
 * JSON (dynamic columns as objects or as JSON text) or as the portal's CSV (headers such as
 * `TimeGenerated [UTC]`). Columns: learn.microsoft.com/azure/azure-monitor/reference/tables/
 * signinlogs and .../aadnoninteractiveusersigninlogs. `ResultType` is the error code as text
 * ("0" = success); `LocationDetails` carries city, state, countryOrRegion and geoCoordinates.
 */
import { hashKey } from "../hash-key.ts";
import type { SignInRecord } from "../sign-in-record.ts";
import {
  asBoolean,
  classify,
  interactiveFromEventTypes,
  isMultiFactor,
  isWorkloadSignIn,
  parseJsonOr,
  parseTimestamp,
} from "./classify.ts";

type Row = Record<string, unknown>;

/** `TimeGenerated [UTC]` -> `TimeGenerated`: the portal's CSV adds units to some headers. */
export function laColumn(header: string): string {
  return header.replace(/\s*\[[^\]]*\]\s*$/, "").trim();
}

/** True when a row (or a CSV header set) looks like a Log Analytics sign-in table. */
export function isLogAnalyticsRow(row: Row): boolean {
  return (
    ("ResultType" in row || "ResultSignature" in row) && ("TimeGenerated" in row || "CreatedDateTime" in row)
  );
}

/** Fills `into` from `row`; returns why it is skipped, a problem, or null when read. */
export function readLogAnalyticsRow(row: Row, into: SignInRecord): string | null {
  if (isWorkloadSignIn(row.SignInEventTypes)) return "workload";
  into.time = parseTimestamp(row.CreatedDateTime);
  if (!Number.isFinite(into.time)) into.time = parseTimestamp(row.TimeGenerated);
  if (!Number.isFinite(into.time)) return "no CreatedDateTime or TimeGenerated";
  const table = String(row.Type ?? row.Category ?? "");
  const byTable = /NonInteractive/i.test(table) ? false : /signin/i.test(table) ? true : null;
  const interactive =
    asBoolean(row.IsInteractive) ?? interactiveFromEventTypes(row.SignInEventTypes) ?? byTable ?? true;
  into.kind = classify(interactive, row.IncomingTokenType, row.AuthenticationDetails);
  into.mfa = isMultiFactor(row.AuthenticationRequirement);
  const code = Number(String(row.ResultType ?? "0").trim() || "0");
  into.errorCode = Number.isFinite(code) ? code : -1;
  const details = (
    typeof row.LocationDetails === "string"
      ? parseJsonOr(row.LocationDetails, {})
      : (row.LocationDetails ?? {})
  ) as { countryOrRegion?: unknown; geoCoordinates?: { latitude?: unknown; longitude?: unknown } };
  const country = details.countryOrRegion ?? row.Location;
  into.country = typeof country === "string" ? country.toUpperCase() : "";
  into.lat = finite(details.geoCoordinates?.latitude);
  into.lon = finite(details.geoCoordinates?.longitude);
  into.user = hashKey(text(row.UserId) || text(row.UserPrincipalName));
  into.correlation = hashKey(text(row.CorrelationId));
  const ms = finite(row.ProcessingTimeInMilliseconds ?? row.ProcessingTimeInMs);
  into.processing = ms / 1000;
  return null;
}

function finite(x: unknown): number {
  const n = typeof x === "number" ? x : typeof x === "string" && x.trim() !== "" ? Number(x) : Number.NaN;
  return Number.isFinite(n) ? n : Number.NaN;
}

function text(x: unknown): string {
  return typeof x === "string" ? x : "";
}
