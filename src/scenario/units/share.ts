/**
 * Shares (fractions of a whole): `70%` or the plain fraction `0.7`. Both are accepted because both
 * are unambiguous; a plain number above 1 is refused ("70" might mean 70% or a typo), as is
 * anything outside 0-100%.
 */
import { failed, type ParseResult, parsed } from "./parse-result.ts";

export const SHARE_PATTERN = "^\\s*(\\d+(\\.\\d+)?|\\.\\d+)\\s*%\\s*$";
const SHARE_RE = new RegExp(SHARE_PATTERN);

export const SHARE_HINT = "a share: a percentage such as 70% or a fraction between 0 and 1 such as 0.7";

/** Parses a share into a fraction in [0, 1]. */
export function parseShare(input: unknown): ParseResult {
  if (typeof input === "number") {
    if (Number.isFinite(input) && input >= 0 && input <= 1) return parsed(input);
    return failed(
      input > 1 && input <= 100 ? `${SHARE_HINT}; write ${input}% if you mean a percentage` : SHARE_HINT,
    );
  }
  if (typeof input !== "string") return failed(SHARE_HINT);
  const m = SHARE_RE.exec(input);
  if (!m) return failed(SHARE_HINT);
  const value = Number(m[1]) / 100;
  return value <= 1 ? parsed(value) : failed(`${SHARE_HINT}; ${input} is more than 100%`);
}
