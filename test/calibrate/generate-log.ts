/**
 * A small generator of Entra sign-in logs from a scenario's parameters, for calibrate's round
 * trips without the model: per user base and local day, the day's sessions from the weekly
 * rates (each hour's starts uniform within the hour, i.e. the `hourly` reading of the profile),
 * spread over that day's active users (each has 1 + Poisson(sessionsPerUser - 1) sessions, so
 * distinct users = sessions / sessionsPerUser); each session's kind from the client mix and
 * ssoShare, MFA from mfa.share, a lognormal length, and silent renewals every tokenLifetime -
 * renewalOffset while it lasts. Every sign-in goes through the emitter (signInJson).
 */
import seedrandom from "seedrandom";
import { type SimulatedSignIn, signInJson } from "../../src/calibrate/index.ts";
import { AZURE_REGIONS, type ResolvedScenario } from "../../src/scenario/index.ts";

export interface GeneratedUserBase {
  readonly name: string;
  readonly region: string;
  readonly utcOffset: number;
  readonly dailyActiveUsers: number;
  readonly sessionsPerUser: number;
  /** 168 hourly session-start rates [1/s], local time, Monday 00:00 first. */
  readonly weeklyRate: readonly number[];
  readonly sessionLength: { readonly mu: number; readonly sigma: number };
  readonly brokerShare: number;
}

export interface GeneratorParams {
  readonly userBases: readonly GeneratedUserBase[];
  readonly ssoShare: number;
  readonly mfaShare: number;
  /** Access-token lifetime U(min, max) [s] and the renewal offset [s]. */
  readonly tokenLifetime: { readonly min: number; readonly max: number };
  readonly renewalOffset: number;
  /** Share of interactive sign-ins failing with 50126 (wrong password). */
  readonly failureShare: number;
  /** First UTC second of the log (a Monday 00:00 UTC) and its length [s]. */
  readonly start: number;
  readonly duration: number;
  readonly seed: string;
}

/** 2026-11-02 00:00 UTC, a Monday. */
export const MONDAY = Date.UTC(2026, 10, 2) / 1000;

/** The generator's parameters for a resolved scenario, its daily users scaled by `scale`. */
export function paramsFromScenario(s: ResolvedScenario, scale: number, days = 7): GeneratorParams {
  const idp = s.identityProvider;
  const life = idp.tokenLifetime;
  return {
    userBases: s.userBases.map((u) => {
      const len = u.sessionLength;
      if (len.kind !== "lognormal")
        throw new Error(`${u.name}: the generator draws lognormal session lengths`);
      return {
        name: u.name,
        region: s.geography.regions[u.regionIndex].name,
        utcOffset: u.timeZone.utcOffset,
        dailyActiveUsers: u.dailyActiveUsers * scale,
        sessionsPerUser: u.sessionsPerUser,
        weeklyRate: u.arrivals.weeklyRate.map((r) => r * scale),
        sessionLength: { mu: len.mu, sigma: len.sigma },
        brokerShare: u.clients.broker,
      };
    }),
    ssoShare: idp.ssoShare,
    mfaShare: idp.mfa.share,
    tokenLifetime: life.kind === "uniform" ? { min: life.min, max: life.max } : { min: 3600, max: 5400 },
    renewalOffset: idp.renewalOffset,
    failureShare: 0.01,
    start: MONDAY,
    duration: days * 86400,
    seed: s.name,
  };
}

function poisson(random: () => number, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Every generated sign-in, as SimulatedSignIn records (in generation order, not time order). */
export function generateSignIns(p: GeneratorParams, emit: (s: SimulatedSignIn) => void): void {
  const random = seedrandom(p.seed);
  let session = 0;
  const end = p.start + p.duration;
  for (const ub of p.userBases) {
    const region = AZURE_REGIONS.find((r) => r.name === ub.region);
    if (region === undefined) throw new Error(`unknown region ${ub.region}`);
    const place = { name: ub.name, lat: region.lat, lon: region.lon };
    const firstDay = Math.floor((p.start + ub.utcOffset) / 86400) - 1;
    const lastDay = Math.floor((end + ub.utcOffset) / 86400);
    for (let day = firstDay; day <= lastDay; day++) {
      const weekday = (((day + 3) % 7) + 7) % 7;
      const rates = ub.weeklyRate.slice(weekday * 24, weekday * 24 + 24);
      const sessions = rates.reduce((s, r) => s + r * 3600, 0);
      const users = Math.round(sessions / ub.sessionsPerUser);
      const cumulative: number[] = [];
      rates.reduce((s, r, h) => (cumulative[h] = s + r), 0);
      const total = cumulative[23];
      for (let user = 0; user < users; user++) {
        const count = 1 + poisson(random, ub.sessionsPerUser - 1);
        for (let k = 0; k < count; k++) {
          const x = random() * total;
          const hour = cumulative.findIndex((c) => c > x);
          const local = day * 86400 + hour * 3600 + random() * 3600;
          const start = local - ub.utcOffset;
          const id = session++;
          emitSession(p, ub, place, user, id, start, end, random, emit);
        }
      }
    }
  }
}

function emitSession(
  p: GeneratorParams,
  ub: GeneratedUserBase,
  place: SimulatedSignIn["userBase"],
  user: number,
  session: number,
  start: number,
  end: number,
  random: () => number,
  emit: (s: SimulatedSignIn) => void,
): void {
  const broker = random() < ub.brokerShare;
  const kind = broker ? "broker" : random() < p.ssoShare ? "sso" : "interactive";
  const mfa = kind === "interactive" && random() < p.mfaShare;
  const failed = kind === "interactive" && random() < p.failureShare;
  const length = Math.exp(ub.sessionLength.mu + ub.sessionLength.sigma * gaussian(random));
  const base = { userBase: place, user, session, mfa };
  if (start >= p.start && start < end)
    emit({ ...base, time: start, sequence: 0, kind, errorCode: failed ? 50126 : 0 });
  let t = start;
  for (let sequence = 1; ; sequence++) {
    const lifetime = p.tokenLifetime.min + random() * (p.tokenLifetime.max - p.tokenLifetime.min);
    t += lifetime - p.renewalOffset;
    if (t >= start + length || t >= end) return;
    if (t >= p.start)
      emit({ ...base, mfa: false, time: t, sequence, kind: broker ? "broker" : "silent", errorCode: 0 });
  }
}

/** The generated log as JSON lines (one Graph signIn object per line). */
export function generateJsonLines(p: GeneratorParams): string[] {
  const lines: string[] = [];
  generateSignIns(p, (s) => lines.push(signInJson(s)));
  return lines;
}
