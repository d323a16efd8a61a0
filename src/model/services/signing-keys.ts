/**
 * The identity provider's signing keys as the resources see them (issue 15 item 5). Every
 * instance of a datacenter's WFE (validating id tokens at the callback) and of its back end
 * (validating access tokens) holds its own cached copy of the published metadata, as each process
 * holds its own ConfigurationManager, refetched
 *
 * - automatically every `signingKeyCacheTtl` (Microsoft.IdentityModel's ConfigurationManager:
 *   AutomaticRefreshInterval, 12 h; OWIN: 24 h), each instance at a phase of its own, and
 * - when a token names a key the copy lacks (SecurityTokenSignatureKeyNotFoundException), if the
 *   app asks (ASP.NET Core's RefreshOnIssuerKeyNotFound, true by default; OWIN cannot), at most
 *   once per `signingKeyRefreshInterval` (ConfigurationManager.RequestRefresh, RefreshInterval
 *   5 min). The request that found the key missing still fails: the refetch helps the next ones.
 *
 * The WFE runs the same app code as the back end, so it takes the back end's cache settings.
 *
 * A `signingKeyRemoved` fault takes a key out of the published metadata while it lasts; the key
 * still signs its tenants' tokens (15 March 2021: Entra ID kept signing with a key its automation
 * had removed from the metadata). A copy fetched meanwhile lacks the key, and the instance
 * rejects every token the key signs (a 401 at the back end, the callback failing at the WFE)
 * until its copy is refetched after the key is back: within the refresh interval where the app
 * refreshes on an unknown key, else at its next automatic refresh, up to a whole TTL after the
 * rollback, unless operators force every cache to refetch (`invalidateCachesAfter`). Requests
 * reach a cluster's instances evenly (its load balancer), so a request is rejected with the
 * share of the cluster's instances whose copy lacks a key of its tenant's.
 *
 * Instances are the configured `instances` of each cluster (an autoscaled cluster's extra ones
 * share those caches). Without such a fault nothing here runs: no event is scheduled, no stream
 * drawn, and the back ends' fetch work follows their own lazy cycle (services/datacenters.ts).
 */
import type { RandomSource } from "../../engine/random/index.ts";
import type { Simulation } from "../../engine/simulation.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";
import type { Datacenters } from "./datacenters.ts";

/** Which cluster of a datacenter a set of caches belongs to: set = dc × 2 + component. */
export const KeyCacheComponent = { BACK_END: 0, WFE: 1 } as const;

export class SigningKeys {
  /** Whether the scenario removes a key at all. */
  readonly isActive: boolean;
  /** Distinct non-zero sets of removed keys (bits) that sign tenants' tokens: key classes. */
  readonly classCount: number;
  /** Per tenant: its key class, -1 when no removed key signs its tokens. */
  readonly classOfTenant: Int32Array;
  /**
   * Told when a back end's first instance starts to lack a key (in an observing handler: the back
   * end turns exact, calls/valid-calls.ts). A back end's copies start to lack a key nowhere else:
   * a refetch on an unknown key only happens while one lacks a key already.
   */
  onBackEndLacksKey: ((dc: number) => void) | null = null;
  /** Copies refetched, automatically, on an unknown key or by an invalidation. */
  refetches = 0;
  /** Per datacenter: calls its back end rejected in the measured period (results.ts). */
  readonly backEndRejections: Float64Array;
  /** Per datacenter: uniform draws deciding whether a back-end call is rejected (calls/keyed-callers.ts). */
  readonly callDraws: readonly RandomSource[];
  private readonly classMask: Int32Array;
  private metadataMissing = 0;
  private readonly sim: Simulation;
  private readonly datacenters: Datacenters;
  private readonly choice: RandomSource | null;
  /** Per set (dc × 2 + component): its first cache and its number of caches (instances). */
  private readonly firstCache: Int32Array;
  private readonly cacheCount: Int32Array;
  /** Per set and class: instances whose copy lacks a key of the class; per set: lacking any. */
  private readonly lacking: Int32Array;
  private readonly lackingAny: Int32Array;
  /** Per cache. */
  private readonly setOf: Int32Array;
  private readonly missing: Int32Array;
  private readonly lastRequestRefresh: Float64Array;
  private readonly nextAutomaticRefresh: Float64Array;
  /** Per datacenter (both its clusters run its app's code). */
  private readonly ttl: Float64Array;
  private readonly refreshOnUnknownKey: Uint8Array;
  private readonly refreshInterval: Float64Array;
  private readonly refreshKind: number;

  /** `stream(name)`: the run's named random streams (phases and instance choices draw from them). */
  constructor(
    sim: Simulation,
    scenario: ResolvedScenario,
    datacenters: Datacenters,
    stream: (name: string) => RandomSource,
  ) {
    this.sim = sim;
    this.datacenters = datacenters;
    const dcs = scenario.datacenters;
    const keyFaults = scenario.faults.filter((f) => f.type === "signingKeyRemoved");
    this.isActive = keyFaults.length > 0;
    const tenantKeys = new Int32Array(scenario.tenants.length);
    keyFaults.forEach((f, j) => {
      for (const t of f.tenantIndices) if (t >= 0) tenantKeys[t] |= 1 << j;
    });
    const masks = [...new Set(tenantKeys)].filter((m) => m !== 0);
    this.classMask = Int32Array.from(masks);
    this.classCount = masks.length;
    this.classOfTenant = Int32Array.from(tenantKeys, (m) => masks.indexOf(m));
    this.backEndRejections = new Float64Array(dcs.length);
    this.ttl = Float64Array.from(dcs, (d) => d.backEnd.signingKeyCacheTtl);
    this.refreshOnUnknownKey = Uint8Array.from(dcs, (d) => (d.backEnd.signingKeyRefreshOnUnknownKey ? 1 : 0));
    this.refreshInterval = Float64Array.from(dcs, (d) => d.backEnd.signingKeyRefreshInterval);
    const counts = this.isActive
      ? dcs.flatMap((d) => [d.backEnd.instances, d.wfe.instances])
      : dcs.flatMap(() => [0, 0]);
    this.cacheCount = Int32Array.from(counts);
    this.firstCache = new Int32Array(counts.length);
    let sum = 0;
    counts.forEach((n, set) => {
      this.firstCache[set] = sum;
      sum += n;
    });
    this.setOf = new Int32Array(sum);
    counts.forEach((n, set) => {
      this.setOf.fill(set, this.firstCache[set], this.firstCache[set] + n);
    });
    this.missing = new Int32Array(sum);
    this.lacking = new Int32Array(counts.length * this.classCount);
    this.lackingAny = new Int32Array(counts.length);
    this.lastRequestRefresh = new Float64Array(sum).fill(Number.NEGATIVE_INFINITY);
    // Each copy was fetched a uniform time before the run: refetches are not tied to t = 0.
    this.nextAutomaticRefresh = new Float64Array(sum);
    this.choice = this.isActive ? stream("signingKeys.instance") : null;
    this.callDraws = this.isActive ? dcs.map((d) => stream(`backEnd.${d.name}.keyRejection`)) : [];
    if (this.isActive) {
      const phase = stream("signingKeys.cachePhase");
      for (let c = 0; c < sum; c++) this.nextAutomaticRefresh[c] = phase() * this.ttl[this.setOf[c] >> 1];
    }
    this.refreshKind = this.isActive
      ? sim.defineEvent("keys.automaticRefresh", (c) => this.onAutomaticRefresh(c), { observes: true })
      : -1;
  }

  /** Schedules every copy's first automatic refresh. */
  start(): void {
    if (!this.isActive) return;
    this.datacenters.driveKeyFetches();
    for (let c = 0; c < this.missing.length; c++)
      this.sim.scheduleAt(this.nextAutomaticRefresh[c], this.refreshKind, c);
  }

  /** The published metadata now lacks the keys of `mask` (bit j: the j-th key fault); from a fault. */
  setMetadataMissing(mask: number): void {
    this.metadataMissing = mask;
  }

  /** Whether some instance of `dc`'s back end lacks a removed key (it runs exact meanwhile). */
  backEndLacksKey(dc: number): boolean {
    return this.isActive && this.lackingAny[dc * 2] > 0;
  }

  /** Share of `dc`'s back-end instances whose copy lacks a key of class `q`. */
  backEndLackingShare(dc: number, q: number): number {
    const set = dc * 2;
    return this.lacking[set * this.classCount + q] / this.cacheCount[set];
  }

  /**
   * A call to `dc`'s back end with a token of class `q` was rejected at `t` (its instance is one
   * of those lacking the class's key): that instance asks for a refetch.
   */
  backEndRejected(dc: number, q: number, t: number, isMeasuring: boolean): void {
    if (isMeasuring) this.backEndRejections[dc]++;
    this.unknownKey(this.pickLacking(dc * 2, q), t);
  }

  /**
   * Whether `dc`'s WFE rejects the id token of a session of `tenant` at `t`: the instance its
   * callback reached lacks a key that signs the tenant's tokens; that instance asks for a refetch.
   */
  wfeRejects(dc: number, tenant: number, t: number): boolean {
    const q = this.classOfTenant[tenant];
    if (q < 0) return false;
    const set = dc * 2 + KeyCacheComponent.WFE;
    const lacking = this.lacking[set * this.classCount + q];
    if (lacking === 0 || (this.choice as RandomSource)() * this.cacheCount[set] >= lacking) return false;
    this.unknownKey(this.pickLacking(set, q), t);
    return true;
  }

  /** Operators invalidate every cached copy (a pushed update, as on 16 March 2021 at 09:25). */
  invalidateAll(now: number): void {
    for (let c = 0; c < this.missing.length; c++) this.refetch(c, now);
  }

  /** A token named a key copy `c` lacks at `t`: ConfigurationManager.RequestRefresh. */
  private unknownKey(c: number, t: number): void {
    const dc = this.setOf[c] >> 1;
    if (this.refreshOnUnknownKey[dc] === 0 || t < this.lastRequestRefresh[c] + this.refreshInterval[dc])
      return;
    this.lastRequestRefresh[c] = t;
    this.refetch(c, t);
  }

  /** One of set `set`'s copies lacking a key of class `q`, uniformly. */
  private pickLacking(set: number, q: number): number {
    const mask = this.classMask[q];
    let j = Math.floor((this.choice as RandomSource)() * this.lacking[set * this.classCount + q]);
    const first = this.firstCache[set];
    for (let c = first; c < first + this.cacheCount[set]; c++) {
      if ((this.missing[c] & mask) !== 0 && j-- === 0) return c;
    }
    return first;
  }

  private onAutomaticRefresh(c: number): void {
    const now = this.sim.now;
    // A refetch on an unknown key restarted the automatic interval (its event is still this one).
    if (now >= this.nextAutomaticRefresh[c]) this.refetch(c, now);
    this.sim.scheduleAt(this.nextAutomaticRefresh[c], this.refreshKind, c);
  }

  /** Copy `c` is fetched again at `t`: it has what the metadata has now. */
  private refetch(c: number, t: number): void {
    this.refetches++;
    const set = this.setOf[c];
    const dc = set >> 1;
    this.nextAutomaticRefresh[c] = t + this.ttl[dc];
    // A back-end instance's fetch is work: the next call pays it.
    if ((set & 1) === KeyCacheComponent.BACK_END) this.datacenters.expireKeyCache(dc, t);
    const before = this.missing[c];
    const after = this.metadataMissing;
    if (before === after) return;
    this.missing[c] = after;
    for (let q = 0; q < this.classCount; q++) {
      const m = this.classMask[q];
      this.lacking[set * this.classCount + q] += ((after & m) !== 0 ? 1 : 0) - ((before & m) !== 0 ? 1 : 0);
    }
    this.lackingAny[set] += (after !== 0 ? 1 : 0) - (before !== 0 ? 1 : 0);
    if (before === 0 && (set & 1) === KeyCacheComponent.BACK_END && this.lackingAny[set] === 1)
      this.onBackEndLacksKey?.(dc);
  }
}
