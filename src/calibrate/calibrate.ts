/**
 * Logs in, a calibration out: reads every file (readLogs), keeps the aggregates (Observations),
 * then fits user bases, arrival profiles, the sign-in mix, MFA, session lengths, the renewal
 * cadence, failure rates and, from access logs, the WFE's service times. The result holds
 * counts, shares and distributions only: no user id, name, IP address or correlation id.
 */
import { LatencySketch, type LatencySummary } from "../engine/stats/index.ts";
import type { ResolvedScenario } from "../scenario/index.ts";
import { type SimulatedAttempt, SimulatedSignIns } from "./emit/simulated-sign-ins.ts";
import { fitProfile, type ProfileFit } from "./fit/fit-profile.ts";
import {
  fitRenewals,
  fitSessionLength,
  gapQuantiles,
  type RenewalFit,
  type SessionFit,
} from "./fit/fit-sessions.ts";
import { clusterUserBases, type UserBasePlace } from "./fit/fit-user-bases.ts";
import { Observations } from "./fit/observations.ts";
import { collectStarts } from "./fit/session-starts.ts";
import type { LogFile } from "./input/log-files.ts";
import { type FileSummary, type ReadProblem, type ReadProgress, readLogs } from "./input/read-logs.ts";
import { emptyRecord, SignInKind } from "./sign-in-record.ts";

/** A fitted value and how many records it rests on. */
export interface Fitted<T> {
  readonly value: T;
  readonly records: number;
}

export interface UserBaseCalibration {
  readonly place: UserBasePlace;
  readonly profile: ProfileFit;
  readonly dailyActiveUsers: Fitted<number> | null;
  readonly sessionsPerUser: Fitted<number> | null;
  readonly sessionLength: SessionFit | null;
  /** Session starts by kind of their first sign-in. */
  readonly starts: { readonly interactive: number; readonly sso: number; readonly broker: number };
  readonly brokerShare: Fitted<number> | null;
}

export interface FailureCount {
  readonly errorCode: number;
  readonly count: number;
  /** Share of all sign-ins. */
  readonly share: number;
  /** Failed sign-ins by kind: interactive, sso, silent, broker. */
  readonly byKind: readonly number[];
}

export interface Calibration {
  readonly source: {
    readonly files: readonly FileSummary[];
    readonly records: number;
    readonly skipped: number;
    readonly malformed: number;
    readonly problems: readonly ReadProblem[];
    /** First and last sign-in [s since 1970, UTC]. */
    readonly from: number;
    readonly to: number;
  };
  /** Sign-ins by kind: interactive, sso, silent, broker. */
  readonly signIns: readonly number[];
  readonly userBases: readonly UserBaseCalibration[];
  readonly unplacedStarts: number;
  readonly ssoShare: Fitted<number> | null;
  readonly mfaShare: Fitted<number> | null;
  readonly renewal: RenewalFit | null;
  /** Sessions whose sign-ins share a correlation id (else sessions cannot be followed). */
  readonly correlatedSessions: number;
  readonly failureRate: Fitted<number>;
  readonly failures: readonly FailureCount[];
  /** STS processing time by kind where the log carries it (Log Analytics, the admin center's CSV). */
  readonly processing: readonly LatencySummary[];
  readonly accessLog: { readonly redirect: LatencySummary; readonly callback: LatencySummary };
}

export interface CalibrateOptions {
  /** Smallest share of session starts a region needs to be a user base of its own (default 2%). */
  readonly minShare?: number;
  readonly onProgress?: (p: ReadProgress) => void;
}

export async function calibrate(
  files: readonly LogFile[],
  options: CalibrateOptions = {},
): Promise<Calibration> {
  const obs = new Observations();
  const read = await readLogs(files, (r) => obs.add(r), options.onProgress);
  return fitObservations(obs, read, options.minShare ?? 0.02);
}

/**
 * The same fit of a simulated log, straight from the model's attempts (no JSON in between):
 * `run` calls its sink once per sign-in and renewal of `scenario` (failure names by index).
 */
export function calibrateSimulated(
  scenario: ResolvedScenario,
  failures: readonly string[],
  run: (sink: (a: SimulatedAttempt) => void) => void,
  options: CalibrateOptions = {},
): Calibration {
  const obs = new Observations();
  const translate = new SimulatedSignIns(scenario, failures);
  const record = emptyRecord();
  let records = 0;
  run((a) => {
    translate.toRecord(a, record);
    obs.add(record);
    records++;
  });
  const read = {
    files: [],
    records,
    skipped: 0,
    malformed: 0,
    problems: [],
    redirect: new LatencySketch(),
    callback: new LatencySketch(),
  };
  return fitObservations(obs, read, options.minShare ?? 0.02);
}

function fitObservations(
  obs: Observations,
  read: Awaited<ReturnType<typeof readLogs>>,
  minShare: number,
): Calibration {
  const startsByRegion = new Float64Array(obs.regions + 1);
  let correlated = 0;
  for (let slot = 0; slot < obs.sessions.size; slot++) {
    if (obs.count.data[slot] > 1) correlated++;
    const start = obs.startOf(slot);
    if (start.kind === SignInKind.silent) continue;
    startsByRegion[start.region < 0 ? obs.regions : start.region]++;
  }
  const clustering = clusterUserBases(startsByRegion, minShare);
  const perBase = collectStarts(obs, clustering);
  const from = obs.firstTime;
  const to = obs.lastTime;
  const trimmed = (spans: number[], renewals: number[]) => ({ spans, renewals });
  const allSpans: number[] = [];
  const allRenewals: number[] = [];
  for (const s of perBase) {
    // A loop, not push(...spans): a spread of a million arguments overflows the stack.
    for (let i = 0; i < s.spans.length; i++) {
      allSpans.push(s.spans[i]);
      allRenewals.push(s.renewals[i]);
    }
  }
  const renewal = fitRenewals(allSpans, allRenewals);
  const gaps = gapQuantiles(allSpans, allRenewals);
  const canFollowSessions = renewal !== null;
  const globalLength = canFollowSessions ? fitSessionLength(allSpans, allRenewals, gaps) : null;
  const userBases = clustering.userBases.map((place, i): UserBaseCalibration => {
    const s = perBase[i];
    const profile = fitProfile(s, from, to, place.utcOffset);
    const starts = s.byKind[0] + s.byKind[1] + s.byKind[3];
    const dau = profile.dailyActiveUsers;
    const own = trimmed(s.spans, s.renewals);
    const length =
      canFollowSessions && own.spans.length >= 500
        ? fitSessionLength(own.spans, own.renewals, gaps)
        : globalLength;
    return {
      place,
      profile,
      dailyActiveUsers: dau === null ? null : { value: Math.round(dau), records: starts },
      sessionsPerUser:
        dau === null || dau <= 0 ? null : { value: profile.sessionsPerTypicalDay / dau, records: starts },
      sessionLength: length,
      starts: { interactive: s.byKind[0], sso: s.byKind[1], broker: s.byKind[3] },
      brokerShare: starts > 0 ? { value: s.byKind[3] / starts, records: starts } : null,
    };
  });
  const prompted = userBases.reduce((sum, u) => sum + u.starts.interactive, 0);
  const sso = userBases.reduce((sum, u) => sum + u.starts.sso, 0);
  const interactiveRecords = obs.byKind[SignInKind.interactive];
  const records = obs.records;
  const failed = [...obs.failures.values()].reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  return {
    source: {
      files: read.files,
      records: read.records,
      skipped: read.skipped,
      malformed: read.malformed,
      problems: read.problems,
      from,
      to,
    },
    signIns: [...obs.byKind],
    userBases,
    unplacedStarts: clustering.unplaced,
    ssoShare:
      prompted + sso > 0 && sso > 0 ? { value: sso / (prompted + sso), records: prompted + sso } : null,
    mfaShare:
      interactiveRecords > 0
        ? { value: obs.mfaInteractive / interactiveRecords, records: interactiveRecords }
        : null,
    renewal,
    correlatedSessions: correlated,
    failureRate: { value: records > 0 ? failed / records : 0, records },
    failures: [...obs.failures.entries()]
      .map(([errorCode, row]) => {
        const count = row.reduce((a, b) => a + b, 0);
        return { errorCode, count, share: count / Math.max(1, records), byKind: [...row] };
      })
      .sort((a, b) => b.count - a.count || a.errorCode - b.errorCode),
    processing: obs.processing.map((p) => p.toJSON()),
    accessLog: { redirect: read.redirect.toJSON(), callback: read.callback.toJSON() },
  };
}
