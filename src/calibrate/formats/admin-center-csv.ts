/**
 * A row of the sign-in log CSV the Entra admin center downloads (Monitoring > Sign-in logs >
 * Download > CSV) -> a SignInRecord. Its headers are the portal's column names (`Date (UTC)`,
 * `Correlation ID`, `User ID`, `Location` as "City, State, CC", `Sign-in error code`,
 * `Authentication requirement`, `Incoming token type`, ...). The download writes interactive
 * and non-interactive sign-ins to separate files (`InteractiveSignIns_*.csv`,
 * `NonInteractiveSignIns_*.csv`), so the file name says which; the CSV has no authentication
 * details, so SSO cannot be told from a prompt there (all interactive rows count as prompts).
 */
import { hashKey } from "../hash-key.ts";
import type { SignInRecord } from "../sign-in-record.ts";
import { asBoolean, classify, isMultiFactor, parseTimestamp } from "./classify.ts";

type Row = Record<string, string>;

export function isAdminCenterHeader(headers: readonly string[]): boolean {
  return headers.includes("Date (UTC)") && headers.some((h) => /^Sign-in error code$|^Status$/.test(h));
}

/** Non-interactive by its file name (the admin center's download names). */
export function isNonInteractiveFile(path: string): boolean {
  return /non-?interactive/i.test(path.split(/[\\/]/).pop() ?? "");
}

export function readAdminCenterRow(row: Row, nonInteractiveFile: boolean, into: SignInRecord): string | null {
  into.time = parseTimestamp(row["Date (UTC)"]);
  if (!Number.isFinite(into.time)) return "no Date (UTC)";
  const interactive = asBoolean(row["Is Interactive"]) ?? !nonInteractiveFile;
  into.kind = classify(interactive, row["Incoming token type"], undefined);
  into.mfa = isMultiFactor(row["Authentication requirement"]);
  const code = (row["Sign-in error code"] ?? "").trim();
  into.errorCode = code === "" || /^none$/i.test(code) ? 0 : Number(code) || -1;
  // "Redmond, Washington, US": the country code is the last part.
  const parts = (row.Location ?? "").split(",").map((p) => p.trim());
  const last = parts[parts.length - 1] ?? "";
  into.country = /^[A-Za-z]{2}$/.test(last) ? last.toUpperCase() : "";
  into.lat = Number.NaN;
  into.lon = Number.NaN;
  into.user = hashKey(row["User ID"] || row.Username || row.User);
  into.correlation = hashKey(row["Correlation ID"]);
  const latency = Number(row.Latency);
  into.processing = Number.isFinite(latency) && row.Latency !== "" ? latency / 1000 : Number.NaN;
  return null;
}
