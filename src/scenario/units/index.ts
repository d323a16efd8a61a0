/** Human units -> base units (seconds, per second, fractions). The only place units are parsed. */
export { DURATION_HINT, DURATION_PATTERN, formatDuration, parseDuration } from "./duration.ts";
export type { ParseResult } from "./parse-result.ts";
export { parseRate, RATE_HINT, RATE_PATTERN } from "./rate.ts";
export { parseShare, SHARE_HINT, SHARE_PATTERN } from "./share.ts";
export { parseTimeOfDay, TIME_OF_DAY_HINT, TIME_OF_DAY_PATTERN } from "./time-of-day.ts";
