/**
 * A run's size before it starts, from the scenario alone: sessions, peak concurrent sessions,
 * events and memory. Rough (within a factor of about two on the bundled scenarios), but enough to
 * refuse a run that cannot fit this machine and to warn about one that will take long.
 *
 * Per session: ~20 events for a sign-in, 2 per API call (calls = rate × mean length), ~5 per
 * renewal; memory ~550 bytes per concurrent session as measured (RSS, docs/performance.md) on top
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
  const lifetime = distributionMean(scenario.identityProvider.tokenLifetime);
  const renewEvery = Math.max(60, lifetime - scenario.identityProvider.renewalOffset);
  let sessions = 0;
  let peak = 0;
  let events = 0;
  for (const u of scenario.userBases) {
    const length = Math.min(distributionMean(u.sessionLength), duration);
    const n = expectedArrivals(
      u.arrivals.weeklyRate,
      scenario.simulation.startWeekSecond + u.timeZone.utcOffset,
      duration,
    );
    sessions += n;
    peak += u.arrivals.peakRate * length;
    events +=
      n * (EVENTS_PER_SIGN_IN + 2 * u.backEndRate * length + (EVENTS_PER_RENEWAL * length) / renewEvery);
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
