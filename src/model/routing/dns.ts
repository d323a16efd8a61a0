/**
 * Recursive resolvers per user base, caching Traffic Manager's answers.
 *
 * Where it sits: step 2 of the flow. A browser whose own cache has no answer asks one of its
 * user base's resolvers (picked at random). A resolver answers from its cache while the answer
 * is younger than the TTL it came with; otherwise it asks Traffic Manager (the slow path). A
 * share of clients (`staleShare`) sit behind a resolver that keeps answers for `staleFor`
 * whatever the TTL: measured in the wild, 2% of users were still on an old answer 15 minutes
 * after a change with a 20 s TTL (Flavel et al., LANMAN 2014). That resolver is modelled as one
 * extra cache per user base, so the stale tail exists even with few resolvers.
 */
import type { RandomSource, Sampler } from "../../engine/random/index.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";
import { NO_ANSWER, type TrafficManager } from "./traffic-manager.ts";

export class DnsResolvers {
  /** Latency of the last `lookup` [s]. */
  lastLatency = 0;
  /** Whether the last lookup went to Traffic Manager. */
  lastWentToTrafficManager = false;

  lookups = 0;
  resolverHits = 0;
  trafficManagerQueries = 0;
  noAnswers = 0;

  private readonly first: Int32Array;
  private readonly count: Int32Array;
  private readonly answer: Int32Array;
  private readonly fetchedAt: Float64Array;
  private readonly keepFor: Float64Array;
  private readonly staleShare: Float64Array;
  private readonly staleFor: Float64Array;
  private readonly sourceRegion: Int32Array;
  private readonly hitLatency: Sampler[];
  private readonly missLatency: Sampler[];
  private readonly trafficManager: TrafficManager;
  private readonly uniform: RandomSource;

  constructor(
    scenario: ResolvedScenario,
    trafficManager: TrafficManager,
    uniform: RandomSource,
    makeLatency: (userBase: number, which: "hit" | "miss") => Sampler,
  ) {
    const ubs = scenario.userBases;
    this.first = new Int32Array(ubs.length);
    this.count = new Int32Array(ubs.length);
    let total = 0;
    ubs.forEach((u, i) => {
      this.first[i] = total;
      this.count[i] = u.dns.resolvers; // plus one stale-keeping resolver at first + count
      total += u.dns.resolvers + 1;
    });
    this.answer = new Int32Array(total).fill(NO_ANSWER);
    this.fetchedAt = new Float64Array(total).fill(Number.NEGATIVE_INFINITY);
    this.keepFor = new Float64Array(total);
    this.staleShare = Float64Array.from(ubs, (u) => u.dns.staleShare);
    this.staleFor = Float64Array.from(ubs, (u) => u.dns.staleFor);
    this.sourceRegion = Int32Array.from(ubs, (u) =>
      u.dns.clientSubnet ? u.regionIndex : u.dns.resolverRegionIndex,
    );
    this.hitLatency = ubs.map((_, i) => makeLatency(i, "hit"));
    this.missLatency = ubs.map((_, i) => makeLatency(i, "miss"));
    this.trafficManager = trafficManager;
    this.uniform = uniform;
  }

  /** Resolves the service name for a client of `userBase` at `now`: a datacenter or NO_ANSWER. */
  lookup(userBase: number, now: number): number {
    this.lookups++;
    const isStale = this.uniform() < this.staleShare[userBase];
    const r = isStale
      ? this.first[userBase] + this.count[userBase]
      : this.first[userBase] + Math.floor(this.uniform() * this.count[userBase]);
    if (now - this.fetchedAt[r] < this.keepFor[r]) {
      this.resolverHits++;
      this.lastWentToTrafficManager = false;
      this.lastLatency = this.hitLatency[userBase]();
      return this.answer[r];
    }
    this.trafficManagerQueries++;
    this.lastWentToTrafficManager = true;
    this.lastLatency = this.missLatency[userBase]();
    const dc = this.trafficManager.resolve(this.sourceRegion[userBase], userBase);
    const ttl = this.trafficManager.ttl;
    this.answer[r] = dc;
    this.fetchedAt[r] = now;
    this.keepFor[r] = isStale ? Math.max(ttl, this.staleFor[userBase]) : ttl;
    if (dc === NO_ANSWER) this.noAnswers++;
    return dc;
  }

  resetStatistics(): void {
    this.lookups = 0;
    this.resolverHits = 0;
    this.trafficManagerQueries = 0;
    this.noAnswers = 0;
  }
}
