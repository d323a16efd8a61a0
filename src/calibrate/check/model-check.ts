/**
 * `calibrate --check` with the model run: the scenario is simulated (a function the CLI passes
 * in, since calibrate does not import the model), its sign-ins and renewals are fitted exactly as
 * a log is, and the two fits are set side by side:
 *
 * - per user base, session starts over the hours of the week both cover (relative, 5% or 3 sd),
 *   the worst such hour (relative, 10% or 4 sd: the worst of many hours), daily users (5%) and
 *   the session-length median (10%); sd counts the log's Poisson noise twice (scenario' was
 *   fitted to it) and the model's once per replication;
 * - the sign-in mix: interactive, SSO, silent and broker shares of all sign-ins, and the MFA share
 *   of interactive ones (2 points or 3 sd of the difference of two samples);
 * - the failure rate over the error codes authsim writes (1 point or 3 sd; other codes, such as
 *   50126 wrong password, have no cause in the model and are shown for reference).
 *
 * The model runs over the log's own span (its time of the week and length, at most 8 days; no
 * warm-up, the warm start on), so both sides cover the same hours of the week and begin the same
 * way, mid-stream: sessions alive when the log begins show their renewals first. With several
 * replications each is fitted alone and the model's figures are their means.
 */
import { AZURE_REGIONS, type ResolvedScenario } from "../../scenario/index.ts";
import { type Calibration, calibrateSimulated, type UserBaseCalibration } from "../calibrate.ts";
import { SIMULATED_ERROR_CODES } from "../emit/error-codes.ts";
import { SIGNINS_WEEK_START, type SimulatedAttempt } from "../emit/simulated-sign-ins.ts";
import { SIGN_IN_KIND_NAMES } from "../sign-in-record.ts";
import { type Residual, row } from "./residuals.ts";

/** Runs replication `replication` of `scenario`, calling `sink` for every sign-in and renewal. */
export type SimulateSignIns = (
  scenario: ResolvedScenario,
  replication: number,
  sink: (a: SimulatedAttempt) => void,
) => void;

export interface ModelCheckOptions {
  readonly simulate: SimulateSignIns;
  /** The model's failure names by index (the model's SIGN_IN_LOG_FAILURES). */
  readonly failures: readonly string[];
  readonly replications: number;
}

/** Starts per hour of the week both fits cover, for one user base (the chart's data). */
export interface HourlyVolume {
  readonly userBase: string;
  /** "Mon 09" ... in the user base's local time. */
  readonly hours: readonly string[];
  readonly observed: readonly number[];
  readonly model: readonly number[];
}

export interface ModelCheck {
  readonly rows: readonly Residual[];
  readonly volumes: readonly HourlyVolume[];
  /** Shares of all sign-ins by kind (interactive, sso, silent, broker). */
  readonly mix: { readonly observed: readonly number[]; readonly model: readonly number[] };
  readonly replications: number;
  readonly signIns: number;
  /** The span simulated: the scenario's time of the week at its start [s since Monday 00:00 UTC] and length [s]. */
  readonly span: { readonly startWeekSecond: number; readonly duration: number };
  readonly pass: boolean;
}

const WEEK = 604800;
/** The longest span the model is run over [s]: a week of whole local days in every time zone. */
const LONGEST_SPAN = 8 * 86400;

/** `scenario` simulated over the log's span [from, to] (UTC s): its time of the week and length. */
export function overSpan(scenario: ResolvedScenario, from: number, to: number): ResolvedScenario {
  const start = Math.floor(from);
  const startWeekSecond = (((start - SIGNINS_WEEK_START) % WEEK) + WEEK) % WEEK;
  const duration = Math.min(LONGEST_SPAN, Math.max(60, Math.ceil(to - start + 1)));
  return {
    ...scenario,
    simulation: {
      ...scenario.simulation,
      startWeekSecond,
      startWeekday: Math.floor(startWeekSecond / 86400),
      startTimeOfDay: startWeekSecond % 86400,
      duration,
      warmUp: 0,
      timeBin: Math.max(scenario.simulation.timeBin, Math.ceil(duration / 2000)),
    },
  };
}

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

/**
 * Starts per hour of the week over the quarter-hours every fit covers (NaN where none is), so a
 * log that begins or ends within an hour still compares that hour's covered part.
 */
function hourlyOverCommon(fits: readonly UserBaseCalibration[]): number[][] {
  const qs = fits.map((u) => u.profile.weeklyQuarters);
  return fits.map((_, f) =>
    Array.from({ length: 168 }, (_, h) => {
      let sum = 0;
      let covered = 0;
      for (let k = 4 * h; k < 4 * h + 4; k++) {
        if (qs.some((q) => Number.isNaN(q[k]))) continue;
        sum += qs[f][k];
        covered++;
      }
      return covered > 0 ? sum : Number.NaN;
    }),
  );
}

function simulatedFailureRate(c: Calibration): number {
  const n = c.failures.filter((f) => SIMULATED_ERROR_CODES.has(f.errorCode)).reduce((s, f) => s + f.count, 0);
  return c.source.records > 0 ? n / c.source.records : 0;
}

const kindShares = (c: Calibration) => {
  const total = c.signIns.reduce((a, b) => a + b, 0);
  return c.signIns.map((x) => (total > 0 ? x / total : 0));
};

/** 3 sd of the difference of two shares (p over n and m trials), at least `points`. */
const twoSample = (points: number, p: number, n: number, m: number) =>
  Math.max(points, n > 0 && m > 0 ? 3 * Math.sqrt(p * (1 - p) * (1 / n + 1 / m)) : points);

export function checkAgainstModel(
  observed: Calibration,
  scenario: ResolvedScenario,
  options: ModelCheckOptions,
): ModelCheck {
  const runs: Calibration[] = [];
  const simulated = overSpan(scenario, observed.source.from, observed.source.to);
  for (let r = 0; r < options.replications; r++)
    runs.push(
      calibrateSimulated(simulated, options.failures, (sink) => options.simulate(simulated, r, sink), {
        minShare: 1e-6,
      }),
    );
  const rows: Residual[] = [];
  const volumes: HourlyVolume[] = [];
  for (const o of observed.userBases) {
    const ms = runs.map((c) => nearest(o, c.userBases));
    if (ms.some((m) => m === undefined)) continue;
    const models = ms as UserBaseCalibration[];
    const scope = `${o.place.name} ~ ${models[0].place.region === o.place.region ? "model" : `model ${models[0].place.name}`}`;
    userBaseRows(o, models, scope, rows, volumes);
  }
  globalRows(observed, runs, rows);
  const mixObserved = kindShares(observed);
  const mixModel = [0, 1, 2, 3].map((k) => mean(runs.map((c) => kindShares(c)[k])));
  return {
    rows,
    volumes,
    mix: { observed: mixObserved, model: mixModel },
    replications: runs.length,
    signIns: Math.round(mean(runs.map((c) => c.source.records))),
    span: { startWeekSecond: simulated.simulation.startWeekSecond, duration: simulated.simulation.duration },
    pass: rows.every((r) => r.pass),
  };
}

/** The model's user base in the observed one's region, else the nearest (by the regions' coordinates). */
function nearest(
  o: UserBaseCalibration,
  fits: readonly UserBaseCalibration[],
): UserBaseCalibration | undefined {
  const same = fits.find((u) => u.place.region === o.place.region);
  if (same !== undefined) return same;
  const at = AZURE_REGIONS[o.place.region];
  let best: UserBaseCalibration | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const u of fits) {
    const r = AZURE_REGIONS[u.place.region];
    const d = (r.lat - at.lat) ** 2 + (r.lon - at.lon) ** 2;
    if (d < bestD) {
      bestD = d;
      best = u;
    }
  }
  return best;
}

function userBaseRows(
  o: UserBaseCalibration,
  models: UserBaseCalibration[],
  scope: string,
  rows: Residual[],
  volumes: HourlyVolume[],
): void {
  const [obs, ...per] = hourlyOverCommon([o, ...models]);
  const model = obs.map((_, h) => mean(per.map((m) => m[h])));
  const common = obs.flatMap((x, h) => (Number.isFinite(x) && Number.isFinite(model[h]) ? [h] : []));
  if (common.length > 0) {
    const n = models.length;
    const O = common.reduce((s, h) => s + obs[h], 0);
    const M = common.reduce((s, h) => s + model[h], 0);
    // Relative sd of model - observed: Poisson noise of the model's replications and of the log,
    // the log's twice (the scenario was fitted to a log like it, with noise of its own).
    const sd = (a: number, b: number) => (a > 0 && b > 0 ? Math.sqrt(2 / a + 1 / (b * n)) : 1);
    rows.push(row(`starts over ${common.length} h`, scope, O, M, true, Math.max(0.05, 3 * sd(O, M))));
    let worst = common[0];
    let worstExcess = Number.NEGATIVE_INFINITY;
    for (const h of common) {
      if (obs[h] <= 0) continue;
      const excess = Math.abs((model[h] - obs[h]) / obs[h]) - Math.max(0.1, 4 * sd(obs[h], model[h]));
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = h;
      }
    }
    const label = `${DAYS[Math.floor(worst / 24)]} ${String(worst % 24).padStart(2, "0")}h`;
    rows.push(
      row(
        `starts[${label}] (worst hour)`,
        scope,
        obs[worst],
        model[worst],
        true,
        Math.max(0.1, 4 * sd(obs[worst], model[worst])),
      ),
    );
    volumes.push({
      userBase: o.place.name,
      hours: common.map((h) => `${DAYS[Math.floor(h / 24)]} ${String(h % 24).padStart(2, "0")}`),
      observed: common.map((h) => obs[h]),
      model: common.map((h) => model[h]),
    });
  }
  const dau = models.map((m) => m.dailyActiveUsers?.value ?? Number.NaN);
  if (o.dailyActiveUsers !== null && dau.every(Number.isFinite))
    rows.push(row("dailyActiveUsers", scope, o.dailyActiveUsers.value, mean(dau), true, 0.05));
  const length = models.map((m) => m.sessionLength?.median ?? Number.NaN);
  if (o.sessionLength !== null && length.every(Number.isFinite))
    rows.push(row("sessionLength.median", scope, o.sessionLength.median, mean(length), true, 0.1));
}

function globalRows(observed: Calibration, runs: readonly Calibration[], rows: Residual[]): void {
  const n = observed.source.records;
  const m = mean(runs.map((c) => c.source.records)) * runs.length;
  const shares = kindShares(observed);
  SIGN_IN_KIND_NAMES.forEach((name, k) => {
    const model = mean(runs.map((c) => kindShares(c)[k]));
    rows.push(row(`mix.${name}`, "all sign-ins", shares[k], model, false, twoSample(0.02, shares[k], n, m)));
  });
  if (observed.mfaShare !== null) {
    const model = runs.map((c) => c.mfaShare?.value ?? Number.NaN);
    if (model.every(Number.isFinite)) {
      const p = observed.mfaShare.value;
      const mn = mean(runs.map((c) => c.mfaShare?.records ?? 0)) * runs.length;
      rows.push(
        row(
          "mfa.share",
          "interactive sign-ins",
          p,
          mean(model),
          false,
          twoSample(0.02, p, observed.mfaShare.records, mn),
        ),
      );
    }
  }
  const p = simulatedFailureRate(observed);
  rows.push(
    row(
      "failureRate (codes authsim writes)",
      "all sign-ins",
      p,
      mean(runs.map(simulatedFailureRate)),
      false,
      twoSample(0.01, p, n, m),
    ),
  );
  rows.push(
    row(
      "failureRate (every code)",
      "all sign-ins",
      observed.failureRate.value,
      mean(runs.map((c) => c.failureRate.value)),
      false,
      null,
    ),
  );
}
