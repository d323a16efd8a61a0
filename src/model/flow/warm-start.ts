/**
 * Warm start (issue 14, docs/model.md "Warm start"): the run begins with the sessions that are
 * alive at its start time, in the state the scenario's own processes would have left them, so
 * renewals run from the first minute and no token lifetime of warm-up is needed.
 *
 * How the state is drawn: the user base's arrival process is played over a prehistory
 * [−H, 0) (the same weekly profile, on streams of its own), each arrival draws its length, and
 * the ones still open at 0 are replayed without stations: their active and idle periods from
 * their start, and for every token resource the on-demand renewals (the first call after each
 * due time, calls Poisson while active), so each token's age, the single-page app's refresh
 * token and the tab's current period come out as the model makes them. Assumed: no faults and
 * no queueing before time 0 (sign-ins and renewals take no time in the prehistory), and the
 * caches of DNS resolvers and WFEs start cold. H is twice the longest of 4,096 drawn session
 * lengths (capped at 14 days): a session longer than that is missed with probability < 1/4096.
 */

import { Occurrence } from "../measure/signals.ts";
import type { World } from "../run/world.ts";
import type { SessionActivity } from "./session-activity.ts";
import { ClientKind } from "./session-table.ts";
import { Phase } from "./sign-in-flow.ts";

const MAX_HORIZON = 14 * 86400;
const HORIZON_DRAWS = 4096;

/** Draws the sessions open at time 0 and hands them to `activity`, ready to run. */
export function drawWarmSessions(world: World, activity: SessionActivity): void {
  const { scenario, warmStart: warm } = world;
  const periods = new Periods();
  scenario.userBases.forEach((_, ub) => {
    let longest = 0;
    for (let i = 0; i < HORIZON_DRAWS; i++) longest = Math.max(longest, warm.sessionLength[ub]());
    const horizon = Math.min(MAX_HORIZON, 2 * longest);
    let a = warm.arrivals.next(ub, -horizon, 0);
    while (a < 0) {
      const length = warm.sessionLength[ub]();
      if (a + length > 0) adopt(world, activity, periods, ub, a, a + length);
      a = warm.arrivals.next(ub, a, 0);
    }
  });
}

/** Replays one session from its start `a` to 0 and installs it. */
function adopt(
  world: World,
  activity: SessionActivity,
  periods: Periods,
  ub: number,
  a: number,
  end: number,
): void {
  const { sessions: t, warmStart: warm, scenario, metrics } = world;
  const idp = scenario.identityProvider;
  const s = t.allocate();
  t.userBase[s] = ub;
  activity.drawClient(s, ub, warm.choice);
  t.tenant[s] = activity.drawTenant(ub, warm.choice());
  t.sessionEnd[s] = end;
  t.phase[s] = Phase.ACTIVE;
  // Active and idle periods from the session's start to the one that holds time 0.
  periods.clear();
  let from = a;
  let isActive = true;
  let switchAt: number;
  for (;;) {
    switchAt = from + (isActive ? warm.activeTime[ub]() : warm.idleTime[ub]());
    if (isActive) periods.push(from, switchAt);
    if (switchAt > 0) break;
    from = switchAt;
    isActive = !isActive;
  }
  // Each token: issued at the sign-in (resource 0) or at its first call, renewed on demand.
  const rates = [scenario.userBases[ub].backEndRate, ...idp.resources.map((r) => r.callRate)];
  let refreshExpiry = a + idp.refreshTokenLifetime;
  for (let k = 0; k < t.resources; k++) {
    let expiry = k === 0 ? a + warm.tokenLifetime[0]() : Number.NEGATIVE_INFINITY;
    for (;;) {
      const due = expiry === Number.NEGATIVE_INFINITY ? a : expiry - idp.renewalOffset;
      const call = periods.firstCallAfter(due, rates[k], warm.callGap);
      if (call >= 0) break;
      // Past its refresh token, a single-page app got a new one with the token (iframe or redirect).
      if (t.client[s] === ClientKind.SPA && call >= refreshExpiry)
        refreshExpiry = call + idp.refreshTokenLifetime;
      expiry = call + warm.tokenLifetime[k]();
    }
    t.tokenExpiry[s * t.resources + k] = expiry;
  }
  t.refreshTokenExpiry[s] = refreshExpiry;
  metrics.activeSessions[ub].add(0, 1);
  metrics.count(Occurrence.SESSION_AT_START, 0, ub);
  activity.adoptWarm(s, isActive, switchAt);
}

/** A session's active periods before time 0, in order, in one reusable buffer. */
class Periods {
  private at = new Float64Array(64);
  private n = 0;

  clear(): void {
    this.n = 0;
  }

  push(start: number, end: number): void {
    if (this.n * 2 + 2 > this.at.length) {
      const grown = new Float64Array(this.at.length * 2);
      grown.set(this.at);
      this.at = grown;
    }
    this.at[this.n * 2] = start;
    this.at[this.n * 2 + 1] = end;
    this.n++;
  }

  /**
   * The first call after `due` made in an active period, when it comes before 0; else +∞ (the
   * run finds it). Calls are Poisson at `rate` while active, so each period starts a fresh
   * exponential gap (memoryless).
   */
  firstCallAfter(due: number, rate: number, gap: () => number): number {
    if (rate <= 0) return Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.n; i++) {
      const end = this.at[i * 2 + 1];
      if (end <= due) continue;
      const from = Math.max(this.at[i * 2], due);
      if (from >= 0) return Number.POSITIVE_INFINITY;
      const call = from + gap() / rate;
      if (call < end) return call < 0 ? call : Number.POSITIVE_INFINITY;
      if (end > 0) return Number.POSITIVE_INFINITY;
    }
    return Number.POSITIVE_INFINITY;
  }
}
