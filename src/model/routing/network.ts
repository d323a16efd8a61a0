/**
 * Network round trips between the places of the sign-in flow.
 *
 * Where it sits: every hop of the flow (browser -> WFE, WFE -> identity provider, ...) costs a
 * number of round trips on one of these paths. Region-to-region RTTs come from the resolved
 * geography (Microsoft's medians, or the distance estimate); a user's path adds the user base's
 * last mile with Gaussian jitter (never below zero). A latency-spike fault adds RTT to one
 * region pair while it lasts.
 */
import type { Sampler } from "../../engine/random/index.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";

/** TCP (1 RTT) + TLS 1.2 full handshake (2 RTT): domain.md §4. */
export const HANDSHAKE_ROUND_TRIPS = 3;

export class Network {
  private readonly regions: number;
  private readonly rtt: Float64Array;
  private readonly extra: Float64Array;
  private readonly lastMileRtt: Float64Array;
  private readonly lastMileJitter: Float64Array;
  private readonly userRegion: Int32Array;
  private readonly standardNormal: Sampler;
  /** Bumped whenever an RTT changes (a spike starts or ends), for callers that cache RTTs. */
  readonly version = new Int32Array(1);

  constructor(scenario: ResolvedScenario, standardNormal: Sampler) {
    const n = scenario.geography.regions.length;
    this.regions = n;
    this.rtt = new Float64Array(n * n);
    this.extra = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) this.rtt[i * n + j] = scenario.geography.rtt[i][j];
    const ubs = scenario.userBases;
    this.lastMileRtt = Float64Array.from(ubs, (u) => u.lastMile.rtt);
    this.lastMileJitter = Float64Array.from(ubs, (u) => u.lastMile.jitter);
    this.userRegion = Int32Array.from(ubs, (u) => u.regionIndex);
    this.standardNormal = standardNormal;
  }

  /** RTT between two regions now [s], spikes included. */
  regionRtt(from: number, to: number): number {
    const k = from * this.regions + to;
    return this.rtt[k] + this.extra[k];
  }

  /** The RTT without faults, for routing decisions that use Microsoft's latency table. */
  baseRtt(from: number, to: number): number {
    return this.rtt[from * this.regions + to];
  }

  /** One user round trip without jitter: last mile + backbone [s]. */
  userBaseRtt(userBase: number, region: number): number {
    return this.lastMileRtt[userBase] + this.regionRtt(this.userRegion[userBase], region);
  }

  /** The last mile's jitter (standard deviation) of a user base [s]. */
  jitterOf(userBase: number): number {
    return this.lastMileJitter[userBase];
  }

  /** One round trip from a user of `userBase` to `region` [s]: last mile + backbone + jitter. */
  userRtt(userBase: number, region: number): number {
    return this.userRttWith(userBase, region, this.standardNormal);
  }

  /** `userRtt` with the jitter drawn from `standardNormal` (a component's own stream). */
  userRttWith(userBase: number, region: number, standardNormal: Sampler): number {
    const jitter = this.lastMileJitter[userBase];
    const noise = jitter > 0 ? jitter * standardNormal() : 0;
    return Math.max(0, this.userBaseRtt(userBase, region) + noise);
  }

  /** Sets the extra RTT [s] every region pair carries (row-major regions x regions). */
  setSpikes(extra: Float64Array): void {
    let changed = false;
    for (let k = 0; k < extra.length; k++) {
      if (this.extra[k] !== extra[k]) {
        this.extra[k] = extra[k];
        changed = true;
      }
    }
    if (changed) this.version[0]++;
  }

  /** The number of regions (the side of the RTT matrix). */
  get regionCount(): number {
    return this.regions;
  }
}
