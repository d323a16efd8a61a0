/**
 * The run's sign-in log (issue 18 item 4): what the identity provider would write down for each
 * sign-in and silent renewal, handed to a sink from outside the model (the CLI writes it as
 * Graph signIn JSON, `run --emit-signins`). Off unless a sink is given: the flow then pays one
 * null check per sign-in and renewal and nothing else.
 *
 * Where it sits: sign-in-flow.ts reports the login page shown (prompted, MFA), a sign-in done
 * and each failed attempt; token-renewal.ts each renewal done or failed; session-activity.ts
 * each session opened (and a user who gave up and comes back). Sign-in failures before the
 * identity provider (DNS, the WFE's redirect, a callback, the global service) are not written:
 * Entra never sees them. This class never draws from the run's random streams, so a run with a
 * sink gives the same results as one without.
 *
 * Users: sessions arrive per user base at dailyActiveUsers × sessionsPerUser a typical day, not
 * per user, so users are assigned here, deterministically. Within a user base's local day the
 * c-th session start (c = 0, 1, ...) is a new user when floor(c / sessionsPerUser) reaches the
 * day's users so far, else one of that day's users (by a hash of the session serial): distinct
 * users per day = starts / sessionsPerUser, i.e. dailyActiveUsers on a typical weekday. Day d's
 * users are consecutive ids from an offset into a population 1.5 × the busiest day's users, so
 * an id recurs across days; sessions alive at time 0 get ids of their own, and a user who gave
 * up and comes back keeps theirs.
 */
import type { ResolvedScenario } from "../../scenario/index.ts";
import type { SessionTable } from "../flow/session-table.ts";
import { FAILURE_CAUSES } from "../run/run-result.ts";

/** How the sign-in went (SignInLogEntry.kind). */
export const SignInLogKind = { INTERACTIVE: 0, SSO: 1, SILENT: 2, BROKER: 3 } as const;
export const SIGN_IN_LOG_KINDS = ["interactive", "sso", "silent", "broker"] as const;

/** Failure names an entry may carry: the run's failure causes, then a renewal's interaction_required. */
export const SIGN_IN_LOG_FAILURES = [...FAILURE_CAUSES, "interactionRequired"] as const;
export type SignInLogFailure = (typeof SIGN_IN_LOG_FAILURES)[number];
const INTERACTION_REQUIRED = FAILURE_CAUSES.length;
const KEY_REJECTED = FAILURE_CAUSES.indexOf("keyRejected");

/** One sign-in or renewal attempt. The sink gets the same object each time, refilled: copy what it keeps. */
export interface SignInLogEntry {
  /** When the attempt began [simulated s]. */
  time: number;
  userBase: number;
  /** The user within the user base (stable: distinct users are counted by it). */
  user: number;
  /** The session's serial in the run (0, 1, ...); every attempt of a session shares it. */
  session: number;
  /** The attempt's number within its session (0 = the first written). */
  sequence: number;
  /** SignInLogKind. */
  kind: number;
  /** The user answered MFA (interactive sign-ins only). */
  mfa: boolean;
  /** Index into SIGN_IN_LOG_FAILURES, -1 when it succeeded. */
  failure: number;
  /** The token's resource: 0 the service's API, k identityProvider.resources[k - 1]. */
  resource: number;
  /** The datacenter whose WFE took part, -1 none (a browser or broker renewal). */
  datacenter: number;
}

export interface SignInSink {
  record(entry: Readonly<SignInLogEntry>): void;
}

const DAY = 86400;
/** Sign-in phases at the identity provider (sign-in-flow.ts Phase: IDP_GET, IDP_POST, TOKEN). */
const AT_IDENTITY_PROVIDER = [false, false, true, true, false, true, false, false, false];
/** SessionKind.EMBEDDED and ClientKind.BROKER, WEB (session-table.ts). */
const EMBEDDED = 2;
const BROKER = 2;
const WEB = 1;

export class SignInLog {
  private readonly t: SessionTable;
  private readonly sink: SignInSink;
  private readonly entry: SignInLogEntry = {
    time: 0,
    userBase: 0,
    user: 0,
    session: 0,
    sequence: 0,
    kind: 0,
    mfa: false,
    failure: -1,
    resource: 0,
    datacenter: -1,
  };
  private serial = new Float64Array(1024);
  private user = new Float64Array(1024);
  private sequence = new Int32Array(1024);
  /** Per slot: 1 = the current sign-in showed the login page, 2 = and asked MFA, 0 neither. */
  private prompt = new Uint8Array(1024);
  private nextSerial = 0;
  private readonly offset: Float64Array;
  private readonly sessionsPerUser: Float64Array;
  private readonly population: Float64Array;
  /** Per user base: the local day being counted, its starts and users so far. */
  private readonly day: Float64Array;
  private readonly starts: Float64Array;
  private readonly users: Float64Array;
  private warmUsers = 0;
  /** Users who gave up, by the time they come back: time -> user base, user, user base, user, ... */
  private readonly returning = new Map<number, number[]>();
  private returningUser = -1;

  constructor(scenario: ResolvedScenario, sessions: SessionTable, sink: SignInSink) {
    this.t = sessions;
    this.sink = sink;
    const ubs = scenario.userBases;
    this.offset = Float64Array.from(ubs, (u) => scenario.simulation.startWeekSecond + u.timeZone.utcOffset);
    this.sessionsPerUser = Float64Array.from(ubs, (u) => Math.max(1, u.sessionsPerUser));
    this.population = Float64Array.from(ubs, (u, i) => {
      const r = u.arrivals.weeklyRate;
      let busiest = 0;
      for (let d = 0; d < 7; d++) {
        let sum = 0;
        for (let h = 0; h < 24; h++) sum += r[d * 24 + h] * 3600;
        busiest = Math.max(busiest, sum);
      }
      return Math.ceil((1.5 * busiest) / this.sessionsPerUser[i]) + 16;
    });
    this.day = new Float64Array(ubs.length).fill(Number.NaN);
    this.starts = new Float64Array(ubs.length);
    this.users = new Float64Array(ubs.length);
  }

  /** A session opened at `now` in slot `s` (its user base already set). */
  opened(s: number, now: number): void {
    this.ensure(s);
    const ub = this.t.userBase[s];
    this.serial[s] = this.nextSerial++;
    this.sequence[s] = 0;
    this.prompt[s] = 0;
    if (this.returningUser >= 0) {
      this.user[s] = this.returningUser;
      this.returningUser = -1;
      return;
    }
    const day = Math.floor((now + this.offset[ub]) / DAY);
    if (day !== this.day[ub]) {
      this.day[ub] = day;
      this.starts[ub] = 0;
      this.users[ub] = 0;
    }
    const n = this.population[ub];
    const first = (((day % n) + n) * 40503) % n;
    const c = this.starts[ub]++;
    let j: number;
    if (Math.floor(c / this.sessionsPerUser[ub]) >= this.users[ub]) j = this.users[ub]++;
    else j = mix(this.serial[s]) % this.users[ub];
    this.user[s] = (first + j) % n;
  }

  /** A session alive at time 0 (warm start): a user of its own. */
  adopted(s: number): void {
    this.ensure(s);
    this.serial[s] = this.nextSerial++;
    this.sequence[s] = 0;
    this.prompt[s] = 0;
    this.user[s] = this.population[this.t.userBase[s]] + this.warmUsers++;
  }

  /** The user of slot `s` gave up and will come back at `at` (a new session of theirs). */
  leaves(s: number, at: number): void {
    const list = this.returning.get(at);
    if (list === undefined) this.returning.set(at, [this.t.userBase[s], this.user[s]]);
    else list.push(this.t.userBase[s], this.user[s]);
  }

  /** A user of `userBase` comes back now: the session opened next is theirs. */
  returns(userBase: number, now: number): void {
    const list = this.returning.get(now);
    if (list === undefined) return;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] !== userBase) continue;
      this.returningUser = list[i + 1];
      list.splice(i, 2);
      if (list.length === 0) this.returning.delete(now);
      return;
    }
  }

  /** The login page was shown to the user of slot `s` (an interactive sign-in), with MFA or not. */
  prompted(s: number, mfa: boolean): void {
    this.prompt[s] = mfa ? 2 : 1;
  }

  /** A sign-in completed (`failure` -1) or an attempt failed (a FailureIndex). */
  signIn(s: number, failure: number, phase: number): void {
    if (failure >= 0 && !AT_IDENTITY_PROVIDER[phase]) return;
    // The app rejected a token the identity provider issued: the provider's log shows a success.
    if (failure === KEY_REJECTED) failure = -1;
    const t = this.t;
    const e = this.fill(s, t.acc[t.at(s, 0)], failure);
    const prompt = this.prompt[s];
    e.kind =
      prompt > 0
        ? SignInLogKind.INTERACTIVE
        : t.kind[s] === EMBEDDED
          ? SignInLogKind.BROKER
          : SignInLogKind.SSO;
    e.mfa = prompt === 2;
    e.resource = 0;
    e.datacenter = t.datacenter[s];
    this.prompt[s] = 0;
    this.sink.record(e);
  }

  /** A renewal completed (-1), failed (a FailureIndex) or needs interaction (`interactionRequired`). */
  renewal(s: number, failure: number | "interactionRequired"): void {
    const t = this.t;
    const e = this.fill(
      s,
      t.renewalSent[s],
      failure === "interactionRequired" ? INTERACTION_REQUIRED : failure,
    );
    e.kind = t.client[s] === BROKER ? SignInLogKind.BROKER : SignInLogKind.SILENT;
    e.mfa = false;
    e.resource = t.renewalResource[s];
    e.datacenter = t.client[s] === WEB ? t.datacenter[s] : -1;
    this.sink.record(e);
  }

  private fill(s: number, time: number, failure: number): SignInLogEntry {
    const e = this.entry;
    e.time = time;
    e.userBase = this.t.userBase[s];
    e.user = this.user[s];
    e.session = this.serial[s];
    e.sequence = this.sequence[s]++;
    e.failure = failure;
    return e;
  }

  private ensure(s: number): void {
    if (s < this.serial.length) return;
    let n = this.serial.length;
    while (n <= s) n *= 2;
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(a: T, b: T): T => {
      b.set(a as never);
      return b;
    };
    this.serial = grow(this.serial, new Float64Array(n));
    this.user = grow(this.user, new Float64Array(n));
    this.sequence = grow(this.sequence, new Int32Array(n));
    this.prompt = grow(this.prompt, new Uint8Array(n));
  }
}

/** A 32-bit integer hash (murmur3's finaliser) of a session serial, for picking a returning user. */
function mix(x: number): number {
  let h = (x ^ (x / 4294967296)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
