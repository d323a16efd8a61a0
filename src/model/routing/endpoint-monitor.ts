/**
 * Traffic Manager's endpoint monitoring: health probes from several locations, each counting
 * consecutive failures on its own, and the endpoint's Degraded flag made from their verdicts.
 *
 * Where it sits: beside the DNS answers. Traffic Manager never sees the simulator's ground
 * truth, only what its probes see (learn.microsoft.com/azure/traffic-manager/
 * traffic-manager-monitoring): every `interval` each location sends a GET; it fails on no answer
 * within `timeout`, or a non-200 answer. A location counts an endpoint failed after
 * toleratedFailures + 1 consecutive failures and healthy again on one success, and "the
 * consecutive failure determination happens within each region". How the locations' verdicts
 * combine is not published: `degradedWhen` says any, most or all of them (default most).
 *
 * What a probe sees of a WFE cluster: down and a black hole -> no answer (fails at the timeout);
 * down and failing fast -> 503 at once; a full queue -> 503 at once; a request that would wait
 * past the timeout in the cluster's queue -> no answer in time. A custom health page (Microsoft's
 * note: "checking performance counters") also fails above a utilisation (the cluster's mean busy
 * share since that location's last probe) or a latency (the response a request would get now:
 * queue wait + mean service), so overload, not only an outage, can eject an endpoint.
 */

import type { RandomSource } from "../../engine/random/index.ts";
import { distributionMean } from "../../engine/random/index.ts";
import type { Simulation } from "../../engine/simulation.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";

/** What a probe can read of a WFE cluster (the engine's stations have these members). */
export interface ProbedWfe {
  readonly busy: { integral(now: number): number; readonly start: number };
  readonly serverCount: number;
  readonly busyServers: number;
  readonly queueLength: number;
  readonly queueLimit: number;
}

export interface TrafficManagerHooks {
  /** Ground truth, for probes only: is this datacenter's WFE cluster down? */
  isWfeDown(datacenter: number): boolean;
  /** While it is down: does its address answer 503 at once (true) or nothing (black hole)? */
  failsFast?(datacenter: number): boolean;
  /** The WFE cluster, for the overload checks (none: only outages fail probes). */
  wfe?(datacenter: number): ProbedWfe;
  /** Traffic Manager just changed its view of an endpoint. */
  onHealthChange?(datacenter: number, isDegraded: boolean, now: number): void;
}

/** A probe's outcome as a delay: HEALTHY, or the seconds until its failure is known. */
const HEALTHY = -1;

export class EndpointMonitor {
  /** Per endpoint: 1 while Traffic Manager counts it Degraded. */
  readonly degraded: Uint8Array;
  private readonly sim: Simulation;
  private readonly hooks: TrafficManagerHooks;
  private readonly datacenterOf: Int32Array;
  private readonly locations: number;
  private readonly interval: number;
  private readonly timeout: number;
  private readonly tolerated: number;
  /** Locations that must count an endpoint failed for it to be Degraded. */
  private readonly needed: number;
  private readonly failAboveUtilisation: number;
  private readonly failAboveLatency: number;
  /** Per datacenter: mean redirect service time [s], for the response a probe would get. */
  private readonly meanService: Float64Array;
  /** Per endpoint × location (k = endpoint × locations + location): consecutive failures, and 1 while that location counts the endpoint failed. */
  private readonly failures: Int32Array;
  private readonly countsFailed: Uint8Array;
  private readonly lastProbeAt: Float64Array;
  private readonly lastBusyIntegral: Float64Array;
  /** Per endpoint: locations that count it failed. */
  private readonly failedAt: Int32Array;
  private readonly probeKind: number;
  private readonly probeFailKind: number;

  constructor(
    sim: Simulation,
    scenario: ResolvedScenario,
    datacenterOf: Int32Array,
    uniform: RandomSource,
    hooks: TrafficManagerHooks,
  ) {
    const p = scenario.trafficManager.probe;
    const n = datacenterOf.length;
    this.sim = sim;
    this.hooks = hooks;
    this.datacenterOf = datacenterOf;
    this.locations = p.locations;
    this.interval = p.interval;
    this.timeout = p.timeout;
    this.tolerated = p.toleratedFailures;
    this.needed =
      p.degradedWhen === "any" ? 1 : p.degradedWhen === "all" ? p.locations : Math.floor(p.locations / 2) + 1;
    this.failAboveUtilisation = p.failAboveUtilisation ?? Number.POSITIVE_INFINITY;
    this.failAboveLatency = p.failAboveLatency ?? Number.POSITIVE_INFINITY;
    this.meanService = Float64Array.from(scenario.datacenters, (d) =>
      distributionMean(d.wfe.serviceTime.redirect),
    );
    this.degraded = new Uint8Array(n);
    this.failedAt = new Int32Array(n);
    this.failures = new Int32Array(n * this.locations);
    this.countsFailed = new Uint8Array(n * this.locations);
    this.lastProbeAt = new Float64Array(n * this.locations).fill(Number.NEGATIVE_INFINITY);
    this.lastBusyIntegral = new Float64Array(n * this.locations);
    this.probeKind = sim.defineEvent("trafficManager.probe", (k) => this.probe(k));
    this.probeFailKind = sim.defineEvent("trafficManager.probeFailed", (k) => this.recordFailure(k));
    // Each location probes on its own schedule, at a random phase: unrelated to faults and to
    // the other locations.
    for (let k = 0; k < n * this.locations; k++) sim.schedule(uniform() * this.interval, this.probeKind, k);
  }

  private probe(k: number): void {
    this.sim.schedule(this.interval, this.probeKind, k);
    const delay = this.outcome(k);
    if (delay === HEALTHY) this.recordSuccess(k);
    else if (delay === 0) this.recordFailure(k);
    else this.sim.schedule(delay, this.probeFailKind, k);
  }

  /** What the probe `k` sends now will get: HEALTHY, or when it is known to have failed [s]. */
  private outcome(k: number): number {
    const dc = this.datacenterOf[Math.floor(k / this.locations)];
    if (this.hooks.isWfeDown(dc)) return this.hooks.failsFast?.(dc) ? 0 : this.timeout;
    const wfe = this.hooks.wfe?.(dc);
    if (wfe === undefined) return HEALTHY;
    const utilisation = this.utilisationSinceLastProbe(k, wfe);
    // The cluster turns requests away (503) only when every server is busy and the queue full.
    if (wfe.busyServers >= wfe.serverCount && wfe.queueLength >= wfe.queueLimit) return 0;
    if (utilisation > this.failAboveUtilisation) return 0;
    const servers = wfe.serverCount;
    const service = this.meanService[dc];
    // FCFS with every server busy: a new request waits for (queue + 1) departures, c at a time.
    const wait =
      servers === 0
        ? Number.POSITIVE_INFINITY
        : wfe.busyServers < servers
          ? 0
          : ((wfe.queueLength + 1) * service) / servers;
    const response = wait + service;
    if (response >= this.timeout) return this.timeout;
    if (response > this.failAboveLatency) return response;
    return HEALTHY;
  }

  /** The cluster's busy share since location k last probed it (its current share at first). */
  private utilisationSinceLastProbe(k: number, wfe: ProbedWfe): number {
    const now = this.sim.now;
    const start = wfe.busy.start;
    const integral = wfe.busy.integral(now);
    const isSameWindow = this.lastProbeAt[k] >= start;
    const from = isSameWindow ? this.lastProbeAt[k] : start;
    const base = isSameWindow ? this.lastBusyIntegral[k] : 0;
    this.lastProbeAt[k] = now;
    this.lastBusyIntegral[k] = integral;
    if (wfe.serverCount === 0) return Number.POSITIVE_INFINITY;
    if (now - from <= 0) return wfe.busyServers / wfe.serverCount;
    return (integral - base) / ((now - from) * wfe.serverCount);
  }

  private recordSuccess(k: number): void {
    this.failures[k] = 0;
    if (this.countsFailed[k] === 1) {
      this.countsFailed[k] = 0;
      this.changeFailedLocations(Math.floor(k / this.locations), -1);
    }
  }

  private recordFailure(k: number): void {
    this.failures[k]++;
    if (this.countsFailed[k] === 0 && this.failures[k] > this.tolerated) {
      this.countsFailed[k] = 1;
      this.changeFailedLocations(Math.floor(k / this.locations), 1);
    }
  }

  private changeFailedLocations(endpoint: number, delta: number): void {
    this.failedAt[endpoint] += delta;
    const isDegraded = this.failedAt[endpoint] >= this.needed ? 1 : 0;
    if (isDegraded === this.degraded[endpoint]) return;
    this.degraded[endpoint] = isDegraded;
    this.hooks.onHealthChange?.(this.datacenterOf[endpoint], isDegraded === 1, this.sim.now);
  }
}
