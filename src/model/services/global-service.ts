/**
 * The global service that knows which back-end cluster holds each tenant, and the WFE-side
 * cache of its answers.
 *
 * Where it sits: step 5, after the code is redeemed. A WFE asks it once per tenant per cache
 * TTL; the rest of the time the answer is in the WFE's cache and costs nothing.
 */
import type { Sampler } from "../../engine/random/index.ts";
import type { Simulation } from "../../engine/simulation.ts";
import { Station } from "../../engine/station/index.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";

export class GlobalService {
  readonly station: Station;
  readonly regionIndex: number;
  /** globalServiceSlowdown multiplier. */
  slowdown = 1;
  lookups = 0;
  cacheHits = 0;
  private readonly cacheTtl: number;
  private readonly tenants: number;
  /** Per (datacenter, tenant): when the WFE's cached answer expires. */
  private readonly cachedUntil: Float64Array;
  private readonly service: Sampler;

  constructor(sim: Simulation, scenario: ResolvedScenario, service: Sampler) {
    const gs = scenario.globalService;
    this.station = new Station(sim, {
      name: "globalService",
      servers: gs.instances * gs.concurrency,
      queueLimit: gs.queueLimit,
      timeout: gs.timeout,
      timeoutScope: "response",
    });
    this.regionIndex = gs.regionIndex;
    this.cacheTtl = gs.cacheTtl;
    this.tenants = scenario.tenants.length;
    this.cachedUntil = new Float64Array(scenario.datacenters.length * this.tenants).fill(
      Number.NEGATIVE_INFINITY,
    );
    this.service = service;
  }

  /** Does this WFE hold a fresh answer for this tenant? Counts the lookup. */
  isCached(datacenter: number, tenant: number, now: number): boolean {
    this.lookups++;
    const hit = now < this.cachedUntil[datacenter * this.tenants + tenant];
    if (hit) this.cacheHits++;
    return hit;
  }

  remember(datacenter: number, tenant: number, now: number): void {
    this.cachedUntil[datacenter * this.tenants + tenant] = now + this.cacheTtl;
  }

  serviceTime(): number {
    return this.service() * this.slowdown;
  }

  resetStatistics(): void {
    this.station.resetStatistics();
    this.lookups = 0;
    this.cacheHits = 0;
  }
}
