/**
 * Recursive resolvers per user base, caching Traffic Manager's answers: a population, each
 * client bound to one resolver for its whole session.
 *
 * Where it sits: step 2 of the flow. A browser whose own cache has no answer asks its resolver.
 * The resolver answers from its cache while the answer is younger than the time it keeps
 * answers; otherwise it asks Traffic Manager (the slow path). Resolvers behave as measured:
 * most honour the TTL; `extendShare` of them keep every answer TTL + their own drawn extension
 * (Bhowmick et al., PAM 2023: 8.74% of resolvers extend TTLs); `staleShare` of them hold every
 * answer for their own drawn long time whatever the TTL. The defaults are fitted so that, with a
 * 20 s TTL, 90% of requests move within 60 s and about 2% of users are still on the old answer
 * after 15 minutes (Flavel et al., LANMAN 2014). The class counts are exact (the nearest whole
 * resolver to each share); each resolver's extension or holding time is drawn once.
 *
 * Why per client and with random phases: a client stuck on a stale answer stays stuck for its
 * retries, as a real user behind that resolver does, and each resolver's cache starts part-way
 * through its life (fetched U(0, keep) before t = 0), so how long clients take to move after a
 * change does not depend on when in the run the change comes. With `simulation.warmStart: false`
 * the run starts empty, caches included: each resolver's first lookup asks Traffic Manager.
 */
import { makeSampler, type RandomSource, type Sampler } from "../../engine/random/index.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";
import { NO_ANSWER, type TrafficManager } from "./traffic-manager.ts";

/** How a resolver treats the TTL of the answers it caches. */
export const ResolverBehaviour = { HONOUR: 0, EXTEND: 1, HOLD: 2 } as const;

export class DnsResolvers {
  /** Latency of the last `lookup` [s]. */
  lastLatency = 0;
  /** Whether the last lookup went to Traffic Manager. */
  lastWentToTrafficManager = false;

  lookups = 0;
  resolverHits = 0;
  trafficManagerQueries = 0;
  noAnswers = 0;

  /** Per user base: its first resolver and how many it has. */
  private readonly first: Int32Array;
  private readonly count: Int32Array;
  /** Per resolver. */
  private readonly userBaseOf: Int32Array;
  readonly behaviour: Uint8Array;
  /** The drawn extension (EXTEND) or holding time (HOLD) [s]; 0 for HONOUR. */
  readonly amount: Float64Array;
  private readonly answer: Int32Array;
  private readonly fetchedAt: Float64Array;
  private readonly keepFor: Float64Array;
  private readonly sourceRegion: Int32Array;
  private readonly hitLatency: Sampler[];
  private readonly missLatency: Sampler[];
  private readonly trafficManager: TrafficManager;
  private readonly uniform: RandomSource;

  /**
   * `uniform` draws the population (each resolver's extension or holding time, its cache's
   * phase) at construction and each session's resolver afterwards.
   */
  constructor(
    scenario: ResolvedScenario,
    trafficManager: TrafficManager,
    uniform: RandomSource,
    makeLatency: (userBase: number, which: "hit" | "miss") => Sampler,
  ) {
    const ubs = scenario.userBases;
    this.first = new Int32Array(ubs.length);
    this.count = Int32Array.from(ubs, (u) => u.dns.resolvers);
    let total = 0;
    ubs.forEach((u, i) => {
      this.first[i] = total;
      total += u.dns.resolvers;
    });
    this.userBaseOf = new Int32Array(total);
    this.behaviour = new Uint8Array(total);
    this.amount = new Float64Array(total);
    this.answer = new Int32Array(total).fill(NO_ANSWER);
    this.fetchedAt = new Float64Array(total);
    this.keepFor = new Float64Array(total);
    this.sourceRegion = Int32Array.from(ubs, (u) =>
      u.dns.clientSubnet ? u.regionIndex : u.dns.resolverRegionIndex,
    );
    this.hitLatency = ubs.map((_, i) => makeLatency(i, "hit"));
    this.missLatency = ubs.map((_, i) => makeLatency(i, "miss"));
    this.trafficManager = trafficManager;
    this.uniform = uniform;
    ubs.forEach((u, i) => {
      this.populate(i, u.dns, scenario.simulation.warmStart);
    });
  }

  /** The resolver a new session of `userBase` is bound to (uniform over the user base's). */
  pickResolver(userBase: number): number {
    return this.first[userBase] + Math.floor(this.uniform() * this.count[userBase]);
  }

  /** Resolves the service name through `resolver` at `now`: a datacenter or NO_ANSWER. */
  lookup(resolver: number, now: number): number {
    this.lookups++;
    const ub = this.userBaseOf[resolver];
    if (now - this.fetchedAt[resolver] < this.keepFor[resolver]) {
      this.resolverHits++;
      this.lastWentToTrafficManager = false;
      this.lastLatency = this.hitLatency[ub]();
      return this.answer[resolver];
    }
    this.trafficManagerQueries++;
    this.lastWentToTrafficManager = true;
    this.lastLatency = this.missLatency[ub]();
    const dc = this.fetch(resolver, now);
    if (dc === NO_ANSWER) this.noAnswers++;
    return dc;
  }

  /** How long `resolver` keeps an answer that came with `ttl` [s]. */
  keepTime(resolver: number, ttl: number): number {
    switch (this.behaviour[resolver]) {
      case ResolverBehaviour.EXTEND:
        return ttl + this.amount[resolver];
      case ResolverBehaviour.HOLD:
        return Math.max(ttl, this.amount[resolver]);
      default:
        return ttl;
    }
  }

  resetStatistics(): void {
    this.lookups = 0;
    this.resolverHits = 0;
    this.trafficManagerQueries = 0;
    this.noAnswers = 0;
  }

  private fetch(resolver: number, now: number): number {
    const dc = this.trafficManager.resolve(
      this.sourceRegion[this.userBaseOf[resolver]],
      this.userBaseOf[resolver],
    );
    this.answer[resolver] = dc;
    this.fetchedAt[resolver] = now;
    this.keepFor[resolver] = this.keepTime(resolver, this.trafficManager.ttl);
    return dc;
  }

  /**
   * A user base's resolvers: the first round(staleShare × n) hold, the next round(extendShare × n)
   * extend, the rest honour (position is irrelevant: sessions pick uniformly). Warm, each cache
   * holds Traffic Manager's answer at t = 0, fetched a uniform part of its keeping time earlier;
   * cold, it holds nothing.
   */
  private populate(
    userBase: number,
    dns: ResolvedScenario["userBases"][number]["dns"],
    isWarm: boolean,
  ): void {
    const n = this.count[userBase];
    const holders = Math.min(n, Math.round(dns.staleShare * n));
    const extenders = Math.min(n - holders, Math.round(dns.extendShare * n));
    const holdFor = makeSampler(dns.staleFor, this.uniform);
    const extendBy = makeSampler(dns.extendBy, this.uniform);
    for (let i = 0; i < n; i++) {
      const r = this.first[userBase] + i;
      this.userBaseOf[r] = userBase;
      if (i < holders) {
        this.behaviour[r] = ResolverBehaviour.HOLD;
        this.amount[r] = holdFor();
      } else if (i < holders + extenders) {
        this.behaviour[r] = ResolverBehaviour.EXTEND;
        this.amount[r] = extendBy();
      }
      if (isWarm) {
        this.fetch(r, 0);
        this.fetchedAt[r] = -this.uniform() * this.keepFor[r];
      } else {
        this.fetchedAt[r] = Number.NEGATIVE_INFINITY;
      }
    }
  }
}
