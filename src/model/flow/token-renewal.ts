/**
 * Access tokens renewed as MSAL.js and Entra ID do it (issue 14; docs/model.md "Tokens").
 *
 * On demand, not on a timer: a cached token counts as expired `renewalOffset` before its expiry
 * (MSAL's tokenRenewalOffsetSeconds) and is renewed by the first API call after that point. An
 * idle tab makes no calls, so it renews when it wakes and calls again. For the service's own API
 * (resource 0) the first call is a real one: BackEndCalls keeps the session among its "due"
 * callers from the due time on and hands this class their calls. The other resources
 * (`identityProvider.resources`, e.g. Graph) are not simulated call by call: their calls are
 * Poisson while the tab is active, so the first one after the due time is that time plus an
 * exponential gap at their rate (memoryless: exact), one event per renewal.
 *
 * The request a renewal sends depends on the client type (userBases[].clients):
 * - spa: a refresh-token grant from the browser to the token endpoint of its nearest identity
 *   region. Once the 24 h refresh token (not sliding) has expired, a hidden iframe asks the login
 *   page with prompt=none and redeems the code it gets; where the browser blocks third-party
 *   cookies, or the iframe takes longer than `iframeTimeout`, MSAL raises interaction_required
 *   and the app redirects: an SSO sign-in through the whole flow.
 * - web: the browser asks its WFE, which holds the refresh token and redeems it at the identity
 *   region nearest the datacenter: WFE load.
 * - broker: the host (WAM, Teams) refreshes from the device, like spa without the 24 h limit.
 *
 * Failures as MSAL handles them: after a 429 or a 5xx (an error, a full queue, a region down)
 * MSAL blocks the same request until Retry-After (429: the scenario's; 5xx without one:
 * `client.throttleWithoutRetryAfter`, MSAL's 60 s; capped at 1 h) and every call meanwhile fails
 * without leaving the browser (counted as `noToken`). After a timeout (a network error) the app
 * decides: `client.onNetworkError` retries at the next call or after backoff. A renewal never
 * ends the session: the tab stays open and the first call after the block tries again, which is
 * where the storm after an identity outage comes from. One renewal is out per session at a time;
 * another resource's waits for it (a bit in pendingRenewals).
 */
import { DropReason, SubmitResult } from "../../engine/station/index.ts";
import type { BackEndCalls } from "../calls/back-end-calls.ts";
import { FailureIndex } from "../measure/metrics.ts";
import { Latency, Occurrence } from "../measure/signals.ts";
import { HANDSHAKE_ROUND_TRIPS } from "../routing/network.ts";
import { NO_ANSWER } from "../routing/traffic-manager.ts";
import type { World } from "../run/world.ts";
import { backoffDelay } from "./backoff.ts";
import { ClientKind } from "./session-table.ts";
import { Phase } from "./sign-in-flow.ts";
import { Hop, jobOf } from "./station-jobs.ts";

/** MSAL.js caps a throttle at an hour (DEFAULT_MAX_THROTTLE_TIME_SECONDS). */
const MAX_THROTTLE = 3600;

/** What the renewal needs from the session around it. */
export interface RenewalOwner {
  readonly calls: BackEndCalls;
  /** Silent renewal is impossible: the app redirects the user to sign in (SSO) again. */
  interactionRequired(s: number): void;
  /** The session ended while its renewal was out, and now the renewal is back: free it. */
  releaseEnded(s: number): void;
}

export class TokenRenewal {
  private readonly w: World;
  private readonly owner: RenewalOwner;
  private readonly resources: number;
  private readonly offset: number;
  private readonly callRate: Float64Array;
  private readonly lifetime: (() => number)[];
  private readonly tenantDc: Int32Array;
  private readonly atTokenKind: number;
  private readonly doneKind: number;
  private readonly atWfeKind: number;
  private readonly atLoginPageKind: number;
  private readonly iframeCodeKind: number;
  private readonly resourceCallKind: number;
  private readonly refreshTokenLifetime: number;
  private readonly silent: World["scenario"]["identityProvider"]["silentRenewal"];

  constructor(world: World, owner: RenewalOwner) {
    this.w = world;
    this.owner = owner;
    const { sim, scenario, samplers } = world;
    const idp = scenario.identityProvider;
    this.resources = world.sessions.resources;
    this.offset = idp.renewalOffset;
    this.refreshTokenLifetime = idp.refreshTokenLifetime;
    this.silent = idp.silentRenewal;
    this.callRate = Float64Array.from([0, ...idp.resources.map((r) => r.callRate)]);
    this.lifetime = [samplers.tokenLifetime, ...samplers.resourceLifetime];
    this.tenantDc = Int32Array.from(scenario.tenants, (t) => t.datacenterIndex);
    this.atTokenKind = sim.defineEvent("renewal.atTokenEndpoint", (s) => this.onAtTokenEndpoint(s));
    this.doneKind = sim.defineEvent("renewal.done", (s) => this.onDone(s));
    this.atWfeKind = sim.defineEvent("renewal.atWfe", (s) => this.onAtWfe(s));
    this.atLoginPageKind = sim.defineEvent("renewal.iframeAtLoginPage", (s) => this.onIframeAtLoginPage(s));
    this.iframeCodeKind = sim.defineEvent("renewal.iframeCode", (s) => this.onIframeCode(s));
    this.resourceCallKind = sim.defineEvent("renewal.resourceCall", (sk) => this.onResourceCall(sk));
  }

  // --- what the session asks ---

  /** Until when resource 0's cached token serves calls: its due time (expiry − offset). */
  dueTime(s: number): number {
    return this.w.sessions.tokenExpiry[s * this.resources] - this.offset;
  }

  /**
   * A sign-in just gave the session a token for resource 0 (its expiry set at the code's
   * redemption); the others are fetched on demand at their first call.
   */
  onSignedIn(s: number): void {
    const t = this.w.sessions;
    const now = this.w.sim.now;
    t.blockedUntil[s * this.resources] = Number.NEGATIVE_INFINITY;
    // A sign-in (first or by redirect) leaves the single-page app a fresh refresh token.
    t.refreshTokenExpiry[s] = now + this.refreshTokenLifetime;
  }

  /** The tab is active and signed in: the other resources' first calls after their due times. */
  scheduleResourceCalls(s: number): void {
    for (let k = 1; k < this.resources; k++) this.scheduleResourceCall(s, k, this.w.sim.now);
  }

  /** The tab went idle, signs in again or ended: no more calls to the other resources. */
  cancelResourceCalls(s: number): void {
    const t = this.w.sessions;
    for (let k = 1; k < this.resources; k++) {
      const h = t.callIndex(s, k);
      if (t.resourceCall[h] >= 0) {
        this.w.sim.cancel(t.resourceCall[h]);
        t.resourceCall[h] = -1;
      }
    }
  }

  /**
   * A call to the service's API found resource 0's token due (BackEndCalls' due callers): MSAL
   * renews it first, or, while the request is throttled, the call fails in the browser.
   */
  onDueCall(s: number): void {
    const { sessions: t, sim, metrics } = this.w;
    if (t.phase[s] !== Phase.ACTIVE) return;
    if (sim.now < t.blockedUntil[s * this.resources]) {
      metrics.fail(FailureIndex.noToken, sim.now);
      metrics.count(Occurrence.BACK_END_CALL_FAILED, sim.now);
      return;
    }
    this.request(s, 0);
  }

  // --- the other resources' calls ---

  private scheduleResourceCall(s: number, k: number, now: number): void {
    const { sessions: t, sim, samplers } = this.w;
    const sk = s * this.resources + k;
    const h = t.callIndex(s, k);
    if (t.resourceCall[h] >= 0) sim.cancel(t.resourceCall[h]);
    const from = Math.max(now, t.tokenExpiry[sk] - this.offset, t.blockedUntil[sk]);
    t.resourceCall[h] = sim.scheduleAt(
      from + samplers.resourceCallGap() / this.callRate[k],
      this.resourceCallKind,
      sk,
    );
  }

  private onResourceCall(sk: number): void {
    const t = this.w.sessions;
    const s = Math.floor(sk / this.resources);
    t.resourceCall[t.callIndex(s, sk - s * this.resources)] = -1;
    if (t.phase[s] !== Phase.ACTIVE || t.isIdle[s] === 1) return;
    this.request(s, sk - s * this.resources);
  }

  // --- one renewal ---

  private request(s: number, k: number): void {
    const t = this.w.sessions;
    if (t.renewalBusy[s] === 1) {
      if (t.renewalResource[s] !== k) t.pendingRenewals[s] |= 1 << k;
      return;
    }
    this.send(s, k);
  }

  private send(s: number, k: number): void {
    const { sessions: t, sim, network, identity, metrics, datacenters, dns } = this.w;
    const now = sim.now;
    const ub = t.userBase[s];
    t.renewalBusy[s] = 1;
    t.renewalResource[s] = k;
    t.renewalSent[s] = now;
    if (t.renewalAttempts[s] === 0) t.renewalStart[s] = now;
    else metrics.count(Occurrence.RENEWAL_RETRY, now);
    metrics.count(Occurrence.RENEWAL_ATTEMPTED, now);
    const client = t.client[s];
    if (client === ClientKind.WEB) {
      // The browser asks its WFE on the session's connection; a session that never had one (a
      // warm start's) looks the name up first, through its own resolver, as a sign-in does.
      let lookup = 0;
      if (t.datacenter[s] < 0) {
        if (t.resolver[s] < 0) t.resolver[s] = dns.pickResolver(ub);
        const dc = dns.lookup(t.resolver[s], now);
        if (dc === NO_ANSWER) {
          this.failed(s, FailureIndex.dnsNoAnswer);
          return;
        }
        t.datacenter[s] = dc;
        lookup = dns.lastLatency;
      }
      metrics.count(Occurrence.IDP_WEB_REFRESH, now, ub);
      const rtt = network.userRtt(ub, datacenters.regionIndex[t.datacenter[s]]);
      t.renewalRtt[s] = rtt;
      sim.schedule(lookup + rtt / 2, this.atWfeKind, s);
      return;
    }
    const rtt = network.userRtt(ub, identity.geoRegion[identity.regionForUserBase[ub]]);
    t.renewalRtt[s] = rtt;
    if (client === ClientKind.SPA && now >= t.refreshTokenExpiry[s]) {
      // The 24 h refresh token is gone: a hidden iframe, or straight to a redirect.
      if (!this.silent.iframeFallback) {
        this.finish(s);
        this.owner.interactionRequired(s);
        return;
      }
      metrics.count(Occurrence.IDP_IFRAME, now, ub);
      sim.schedule(HANDSHAKE_ROUND_TRIPS * rtt + rtt / 2, this.atLoginPageKind, s);
      return;
    }
    metrics.count(
      client === ClientKind.BROKER ? Occurrence.IDP_BROKER_REFRESH : Occurrence.IDP_REFRESH,
      now,
      ub,
    );
    sim.schedule(HANDSHAKE_ROUND_TRIPS * rtt + rtt / 2, this.atTokenKind, s);
  }

  /** Which identity region redeems this session's renewal: the WFE's for web apps. */
  private regionOf(s: number): number {
    const { sessions: t, identity } = this.w;
    return t.client[s] === ClientKind.WEB && t.datacenter[s] >= 0
      ? identity.regionForDatacenter[t.datacenter[s]]
      : identity.regionForUserBase[t.userBase[s]];
  }

  private onAtWfe(s: number): void {
    const { sessions: t, datacenters } = this.w;
    if (this.releasedAfterEnd(s)) return;
    const dc = t.datacenter[s];
    const result = datacenters.wfe[dc].submit(jobOf(s, Hop.WFE_RENEWAL), datacenters.callbackTime(dc));
    if (result === SubmitResult.ACCEPTED) return;
    // A WFE that is down: the next attempt looks the name up again (the browser's cache is short).
    if (result === SubmitResult.REJECTED_DOWN) t.datacenter[s] = -1;
    this.failed(s, result === SubmitResult.REJECTED_DOWN ? FailureIndex.outage : FailureIndex.rejected);
  }

  /** The WFE took the renewal: it redeems its refresh token at its identity region. */
  onWfeServed(s: number): void {
    const { sessions: t, sim, network, identity, datacenters } = this.w;
    const dc = t.datacenter[s];
    const leg = network.regionRtt(datacenters.regionIndex[dc], identity.geoRegion[this.regionOf(s)]) / 2;
    // The answer goes back the same way: to the WFE, then to the browser.
    t.renewalRtt[s] = 2 * leg + t.renewalRtt[s];
    sim.schedule(leg, this.atTokenKind, s);
  }

  private onIframeAtLoginPage(s: number): void {
    const { identity, sim } = this.w;
    if (this.releasedAfterEnd(s)) return;
    const r = this.regionOf(s);
    if (identity.isThrottled(r, false, sim.now)) {
      this.failed(s, FailureIndex.throttled);
      return;
    }
    const tenant = this.w.sessions.tenant[s];
    const result = identity.loginPage[r].submit(
      jobOf(s, Hop.IFRAME_AUTHORIZE),
      identity.loginServiceTime(r, tenant),
    );
    if (result !== SubmitResult.ACCEPTED) this.failed(s, FailureIndex.rejected);
  }

  /** The login page answered the iframe's prompt=none request. */
  onIframeAnswered(s: number): void {
    const { sessions: t, sim, samplers, identity } = this.w;
    if (samplers.identityErrors() < identity.loginErrorRateFor(this.regionOf(s), t.tenant[s])) {
      identity.errors++;
      this.failed(s, FailureIndex.idpError);
      return;
    }
    // No sign-in cookie in a third-party frame, or too slow for MSAL: interaction_required.
    const late = sim.now + t.renewalRtt[s] / 2 - t.renewalSent[s] > this.silent.iframeTimeout;
    if (late || samplers.thirdPartyCookies() < this.silent.thirdPartyCookiesBlocked) {
      this.w.signInLog?.renewal(s, "interactionRequired");
      this.finish(s);
      this.owner.interactionRequired(s);
      return;
    }
    sim.schedule(t.renewalRtt[s] / 2, this.iframeCodeKind, s);
  }

  /** The iframe has the code: the browser redeems it (PKCE) and gets a new refresh token too. */
  private onIframeCode(s: number): void {
    if (this.releasedAfterEnd(s)) return;
    const t = this.w.sessions;
    t.refreshTokenExpiry[s] = this.w.sim.now + this.refreshTokenLifetime;
    this.w.sim.schedule(t.renewalRtt[s] / 2, this.atTokenKind, s);
  }

  private onAtTokenEndpoint(s: number): void {
    const { identity, sim } = this.w;
    if (this.releasedAfterEnd(s)) return;
    const r = this.regionOf(s);
    if (identity.isThrottled(r, true, sim.now)) {
      this.failed(s, FailureIndex.throttled);
      return;
    }
    const result = identity.tokenEndpoint[r].submit(
      jobOf(s, Hop.TOKEN_RENEWAL),
      identity.tokenServiceTime(r, this.w.sessions.tenant[s]),
    );
    if (result !== SubmitResult.ACCEPTED)
      this.failed(s, result === SubmitResult.REJECTED_DOWN ? FailureIndex.outage : FailureIndex.rejected);
  }

  /** The token endpoint answered the renewal. */
  onTokenEndpointDone(s: number): void {
    const { sessions: t, sim, samplers, identity } = this.w;
    if (samplers.identityErrors() < identity.tokenErrorRateFor(this.regionOf(s), t.tenant[s])) {
      identity.errors++;
      this.failed(s, FailureIndex.idpError);
      return;
    }
    sim.schedule(t.renewalRtt[s] / 2, this.doneKind, s);
  }

  /** A station dropped the renewal: a timeout is a network error, an outage a 5xx. */
  onDropped(s: number, reason: number): void {
    this.failed(s, reason === DropReason.OUTAGE ? FailureIndex.outage : FailureIndex.timeout);
  }

  private onDone(s: number): void {
    const { sessions: t, sim, metrics } = this.w;
    if (this.releasedAfterEnd(s)) return;
    const now = sim.now;
    const k = t.renewalResource[s];
    const sk = s * this.resources + k;
    metrics.count(Occurrence.RENEWAL_SUCCEEDED, now);
    this.w.signInLog?.renewal(s, -1);
    metrics.latency(Latency.RENEWAL, now, now - t.renewalStart[s], t.userBase[s]);
    t.tokenExpiry[sk] = now + this.lifetime[k]();
    t.blockedUntil[sk] = Number.NEGATIVE_INFINITY;
    t.renewalAttempts[s] = 0;
    this.finish(s);
    this.afterwards(s, k);
  }

  private failed(s: number, cause: number): void {
    const { sessions: t, sim, metrics, identity, scenario } = this.w;
    const now = sim.now;
    metrics.fail(cause, now);
    metrics.count(Occurrence.RENEWAL_FAILED, now);
    this.w.signInLog?.renewal(s, cause);
    if (this.releasedAfterEnd(s)) return;
    const k = t.renewalResource[s];
    t.renewalAttempts[s] = Math.min(255, t.renewalAttempts[s] + 1);
    let wait: number;
    if (cause === FailureIndex.throttled) wait = identity.retryAfter;
    else if (
      cause === FailureIndex.timeout ||
      cause === FailureIndex.connectTimeout ||
      cause === FailureIndex.dnsNoAnswer
    )
      wait = scenario.client.onNetworkError === "backoff" ? backoffDelay(this.w, t.renewalAttempts[s]) : 0;
    else wait = scenario.client.throttleWithoutRetryAfter;
    t.blockedUntil[s * this.resources + k] = now + Math.min(MAX_THROTTLE, wait);
    this.finish(s);
    this.afterwards(s, k);
  }

  /** After a renewal: calls carry on (due again or blocked), and a waiting resource goes next. */
  private afterwards(s: number, k: number): void {
    const t = this.w.sessions;
    const now = this.w.sim.now;
    if (t.phase[s] !== Phase.ACTIVE) return;
    if (k === 0) this.owner.calls.setValidUntil(s, this.dueTime(s));
    else if (t.isIdle[s] === 0) this.scheduleResourceCall(s, k, now);
    const pending = t.pendingRenewals[s];
    if (pending !== 0 && t.isIdle[s] === 0) {
      const next = 31 - Math.clz32(pending & -pending);
      t.pendingRenewals[s] = pending & ~(1 << next);
      this.send(s, next);
    }
  }

  private finish(s: number): void {
    this.w.sessions.renewalBusy[s] = 0;
  }

  /** True (and the slot freed) when the session ended while this renewal was out. */
  private releasedAfterEnd(s: number): boolean {
    const t = this.w.sessions;
    if (t.isEnding[s] !== 1) return false;
    t.renewalBusy[s] = 0;
    this.owner.releaseEnded(s);
    return true;
  }

  /** The back end resource 0 calls, for a session's tenant. */
  backEndOf(s: number): number {
    return this.tenantDc[this.w.sessions.tenant[s]];
  }
}
