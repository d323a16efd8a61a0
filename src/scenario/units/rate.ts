/** Rates as people write them (`1200/s`, `30/min`, `100/h`, `5/d`) -> events per second. */
import { failed, type ParseResult, parsed } from "./parse-result.ts";

const PER_UNIT_SECONDS: Readonly<Record<string, number>> = {
  s: 1,
  sec: 1,
  m: 60,
  min: 60,
  h: 3600,
  hour: 3600,
  d: 86400,
  day: 86400,
};

export const RATE_PATTERN = "^\\s*(\\d+(\\.\\d+)?|\\.\\d+)\\s*/\\s*(s|sec|m|min|h|hour|d|day)\\s*$";
const RATE_RE = new RegExp(RATE_PATTERN);

export const RATE_HINT = "a rate, e.g. 1200/s, 30/min, 100/h, 5/d";

/** Parses a rate; bare numbers are refused (per second? per hour?). */
export function parseRate(input: unknown): ParseResult {
  if (typeof input === "number")
    return failed(`${RATE_HINT}; a bare number has no time unit (write ${input}/s)`);
  if (typeof input !== "string") return failed(RATE_HINT);
  const m = RATE_RE.exec(input);
  if (!m) return failed(RATE_HINT);
  return parsed(Number(m[1]) / PER_UNIT_SECONDS[m[3]]);
}
