/**
 * The identity provider (Entra ID): a login-page station and a token-endpoint station in each
 * identity region, throttling, and the faults that slow it down or make it fail.
 *
 * Where it sits: steps 4-5 and 7 of the flow. Browsers use the identity region nearest to
 * their user base (login page, refresh-token renewals); WFEs redeem codes at the identity
 * region nearest to their datacenter. Throttling is a fixed one-second window per region and
 * endpoint: beyond `rate` requests in a second, the answer is HTTP 429 with Retry-After (no
 * public limit exists: domain.md §3).
 *
 * Scale units: real Entra incidents hit a partition of tenants (14 Dec 2020: one European scale
 * unit, authentication success 95.85%), not random requests. Each tenant belongs to one unit
 * (tenants[].scaleUnit) and every request of its users meets its unit's fault state, so a retry
 * of an affected tenant fails again. The stations are shared by the units of a region: a unit
 * partitions faults, not capacity.
 */
import type { Sampler } from "../../engine/random/index.ts";
import type { Simulation } from "../../engine/simulation.ts";
import { Station } from "../../engine/station/index.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";
import type { Network } from "../routing/network.ts";

export class IdentityProvider {
  readonly loginPage: Station[];
  readonly tokenEndpoint: Station[];
  /** Per (identity region, scale unit), region × units + unit: service-time multiplier and error rates. */
  readonly slowdown: Float64Array;
  readonly loginErrorRate: Float64Array;
  readonly tokenErrorRate: Float64Array;
  /** Scale unit of each tenant, and the number of units. */
  private readonly tenantUnit: Int32Array;
  private readonly units: number;
  /** Identity region serving each user base's browsers, and each datacenter's WFE. */
  readonly regionForUserBase: Int32Array;
  readonly regionForDatacenter: Int32Array;
  /** Geography region index of each identity region. */
  readonly geoRegion: Int32Array;
  readonly retryAfter: number;
  throttled = 0;
  errors = 0;

  private readonly throttleRate: number;
  private readonly windowStart: Float64Array;
  private readonly windowCount: Int32Array;
  private readonly loginService: Sampler;
  private readonly tokenService: Sampler;

  constructor(
    sim: Simulation,
    scenario: ResolvedScenario,
    network: Network,
    samplers: { loginService: Sampler; tokenService: Sampler },
  ) {
    const idp = scenario.identityProvider;
    const n = idp.regionIndices.length;
    this.geoRegion = Int32Array.from(idp.regionIndices);
    const stationConfig = (s: typeof idp.loginPage, name: string) => ({
      name,
      servers: s.instances * s.concurrency,
      queueLimit: s.queueLimit,
      timeout: s.timeout,
      timeoutScope: "response" as const,
    });
    const regionName = (i: number) => scenario.geography.regions[idp.regionIndices[i]].name;
    this.loginPage = Array.from(
      { length: n },
      (_, i) => new Station(sim, stationConfig(idp.loginPage, `idp.${regionName(i)}.loginPage`)),
    );
    this.tokenEndpoint = Array.from(
      { length: n },
      (_, i) => new Station(sim, stationConfig(idp.tokenEndpoint, `idp.${regionName(i)}.token`)),
    );
    this.units = idp.scaleUnits.length;
    this.tenantUnit = Int32Array.from(scenario.tenants, (t) => t.scaleUnitIndex);
    this.slowdown = new Float64Array(n * this.units).fill(1);
    this.loginErrorRate = new Float64Array(n * this.units);
    this.tokenErrorRate = new Float64Array(n * this.units);
    const nearest = (geo: number) => {
      let best = 0;
      for (let i = 1; i < n; i++)
        if (network.baseRtt(geo, this.geoRegion[i]) < network.baseRtt(geo, this.geoRegion[best])) best = i;
      return best;
    };
    this.regionForUserBase = Int32Array.from(scenario.userBases, (u) => nearest(u.regionIndex));
    this.regionForDatacenter = Int32Array.from(scenario.datacenters, (d) => nearest(d.regionIndex));
    this.throttleRate = idp.throttling.rate ?? Number.POSITIVE_INFINITY;
    this.retryAfter = idp.throttling.retryAfter;
    this.windowStart = new Float64Array(n * 2).fill(Number.NEGATIVE_INFINITY);
    this.windowCount = new Int32Array(n * 2);
    this.loginService = samplers.loginService;
    this.tokenService = samplers.tokenService;
  }

  /** The fault-state cell of `tenant`'s requests in `region`. */
  cell(region: number, tenant: number): number {
    return region * this.units + this.tenantUnit[tenant];
  }

  loginServiceTime(region: number, tenant: number): number {
    return this.loginService() * this.slowdown[this.cell(region, tenant)];
  }

  tokenServiceTime(region: number, tenant: number): number {
    return this.tokenService() * this.slowdown[this.cell(region, tenant)];
  }

  /** Chance that the login page answers `tenant`'s request in `region` with an error. */
  loginErrorRateFor(region: number, tenant: number): number {
    return this.loginErrorRate[this.cell(region, tenant)];
  }

  tokenErrorRateFor(region: number, tenant: number): number {
    return this.tokenErrorRate[this.cell(region, tenant)];
  }

  /** Counts a request against the region's throttle; true when it must be answered with 429. */
  isThrottled(region: number, isTokenEndpoint: boolean, now: number): boolean {
    if (this.throttleRate === Number.POSITIVE_INFINITY) return false;
    const k = region * 2 + (isTokenEndpoint ? 1 : 0);
    if (now - this.windowStart[k] >= 1) {
      this.windowStart[k] = Math.floor(now);
      this.windowCount[k] = 0;
    }
    if (++this.windowCount[k] > this.throttleRate) {
      this.throttled++;
      return true;
    }
    return false;
  }

  resetStatistics(): void {
    for (const s of this.loginPage) s.resetStatistics();
    for (const s of this.tokenEndpoint) s.resetStatistics();
    this.throttled = 0;
    this.errors = 0;
  }
}
