/**
 * An autoscaling rule on one cluster, evaluated like a cloud autoscaler: every
 * `evaluationInterval`, the mean utilisation over the last `window` is compared with the
 * thresholds; scaling out adds `step` instances after `provisioningDelay` (they serve only once
 * started), scaling in removes them at once (work in progress finishes); no action within
 * `cooldown` of the previous one.
 */
import type { Simulation } from "../../engine/simulation.ts";
import type { TimeWeighted } from "../../engine/stats/index.ts";
import type { ResolvedAutoscaling } from "../../scenario/index.ts";

/** What an autoscaler needs of a cluster (any engine station). */
export interface ScalableStation {
  readonly name: string;
  readonly serverCount: number;
  readonly busy: TimeWeighted;
  setServers(servers: number): void;
}

export class Autoscaler {
  /** Instances now serving, and instances ordered but still starting. */
  instances: number;
  pending = 0;
  actions = 0;
  private readonly sim: Simulation;
  private readonly station: ScalableStation;
  private readonly rule: ResolvedAutoscaling;
  private readonly concurrency: number;
  private readonly evaluateKind: number;
  private readonly readyKind: number;
  /** Busy-server integral at past evaluations, newest last (ring of window / interval + 1). */
  private readonly history: Float64Array;
  private readonly historyTimes: Float64Array;
  private historyCount = 0;
  private lastAction = Number.NEGATIVE_INFINITY;

  constructor(sim: Simulation, station: ScalableStation, rule: ResolvedAutoscaling, concurrency: number) {
    this.sim = sim;
    this.station = station;
    this.rule = rule;
    this.concurrency = concurrency;
    this.instances = station.serverCount / concurrency;
    const slots = Math.max(2, Math.ceil(rule.window / rule.evaluationInterval) + 1);
    this.history = new Float64Array(slots);
    this.historyTimes = new Float64Array(slots);
    this.evaluateKind = sim.defineEvent(`${station.name}.autoscale`, () => this.evaluate(), {
      observes: true,
    });
    this.readyKind = sim.defineEvent(`${station.name}.instanceReady`, (count) => this.ready(count), {
      observes: true,
    });
    sim.schedule(rule.evaluationInterval, this.evaluateKind, 0);
  }

  private evaluate(): void {
    const now = this.sim.now;
    this.sim.schedule(this.rule.evaluationInterval, this.evaluateKind, 0);
    const busyIntegral = this.station.busy.totalIntegral(now);
    const slots = this.history.length;
    const oldest = this.historyCount >= slots ? this.historyCount - slots + 1 : 0;
    const i = this.historyCount % slots;
    this.history[i] = busyIntegral;
    this.historyTimes[i] = now;
    this.historyCount++;
    if (this.historyCount < 2 || now - this.lastAction < this.rule.cooldown) return;
    const j = oldest % slots;
    const span = now - this.historyTimes[j];
    if (span <= 0) return;
    const utilisation = (busyIntegral - this.history[j]) / span / this.station.serverCount;
    if (utilisation > this.rule.scaleOutAbove && this.instances + this.pending < this.rule.maxInstances) {
      const add = Math.min(this.rule.step, this.rule.maxInstances - this.instances - this.pending);
      this.pending += add;
      this.lastAction = now;
      this.actions++;
      this.sim.schedule(this.rule.provisioningDelay, this.readyKind, add);
    } else if (utilisation < this.rule.scaleInBelow && this.instances > this.rule.minInstances) {
      this.instances -= Math.min(this.rule.step, this.instances - this.rule.minInstances);
      this.lastAction = now;
      this.actions++;
      this.station.setServers(this.instances * this.concurrency);
    }
  }

  private ready(count: number): void {
    this.pending -= count;
    this.instances += count;
    this.station.setServers(this.instances * this.concurrency);
  }
}
