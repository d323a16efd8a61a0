/**
 * Where each user base's sign-ins were served: completed logins per (user base, datacenter) pair
 * and their mean latency without typing, over a few fixed windows of simulated time (the measured
 * period; for a scenario with a datacenter outage, before and during its first one). The world
 * map and the routing matrix chart read it; the per-user-base and per-datacenter totals elsewhere
 * cannot say which pair a login took.
 *
 * Where it sits: fed once per completed login by flow/login-record.ts (not per event, not per API
 * call). Memory is bounded by windows × user bases × datacenters × 2 numbers, whatever the run's
 * length: a per-bin split would grow with the run for a picture that needs two moments.
 */
import type { ResolvedScenario } from "../../scenario/index.ts";

/** What a window covers. */
export type RoutingWindowKind = "measured" | "beforeOutage" | "duringOutage";

/** One window's matrix: rows are user bases, columns datacenters, in scenario order. */
export interface RoutingWindow {
  readonly kind: RoutingWindowKind;
  /** [s of simulated time], start inclusive, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** Completed logins per user base × datacenter [count]. */
  readonly logins: readonly (readonly number[])[];
  /** Their mean latency without the user's typing [s]; null where no login completed. */
  readonly loginSystemMean: readonly (readonly (number | null)[])[];
}

export interface RoutingMatrixReport {
  /** The measured period first, then (with an outage) before and during it. */
  readonly windows: readonly RoutingWindow[];
  /** Index of the datacenter whose outage the second and third windows bracket, or null. */
  readonly outageDatacenter: number | null;
}

interface WindowSpan {
  readonly kind: RoutingWindowKind;
  readonly start: number;
  readonly end: number;
}

/** The windows a scenario's matrix is kept over. */
export function routingWindows(scenario: ResolvedScenario): { spans: WindowSpan[]; outage: number | null } {
  const { warmUp, duration } = scenario.simulation;
  const spans: WindowSpan[] = [{ kind: "measured", start: warmUp, end: duration }];
  // The first outage of a WFE: the one that moves sign-ins (a back-end outage leaves routing alone).
  const outage = scenario.faults.find((f) => f.type === "datacenterOutage" && f.component !== "backEnd");
  if (outage?.type !== "datacenterOutage") return { spans, outage: null };
  const before = Math.max(warmUp, 0);
  if (outage.start > before) spans.push({ kind: "beforeOutage", start: before, end: outage.start });
  spans.push({ kind: "duringOutage", start: outage.start, end: Math.min(outage.end, duration) });
  return { spans, outage: outage.datacenterIndex };
}

export class RoutingMatrix {
  private readonly spans: readonly WindowSpan[];
  private readonly outage: number | null;
  private readonly datacenters: number;
  private readonly userBases: number;
  // PERF: one flat array per quantity, window-major, then user base, then datacenter.
  private readonly counts: Float64Array;
  private readonly sums: Float64Array;

  constructor(scenario: ResolvedScenario) {
    const { spans, outage } = routingWindows(scenario);
    this.spans = spans;
    this.outage = outage;
    this.userBases = scenario.userBases.length;
    this.datacenters = scenario.datacenters.length;
    const size = spans.length * this.userBases * this.datacenters;
    this.counts = new Float64Array(size);
    this.sums = new Float64Array(size);
  }

  /** A login of `userBase` through `datacenter` completed at `now`, `systemSeconds` without typing. */
  record(now: number, userBase: number, datacenter: number, systemSeconds: number): void {
    if (userBase < 0 || datacenter < 0) return;
    const pair = userBase * this.datacenters + datacenter;
    const stride = this.userBases * this.datacenters;
    for (let w = 0; w < this.spans.length; w++) {
      const span = this.spans[w];
      if (now < span.start || now >= span.end) continue;
      this.counts[w * stride + pair]++;
      this.sums[w * stride + pair] += systemSeconds;
    }
  }

  report(): RoutingMatrixReport {
    const stride = this.userBases * this.datacenters;
    const windows = this.spans.map((span, w): RoutingWindow => {
      const rows = Array.from({ length: this.userBases }, (_, u) => u);
      const cell = (u: number, d: number) => w * stride + u * this.datacenters + d;
      const cols = Array.from({ length: this.datacenters }, (_, d) => d);
      return {
        kind: span.kind,
        start: span.start,
        end: span.end,
        logins: rows.map((u) => cols.map((d) => this.counts[cell(u, d)])),
        loginSystemMean: rows.map((u) =>
          cols.map((d) =>
            this.counts[cell(u, d)] > 0 ? this.sums[cell(u, d)] / this.counts[cell(u, d)] : null,
          ),
        ),
      };
    });
    return { windows, outageDatacenter: this.outage };
  }
}
