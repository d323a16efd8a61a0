/** Clock times `HH:MM` or `HH:MM:SS` (24-hour, 00:00 to 24:00) -> seconds after midnight. */
import { failed, type ParseResult, parsed } from "./parse-result.ts";

export const TIME_OF_DAY_PATTERN = "^([01]?\\d|2[0-4]):([0-5]\\d)(:([0-5]\\d))?$";
const TIME_RE = new RegExp(TIME_OF_DAY_PATTERN);

export const TIME_OF_DAY_HINT = 'a time of day "HH:MM" (24-hour), e.g. "08:30"';

export function parseTimeOfDay(input: unknown): ParseResult {
  if (typeof input !== "string") return failed(TIME_OF_DAY_HINT);
  const m = TIME_RE.exec(input.trim());
  if (!m) return failed(TIME_OF_DAY_HINT);
  const seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[4] ?? 0);
  return seconds <= 86400 ? parsed(seconds) : failed(TIME_OF_DAY_HINT);
}
