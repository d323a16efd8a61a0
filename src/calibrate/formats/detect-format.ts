/**
 * Which format a log file is in, from its first non-empty line (and its name for the admin
 * center's CSV): calibrate reads only the formats Entra ID documents and exports, and says so
 * when a file is none of them.
 */

import { isAdminCenterHeader } from "./admin-center-csv.ts";
import { parseCsvRecord } from "./csv-row.ts";
import { laColumn } from "./log-analytics.ts";

export type LogFormat = "json" | "admin-center-csv" | "log-analytics-csv" | "w3c" | "unknown";

export const FORMAT_NAMES: Record<LogFormat, string> = {
  json: "JSON (Graph signIn pages or lines, Log Analytics JSON)",
  "admin-center-csv": "Entra admin center sign-in CSV",
  "log-analytics-csv": "Log Analytics CSV (SigninLogs / AADNonInteractiveUserSignInLogs)",
  w3c: "W3C extended access log",
  unknown: "unknown",
};

export function detectFormat(firstLine: string): LogFormat {
  const t = firstLine.replace(/^\uFEFF/, "").trim();
  if (t.startsWith("{") || t.startsWith("[")) return "json";
  if (t.startsWith("#Software:") || t.startsWith("#Version:") || t.startsWith("#Fields:")) return "w3c";
  const headers = parseCsvRecord(t);
  if (headers === null) return "unknown";
  if (isAdminCenterHeader(headers)) return "admin-center-csv";
  const la = headers.map(laColumn);
  if (la.includes("ResultType") && (la.includes("TimeGenerated") || la.includes("CreatedDateTime")))
    return "log-analytics-csv";
  return "unknown";
}
