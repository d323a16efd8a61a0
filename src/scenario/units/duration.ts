/**
 * Durations as people write them (`250ms`, `90s`, `5m`, `1.5h`, `2d`, and compounds largest unit
 * first: `2h30m`, `1m30s`) -> seconds. A bare number is rejected: "30" could be seconds or
 * milliseconds, and guessing wrong silently is worse than asking.
 */
import { failed, type ParseResult, parsed } from "./parse-result.ts";

/**
 * Seconds per unit as [multiply, divide]; `m` is minutes (there is no month), `us`/`µs` micro-
 * seconds. Sub-second units divide so `15us` is the double nearest 15e-6, not 15 × 1e-6.
 */
const DURATION_UNITS: Readonly<Record<string, readonly [number, number]>> = {
  us: [1, 1e6],
  µs: [1, 1e6],
  ms: [1, 1e3],
  s: [1, 1],
  m: [60, 1],
  min: [60, 1],
  h: [3600, 1],
  d: [86400, 1],
};

const NUMBER = "(\\d+(\\.\\d+)?|\\.\\d+)";
const UNIT = "(us|µs|ms|s|min|m|h|d)";

/** Anchored pattern, also published in the JSON Schema so editors flag bad values. */
export const DURATION_PATTERN = `^\\s*(${NUMBER}\\s*${UNIT}\\s*)+$`;
const DURATION_RE = new RegExp(DURATION_PATTERN);
/** One `number unit` term of a compound; longer units first so `ms` is not read as `m` + `s`. */
const TERM_RE = /(\d+(?:\.\d+)?|\.\d+)\s*(us|µs|ms|min|s|m|h|d)/g;

export const DURATION_HINT =
  "a duration with a unit, e.g. 250ms, 90s, 5m, 1.5h, 2h30m, 2d (units: us, ms, s, m, h, d)";

/** Parses a duration; numbers are refused with a hint naming the unit forms. */
export function parseDuration(input: unknown): ParseResult {
  if (typeof input === "number") {
    return failed(`${DURATION_HINT}; a bare number has no unit (write ${input}s or ${input}ms)`);
  }
  if (typeof input !== "string" || !DURATION_RE.test(input)) return failed(DURATION_HINT);
  let value = 0;
  let previousSize = Number.POSITIVE_INFINITY;
  for (const m of input.matchAll(TERM_RE)) {
    const [mul, div] = DURATION_UNITS[m[2]];
    const size = mul / div;
    if (size >= previousSize) return failed(`${DURATION_HINT}; in a compound, each unit once, largest first`);
    previousSize = size;
    value += (Number(m[1]) * mul) / div;
  }
  return Number.isFinite(value) ? parsed(value) : failed(DURATION_HINT);
}

/** Formats seconds back into the shortest exact human form (for messages and docs). */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return "0s";
  for (const [unit, size] of [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    if (seconds >= size && Number.isInteger(seconds / size)) return `${seconds / size}${unit}`;
  }
  if (seconds >= 1) return `${seconds}s`;
  return `${Number((seconds * 1000).toPrecision(6))}ms`;
}
