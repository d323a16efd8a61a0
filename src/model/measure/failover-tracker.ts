/**
 * Failover times of datacenter WFE outages, as a planner reads them: from the fault's start,
 * how long until 90% (99%) of new connections go to a healthy datacenter, and how long until
 * Traffic Manager marked the endpoint Degraded.
 *
 * New logins during the fault window are counted by where their first connection went (to the
 * failed datacenter vs all; retries of the same login are not counted again, so a few clients
 * stuck on a stale DNS answer do not weigh as much as their retries), in 5-second bins. The share
 * at a bin is taken over the 30 seconds starting there, which smooths a bin of two or three
 * logins. The time to q is the start of the first bin from which every later window with logins
 * has at most 1 - q of them going to the failed datacenter; null if that never happens before
 * the fault ends. Bounded memory: one pair of counters per bin of each outage.
 */
import type { ResolvedScenario } from "../../scenario/index.ts";
import type { FailoverReport } from "../run/run-result.ts";

const BIN = 5;
/** Bins per smoothing window (30 s). */
const WINDOW = 6;

interface Outage {
  readonly datacenter: number;
  readonly start: number;
  readonly end: number;
  readonly toFailed: Float64Array;
  readonly total: Float64Array;
  detection: number | null;
}

export class FailoverTracker {
  private readonly outages: Outage[];
  private readonly names: string[];

  constructor(scenario: ResolvedScenario) {
    this.names = scenario.datacenters.map((d) => d.name);
    this.outages = scenario.faults.flatMap((f) =>
      f.type === "datacenterOutage" && f.component !== "backEnd" && f.end > f.start
        ? [
            {
              datacenter: f.datacenterIndex,
              start: f.start,
              end: f.end,
              toFailed: new Float64Array(Math.ceil((f.end - f.start) / BIN)),
              total: new Float64Array(Math.ceil((f.end - f.start) / BIN)),
              detection: null,
            },
          ]
        : [],
    );
  }

  /** A new login's first connection goes to `datacenter` at `now`. */
  onConnection(datacenter: number, now: number): void {
    for (const o of this.outages) {
      if (now < o.start || now >= o.end) continue;
      const bin = Math.min(o.total.length - 1, Math.floor((now - o.start) / BIN));
      o.total[bin]++;
      if (datacenter === o.datacenter) o.toFailed[bin]++;
    }
  }

  onHealthChange(datacenter: number, isDegraded: boolean, now: number): void {
    if (!isDegraded) return;
    for (const o of this.outages) {
      if (o.datacenter === datacenter && o.detection === null && now >= o.start && now < o.end) {
        o.detection = now - o.start;
      }
    }
  }

  report(): FailoverReport[] {
    return this.outages.map((o) => ({
      datacenter: this.names[o.datacenter],
      start: o.start,
      end: o.end,
      to90: timeToShare(o, 0.9),
      to99: timeToShare(o, 0.99),
      detection: o.detection,
    }));
  }
}

function timeToShare(o: Outage, share: number): number | null {
  const n = o.total.length;
  let firstGood = -1;
  for (let b = n - 1; b >= 0; b--) {
    let failed = 0;
    let total = 0;
    for (let k = b; k < Math.min(n, b + WINDOW); k++) {
      failed += o.toFailed[k];
      total += o.total[k];
    }
    if (total === 0) continue;
    if (failed / total > 1 - share) break;
    firstGood = b;
  }
  return firstGood < 0 ? null : firstGood * BIN;
}
