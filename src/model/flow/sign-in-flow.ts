/**
 * The sign-in: from a session's first DNS lookup to the app page in the browser (domain.md §1,
 * steps 1-5), as a state machine over session slots.
 *
 * Each hop is round trips on the path it takes plus queueing at the station that does the work:
 * DNS (browser cache, resolver, Traffic Manager) -> TCP + TLS to the WFE -> the WFE's redirect ->
 * the identity provider's login page (SSO: one visit; interactive: page, typing, MFA, POST) ->
 * the WFE's callback -> code redemption at the token endpoint (WFE to identity region) -> the
 * global service's tenant lookup unless the WFE has it cached -> the page back to the browser.
 * Failures (connect timeout to a down WFE, 503, timeout, 429, identity-provider errors, no DNS
 * answer, an id token the WFE's signing-key copy cannot check) retry with exponential backoff and jitter, re-resolving DNS, so failover takes the
 * time it really takes. Time spent is attributed to the login steps of run-result.ts.
 *
 * The hops, in order (phase = SessionTable.phase while the session is on it; a station's answer
 * comes to the handler its job's hop names, station-jobs.ts):
 *
 *   phase           station (hop)                     answered by            next
 *   DNS             browser cache / resolver / TM     onDnsDone              REDIRECT
 *   REDIRECT        WFE (WFE_REDIRECT)                onRedirectServed       IDP_GET (embedded: CALLBACK)
 *   IDP_GET         login page (SHOW or SIGN_IN)      onLoginPageShown       IDP_POST, after typing
 *                                                     onSignInAnswered       CALLBACK
 *   IDP_POST        login page (LOGIN_PAGE_SIGN_IN)   onSignInAnswered       CALLBACK
 *   CALLBACK        WFE (WFE_CALLBACK)                onCallbackServed       TOKEN
 *   TOKEN           token endpoint (REDEMPTION)       onCodeRedeemed         BACK_AT_WFE
 *   BACK_AT_WFE     (the WFE's tenant cache)          onBackAtWfe            done, or GLOBAL_SERVICE
 *   GLOBAL_SERVICE  global service (GLOBAL_LOOKUP)    onGlobalLookupDone     done -> ACTIVE
 *
 * A failure retries the hop it happened on where the browser can (the identity provider's
 * pages, the token and global-service calls the WFE makes; `retryAt`), and from DNS otherwise.
 */
import { DropReason, SubmitResult } from "../../engine/station/index.ts";
import { FailureIndex } from "../measure/metrics.ts";
import { Occurrence } from "../measure/signals.ts";
import { HANDSHAKE_ROUND_TRIPS } from "../routing/network.ts";
import { NO_ANSWER } from "../routing/traffic-manager.ts";
import type { World } from "../run/world.ts";
import { backoffDelay } from "./backoff.ts";
import { recordCompletedLogin } from "./login-record.ts";
import { Acc, SessionKind } from "./session-table.ts";
import { Hop, jobOf } from "./station-jobs.ts";

/** Where a session's sign-in is (SessionTable.phase). */
export const Phase = {
  DNS: 0,
  REDIRECT: 1,
  IDP_GET: 2,
  IDP_POST: 3,
  CALLBACK: 4,
  TOKEN: 5,
  BACK_AT_WFE: 6,
  GLOBAL_SERVICE: 7,
  ACTIVE: 8,
} as const;

/** What the flow tells the session when a sign-in ends. */
export interface SignInOutcomes {
  /** Signed in: the session holds a token for the service's API (SessionTable.tokenExpiry). */
  onSignedIn(s: number): void;
  /** The sign-in gave up after its retries: the session ends (and its user may come back). */
  gaveUp(s: number): void;
}

export class SignInFlow {
  private readonly w: World;
  private readonly outcomes: SignInOutcomes;
  private readonly dnsDone: number;
  private readonly atWfe: number;
  private readonly connectFailed: number;
  private readonly retry: number;
  private readonly atIdp: number;
  private readonly typed: number;
  private readonly atToken: number;
  private readonly atGlobalService: number;
  private readonly loginDone: number;
  private readonly backAtWfe: number;
  /** Per phase: where a failed attempt on it starts again. */
  private readonly retryAt: readonly ((s: number) => void)[];
  private readonly browserDnsTtl: Float64Array;

  constructor(world: World, outcomes: SignInOutcomes) {
    this.w = world;
    this.outcomes = outcomes;
    const sim = world.sim;
    this.dnsDone = sim.defineEvent("signIn.dnsDone", (s) => this.onDnsDone(s));
    this.atWfe = sim.defineEvent("signIn.atWfe", (s) => this.onAtWfe(s));
    this.connectFailed = sim.defineEvent("signIn.connectFailed", (s) =>
      this.fail(s, FailureIndex.connectTimeout),
    );
    this.retry = sim.defineEvent("signIn.retry", (s) => this.onRetry(s));
    this.atIdp = sim.defineEvent("signIn.atIdentityProvider", (s) => this.onAtIdp(s));
    this.typed = sim.defineEvent("signIn.typed", (s) => this.onTyped(s));
    this.atToken = sim.defineEvent("signIn.atTokenEndpoint", (s) => this.onAtToken(s));
    this.atGlobalService = sim.defineEvent("signIn.atGlobalService", (s) => this.onAtGlobalService(s));
    this.loginDone = sim.defineEvent("signIn.done", (s) => this.onLoginDone(s));
    this.backAtWfe = sim.defineEvent("signIn.backAtWfe", (s) => this.onBackAtWfe(s));
    // DNS, connect, redirect or callback failed: start over at DNS (a retried callback finds the
    // identity provider's session cookie, so the second pass is an SSO one).
    const restart = (s: number) => {
      world.sessions.markStep(s, Acc.CONNECT, sim.now);
      this.resolve(s, this.w.scenario.client.reResolveOnRetry);
    };
    const retryAt: ((s: number) => void)[] = [];
    retryAt[Phase.DNS] = restart;
    retryAt[Phase.REDIRECT] = restart;
    retryAt[Phase.IDP_GET] = (s) => this.onAtIdp(s);
    retryAt[Phase.IDP_POST] = (s) => this.onAtIdp(s);
    retryAt[Phase.CALLBACK] = restart;
    retryAt[Phase.TOKEN] = (s) => this.onAtToken(s);
    retryAt[Phase.BACK_AT_WFE] = restart;
    retryAt[Phase.GLOBAL_SERVICE] = (s) => this.onAtGlobalService(s);
    retryAt[Phase.ACTIVE] = restart;
    this.retryAt = retryAt;
    this.browserDnsTtl = Float64Array.from(world.scenario.userBases, (u) => u.dns.browserCacheTtl);
  }

  /**
   * Starts a sign-in for a session: a new one, or (`isReauth`) the redirect an app makes when
   * silent renewal needs interaction; the session's kind says how it goes.
   */
  start(s: number, isReauth: boolean): void {
    const { sessions: t, sim, metrics } = this.w;
    const now = sim.now;
    t.beginSignIn(s);
    t.acc[t.at(s, Acc.LOGIN_START)] = now;
    t.acc[t.at(s, Acc.STEP_START)] = now;
    t.attempts[s] = 0;
    t.isReauth[s] = isReauth ? 1 : 0;
    t.phase[s] = Phase.DNS;
    metrics.count(Occurrence.LOGIN_STARTED, now);
    if (isReauth) metrics.count(Occurrence.REAUTHENTICATION, now);
    metrics.count(
      t.kind[s] === SessionKind.INTERACTIVE
        ? Occurrence.SIGN_IN_INTERACTIVE
        : t.kind[s] === SessionKind.SSO
          ? Occurrence.SIGN_IN_SSO
          : Occurrence.SIGN_IN_EMBEDDED,
      now,
      t.userBase[s],
    );
    this.resolve(s, false);
  }

  // --- station answers, one handler per hop (station-jobs.ts) ---

  /** The WFE answered the first GET: off to the identity provider with a redirect. */
  onRedirectServed(s: number): void {
    const { sessions: t, sim, network, identity } = this.w;
    t.markStep(s, Acc.WFE, sim.now);
    if (t.kind[s] === SessionKind.EMBEDDED) {
      // The host (Teams, SharePoint, Power BI) already holds the user's session and hands the
      // code back at once: one round trip on the warm connection, no identity-provider pages.
      t.phase[s] = Phase.CALLBACK;
      sim.schedule(t.acc[t.at(s, Acc.HOP_RTT)], this.atWfe, s);
      return;
    }
    const ub = t.userBase[s];
    const rtt = network.userRtt(ub, identity.geoRegion[identity.regionForUserBase[ub]]);
    const hop = t.at(s, Acc.HOP_RTT);
    const toIdp = t.acc[hop] / 2 + HANDSHAKE_ROUND_TRIPS * rtt + rtt / 2;
    t.acc[hop] = rtt;
    t.phase[s] = Phase.IDP_GET;
    sim.schedule(toIdp, this.atIdp, s);
  }

  /** The WFE took the code: it redeems it at the identity region nearest to it. */
  onCallbackServed(s: number): void {
    const { sessions: t, sim, network, identity } = this.w;
    t.markStep(s, Acc.WFE, sim.now);
    const dc = t.datacenter[s];
    const r = identity.regionForDatacenter[dc];
    t.phase[s] = Phase.TOKEN;
    sim.schedule(
      network.regionRtt(this.w.datacenters.regionIndex[dc], identity.geoRegion[r]) / 2,
      this.atToken,
      s,
    );
  }

  /** The sign-in page reached the browser: the user types (and answers MFA), then POSTs it. */
  onLoginPageShown(s: number): void {
    const { sessions: t, sim, samplers } = this.w;
    if (!this.answeredWithoutError(s)) return;
    t.markStep(s, Acc.IDP, sim.now);
    let typing = samplers.credentialEntry();
    const mfa = samplers.mfa() < this.w.scenario.identityProvider.mfa.share;
    if (mfa) typing += samplers.mfaTime();
    this.w.signInLog?.prompted(s, mfa);
    t.acc[t.at(s, Acc.DRAWN_TYPING)] = typing;
    t.phase[s] = Phase.IDP_POST;
    sim.schedule(t.acc[t.at(s, Acc.HOP_RTT)] / 2 + typing, this.typed, s);
  }

  /** Signed in at the identity provider: a 302 with the code back to the WFE's callback. */
  onSignInAnswered(s: number): void {
    const { sessions: t, sim } = this.w;
    if (!this.answeredWithoutError(s)) return;
    t.markStep(s, Acc.IDP, sim.now);
    const ub = t.userBase[s];
    if (t.kind[s] !== SessionKind.EMBEDDED) t.kind[s] = SessionKind.SSO;
    t.phase[s] = Phase.CALLBACK;
    const wfeRtt = this.w.network.userRtt(ub, this.w.datacenters.regionIndex[t.datacenter[s]]);
    const hop = t.at(s, Acc.HOP_RTT);
    const delay = t.acc[hop] / 2 + wfeRtt / 2;
    t.acc[hop] = wfeRtt;
    sim.schedule(delay, this.atWfe, s);
  }

  /** The token endpoint answered the WFE's code redemption. */
  onCodeRedeemed(s: number): void {
    const { sessions: t, sim, samplers, identity, metrics, network } = this.w;
    const dc = t.datacenter[s];
    const r = identity.regionForDatacenter[dc];
    if (samplers.identityErrors() < identity.tokenErrorRateFor(r, t.tenant[s])) {
      identity.errors++;
      this.fail(s, FailureIndex.idpError);
      return;
    }
    const now = sim.now;
    // The WFE checks the id token's signature against its app's cached signing keys.
    if (this.w.signingKeys.isActive && this.w.signingKeys.wfeRejects(dc, t.tenant[s], now)) {
      this.fail(s, FailureIndex.keyRejected);
      return;
    }
    t.tokenExpiry[s * t.resources] = now + samplers.tokenLifetime();
    metrics.count(
      t.kind[s] === SessionKind.EMBEDDED
        ? Occurrence.TOKEN_EMBEDDED_SIGN_IN
        : Occurrence.TOKEN_BROWSER_SIGN_IN,
      now,
    );
    t.phase[s] = Phase.BACK_AT_WFE;
    sim.schedule(
      network.regionRtt(this.w.datacenters.regionIndex[dc], identity.geoRegion[r]) / 2,
      this.backAtWfe,
      s,
    );
  }

  /** The global service said where the tenant's back end is; the WFE remembers and answers. */
  onGlobalLookupDone(s: number): void {
    const { sessions: t, sim, globalService, network } = this.w;
    const dc = t.datacenter[s];
    globalService.remember(dc, t.tenant[s], sim.now);
    const back = network.regionRtt(globalService.regionIndex, this.w.datacenters.regionIndex[dc]) / 2;
    sim.schedule(back + this.userHalfRtt(s), this.loginDone, s);
  }

  /** Any main-channel station dropped the request (timeout or outage). */
  onDropped(s: number, reason: number): void {
    this.fail(s, reason === DropReason.OUTAGE ? FailureIndex.outage : FailureIndex.timeout);
  }

  // --- events ---

  private resolve(s: number, forceResolver: boolean): void {
    const { sessions: t, sim, dns, metrics } = this.w;
    const now = sim.now;
    const ub = t.userBase[s];
    t.phase[s] = Phase.DNS;
    if (!forceResolver && now < t.browserDnsExpiry[s] && t.browserDc[s] !== NO_ANSWER) {
      t.datacenter[s] = t.browserDc[s];
      this.onDnsDone(s);
      return;
    }
    // A session asks the one resolver it is bound to, so a stale answer sticks across retries.
    if (t.resolver[s] < 0) t.resolver[s] = dns.pickResolver(ub);
    const dc = dns.lookup(t.resolver[s], now);
    if (dns.lastWentToTrafficManager) metrics.count(Occurrence.TRAFFIC_MANAGER_QUERY, now);
    t.datacenter[s] = dc;
    t.browserDc[s] = dc;
    t.browserDnsExpiry[s] = now + this.browserDnsTtl[ub];
    sim.schedule(dns.lastLatency, this.dnsDone, s);
  }

  private onDnsDone(s: number): void {
    const { sessions: t, sim, network, datacenters, metrics, failovers } = this.w;
    t.markStep(s, Acc.DNS, sim.now);
    const dc = t.datacenter[s];
    if (dc === NO_ANSWER) {
      this.fail(s, FailureIndex.dnsNoAnswer);
      return;
    }
    const now = sim.now;
    metrics.count(Occurrence.NEW_CONNECTION, now, -1, dc);
    if (t.attempts[s] === 0) failovers.onConnection(dc, now);
    t.phase[s] = Phase.REDIRECT;
    // A black hole answers nothing: the client waits out its connect timeout. A fast failure
    // (a live load balancer in front of a failed cluster) completes the handshake and answers
    // 503 at once: onAtWfe finds the station down.
    if (datacenters.isWfeDown[dc] === 1 && datacenters.wfeFailsFast[dc] === 0) {
      sim.schedule(this.w.scenario.client.connectTimeout, this.connectFailed, s);
      return;
    }
    const rtt = network.userRtt(t.userBase[s], datacenters.regionIndex[dc]);
    t.acc[t.at(s, Acc.HOP_RTT)] = rtt;
    sim.schedule(HANDSHAKE_ROUND_TRIPS * rtt + rtt / 2, this.atWfe, s);
  }

  private onAtWfe(s: number): void {
    const { sessions: t, sim, datacenters, metrics } = this.w;
    const dc = t.datacenter[s];
    const isRedirect = t.phase[s] === Phase.REDIRECT;
    t.markStep(s, isRedirect ? Acc.CONNECT : Acc.IDP, sim.now);
    metrics.count(Occurrence.WFE_REQUEST, sim.now, -1, dc);
    const service = isRedirect ? datacenters.redirectTime(dc) : datacenters.callbackTime(dc);
    const result = datacenters.wfe[dc].submit(
      jobOf(s, isRedirect ? Hop.WFE_REDIRECT : Hop.WFE_CALLBACK),
      service,
    );
    if (result === SubmitResult.REJECTED_FULL) this.fail(s, FailureIndex.rejected);
    else if (result === SubmitResult.REJECTED_DOWN) this.fail(s, FailureIndex.outage);
  }

  private onAtIdp(s: number): void {
    const { sessions: t, sim, identity } = this.w;
    const r = identity.regionForUserBase[t.userBase[s]];
    if (identity.isThrottled(r, false, sim.now)) {
      this.fail(s, FailureIndex.throttled);
      return;
    }
    // An interactive user's first visit gets the page; SSO's visit and the POST get signed in.
    const hop =
      t.phase[s] === Phase.IDP_GET && t.kind[s] === SessionKind.INTERACTIVE
        ? Hop.LOGIN_PAGE_SHOW
        : Hop.LOGIN_PAGE_SIGN_IN;
    const result = identity.loginPage[r].submit(jobOf(s, hop), identity.loginServiceTime(r, t.tenant[s]));
    if (result !== SubmitResult.ACCEPTED) this.fail(s, FailureIndex.rejected);
  }

  private onTyped(s: number): void {
    const { sessions: t, sim } = this.w;
    // Attribute the typing to its own step, the page's trip to the browser to the IdP step.
    const { acc } = t;
    const row = t.at(s, 0);
    const typing = acc[row + Acc.DRAWN_TYPING];
    acc[row + Acc.TYPING] += typing;
    acc[row + Acc.IDP] += sim.now - acc[row + Acc.STEP_START] - typing;
    acc[row + Acc.STEP_START] = sim.now;
    sim.schedule(acc[row + Acc.HOP_RTT] / 2, this.atIdp, s);
  }

  private onAtToken(s: number): void {
    const { sessions: t, sim, identity } = this.w;
    const r = identity.regionForDatacenter[t.datacenter[s]];
    if (identity.isThrottled(r, true, sim.now)) {
      this.fail(s, FailureIndex.throttled);
      return;
    }
    const result = identity.tokenEndpoint[r].submit(
      jobOf(s, Hop.TOKEN_REDEMPTION),
      identity.tokenServiceTime(r, t.tenant[s]),
    );
    if (result !== SubmitResult.ACCEPTED) this.fail(s, FailureIndex.rejected);
  }

  /** Back at the WFE with the token: answer if it knows the tenant's back end, else ask. */
  private onBackAtWfe(s: number): void {
    const { sessions: t, sim, globalService, datacenters, network } = this.w;
    const dc = t.datacenter[s];
    if (globalService.isCached(dc, t.tenant[s], sim.now)) {
      sim.schedule(this.userHalfRtt(s), this.loginDone, s);
      return;
    }
    t.phase[s] = Phase.GLOBAL_SERVICE;
    sim.schedule(
      network.regionRtt(datacenters.regionIndex[dc], globalService.regionIndex) / 2,
      this.atGlobalService,
      s,
    );
  }

  private onAtGlobalService(s: number): void {
    const { globalService } = this.w;
    const result = globalService.station.submit(jobOf(s, Hop.GLOBAL_LOOKUP), globalService.serviceTime());
    if (result !== SubmitResult.ACCEPTED) this.fail(s, FailureIndex.rejected);
  }

  private onLoginDone(s: number): void {
    const { sessions: t, sim, metrics } = this.w;
    t.markStep(s, Acc.REDEMPTION, sim.now);
    recordCompletedLogin(metrics, t, s, sim.now);
    this.w.signInLog?.signIn(s, -1, t.phase[s]);
    t.endSignIn(s);
    t.phase[s] = Phase.ACTIVE;
    t.attempts[s] = 0;
    this.outcomes.onSignedIn(s);
  }

  /** A failed attempt: count it, then retry after backoff or give up. */
  fail(s: number, cause: number): void {
    const { sessions: t, sim, metrics, scenario } = this.w;
    metrics.fail(cause, sim.now);
    this.w.signInLog?.signIn(s, cause, t.phase[s]);
    const attempts = ++t.attempts[s];
    if (attempts > scenario.client.retries) {
      metrics.count(Occurrence.LOGIN_FAILED, sim.now, t.userBase[s]);
      this.outcomes.gaveUp(s);
      return;
    }
    const delay =
      cause === FailureIndex.throttled ? this.w.identity.retryAfter : backoffDelay(this.w, attempts);
    sim.schedule(delay, this.retry, s);
  }

  private onRetry(s: number): void {
    this.retryAt[this.w.sessions.phase[s]](s);
  }

  /** An identity-provider page answered; false (and a failed attempt) when it was an error. */
  private answeredWithoutError(s: number): boolean {
    const { sessions: t, samplers, identity } = this.w;
    const r = identity.regionForUserBase[t.userBase[s]];
    if (samplers.identityErrors() < identity.loginErrorRateFor(r, t.tenant[s])) {
      identity.errors++;
      this.fail(s, FailureIndex.idpError);
      return false;
    }
    return true;
  }

  private userHalfRtt(s: number): number {
    const t = this.w.sessions;
    return this.w.network.userRtt(t.userBase[s], this.w.datacenters.regionIndex[t.datacenter[s]]) / 2;
  }
}
