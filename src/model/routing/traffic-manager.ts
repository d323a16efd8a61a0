/**
 * Azure Traffic Manager: DNS-level routing from its own, probe-fed view of endpoint health.
 *
 * Where it sits: a resolver that misses its cache asks Traffic Manager which datacenter's WFE
 * to answer with. Traffic Manager never sees the simulator's ground truth: its probes, from
 * several locations (endpoint-monitor.ts), decide which endpoints are Degraded. Routing methods
 * follow traffic-manager-routing-methods: performance (lowest table RTT from the resolver's
 * region, even split within a region), priority, weighted, geographic (no failover; unmapped =
 * no answer); the choice among endpoints is routing-profile.ts. When every endpoint is Degraded
 * it answers as if all were healthy ("fail open", traffic-manager-monitoring). A nested endpoint
 * stands for a child profile (one level, its endpoints datacenters): healthy while at least
 * MinChildEndpoints of them are, and when chosen the child routes by its own method, failing
 * open in turn (traffic-manager-nested-profiles).
 */
import type { RandomSource } from "../../engine/random/index.ts";
import type { Simulation } from "../../engine/simulation.ts";
import type { ResolvedEndpoint, ResolvedScenario, RoutingMethod } from "../../scenario/index.ts";
import { EndpointMonitor, type TrafficManagerHooks } from "./endpoint-monitor.ts";
import type { Network } from "./network.ts";
import { RoutingProfile } from "./routing-profile.ts";

export type { ProbedWfe, TrafficManagerHooks } from "./endpoint-monitor.ts";

/** Answer when Traffic Manager returns no record (geographic routing, unmapped location). */
export const NO_ANSWER = -1;

export class TrafficManager {
  readonly routing: RoutingMethod;
  /** Current DNS TTL [s]; a dnsTtlChange fault changes it. */
  ttl: number;
  /** The top profile over its enabled endpoints. */
  private readonly top: RoutingProfile;
  /** Per top endpoint: its probed datacenter (index into the monitor's list), or -1 when nested. */
  private readonly leafOf: Int32Array;
  /** Per top endpoint: its child (index into `children`), or -1. */
  private readonly childOf: Int32Array;
  private readonly minChild: Int32Array;
  /** Child profiles, each with its endpoints' probed datacenters. */
  private readonly children: { profile: RoutingProfile; leaves: Int32Array; usable: Uint8Array }[];
  /** Per probed datacenter (the monitor's list): its datacenter. */
  private readonly datacenterOf: Int32Array;
  /** Per probed datacenter: 1 while the probes count it Degraded (the monitor's array). */
  private readonly degraded: Uint8Array;
  private readonly usable: Uint8Array;
  private readonly geographicEndpoint: readonly number[];

  constructor(
    sim: Simulation,
    scenario: ResolvedScenario,
    network: Network,
    uniform: RandomSource,
    hooks: TrafficManagerHooks,
  ) {
    const tm = scenario.trafficManager;
    const enabled = tm.endpoints.filter((e) => e.enabled);
    this.routing = tm.routing;
    this.ttl = tm.ttl;
    const regions = scenario.geography.regions.length;
    const profileEndpoint = (e: ResolvedEndpoint) => ({
      weight: e.weight,
      priority: e.priority,
      regionIndex: e.locationRegionIndex,
    });
    // Probed datacenters: the top profile's first (in its order), then each child's.
    const probed: number[] = enabled.filter((e) => e.childProfileIndex < 0).map((e) => e.datacenterIndex);
    this.leafOf = Int32Array.from(enabled, (e) =>
      e.childProfileIndex < 0 ? probed.indexOf(e.datacenterIndex) : -1,
    );
    this.minChild = Int32Array.from(enabled, (e) => e.minChildEndpoints);
    this.children = [];
    this.childOf = Int32Array.from(enabled, (e) => {
      if (e.childProfileIndex < 0) return -1;
      const child = tm.profiles[e.childProfileIndex];
      const own = child.endpoints.filter((c) => c.enabled);
      const leaves = Int32Array.from(own, (c) => probed.push(c.datacenterIndex) - 1);
      const profile = new RoutingProfile(child.routing, own.map(profileEndpoint), regions, network, uniform);
      this.children.push({ profile, leaves, usable: new Uint8Array(own.length) });
      return this.children.length - 1;
    });
    this.datacenterOf = Int32Array.from(probed);
    this.top = new RoutingProfile(tm.routing, enabled.map(profileEndpoint), regions, network, uniform);
    this.usable = new Uint8Array(enabled.length);
    // Geographic mapping is by endpoint index in the scenario; translate to enabled endpoints.
    this.geographicEndpoint = tm.geographicEndpoint.map((e) =>
      e < 0 || !tm.endpoints[e].enabled ? NO_ANSWER : enabled.indexOf(tm.endpoints[e]),
    );
    // The monitor lives on through its probe events; routing reads only its Degraded flags.
    this.degraded = new EndpointMonitor(sim, scenario, this.datacenterOf, uniform, hooks).degraded;
  }

  /**
   * The datacenter a DNS query gets, or NO_ANSWER. `sourceRegion` is where Traffic Manager
   * thinks the client is (the resolver's region, or the user's with EDNS Client Subnet).
   */
  resolve(sourceRegion: number, userBase: number): number {
    const n = this.top.size;
    if (n === 0) return NO_ANSWER;
    // PERF: "usable" is a flag array reused across queries, not a closure per query.
    const usable = this.usable;
    let anyHealthy = false;
    for (let e = 0; e < n; e++) {
      usable[e] = this.isHealthy(e) ? 1 : 0;
      if (usable[e] === 1) anyHealthy = true;
    }
    // Fail open: with every endpoint Degraded, all count as healthy.
    if (!anyHealthy) usable.fill(1);
    const e =
      this.routing === "geographic" ? this.geographicEndpoint[userBase] : this.top.pick(sourceRegion, usable);
    return e < 0 ? NO_ANSWER : this.answer(e, sourceRegion);
  }

  /** A datacenter endpoint while its probes pass; a nested one while MinChildEndpoints of its child's do. */
  private isHealthy(e: number): boolean {
    const leaf = this.leafOf[e];
    if (leaf >= 0) return this.degraded[leaf] === 0;
    const { leaves } = this.children[this.childOf[e]];
    let healthy = 0;
    for (let i = 0; i < leaves.length; i++) if (this.degraded[leaves[i]] === 0) healthy++;
    return healthy >= this.minChild[e];
  }

  /** Top endpoint `e`'s answer: its datacenter, or its child profile's choice (failing open too). */
  private answer(e: number, sourceRegion: number): number {
    const leaf = this.leafOf[e];
    if (leaf >= 0) return this.datacenterOf[leaf];
    const { profile, leaves, usable } = this.children[this.childOf[e]];
    let anyHealthy = false;
    for (let i = 0; i < leaves.length; i++) {
      usable[i] = this.degraded[leaves[i]] === 0 ? 1 : 0;
      if (usable[i] === 1) anyHealthy = true;
    }
    if (!anyHealthy) usable.fill(1);
    const c = profile.pick(sourceRegion, usable);
    return c < 0 ? NO_ANSWER : this.datacenterOf[leaves[c]];
  }
}
