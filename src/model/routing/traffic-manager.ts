/**
 * Azure Traffic Manager: DNS-level routing from its own, probe-fed view of endpoint health.
 *
 * Where it sits: a resolver that misses its cache asks Traffic Manager which datacenter's WFE
 * to answer with. Traffic Manager never sees the simulator's ground truth: its probes, from
 * several locations (endpoint-monitor.ts), decide which endpoints are Degraded. Routing methods
 * follow traffic-manager-routing-methods: performance (lowest table RTT from the resolver's
 * region, even split within a region), priority, weighted, geographic (no failover; unmapped =
 * no answer). When every endpoint is Degraded it answers as if all were healthy ("fail open",
 * traffic-manager-monitoring).
 */
import type { RandomSource } from "../../engine/random/index.ts";
import type { Simulation } from "../../engine/simulation.ts";
import type { ResolvedScenario, RoutingMethod } from "../../scenario/index.ts";
import { EndpointMonitor, type TrafficManagerHooks } from "./endpoint-monitor.ts";
import type { Network } from "./network.ts";

export type { ProbedWfe, TrafficManagerHooks } from "./endpoint-monitor.ts";

/** Answer when Traffic Manager returns no record (geographic routing, unmapped location). */
export const NO_ANSWER = -1;

export class TrafficManager {
  readonly routing: RoutingMethod;
  /** Current DNS TTL [s]; a dnsTtlChange fault changes it. */
  ttl: number;
  /** Endpoint -> datacenter index. */
  private readonly datacenterOf: Int32Array;
  private readonly weight: Float64Array;
  /** Per endpoint: 1 while the probes count it Degraded (the monitor's array). */
  private readonly degraded: Uint8Array;
  private readonly usable: Uint8Array;
  /** Per source region: endpoints by ascending table RTT (performance routing). */
  private readonly byLatency: Int32Array[];
  private readonly byPriority: Int32Array;
  private readonly geographicEndpoint: readonly number[];
  private readonly uniform: RandomSource;
  private readonly datacenterRegion: Int32Array;
  private readonly network: Network;

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
    this.datacenterOf = Int32Array.from(enabled, (e) => e.datacenterIndex);
    this.weight = Float64Array.from(enabled, (e) => e.weight);
    this.usable = new Uint8Array(enabled.length);
    this.uniform = uniform;
    this.network = network;
    this.datacenterRegion = Int32Array.from(scenario.datacenters, (d) => d.regionIndex);
    const order = enabled.map((_, i) => i);
    this.byPriority = Int32Array.from(
      [...order].sort((a, b) => enabled[a].priority - enabled[b].priority || a - b),
    );
    this.byLatency = scenario.geography.regions.map((_, region) =>
      Int32Array.from(
        [...order].sort(
          (a, b) =>
            network.baseRtt(region, this.datacenterRegion[this.datacenterOf[a]]) -
              network.baseRtt(region, this.datacenterRegion[this.datacenterOf[b]]) || a - b,
        ),
      ),
    );
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
    const n = this.datacenterOf.length;
    if (n === 0) return NO_ANSWER;
    // Fail open: with every endpoint Degraded, all count as healthy.
    let anyHealthy = false;
    for (let e = 0; e < n; e++) if (this.degraded[e] === 0) anyHealthy = true;
    // PERF: "usable" is a flag array reused across queries, not a closure per query.
    const usable = this.usable;
    for (let e = 0; e < n; e++) usable[e] = !anyHealthy || this.degraded[e] === 0 ? 1 : 0;
    switch (this.routing) {
      case "priority":
        for (const e of this.byPriority) if (usable[e] === 1) return this.datacenterOf[e];
        return NO_ANSWER;
      case "weighted":
        return this.pickWeighted(usable);
      case "geographic": {
        const e = this.geographicEndpoint[userBase];
        return e === NO_ANSWER ? NO_ANSWER : this.datacenterOf[e];
      }
      default:
        return this.pickClosest(sourceRegion, usable);
    }
  }

  private pickClosest(sourceRegion: number, usable: Uint8Array): number {
    const order = this.byLatency[sourceRegion];
    let best = -1;
    let bestRtt = 0;
    let ties = 0;
    for (const e of order) {
      if (usable[e] === 0) continue;
      const rtt = this.network.baseRtt(sourceRegion, this.datacenterRegion[this.datacenterOf[e]]);
      if (best < 0) {
        best = e;
        bestRtt = rtt;
        ties = 1;
      } else if (rtt === bestRtt) {
        // Even split among endpoints in the closest region (reservoir choice).
        ties++;
        if (this.uniform() * ties < 1) best = e;
      } else {
        break;
      }
    }
    return best < 0 ? NO_ANSWER : this.datacenterOf[best];
  }

  private pickWeighted(usable: Uint8Array): number {
    let total = 0;
    for (let e = 0; e < this.weight.length; e++) if (usable[e] === 1) total += this.weight[e];
    if (total <= 0) return NO_ANSWER;
    let x = this.uniform() * total;
    for (let e = 0; e < this.weight.length; e++) {
      if (usable[e] === 0) continue;
      x -= this.weight[e];
      if (x < 0) return this.datacenterOf[e];
    }
    return NO_ANSWER;
  }
}
