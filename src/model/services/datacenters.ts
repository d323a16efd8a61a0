/**
 * Datacenters: each has a WFE cluster and a back-end cluster (stations), the back end's cache
 * of the identity provider's signing keys, and an optional autoscaling rule per cluster.
 *
 * Where it sits: the WFE serves steps 3 and 5 of the flow (the first GET answered with a
 * redirect, the callback with the code); the back end serves step 6 (API calls with the bearer
 * token, each paying a signature check, plus a key fetch when the cached keys have expired).
 */
import { distributionMean, type Sampler } from "../../engine/random/index.ts";
import type { Simulation } from "../../engine/simulation.ts";
import { LocalStation, Station } from "../../engine/station/index.ts";
import type { ResolvedAutoscaling, ResolvedScenario, ResolvedStation } from "../../scenario/index.ts";
import { Autoscaler, type ScalableStation } from "./autoscaler.ts";

export interface DatacenterSamplers {
  readonly redirect: Sampler;
  readonly callback: Sampler;
  /** One request of the page traffic (pages/page-requests.ts). */
  readonly page: Sampler;
  readonly backEndCall: Sampler;
  readonly tokenValidation: Sampler;
  readonly keyFetch: Sampler;
}

export class Datacenters {
  readonly wfe: Station[];
  /** Back-end clusters, advanced by the calls' local loop (calls/valid-calls.ts). */
  readonly backEnd: LocalStation[];
  readonly regionIndex: Int32Array;
  readonly names: string[];
  /** Ground truth outage flags (the WFE's station also knows; these include the back end). */
  readonly isWfeDown: Uint8Array;
  /**
   * While a WFE is down, how its address fails: 1 = fast (a live load balancer answers 503 at
   * once), 0 = black hole (nothing answers; clients wait out their connect timeout).
   */
  readonly wfeFailsFast: Uint8Array;
  readonly isBackEndDown: Uint8Array;
  readonly autoscalers: Autoscaler[] = [];
  /**
   * Local events the back ends may still play before the run stops (+Infinity unless a
   * --max-events guard is set; run-scenario.ts sets it per slice so the total is exact).
   * -1 once a back end ran out with work left: the run is partial.
   */
  readonly localBudget = Float64Array.of(Number.POSITIVE_INFINITY);
  /** Calls the back ends carried at flow level that were drawn (each a local event's worth). */
  readonly flowSamples = new Float64Array(1);
  /** Per back end: mean server time of an API call without a key fetch (call + signature check) [s]. */
  readonly meanBackEndCallTime: Float64Array;
  /**
   * Told just before a back end goes down, while its state is still the one before (the calls
   * carried at flow level are in flight then: calls/valid-calls.ts drops them).
   */
  beforeBackEndDown: ((dc: number) => void) | null = null;
  /** Told just before a WFE goes down (its pages carried at flow level are in flight then). */
  beforeWfeDown: ((dc: number) => void) | null = null;
  /** Per WFE: mean server time of a page request [s] (pages/page-requests.ts's flow level). */
  readonly meanPageTime: Float64Array;
  private readonly keysUntil: Float64Array;
  private readonly keyTtl: Float64Array;
  /** The cache is refetched by services/signing-keys.ts's events, not by the calls' own cycle. */
  private keyFetchesDriven = false;
  private readonly samplers: DatacenterSamplers[];

  /** `keyPhase[dc]`: uniform draws in [0, 1) for where in its refresh cycle each key cache starts. */
  constructor(
    sim: Simulation,
    scenario: ResolvedScenario,
    samplers: DatacenterSamplers[],
    keyPhase: readonly (() => number)[],
  ) {
    const dcs = scenario.datacenters;
    const config = (s: ResolvedStation, name: string) => ({
      name,
      servers: s.instances * s.concurrency,
      queueLimit: s.queueLimit,
      timeout: s.timeout,
      timeoutScope: "response" as const,
    });
    this.wfe = dcs.map((d) => new Station(sim, config(d.wfe, `wfe.${d.name}`)));
    this.backEnd = dcs.map(
      (d) => new LocalStation(sim, config(d.backEnd, `backEnd.${d.name}`), this.localBudget),
    );
    this.regionIndex = Int32Array.from(dcs, (d) => d.regionIndex);
    this.names = dcs.map((d) => d.name);
    this.isWfeDown = new Uint8Array(dcs.length);
    this.wfeFailsFast = new Uint8Array(dcs.length);
    this.isBackEndDown = new Uint8Array(dcs.length);
    this.keyTtl = Float64Array.from(dcs, (d) => d.backEnd.signingKeyCacheTtl);
    // The cache was fetched a uniform time before the run: its refetches are not tied to t = 0.
    this.keysUntil = Float64Array.from(dcs, (_, i) => keyPhase[i]() * this.keyTtl[i]);
    this.samplers = samplers;
    this.meanPageTime = Float64Array.from(dcs, (d) => distributionMean(d.wfe.serviceTime.page));
    this.meanBackEndCallTime = Float64Array.from(
      dcs,
      (d) => distributionMean(d.backEnd.serviceTime) + distributionMean(d.backEnd.tokenValidation),
    );
    const scale = (station: ScalableStation, rule: ResolvedAutoscaling | null, concurrency: number) => {
      if (rule) this.autoscalers.push(new Autoscaler(sim, station, rule, concurrency));
    };
    dcs.forEach((d, i) => {
      scale(this.wfe[i], d.wfe.autoscaling, d.wfe.concurrency);
      scale(this.backEnd[i], d.backEnd.autoscaling, d.backEnd.concurrency);
    });
  }

  redirectTime(dc: number): number {
    return this.samplers[dc].redirect();
  }

  callbackTime(dc: number): number {
    return this.samplers[dc].callback();
  }

  pageTime(dc: number): number {
    return this.samplers[dc].page();
  }

  /** One API call's server time at `now`: the call, the signature check, a key fetch if due. */
  backEndCallTime(dc: number, now: number): number {
    return this.backEndCallWork(dc) + this.keyFetchTime(dc, now);
  }

  /** One API call's own work and signature check [s] (no key fetch). */
  backEndCallWork(dc: number): number {
    const s = this.samplers[dc];
    return s.backEndCall() + s.tokenValidation();
  }

  /** The signing-key fetch a call at `now` pays (the first after the cached keys expired), else 0. */
  keyFetchTime(dc: number, now: number): number {
    if (now < this.keysUntil[dc]) return 0;
    this.keysUntil[dc] = this.keyFetchesDriven ? Number.POSITIVE_INFINITY : now + this.keyTtl[dc];
    return this.samplers[dc].keyFetch();
  }

  /**
   * From now on the cache expires only when services/signing-keys.ts refetches it (its refresh
   * times, a refetch on an unknown key), so the fetch work and the cache's content agree.
   */
  driveKeyFetches(): void {
    this.keyFetchesDriven = true;
  }

  /** `dc`'s cache was refetched at `t`: the first call after `t` pays the fetch. */
  expireKeyCache(dc: number, t: number): void {
    this.keysUntil[dc] = t;
  }

  /** Takes a WFE cluster down (failing fast or as a black hole) or brings it back. */
  setWfeDown(dc: number, isDown: boolean, failsFast = false): void {
    if (isDown && this.isWfeDown[dc] === 0) this.beforeWfeDown?.(dc);
    this.isWfeDown[dc] = isDown ? 1 : 0;
    this.wfeFailsFast[dc] = isDown && failsFast ? 1 : 0;
    this.wfe[dc].setDown(isDown);
  }

  setBackEndDown(dc: number, isDown: boolean): void {
    if (isDown && this.isBackEndDown[dc] === 0) this.beforeBackEndDown?.(dc);
    this.isBackEndDown[dc] = isDown ? 1 : 0;
    this.backEnd[dc].setDown(isDown);
  }

  /** Events the back ends played in their local loops (calls, completions, timeouts, flow samples). */
  localEvents(): number {
    let n = this.flowSamples[0];
    for (const b of this.backEnd) n += b.localEvents;
    return n;
  }

  resetStatistics(): void {
    for (const s of this.wfe) s.resetStatistics();
    for (const s of this.backEnd) s.resetStatistics();
  }
}
