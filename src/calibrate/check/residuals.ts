/**
 * `calibrate --check`: a scenario against the logs it should reproduce. Each row is a figure the
 * logs show, what the scenario makes of it (its resolved parameters: the expected value the
 * model draws around), the residual and its tolerance:
 *
 * - daily users per user base: relative, 5%;
 * - session starts over the log's own span: relative, 5% (or 3 sd), for logs of any length;
 * - each local hour's share of a typical weekday's session starts: 1 point, or 3 standard
 *   deviations of the observed share when the log is too small for a point;
 * - the day's session starts: relative, 5% (or 3 sd);
 * - interactive (prompted) share of browser starts (1 - ssoShare), broker share, MFA share: 2 points
 *   (or 3 sd);
 * - the session-length median: relative, 10%;
 * - failure rate and STS processing time are shown without a tolerance: authsim has no baseline
 *   failure rate, and processing time is not the latency a user sees.
 *
 * A scenario user base is matched to the observed one in the same region, else the nearest.
 */
import { AZURE_REGIONS, type ResolvedScenario, type ResolvedUserBase } from "../../scenario/index.ts";
import type { Calibration, UserBaseCalibration } from "../calibrate.ts";
import { exposure } from "../fit/session-starts.ts";
import { expectedHourlyStarts } from "./expected-hours.ts";

export interface Residual {
  readonly metric: string;
  readonly scope: string;
  readonly observed: number;
  readonly model: number;
  /** model - observed (relative residuals: (model - observed) / observed). */
  readonly residual: number;
  readonly relative: boolean;
  /** Largest |residual| allowed, null for rows shown for reference only. */
  readonly tolerance: number | null;
  readonly pass: boolean;
}

export interface HourlyComparison {
  readonly userBase: string;
  readonly observed: readonly number[];
  readonly model: readonly number[];
}

export interface CheckResult {
  readonly rows: readonly Residual[];
  readonly hourly: readonly HourlyComparison[];
  readonly pass: boolean;
}

export const row = (
  metric: string,
  scope: string,
  observed: number,
  model: number,
  relative: boolean,
  tolerance: number | null,
): Residual => {
  const residual = relative
    ? observed === 0
      ? model === 0
        ? 0
        : Infinity
      : (model - observed) / observed
    : model - observed;
  return {
    metric,
    scope,
    observed,
    model,
    residual,
    relative,
    tolerance,
    pass: tolerance === null || Math.abs(residual) <= tolerance,
  };
};

/** 3 sd of a share p observed over n trials, at least `points`. */
export const shareTolerance = (points: number, p: number, n: number) =>
  Math.max(points, n > 0 ? 3 * Math.sqrt((p * (1 - p)) / n) : points);

export function checkScenario(c: Calibration, s: ResolvedScenario): CheckResult {
  const rows: Residual[] = [];
  const hourly: HourlyComparison[] = [];
  for (const o of c.userBases) {
    const m = matchUserBase(o, s);
    if (m === undefined) continue;
    const scope = `${o.place.name} ~ ${m.name}`;
    if (o.dailyActiveUsers !== null)
      rows.push(row("dailyActiveUsers", scope, o.dailyActiveUsers.value, m.dailyActiveUsers, true, 0.05));
    const expected = expectedHourlyStarts(m.arrivals);
    const observedStarts = o.starts.interactive + o.starts.sso + o.starts.broker;
    const over = expectedOverSpan(expected, c.source.from, c.source.to, m.timeZone.utcOffset);
    rows.push(
      row(
        "sessions over the log",
        scope,
        observedStarts,
        over,
        true,
        Math.max(0.05, 3 / Math.sqrt(Math.max(1, observedStarts))),
      ),
    );
    if (!o.profile.coversWholeDay) {
      lengthAndClientRows(o, m, scope, rows);
      continue;
    }
    const typical = o.profile.typicalDays;
    const observedDay = o.profile.sessionsPerTypicalDay;
    // The model's typical day: its hours on the same weekdays, in its own local time.
    const modelDay = new Array<number>(24).fill(0);
    for (const d of typical)
      for (let h = 0; h < 24; h++) modelDay[h] += expected[d * 24 + h] / typical.length;
    const modelTotal = modelDay.reduce((a, b) => a + b, 0);
    const dayN = observedDay * typical.length;
    rows.push(
      row(
        "sessionsPerTypicalDay",
        scope,
        observedDay,
        modelTotal,
        true,
        Math.max(0.05, dayN > 0 ? 3 / Math.sqrt(dayN) : 0.05),
      ),
    );
    const observedShare = o.profile.hourlyShare;
    const modelShare = modelDay.map((x) => (modelTotal > 0 ? x / modelTotal : 0));
    hourly.push({ userBase: scope, observed: observedShare, model: modelShare });
    let worst = 0;
    let worstHour = 0;
    let worstTolerance = 0.01;
    for (let h = 0; h < 24; h++) {
      const tolerance = shareTolerance(0.01, observedShare[h], dayN);
      const r = Math.abs(modelShare[h] - observedShare[h]);
      if (r - tolerance > worst - worstTolerance) {
        worst = r;
        worstHour = h;
        worstTolerance = tolerance;
      }
    }
    rows.push(
      row(
        `hourShare[${String(worstHour).padStart(2, "0")}h] (worst hour)`,
        scope,
        observedShare[worstHour],
        modelShare[worstHour],
        false,
        worstTolerance,
      ),
    );
    const starts = o.starts.interactive + o.starts.sso + o.starts.broker;
    if (starts > 0) {
      const broker = o.starts.broker / starts;
      rows.push(
        row("clients.broker", scope, broker, m.clients.broker, false, shareTolerance(0.02, broker, starts)),
      );
    }
    const length = medianOf(m.sessionLength);
    if (o.sessionLength !== null && length !== null)
      rows.push(row("sessionLength.median", scope, o.sessionLength.median, length, true, 0.1));
  }
  identityRows(c, s, rows);
  return { rows, hourly, pass: rows.every((r) => r.pass) };
}

function lengthAndClientRows(
  o: UserBaseCalibration,
  m: ResolvedUserBase,
  scope: string,
  rows: Residual[],
): void {
  const starts = o.starts.interactive + o.starts.sso + o.starts.broker;
  if (starts > 0) {
    const broker = o.starts.broker / starts;
    rows.push(
      row("clients.broker", scope, broker, m.clients.broker, false, shareTolerance(0.02, broker, starts)),
    );
  }
  const length = medianOf(m.sessionLength);
  if (o.sessionLength !== null && length !== null)
    rows.push(row("sessionLength.median", scope, o.sessionLength.median, length, true, 0.1));
}

/** Expected starts over [from, to] from a user base's expected starts per local hour of the week. */
function expectedOverSpan(hourly: readonly number[], from: number, to: number, utcOffset: number): number {
  const e = exposure(from, to, utcOffset);
  let sum = 0;
  for (let q = 0; q < e.length; q++) sum += (hourly[Math.floor(q / 4)] / 4) * e[q];
  return sum;
}

function identityRows(c: Calibration, s: ResolvedScenario, rows: Residual[]): void {
  const idp = s.identityProvider;
  if (c.ssoShare !== null) {
    const n = c.ssoShare.records;
    const observed = 1 - c.ssoShare.value;
    rows.push(
      row(
        "interactiveShare",
        "browser starts",
        observed,
        1 - idp.ssoShare,
        false,
        shareTolerance(0.02, observed, n),
      ),
    );
  }
  if (c.mfaShare !== null)
    rows.push(
      row(
        "mfa.share",
        "interactive sign-ins",
        c.mfaShare.value,
        idp.mfa.share,
        false,
        shareTolerance(0.02, c.mfaShare.value, c.mfaShare.records),
      ),
    );
  rows.push(row("failureRate", "all sign-ins", c.failureRate.value, 0, false, null));
  const sts = c.processing[0];
  if (sts.count > 0 && sts.p50 !== null) {
    const median = medianOf(idp.loginPage.serviceTime);
    if (median !== null)
      rows.push(row("loginPage.serviceTime.median", "STS processing time", sts.p50, median, true, null));
  }
}

function matchUserBase(o: UserBaseCalibration, s: ResolvedScenario): ResolvedUserBase | undefined {
  const region = AZURE_REGIONS[o.place.region];
  const same = s.userBases.find((u) => s.geography.regions[u.regionIndex]?.name === region.name);
  if (same !== undefined) return same;
  let best: ResolvedUserBase | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const u of s.userBases) {
    const r = s.geography.regions[u.regionIndex];
    const d = (r.lat - region.lat) ** 2 + (r.lon - region.lon) ** 2;
    if (d < bestD) {
      bestD = d;
      best = u;
    }
  }
  return best;
}

type Spec = ResolvedUserBase["sessionLength"];

/** The median of the distributions whose median has a closed form; null for the others. */
export function medianOf(d: Spec): number | null {
  switch (d.kind) {
    case "constant":
      return d.value;
    case "uniform":
      return (d.min + d.max) / 2;
    case "exponential":
      return d.mean * Math.LN2;
    case "lognormal":
      return Math.exp(d.mu);
    case "normal":
      return d.min === undefined ? d.mean : null;
    default:
      return null;
  }
}
