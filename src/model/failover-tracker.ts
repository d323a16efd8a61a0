/**
 * Failover times of datacenter WFE outages, as a planner reads them: from the fault's start,
 * how long until 90% (99%) of new connections go to a healthy datacenter, and how long until
 * Traffic Manager marked the endpoint Degraded.
 *
 * New connections during the fault window are counted in 5-second bins (to the failed
 * datacenter vs all). The time to q is the start of the first bin after which every bin with
 * traffic has at most 1 - q of its connections to the failed datacenter. Bounded memory: one
 * pair of counters per bin of each outage.
 */
import type { ResolvedScenario } from "../scenario/index.ts";
import type { FailoverReport } from "./run-result.ts";

const BIN = 5;

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

  get isEmpty(): boolean {
    return this.outages.length === 0;
  }

  /** A client starts connecting to `datacenter` at `now`. */
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
  let firstGood = -1;
  for (let b = o.total.length - 1; b >= 0; b--) {
    if (o.total[b] === 0) continue;
    if (o.toFailed[b] / o.total[b] > 1 - share) break;
    firstGood = b;
  }
  if (firstGood < 0) return null;
  // Bins before firstGood with no traffic say nothing; the answer is the first good bin's start.
  return firstGood * BIN;
}
