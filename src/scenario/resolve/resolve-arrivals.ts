/**
 * A user base's profile -> session-start rate for each local hour of the week. The day's shape
 * (business-hours curve or explicit hourly weights) is normalised to sum to 1, scaled by the
 * weekday factor and the sessions of a typical day; the Monday-morning multiplier then raises
 * the hours it covers (pro rata for partial hours) on top, adding sessions rather than moving them.
 * With `quarterHourly` the same is done per local quarter-hour (672 rates, `quarterRate`), and
 * weeklyRate holds each hour's mean of its four quarters.
 */
import type { ResolvedArrivals } from "../resolved/resolved-scenario.ts";
import type { ParsedScenario } from "../schema/scenario-schema.ts";

type Profile = ParsedScenario["userBases"][number]["profile"];
type BusinessHours = NonNullable<Profile["businessHours"]>;

const HOUR = 3600;
const SAMPLES_PER_HOUR = 12;

/** The default curve when neither businessHours nor hourly is given (the schema's defaults). */
const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  start: 8 * HOUR,
  end: 18 * HOUR,
  ramp: HOUR,
  offHours: 0.05,
  lunchDip: 0.15,
};

const smoothstep = (u: number) => (u <= 0 ? 0 : u >= 1 ? 1 : u * u * (3 - 2 * u));

/** Relative level at local second-of-day x: off-hours floor, smooth ramps, full in [start, end]. */
function businessLevel(b: BusinessHours, x: number): number {
  let f: number;
  if (x >= b.start && x <= b.end) f = 1;
  else if (x < b.start) f = b.ramp > 0 ? smoothstep((x - (b.start - b.ramp)) / b.ramp) : 0;
  else f = b.ramp > 0 ? smoothstep((b.end + b.ramp - x) / b.ramp) : 0;
  if (x >= 12 * HOUR && x < 13 * HOUR) f *= 1 - b.lunchDip;
  return b.offHours + (1 - b.offHours) * f;
}

/** 24 hourly weights summing to 1. */
export function dayShape(profile: Profile): number[] {
  let weights: number[];
  if (profile.hourly) {
    weights = [...profile.hourly];
  } else {
    const b = profile.businessHours ?? DEFAULT_BUSINESS_HOURS;
    weights = Array.from({ length: 24 }, (_, h) => {
      let sum = 0;
      for (let k = 0; k < SAMPLES_PER_HOUR; k++)
        sum += businessLevel(b, h * HOUR + ((k + 0.5) * HOUR) / SAMPLES_PER_HOUR);
      return sum / SAMPLES_PER_HOUR;
    });
  }
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => w / total);
}

const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

export function resolveArrivals(profile: Profile, sessionsPerTypicalDay: number): ResolvedArrivals {
  if (profile.quarterHourly)
    return resolveQuarterArrivals(profile, profile.quarterHourly, sessionsPerTypicalDay);
  const shape = dayShape(profile);
  const { multiplier, from, until } = profile.mondayPeak;
  const weeklyRate: number[] = [];
  DAYS.forEach((day, d) => {
    for (let h = 0; h < 24; h++) {
      let rate = (sessionsPerTypicalDay * profile.weekdays[day] * shape[h]) / HOUR;
      if (d === 0) {
        const overlap = Math.max(0, Math.min(until, (h + 1) * HOUR) - Math.max(from, h * HOUR)) / HOUR;
        rate *= 1 + (multiplier - 1) * overlap;
      }
      weeklyRate.push(rate);
    }
  });
  return {
    sessionsPerTypicalDay,
    weeklyRate,
    interpolation: profile.interpolation,
    peakRate: Math.max(...weeklyRate),
  };
}

const QUARTER = 900;

/** `quarterHourly`: the rate per local quarter-hour of the week, and each hour's mean of them. */
function resolveQuarterArrivals(
  profile: Profile,
  weights: readonly number[],
  sessionsPerTypicalDay: number,
): ResolvedArrivals {
  const total = weights.reduce((s, w) => s + w, 0);
  const { multiplier, from, until } = profile.mondayPeak;
  const quarterRate: number[] = [];
  DAYS.forEach((day, d) => {
    for (let k = 0; k < 96; k++) {
      let rate = (sessionsPerTypicalDay * profile.weekdays[day] * (weights[k] / total)) / QUARTER;
      if (d === 0) {
        const overlap =
          Math.max(0, Math.min(until, (k + 1) * QUARTER) - Math.max(from, k * QUARTER)) / QUARTER;
        rate *= 1 + (multiplier - 1) * overlap;
      }
      quarterRate.push(rate);
    }
  });
  const weeklyRate = Array.from({ length: 168 }, (_, h) => {
    let sum = 0;
    for (let q = h * 4; q < h * 4 + 4; q++) sum += quarterRate[q];
    return sum / 4;
  });
  return {
    sessionsPerTypicalDay,
    weeklyRate,
    quarterRate,
    interpolation: profile.interpolation,
    peakRate: Math.max(...quarterRate),
  };
}
