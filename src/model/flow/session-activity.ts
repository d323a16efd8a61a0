/**
 * A session's life around its sign-in (domain.md §1 steps 1, 6-8; issue 14): a browser tab or
 * app that stays open for hours, alternating active and idle periods, calling its tenant's back
 * end only while active, renewing its tokens on demand (token-renewal.ts), and ending at its
 * drawn length.
 *
 * - Arrivals: per user base, from the weekly profile (arrivals.ts); each session draws its client
 *   type (spa, web, broker), how its first sign-in goes (broker: the host hands a code over; else
 *   SSO with the identity provider's session cookie, or interactive), its tenant and its length.
 *   With `simulation.warmStart` the sessions alive at time 0 are drawn first (warm-start.ts).
 * - Activity: a session starts active; active and idle periods alternate (userBases[].activity).
 *   Going idle stops its calls and its other resources' call clocks; waking resumes them, and
 *   the first call after a due token renews it.
 * - A sign-in that gives up ends the session; the user comes back after a drawn delay with
 *   `returns.probability` as a new session (counted as returned).
 * - End: at the drawn length (or when a sign-in ends after it); a renewal still out is let
 *   finish first (SessionTable.isEnding).
 */
import { BackEndCalls } from "../calls/back-end-calls.ts";
import { Occurrence } from "../measure/signals.ts";
import { PageRequests } from "../pages/page-requests.ts";
import { NO_ANSWER } from "../routing/traffic-manager.ts";
import type { World } from "../run/world.ts";
import { ClientKind, SessionKind } from "./session-table.ts";
import { Phase, SignInFlow, type SignInOutcomes } from "./sign-in-flow.ts";
import { type RenewalOwner, TokenRenewal } from "./token-renewal.ts";
import { drawWarmSessions } from "./warm-start.ts";

export class SessionActivity implements SignInOutcomes, RenewalOwner {
  private readonly w: World;
  /** This session's sign-ins; they report back through SignInOutcomes. */
  readonly signIn: SignInFlow;
  readonly renewal: TokenRenewal;
  readonly calls: BackEndCalls;
  /** The WFEs' page traffic, or null when no user base sends any. */
  readonly pages: PageRequests | null;
  private readonly arrive: number;
  private readonly comeBack: number;
  private readonly sessionEnd: number;
  private readonly activitySwitch: number;
  /** Per user base: cumulative tenant shares, client shares (spa, spa + web), SSO share. */
  private readonly tenantCdf: Float64Array[];
  private readonly spaShare: Float64Array;
  private readonly webShare: Float64Array;
  private readonly returnShare: Float64Array;
  private readonly ssoShare: number;

  constructor(world: World) {
    this.w = world;
    this.signIn = new SignInFlow(world, this);
    const sim = world.sim;
    this.arrive = sim.defineEvent("session.arrive", (ub) => this.onArrive(ub));
    this.comeBack = sim.defineEvent("session.userReturns", (ub) => this.onUserReturns(ub));
    this.sessionEnd = sim.defineEvent("session.end", (s) => this.onSessionEnd(s));
    this.activitySwitch = sim.defineEvent("session.activity", (s) => this.onActivitySwitch(s));
    const scenario = world.scenario;
    this.tenantCdf = scenario.userBases.map((u) => {
      let sum = 0;
      return Float64Array.from(u.tenantShares, (p) => (sum += p));
    });
    this.spaShare = Float64Array.from(scenario.userBases, (u) => u.clients.spa);
    this.webShare = Float64Array.from(scenario.userBases, (u) => u.clients.web);
    this.returnShare = Float64Array.from(scenario.userBases, (u) => u.returns.probability);
    this.ssoShare = scenario.identityProvider.ssoShare;
    const { samplers } = world;
    this.calls = new BackEndCalls(
      world,
      samplers.calls,
      { gap: samplers.expiredCallGap, choice: samplers.expiredCaller },
      (s) => this.renewal.onDueCall(s),
    );
    this.renewal = new TokenRenewal(world, this);
    this.pages = PageRequests.isWanted(world)
      ? new PageRequests(world, samplers.pages, world.pageModel)
      : null;
  }

  /** The sessions alive at time 0 (warm start), then every user base's first arrival. */
  start(): void {
    const { sim, arrivals, scenario } = this.w;
    if (scenario.simulation.warmStart) drawWarmSessions(this.w, this);
    for (let ub = 0; ub < scenario.userBases.length; ub++) {
      const t = arrivals.next(ub, 0, scenario.simulation.duration);
      if (t !== Number.POSITIVE_INFINITY) sim.scheduleAt(t, this.arrive, ub);
    }
  }

  private onArrive(ub: number): void {
    const { sim, arrivals, scenario } = this.w;
    const next = arrivals.next(ub, sim.now, scenario.simulation.duration);
    if (next !== Number.POSITIVE_INFINITY) sim.scheduleAt(next, this.arrive, ub);
    this.open(ub);
  }

  private onUserReturns(ub: number): void {
    this.w.metrics.count(Occurrence.USER_RETURNED, this.w.sim.now, ub);
    this.w.signInLog?.returns(ub, this.w.sim.now);
    this.open(ub);
  }

  /** A new session of user base `ub` opens now and signs in. */
  private open(ub: number): void {
    const { sim, sessions: t, samplers, metrics } = this.w;
    const now = sim.now;
    const s = t.allocate();
    t.userBase[s] = ub;
    this.w.signInLog?.opened(s, now);
    this.drawClient(s, ub);
    t.tenant[s] = pick(this.tenantCdf[ub], samplers.tenant());
    t.sessionEnd[s] = now + samplers.sessionLength[ub]();
    metrics.activeSessions[ub].add(now, 1);
    metrics.count(Occurrence.SESSION_STARTED, now, ub);
    this.scheduleClock(s, now + samplers.activeTime[ub]());
    this.signIn.start(s, false);
  }

  /**
   * Client type and how the first sign-in goes (a broker's host hands the code over); `choice`
   * replaces the run's own streams (the warm start draws from its own).
   */
  drawClient(s: number, ub: number, choice?: () => number): void {
    const { sessions: t, samplers } = this.w;
    const u = choice ? choice() : samplers.clientKind();
    const client =
      u < this.spaShare[ub]
        ? ClientKind.SPA
        : u < this.spaShare[ub] + this.webShare[ub]
          ? ClientKind.WEB
          : ClientKind.BROKER;
    t.client[s] = client;
    t.kind[s] =
      client === ClientKind.BROKER
        ? SessionKind.EMBEDDED
        : (choice ? choice() : samplers.sessionKind()) < this.ssoShare
          ? SessionKind.SSO
          : SessionKind.INTERACTIVE;
  }

  /** Tenant of a session drawn outside `open` (warm start). */
  drawTenant(ub: number, u: number): number {
    return pick(this.tenantCdf[ub], u);
  }

  /** The sign-in finished: the session holds a token and calls while its tab is active. */
  onSignedIn(s: number): void {
    const { sessions: t, sim } = this.w;
    if (sim.now >= t.sessionEnd[s]) {
      this.endSession(s);
      return;
    }
    this.renewal.onSignedIn(s);
    t.pendingRenewals[s] = 0;
    if (t.isIdle[s] === 0) this.resume(s);
  }

  /** A session alive at time 0 (warm-start.ts), signed in, its tab active or idle until `switchAt`. */
  adoptWarm(s: number, isActive: boolean, switchAt: number): void {
    const t = this.w.sessions;
    this.w.signInLog?.adopted(s);
    t.isIdle[s] = isActive ? 0 : 1;
    this.scheduleClock(s, switchAt);
    if (isActive) this.resume(s);
  }

  /** Calls (and so renewals) run: the tab is active and signed in. */
  resume(s: number): void {
    this.calls.add(s, this.renewal.backEndOf(s), this.renewal.dueTime(s));
    this.renewal.scheduleResourceCalls(s);
    if (this.pages !== null) this.pages.add(s, this.pageWfeOf(s));
  }

  /**
   * The WFE a session's pages go to: the one it signed in at; a session that never had one (a
   * warm start's) looks the name up through its own resolver first, as a web client's renewal
   * does. -1 when DNS has no answer (it sends none until its next sign-in).
   */
  private pageWfeOf(s: number): number {
    const { sessions: t, dns, sim } = this.w;
    if (t.datacenter[s] >= 0) return t.datacenter[s];
    if (t.resolver[s] < 0) t.resolver[s] = dns.pickResolver(t.userBase[s]);
    const dc = dns.lookup(t.resolver[s], sim.now);
    if (dc === NO_ANSWER) return -1;
    t.datacenter[s] = dc;
    return dc;
  }

  private pause(s: number): void {
    this.calls.remove(s);
    this.pages?.remove(s);
    this.renewal.cancelResourceCalls(s);
  }

  /**
   * The session's one pending clock event: its next active/idle switch at `at`, or its end when
   * that comes first (PERF: one event per session, not two: docs/performance.md's bytes).
   */
  private scheduleClock(s: number, at: number): void {
    const t = this.w.sessions;
    const sim = this.w.sim;
    t.clockHandle[s] =
      at < t.sessionEnd[s]
        ? sim.scheduleAt(at, this.activitySwitch, s)
        : sim.scheduleAt(Math.max(sim.now, t.sessionEnd[s]), this.sessionEnd, s);
  }

  private onActivitySwitch(s: number): void {
    const { sessions: t, sim, samplers } = this.w;
    t.clockHandle[s] = -1;
    const ub = t.userBase[s];
    const goesIdle = t.isIdle[s] === 0;
    t.isIdle[s] = goesIdle ? 1 : 0;
    this.scheduleClock(s, sim.now + (goesIdle ? samplers.idleTime[ub]() : samplers.activeTime[ub]()));
    if (t.phase[s] !== Phase.ACTIVE) return;
    if (goesIdle) this.pause(s);
    else this.resume(s);
  }

  /** Silent renewal cannot work: the app redirects, and the IdP's cookie makes it an SSO sign-in. */
  interactionRequired(s: number): void {
    this.pause(s);
    this.w.sessions.kind[s] = SessionKind.SSO;
    this.signIn.start(s, true);
  }

  /** The sign-in gave up after its retries: the session ends, and its user may come back. */
  gaveUp(s: number): void {
    const { sessions: t, sim, samplers } = this.w;
    const ub = t.userBase[s];
    this.endSession(s);
    if (samplers.userReturns() < this.returnShare[ub]) {
      const delay = samplers.returnDelay[ub]();
      sim.schedule(delay, this.comeBack, ub);
      this.w.signInLog?.leaves(s, sim.now + delay);
    }
  }

  private onSessionEnd(s: number): void {
    const t = this.w.sessions;
    t.clockHandle[s] = -1;
    // A sign-in in progress ends the session itself when it completes or gives up.
    if (t.phase[s] === Phase.ACTIVE) this.endSession(s);
  }

  /** Ends a session: its calls and clocks stop; a renewal already out is let finish. */
  endSession(s: number): void {
    const { sessions: t, sim, metrics } = this.w;
    metrics.count(Occurrence.SESSION_ENDED, sim.now);
    metrics.activeSessions[t.userBase[s]].add(sim.now, -1);
    this.pause(s);
    if (t.clockHandle[s] >= 0) sim.cancel(t.clockHandle[s]);
    t.clockHandle[s] = -1;
    if (t.renewalBusy[s] === 1) t.isEnding[s] = 1;
    else t.release(s);
  }

  releaseEnded(s: number): void {
    this.w.sessions.release(s);
  }
}

/** Index of the first cumulative share above `u`. */
function pick(cdf: Float64Array, u: number): number {
  for (let i = 0; i < cdf.length - 1; i++) if (u < cdf[i]) return i;
  return cdf.length - 1;
}
