/**
 * A user base's arrivals from its session starts: the weekly profile at 15-minute resolution
 * (starts per local quarter-hour of the week over the times the log covered it), and from it
 * the scenario's terms: weekday factors (each day's starts over a typical weekday's), the shape
 * of a typical weekday (96 quarter-hour weights, and 24 hourly ones for `--resolution 1h`), daily active
 * users (distinct users with a start on a typical weekday) and sessions per user.
 *
 * A typical weekday is the mean of the covered days within 10% of the busiest day (Monday to
 * Thursday under the default profile). Under `interpolation: linear` the model holds each
 * hour's weight at the hour's midpoint and runs linearly between midpoints, so an hour receives
 * (w[h-1] + 6 w[h] + w[h+1]) / 8 of the day: the weights written are the observed hourly shares
 * with that smoothing undone (a circulant tridiagonal solve), so the model's hours reproduce the
 * observed ones.
 */
import { WEEKDAYS } from "../../scenario/index.ts";
import { exposure, QUARTERS_PER_WEEK, type UserBaseStarts, weekdayOf } from "./session-starts.ts";

/** The scenario format's weekday names, Monday first (what a fitted profile is written in). */
export const WEEKDAY_NAMES = WEEKDAYS;

export interface ProfileFit {
  /** Starts per local quarter-hour of the week, per covered occurrence (NaN: not covered). */
  readonly weeklyQuarters: Float64Array;
  /** Day volume relative to a typical weekday, null where the log does not cover the whole day. */
  readonly weekdays: readonly (number | null)[];
  /** Weekdays whose factor comes from the part of the day the log covers. */
  readonly partialDays: readonly boolean[];
  /** Weekdays that make the typical weekday. */
  readonly typicalDays: readonly number[];
  /** Share of a typical weekday's starts in each local hour (sums to 1), as observed. */
  readonly hourlyShare: readonly number[];
  /** The hourly weights to write for linear interpolation (observed shares with the smoothing undone). */
  readonly hourlyWeights: readonly number[];
  /** Share of a typical weekday's starts in each local quarter-hour (96, sums to 1). */
  readonly quarterShare: readonly number[];
  /** The quarter-hour weights to write for linear interpolation (smoothing undone per quarter). */
  readonly quarterWeights: readonly number[];
  /** Session starts on a typical weekday. */
  readonly sessionsPerTypicalDay: number;
  /** Distinct users with a start on a typical weekday, null when the log has no user ids. */
  readonly dailyActiveUsers: number | null;
  /** Full days whose distinct users were counted. */
  readonly userDays: number;
  /**
   * False when the log covers no whole local day: then the day's volume is the log's starts
   * scaled to 24 h, users are those seen in the log, and no shape or weekday factor is fitted.
   */
  readonly coversWholeDay: boolean;
}

export function fitProfile(starts: UserBaseStarts, from: number, to: number, utcOffset: number): ProfileFit {
  const e = exposure(from, to, utcOffset);
  const weekly = new Float64Array(QUARTERS_PER_WEEK);
  for (let q = 0; q < QUARTERS_PER_WEEK; q++)
    weekly[q] = e[q] > 0.999 ? starts.quarters[q] / e[q] : Number.NaN;
  // A weekday counts when every one of its quarters was covered at least once, whole.
  const dayTotal: (number | null)[] = WEEKDAY_NAMES.map((_, d) => {
    let sum = 0;
    for (let q = d * 96; q < d * 96 + 96; q++) {
      if (Number.isNaN(weekly[q])) return null;
      sum += weekly[q];
    }
    return sum;
  });
  const covered = dayTotal.filter((x): x is number => x !== null);
  const busiest = covered.length > 0 ? Math.max(...covered) : 0;
  const typicalDays = dayTotal.flatMap((t, d) =>
    t !== null && t >= 0.9 * busiest && busiest > 0 ? [d] : [],
  );
  const typical = typicalDays.reduce((s, d) => s + (dayTotal[d] ?? 0), 0) / Math.max(1, typicalDays.length);
  const quarterShare = new Array<number>(96).fill(0);
  for (const d of typicalDays) for (let k = 0; k < 96; k++) quarterShare[k] += weekly[d * 96 + k];
  const quarterSum = quarterShare.reduce((s, x) => s + x, 0);
  for (let k = 0; k < 96; k++) quarterShare[k] = quarterSum > 0 ? quarterShare[k] / quarterSum : 1 / 96;
  if (typicalDays.length === 0) return shortLog(starts, from, to, weekly);
  // A day the log covers only in part (a 7-day UTC log misses an hour of a local Monday): its
  // total is what its covered quarters hold over the share of a typical weekday they carry.
  const partial = dayTotal.map((t) => t === null);
  dayTotal.forEach((t, d) => {
    if (t !== null) return;
    let sum = 0;
    let share = 0;
    for (let k = 0; k < 96; k++) {
      if (Number.isNaN(weekly[d * 96 + k])) continue;
      sum += weekly[d * 96 + k];
      share += quarterShare[k];
    }
    if (share >= 0.75) dayTotal[d] = sum / share;
  });
  const hourlyShare = Array.from({ length: 24 }, (_, h) =>
    quarterShare.slice(h * 4, h * 4 + 4).reduce((s, x) => s + x, 0),
  );
  return {
    weeklyQuarters: weekly,
    weekdays: dayTotal.map((t) => (t === null || typical <= 0 ? null : t / typical)),
    partialDays: partial.map((p, d) => p && dayTotal[d] !== null),
    typicalDays,
    hourlyShare,
    hourlyWeights: undoLinearSmoothing(hourlyShare),
    quarterShare,
    quarterWeights: undoLinearSmoothing(quarterShare),
    sessionsPerTypicalDay: typical,
    ...dailyUsers(starts, typicalDays, from, to, utcOffset),
    coversWholeDay: true,
  };
}

/** A log shorter than a whole local day: volume scaled to a day, no shape (see ProfileFit). */
function shortLog(starts: UserBaseStarts, from: number, to: number, weekly: Float64Array): ProfileFit {
  const total = starts.quarters.reduce((s, x) => s + x, 0);
  const days = Math.max(to - from, 900) / 86400;
  const flat24 = new Array<number>(24).fill(1 / 24);
  return {
    weeklyQuarters: weekly,
    weekdays: WEEKDAY_NAMES.map(() => null),
    partialDays: WEEKDAY_NAMES.map(() => false),
    typicalDays: [],
    hourlyShare: flat24,
    hourlyWeights: flat24,
    quarterShare: new Array<number>(96).fill(1 / 96),
    quarterWeights: new Array<number>(96).fill(1 / 96),
    sessionsPerTypicalDay: total / days,
    dailyActiveUsers: starts.users > 0 ? starts.users : null,
    userDays: 0,
    coversWholeDay: false,
  };
}

/** Mean distinct users over the whole local days of the typical weekdays the log covers. */
function dailyUsers(
  starts: UserBaseStarts,
  typicalDays: readonly number[],
  from: number,
  to: number,
  utcOffset: number,
): { dailyActiveUsers: number | null; userDays: number } {
  if (starts.usersByDay.size === 0) return { dailyActiveUsers: null, userDays: 0 };
  let sum = 0;
  let days = 0;
  for (const [day, users] of starts.usersByDay) {
    const whole = day * 86400 - utcOffset >= from && (day + 1) * 86400 - utcOffset <= to + 1;
    if (!whole || !typicalDays.includes(weekdayOf(day))) continue;
    sum += users;
    days++;
  }
  return { dailyActiveUsers: days > 0 ? sum / days : null, userDays: days };
}

/**
 * Weights w (sum 1, none negative) whose linear interpolation between hour midpoints gives each
 * hour the share s: (w[h-1] + 6 w[h] + w[h+1]) / 8 = s[h], round the day. Projected
 * Gauss-Seidel: each sweep solves every hour's equation for w[h] and clips it at 0, which
 * converges (the matrix is strictly diagonally dominant) to the exact solution when it has no
 * negative weight, and otherwise to weights that are 0 where a share is far below both
 * neighbours' while the other hours still match.
 */
export function undoLinearSmoothing(share: readonly number[]): number[] {
  const n = share.length;
  const w = [...share];
  for (let iteration = 0; iteration < 500; iteration++) {
    let change = 0;
    for (let h = 0; h < n; h++) {
      const next = Math.max(0, (8 * share[h] - w[(h + n - 1) % n] - w[(h + 1) % n]) / 6);
      change = Math.max(change, Math.abs(next - w[h]));
      w[h] = next;
    }
    if (change < 1e-13) break;
  }
  const sum = w.reduce((s, x) => s + x, 0);
  return w.map((x) => x / sum);
}
