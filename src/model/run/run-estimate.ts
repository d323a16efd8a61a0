/**
 * A run's size before it starts, from the scenario alone: sessions, peak concurrent sessions,
 * events and memory. Rough (within a factor of about two on the bundled scenarios), but enough to
 * refuse a run that cannot fit this machine and to warn about one that will take long.
 *
 * Per session: ~20 events for a sign-in; per session-second, 2 per API call (at the call rate
 * while active) on the exact path, or 1 per k calls at flow level (k = the calls per drawn one
 * the user base's own peak call rate gives, calls/call-model.ts), one per active/idle switch,
 * ~5 per renewal of each token resource. A warm start
 * makes a session's whole mean length fall in the run (the ones alive at 0 stand in for the
 * ones still open at the end); an empty start clips it at the duration. Memory ~550 bytes per concurrent session as measured (RSS, docs/performance.md) on top
 * of ~100 MB for Node and the loaded modules.
 */
import { distributionMean } from "../../engine/random/index.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";

export interface RunEstimate {
  readonly sessions: number;
  readonly peakConcurrentSessions: number;
  readonly events: number;
  readonly memoryBytes: number;
}

const BASE_MEMORY = 100 * 2 ** 20;
// Measured 446-509 B on the global baseline's 1 h slice (docs/performance.md), with some margin.
const BYTES_PER_CONCURRENT_SESSION = 550;
const EVENTS_PER_SIGN_IN = 20;
const EVENTS_PER_RENEWAL = 5;

export function estimateRun(scenario: ResolvedScenario): RunEstimate {
  const { duration, replications } = scenario.simulation;
  const idp = scenario.identityProvider;
  const lifetime = distributionMean(idp.tokenLifetime);
  const renewEvery = Math.max(60, lifetime - idp.renewalOffset);
  const tokens = 1 + idp.resources.length;
  let sessions = 0;
  let peak = 0;
  let events = 0;
  for (const u of scenario.userBases) {
    const meanLength = distributionMean(u.sessionLength);
    const length = scenario.simulation.warmStart ? meanLength : Math.min(meanLength, duration);
    const active = distributionMean(u.activity.active);
    const cycle = active + distributionMean(u.activity.idle);
    const n = expectedArrivals(
      u.arrivals.weeklyRate,
      scenario.simulation.startWeekSecond + u.timeZone.utcOffset,
      duration,
    );
    sessions += n;
    peak += u.arrivals.peakRate * length;
    const callRate = (u.backEndRate * active) / cycle;
    const eventsPerCall =
      scenario.simulation.backEndCalls.model === "exact"
        ? 2
        : 1 /
          Math.max(
            1,
            Math.min(
              scenario.simulation.backEndCalls.sampleOneIn,
              (callRate * u.arrivals.peakRate * length) / 50,
            ),
          );
    const perSecond = eventsPerCall * callRate + 2 / cycle + (EVENTS_PER_RENEWAL * tokens) / renewEvery;
    events += n * (EVENTS_PER_SIGN_IN + perSecond * length);
  }
  return {
    sessions: sessions * replications,
    peakConcurrentSessions: peak,
    events: events * replications,
    memoryBytes: BASE_MEMORY + peak * BYTES_PER_CONCURRENT_SESSION,
  };
}

const HOUR = 3600;
const WEEK = 168 * HOUR;

/** Sessions expected in [0, duration): the weekly profile integrated hour by hour. */
function expectedArrivals(weeklyRate: readonly number[], offset: number, duration: number): number {
  let total = 0;
  for (let t = 0; t < duration; ) {
    const local = (((t + offset) % WEEK) + WEEK) % WEEK;
    const hour = Math.min(167, Math.floor(local / HOUR));
    const step = Math.min(duration - t, (hour + 1) * HOUR - local);
    total += weeklyRate[hour] * step;
    t += step;
  }
  return total;
}
