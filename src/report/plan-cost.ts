/**
 * Cost per month of a plan, from the scenario's weekly arrival profile rather than the simulated
 * window. Two readings of the same recommendation:
 * - fixed: the recommended instances all month (730 h = 8,760 h / 12);
 * - following the profile: each hour of the week gets the recommendation scaled by that hour's
 *   load relative to the busiest hour of the simulated window (never below minInstances, rounded
 *   up), the week's instance-hours × 730 / 168. Instances are assumed to scale linearly with the
 *   arrival rate (conservative: a larger pool queues less at the same utilisation), and changes
 *   to take effect on the hour.
 * A cluster's load per UTC hour of the week is the session-start rate of the user bases it
 * serves: a back end by its tenants' shares, a WFE by Traffic Manager's routing with every
 * endpoint healthy (performance: the nearest datacenter by round trip; priority: the first;
 * weighted: by weight; geographic: the endpoint the user base maps to).
 */
import type { ResolvedEndpoint, ResolvedScenario } from "../scenario/index.ts";

export const HOURS_PER_MONTH = 730;
const HOURS_PER_WEEK = 168;

/** Each user base's share of the load on each datacenter's cluster: [userBase][datacenter]. */
function shares(s: ResolvedScenario, component: "wfe" | "backEnd"): number[][] {
  const dcs = s.datacenters.length;
  return s.userBases.map((u) => {
    const row = new Array<number>(dcs).fill(0);
    if (component === "backEnd") {
      u.tenantShares.forEach((p, t) => {
        const dc = s.tenants[t]?.datacenterIndex ?? -1;
        if (dc >= 0) row[dc] += p;
      });
      return row;
    }
    const tm = s.trafficManager;
    const enabled = tm.endpoints.filter((e) => e.enabled);
    if (enabled.length === 0) return row;
    const choose = (routing: string, list: readonly ResolvedEndpoint[]): [ResolvedEndpoint, number][] => {
      if (routing === "weighted") {
        const total = list.reduce((a, e) => a + e.weight, 0);
        return list.map((e) => [e, total > 0 ? e.weight / total : 1 / list.length]);
      }
      const rtt = (e: ResolvedEndpoint) => s.geography.rtt[u.regionIndex][e.locationRegionIndex] ?? 0;
      const key = routing === "priority" ? (e: ResolvedEndpoint) => e.priority : rtt;
      return [[list.reduce((b, e) => (key(e) < key(b) ? e : b)), 1]];
    };
    // A nested endpoint's share goes to its child's datacenters as the child routes.
    const add = (e: ResolvedEndpoint, share: number) => {
      const child = tm.profiles[e.childProfileIndex];
      if (child === undefined) {
        row[e.datacenterIndex] += share;
        return;
      }
      const own = child.endpoints.filter((c) => c.enabled);
      if (own.length > 0)
        for (const [c, p] of choose(child.routing, own)) row[c.datacenterIndex] += share * p;
    };
    if (tm.routing === "geographic") {
      const e = tm.endpoints[tm.geographicEndpoint[u.index]];
      if (e !== undefined) add(e, 1);
    } else {
      for (const [e, p] of choose(tm.routing, enabled)) add(e, p);
    }
    return row;
  });
}

/** Per datacenter, session starts per second in each UTC hour of the week (Monday 00:00 first). */
export function weeklyLoad(s: ResolvedScenario, component: "wfe" | "backEnd"): number[][] {
  const w = shares(s, component);
  return s.datacenters.map((_, dc) =>
    Array.from({ length: HOURS_PER_WEEK }, (_, h) =>
      s.userBases.reduce((sum, u, i) => {
        const local = Math.floor((h * 3600 + u.timeZone.utcOffset) / 3600);
        const hour = ((local % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK;
        return sum + w[i][dc] * u.arrivals.weeklyRate[hour];
      }, 0),
    ),
  );
}

/** The UTC hours of the week the measured period (after warm-up) covers. */
export function measuredHours(s: ResolvedScenario): number[] {
  const { startWeekSecond, warmUp, duration } = s.simulation;
  const first = Math.floor((startWeekSecond + warmUp) / 3600);
  const last = Math.ceil((startWeekSecond + duration) / 3600);
  const hours = new Set<number>();
  for (let h = first; h < Math.max(last, first + 1); h++) hours.add(h % HOURS_PER_WEEK);
  return [...hours];
}

export interface MonthlyInstanceHours {
  /** The recommendation all month. */
  readonly fixed: number;
  /** The recommendation scaled hour by hour with the weekly profile. */
  readonly followingProfile: number;
  /** The week's busiest hour's load ÷ the simulated window's busiest (>1: the window missed the peak). */
  readonly weekPeakOverWindow: number;
}

/** Instance-hours per month of `recommended` instances sized on the measured window's load. */
export function monthlyInstanceHours(
  recommended: number,
  minInstances: number,
  load: readonly number[],
  windowHours: readonly number[],
): MonthlyInstanceHours {
  const windowPeak = Math.max(0, ...windowHours.map((h) => load[h] ?? 0));
  const weekPeak = Math.max(0, ...load);
  let week = 0;
  for (const rate of load) {
    const need = windowPeak > 0 ? Math.ceil(recommended * (rate / windowPeak) - 1e-9) : recommended;
    week += Math.max(minInstances, need);
  }
  return {
    fixed: recommended * HOURS_PER_MONTH,
    followingProfile: (week * HOURS_PER_MONTH) / HOURS_PER_WEEK,
    weekPeakOverWindow: windowPeak > 0 ? weekPeak / windowPeak : 1,
  };
}
