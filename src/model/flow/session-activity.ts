/**
 * A session's life around the sign-in: its arrival, the API calls to the tenant's back end,
 * the silent renewal of its access token, and its end (domain.md §1 steps 1, 6-8).
 *
 * - Arrivals: per user base, from the weekly profile (arrivals.ts); each session draws its kind
 *   (interactive, SSO, embedded), tenant and length.
 * - API calls (back-end-calls.ts): while signed in, a session calls its tenant's back end at
 *   its user base's rate. A call with an expired token gets a 401 and forces an interactive
 *   sign-in (counted as expiredToken).
 * - Renewal (channel 1, beside the calls): `renewalOffset` before expiry the browser sends a
 *   refresh-token grant to the token endpoint of its nearest identity region. Failures retry
 *   with backoff (429: after Retry-After) until the token expires. Renewal storms after an
 *   identity-provider outage come out of this: nothing is scripted.
 * - End: at the drawn length (or when a sign-in ends after it); a renewal still in flight is
 *   let finish first.
 */
import { DropReason, SubmitResult } from "../../engine/station/index.ts";
import { BackEndCalls } from "../calls/back-end-calls.ts";
import { FailureIndex } from "../measure/metrics.ts";
import { Latency, Occurrence } from "../measure/signals.ts";
import { HANDSHAKE_ROUND_TRIPS } from "../routing/network.ts";
import type { World } from "../run/world.ts";
import { backoffDelay } from "./backoff.ts";
import { SessionKind } from "./session-table.ts";
import { Phase, SignInFlow, type SignInOutcomes } from "./sign-in-flow.ts";
import { Hop, jobOf } from "./station-jobs.ts";

export class SessionActivity implements SignInOutcomes {
  private readonly w: World;
  /** This session's sign-ins; they report back through SignInOutcomes. */
  readonly signIn: SignInFlow;
  readonly calls: BackEndCalls;
  private readonly arrive: number;
  private readonly sessionEnd: number;
  private readonly renew: number;
  private readonly renewAtToken: number;
  private readonly renewDone: number;
  /** Per user base: cumulative tenant shares, SSO and embedded shares. */
  private readonly tenantCdf: Float64Array[];
  private readonly embeddedShare: Float64Array;
  private readonly ssoShare: number;
  private readonly renewalOffset: number;

  constructor(world: World) {
    this.w = world;
    this.signIn = new SignInFlow(world, this);
    const sim = world.sim;
    this.arrive = sim.defineEvent("session.arrive", (ub) => this.onArrive(ub));
    this.sessionEnd = sim.defineEvent("session.end", (s) => this.onSessionEnd(s));
    this.renew = sim.defineEvent("renewal.start", (s) => this.onRenew(s));
    this.renewAtToken = sim.defineEvent("renewal.atTokenEndpoint", (s) => this.onRenewAtToken(s));
    this.renewDone = sim.defineEvent("renewal.done", (s) => this.onRenewDone(s));
    const scenario = world.scenario;
    this.tenantCdf = scenario.userBases.map((u) => {
      let sum = 0;
      return Float64Array.from(u.tenantShares, (p) => (sum += p));
    });
    this.embeddedShare = Float64Array.from(scenario.userBases, (u) => u.embeddedShare);
    this.ssoShare = scenario.identityProvider.ssoShare;
    this.renewalOffset = scenario.identityProvider.renewalOffset;
    const { samplers } = world;
    this.calls = new BackEndCalls(
      world,
      samplers.calls,
      { gap: samplers.expiredCallGap, choice: samplers.expiredCaller },
      (s) => this.onExpiredCall(s),
    );
  }

  /** Schedules every user base's first arrival. */
  start(): void {
    const { sim, arrivals, scenario } = this.w;
    for (let ub = 0; ub < scenario.userBases.length; ub++) {
      const t = arrivals.next(ub, 0, scenario.simulation.duration);
      if (t !== Number.POSITIVE_INFINITY) sim.scheduleAt(t, this.arrive, ub);
    }
  }

  private onArrive(ub: number): void {
    const { sim, arrivals, scenario, sessions: t, samplers, metrics } = this.w;
    const now = sim.now;
    const next = arrivals.next(ub, now, scenario.simulation.duration);
    if (next !== Number.POSITIVE_INFINITY) sim.scheduleAt(next, this.arrive, ub);
    const s = t.allocate();
    t.userBase[s] = ub;
    const u = samplers.sessionKind();
    t.kind[s] =
      u < this.embeddedShare[ub]
        ? SessionKind.EMBEDDED
        : u < this.embeddedShare[ub] + (1 - this.embeddedShare[ub]) * this.ssoShare
          ? SessionKind.SSO
          : SessionKind.INTERACTIVE;
    t.tenant[s] = pick(this.tenantCdf[ub], samplers.tenant());
    t.sessionEnd[s] = now + samplers.sessionLength[ub]();
    metrics.activeSessions[ub].add(now, 1);
    metrics.count(Occurrence.SESSION_STARTED, now, ub);
    this.signIn.start(s, false);
  }

  /** The sign-in finished: start renewing the token and calling the back end. */
  onSignedIn(s: number, backEndDc: number): void {
    const { sessions: t, sim } = this.w;
    if (sim.now >= t.sessionEnd[s]) {
      this.endSession(s);
      return;
    }
    this.scheduleRenewal(s);
    this.calls.add(s, backEndDc, t.needsLogin[s] === 1 ? Number.NEGATIVE_INFINITY : t.tokenExpiry[s]);
    if (t.endHandle[s] < 0) t.endHandle[s] = sim.scheduleAt(t.sessionEnd[s], this.sessionEnd, s);
  }

  /** A call found the session's token expired: a 401, and the app signs the user in again. */
  private onExpiredCall(s: number): void {
    const { sim, metrics } = this.w;
    metrics.fail(FailureIndex.expiredToken, sim.now);
    metrics.count(Occurrence.BACK_END_CALL_FAILED, sim.now);
    this.cancelRenewal(s);
    this.calls.remove(s);
    this.signIn.start(s, true);
  }

  private onSessionEnd(s: number): void {
    const t = this.w.sessions;
    t.endHandle[s] = -1;
    // A sign-in in progress ends the session itself when it completes or gives up.
    if (t.phase[s] === Phase.ACTIVE) this.endSession(s);
  }

  /** Ends a session: its renewal is cancelled, or allowed to finish if already out. */
  endSession(s: number): void {
    const { sessions: t, sim, metrics } = this.w;
    metrics.count(Occurrence.SESSION_ENDED, sim.now);
    metrics.activeSessions[t.userBase[s]].add(sim.now, -1);
    this.calls.remove(s);
    if (t.endHandle[s] >= 0) {
      sim.cancel(t.endHandle[s]);
      t.endHandle[s] = -1;
    }
    this.cancelRenewal(s);
    if (t.renewalBusy[s] === 1) t.isEnding[s] = 1;
    else t.release(s);
  }

  // --- renewal (channel 1) ---

  private scheduleRenewal(s: number): void {
    const { sessions: t, sim } = this.w;
    this.cancelRenewal(s);
    // One renewal chain per session: one already out reschedules itself when it completes.
    if (t.renewalBusy[s] === 1) return;
    const at = Math.max(sim.now, t.tokenExpiry[s] - this.renewalOffset);
    if (at >= t.sessionEnd[s]) return;
    t.renewalAttempts[s] = 0;
    t.renewalHandle[s] = sim.scheduleAt(at, this.renew, s);
  }

  private cancelRenewal(s: number): void {
    const t = this.w.sessions;
    if (t.renewalHandle[s] >= 0) {
      this.w.sim.cancel(t.renewalHandle[s]);
      t.renewalHandle[s] = -1;
    }
  }

  private onRenew(s: number): void {
    const { sessions: t, sim, network, identity, metrics } = this.w;
    t.renewalHandle[s] = -1;
    if (t.renewalBusy[s] === 1) return;
    if (t.renewalAttempts[s] === 0) {
      t.renewalStart[s] = sim.now;
      metrics.count(Occurrence.RENEWAL_ATTEMPTED, sim.now);
    }
    t.renewalBusy[s] = 1;
    const ub = t.userBase[s];
    const rtt = network.userRtt(ub, identity.geoRegion[identity.regionForUserBase[ub]]);
    t.renewalRtt[s] = rtt;
    sim.schedule(HANDSHAKE_ROUND_TRIPS * rtt + rtt / 2, this.renewAtToken, s);
  }

  private onRenewAtToken(s: number): void {
    const { sessions: t, sim, identity } = this.w;
    if (t.isEnding[s] === 1) {
      this.finishRenewal(s);
      return;
    }
    const r = identity.regionForUserBase[t.userBase[s]];
    if (identity.isThrottled(r, true, sim.now)) {
      this.renewalFailed(s, FailureIndex.throttled);
      return;
    }
    const result = identity.tokenEndpoint[r].submit(
      jobOf(s, Hop.TOKEN_RENEWAL),
      identity.tokenServiceTime(r),
    );
    if (result !== SubmitResult.ACCEPTED) {
      this.renewalFailed(
        s,
        result === SubmitResult.REJECTED_DOWN ? FailureIndex.outage : FailureIndex.rejected,
      );
    }
  }

  onRenewalTokenDone(s: number): void {
    const { sessions: t, sim, samplers, identity } = this.w;
    if (samplers.identityErrors() < identity.tokenErrorRate[identity.regionForUserBase[t.userBase[s]]]) {
      identity.errors++;
      this.renewalFailed(s, FailureIndex.idpError);
      return;
    }
    sim.schedule(t.renewalRtt[s] / 2, this.renewDone, s);
  }

  onRenewalDropped(s: number, reason: number): void {
    this.renewalFailed(s, reason === DropReason.OUTAGE ? FailureIndex.outage : FailureIndex.timeout);
  }

  private onRenewDone(s: number): void {
    const { sessions: t, sim, samplers, metrics } = this.w;
    if (this.finishRenewal(s)) return;
    const now = sim.now;
    metrics.count(Occurrence.RENEWAL_SUCCEEDED, now);
    metrics.latency(Latency.RENEWAL, now, now - t.renewalStart[s], t.userBase[s]);
    // A sign-in forced meanwhile has its own token already; this one is still fresher.
    t.tokenExpiry[s] = now + samplers.tokenLifetime();
    t.needsLogin[s] = 0;
    this.calls.setValidUntil(s, t.tokenExpiry[s]);
    this.scheduleRenewal(s);
  }

  private renewalFailed(s: number, cause: number): void {
    const { sessions: t, sim, metrics } = this.w;
    const now = sim.now;
    metrics.fail(cause, now);
    if (this.finishRenewal(s)) return;
    const attempts = Math.min(255, t.renewalAttempts[s] + 1);
    t.renewalAttempts[s] = attempts;
    const delay =
      cause === FailureIndex.throttled ? this.w.identity.retryAfter : backoffDelay(this.w, attempts);
    if (now + delay < t.tokenExpiry[s] && now + delay < t.sessionEnd[s]) {
      metrics.count(Occurrence.RENEWAL_RETRY, now);
      t.renewalHandle[s] = sim.schedule(delay, this.renew, s);
      return;
    }
    // The token will expire first: the next API call gets a 401 and signs in again.
    metrics.count(Occurrence.RENEWAL_FAILED, now);
    t.renewalAttempts[s] = 0;
    t.needsLogin[s] = 1;
    this.calls.setValidUntil(s, Number.NEGATIVE_INFINITY);
  }

  /** Marks the renewal as no longer out; frees the slot if the session ended meanwhile. */
  private finishRenewal(s: number): boolean {
    const t = this.w.sessions;
    t.renewalBusy[s] = 0;
    if (t.isEnding[s] === 1) {
      t.release(s);
      return true;
    }
    return false;
  }
}

/** Index of the first cumulative share above `u`. */
function pick(cdf: Float64Array, u: number): number {
  for (let i = 0; i < cdf.length - 1; i++) if (u < cdf[i]) return i;
  return cdf.length - 1;
}
