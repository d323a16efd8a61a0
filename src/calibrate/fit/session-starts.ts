/**
 * One pass over the session table once the logs are read: for each user base, its session
 * starts per local quarter-hour of the week (672 bins, Monday 00:00 first), starts by kind,
 * sessions and distinct users per local day, and each session's span and sign-in count for the
 * session-length fit. A session whose first sign-in in the log is a silent renewal began before
 * the log did (or its client sends a new correlation id per request): it is no start, but its
 * renewals still count.
 */
import { hashNumbers } from "../hash-key.ts";
import { KeyTable } from "../key-table.ts";
import { SignInKind } from "../sign-in-record.ts";
import type { UserBaseClustering } from "./fit-user-bases.ts";
import type { Observations } from "./observations.ts";

export const QUARTER = 900;
export const QUARTERS_PER_WEEK = 672;
const DAY = 86400;
/** 1970-01-01 was a Thursday: local day d is weekday (d + 3) mod 7, Monday = 0. */
export const weekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7;

export interface UserBaseStarts {
  /** Session starts per local quarter-hour of the week. */
  readonly quarters: Float64Array;
  readonly byKind: Float64Array;
  /** Local day number -> session starts, and distinct users with a start that day. */
  readonly sessionsByDay: Map<number, number>;
  readonly usersByDay: Map<number, number>;
  /** Sessions with a start: span last - first [s] and renewals (sign-ins after the first). */
  spans: number[];
  renewals: number[];
  /** Starts whose user is unknown (no user id in the log). */
  anonymousStarts: number;
  /** Distinct users over the whole log. */
  users: number;
}

export function collectStarts(obs: Observations, clustering: UserBaseClustering): UserBaseStarts[] {
  const out: UserBaseStarts[] = clustering.userBases.map(() => ({
    quarters: new Float64Array(QUARTERS_PER_WEEK),
    byKind: new Float64Array(4),
    sessionsByDay: new Map(),
    usersByDay: new Map(),
    spans: [],
    renewals: [],
    anonymousStarts: 0,
    users: 0,
  }));
  const seen = new KeyTable();
  const n = obs.sessions.size;
  for (let slot = 0; slot < n; slot++) {
    const start = obs.startOf(slot);
    if (start.kind === SignInKind.silent) continue;
    const ub = start.region < 0 ? clustering.unplacedTo : clustering.ofRegion[start.region];
    const u = out[ub];
    const offset = clustering.userBases[ub].utcOffset;
    const first = obs.first.data[slot];
    const local = first + offset;
    const day = Math.floor(local / DAY);
    const quarter = weekdayOf(day) * 96 + Math.floor((local - day * DAY) / QUARTER);
    u.quarters[quarter]++;
    u.byKind[start.kind]++;
    u.sessionsByDay.set(day, (u.sessionsByDay.get(day) ?? 0) + 1);
    const user = obs.user.data[slot];
    if (user === 0) u.anonymousStarts++;
    else if (seen.find(hashNumbers(user, ub, -1e9)) < 0) {
      seen.add(hashNumbers(user, ub, -1e9));
      u.users++;
    }
    if (user !== 0 && seen.find(hashNumbers(user, ub, day)) < 0) {
      seen.add(hashNumbers(user, ub, day));
      u.usersByDay.set(day, (u.usersByDay.get(day) ?? 0) + 1);
    }
    u.spans.push(obs.last.data[slot] - first);
    u.renewals.push(obs.count.data[slot] - 1);
  }
  return out;
}

/** How many times each local quarter-hour of the week lies inside [from, to] (fractions at the ends). */
export function exposure(from: number, to: number, utcOffset: number): Float64Array {
  const e = new Float64Array(QUARTERS_PER_WEEK);
  if (!(to > from)) return e;
  const a = from + utcOffset;
  const b = to + utcOffset;
  for (let q = Math.floor(a / QUARTER); q * QUARTER < b; q++) {
    const lo = Math.max(a, q * QUARTER);
    const hi = Math.min(b, (q + 1) * QUARTER);
    const day = Math.floor((q * QUARTER) / DAY);
    const index = weekdayOf(day) * 96 + (q - day * 96);
    e[index] += (hi - lo) / QUARTER;
  }
  return e;
}
