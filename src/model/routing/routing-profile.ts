/**
 * One Traffic Manager profile's choice among its endpoints (traffic-manager-routing-methods):
 * performance (lowest table RTT from the querying region to the endpoint's location, an even split
 * among endpoints in the closest region), priority (the lowest number that is usable) or weighted
 * (at random in proportion to weight). Which endpoints are usable is the caller's (probe health,
 * a nested endpoint's MinChildEndpoints, fail-open): traffic-manager.ts.
 */
import type { RandomSource } from "../../engine/random/index.ts";
import type { RoutingMethod } from "../../scenario/index.ts";
import type { Network } from "./network.ts";

/** An endpoint of a profile as routing sees it. */
export interface ProfileEndpoint {
  readonly weight: number;
  readonly priority: number;
  /** Region performance routing measures it from. */
  readonly regionIndex: number;
}

export class RoutingProfile {
  readonly size: number;
  private readonly weight: Float64Array;
  private readonly region: Int32Array;
  /** Per source region: endpoints by ascending table RTT (performance routing). */
  private readonly byLatency: Int32Array[];
  private readonly byPriority: Int32Array;

  constructor(
    readonly routing: RoutingMethod,
    endpoints: readonly ProfileEndpoint[],
    regions: number,
    private readonly network: Network,
    private readonly uniform: RandomSource,
  ) {
    this.size = endpoints.length;
    this.weight = Float64Array.from(endpoints, (e) => e.weight);
    this.region = Int32Array.from(endpoints, (e) => e.regionIndex);
    const order = endpoints.map((_, i) => i);
    this.byPriority = Int32Array.from(
      [...order].sort((a, b) => endpoints[a].priority - endpoints[b].priority || a - b),
    );
    this.byLatency = Array.from({ length: regions }, (_, region) =>
      Int32Array.from(
        [...order].sort(
          (a, b) =>
            network.baseRtt(region, this.region[a]) - network.baseRtt(region, this.region[b]) || a - b,
        ),
      ),
    );
  }

  /** The endpoint (index) a query from `sourceRegion` gets among the `usable` ones, or -1. */
  pick(sourceRegion: number, usable: Uint8Array): number {
    switch (this.routing) {
      case "priority":
        for (const e of this.byPriority) if (usable[e] === 1) return e;
        return -1;
      case "weighted":
        return this.pickWeighted(usable);
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
      const rtt = this.network.baseRtt(sourceRegion, this.region[e]);
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
    return best;
  }

  private pickWeighted(usable: Uint8Array): number {
    let total = 0;
    for (let e = 0; e < this.size; e++) if (usable[e] === 1) total += this.weight[e];
    if (total <= 0) return -1;
    let x = this.uniform() * total;
    for (let e = 0; e < this.size; e++) {
      if (usable[e] === 0) continue;
      x -= this.weight[e];
      if (x < 0) return e;
    }
    return -1;
  }
}
