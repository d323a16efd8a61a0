/**
 * The autoscaler on a hand-built cluster (docs/model.md §13; autoscaler.ts).
 *
 * Rule as documented and implemented: every `evaluationInterval` the mean utilisation (busy
 * servers ÷ servers) over the last `window` is compared with `scaleOutAbove` / `scaleInBelow`
 * (strictly); scaling out orders `step` instances that serve only after `provisioningDelay`;
 * scaling in removes them at once, without pre-empting work in progress; no action within
 * `cooldown` of the previous one; never beyond `maxInstances` (ordered ones included) nor below
 * `minInstances`. The first evaluation (t = interval) only records, so the earliest action is at
 * 2 × interval, judged on the span since the first evaluation.
 *
 * The cluster is a fake whose busy-server signal the test sets, so every utilisation below is a
 * hand computation; one test uses a real engine Station to see work survive a scale-in.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/engine/simulation.ts";
import { Station } from "../../../src/engine/station/index.ts";
import { TimeWeighted } from "../../../src/engine/stats/index.ts";
import { Autoscaler, type ScalableStation } from "../../../src/model/services/autoscaler.ts";
import type { ResolvedAutoscaling } from "../../../src/scenario/index.ts";

/** The defaults of docs/scenario-format.md, except a provisioning delay that never lands on an evaluation. */
const RULE: ResolvedAutoscaling = {
  minInstances: 1,
  maxInstances: 100,
  scaleOutAbove: 0.7,
  scaleInBelow: 0.3,
  step: 1,
  evaluationInterval: 60,
  window: 600,
  cooldown: 300,
  provisioningDelay: 90,
};

/** A cluster whose busy servers the test sets; it logs every (time, servers) it is given. */
class FakeCluster implements ScalableStation {
  readonly name = "wfe.test";
  readonly busy: TimeWeighted;
  readonly log: Array<[number, number]> = [];
  serverCount: number;
  private readonly loadKind: number;

  constructor(
    private readonly sim: Simulation,
    servers: number,
    busyServers: number,
  ) {
    this.serverCount = servers;
    this.busy = new TimeWeighted(0, busyServers);
    this.loadKind = sim.defineEvent("test.load", (busy) => this.busy.update(sim.now, busy));
  }

  setServers(servers: number): void {
    this.serverCount = servers;
    this.log.push([this.sim.now, servers]);
  }

  /** From `time` on, `busyServers` servers are busy. */
  loadFrom(time: number, busyServers: number): void {
    this.sim.scheduleAt(time, this.loadKind, busyServers);
  }
}

function given(
  instances: number,
  concurrency: number,
  busyServers: number,
  rule: Partial<ResolvedAutoscaling>,
) {
  const sim = new Simulation();
  const cluster = new FakeCluster(sim, instances * concurrency, busyServers);
  const scaler = new Autoscaler(sim, cluster, { ...RULE, ...rule }, concurrency);
  return { sim, cluster, scaler };
}

describe("autoscaler: scale out", () => {
  it("orders one step at the second evaluation, serves it after the provisioning delay, then waits out the cooldown", () => {
    // 4 instances × 2 = 8 servers, all busy from t = 0: utilisation 100% > 70%.
    const { sim, cluster, scaler } = given(4, 2, 8, { maxInstances: 6 });
    expect(scaler.instances).toBe(4);

    sim.run(119);
    expect(scaler.pending).toBe(0); // t = 60 only records the first point of the window
    sim.run(120);
    expect(scaler.pending).toBe(1);
    expect(scaler.instances).toBe(4); // ordered, not serving yet
    expect(cluster.log).toEqual([]);

    sim.run(2000);
    // t = 210: the instance is ready (120 + 90) -> 5 × 2 = 10 servers.
    // t = 180..360: still 8/10 = 80% busy, but within the 300 s cooldown of the action at 120.
    // t = 420: 420 − 120 = 300 is not within the cooldown; 80% > 70% -> order again, ready at 510.
    // t = 720 on: 6 instances = maxInstances, so nothing more can be ordered (and 8/12 = 67%
    //   is neither above 70% nor below 30% anyway).
    expect(cluster.log).toEqual([
      [210, 10],
      [510, 12],
    ]);
    expect(scaler.instances).toBe(6);
    expect(scaler.pending).toBe(0);
    expect(scaler.actions).toBe(2);
  });

  it("never orders beyond maxInstances: a step larger than the room left is cut to the room", () => {
    // 2 instances, 100% busy, step 5 but max 4: one order of 2 instances.
    const { sim, cluster, scaler } = given(2, 1, 2, { step: 5, maxInstances: 4 });
    sim.run(3600);
    expect(cluster.log).toEqual([[210, 4]]);
    expect(scaler.actions).toBe(1);
  });

  it("judges the mean over the last window, not the latest load", () => {
    // 10 servers, 5 busy (50%) until t = 600, then 10 busy (100%). Window 300 s, threshold 75%,
    // no cooldown. For t in [600, 900] the window mean is 50% + 50% × (t − 600) / 300:
    // 660 -> 60%, 720 -> 70%, 780 -> 80%, so the first order is at 780, three evaluations after
    // the load went to 100%. minInstances 10 keeps 50% from scaling in before that.
    const { sim, cluster, scaler } = given(10, 1, 5, {
      window: 300,
      scaleOutAbove: 0.75,
      cooldown: 0,
      minInstances: 10,
    });
    cluster.loadFrom(600, 10);
    sim.run(779);
    expect(scaler.actions).toBe(0);
    sim.run(780);
    expect(scaler.actions).toBe(1);
    expect(scaler.pending).toBe(1);
  });
});

describe("autoscaler: scale in", () => {
  it("removes a step at once when idle, once per cooldown, down to minInstances and no further", () => {
    // 5 instances × 2, nothing busy (0% < 30%), step 2, min 2.
    const { sim, cluster, scaler } = given(5, 2, 0, { step: 2, minInstances: 2 });
    sim.run(3600);
    // t = 120: 5 -> 3 instances (6 servers) at once; t = 420 (cooldown over): the step is cut
    // to the 1 instance above the minimum -> 2 instances (4 servers); then nothing.
    expect(cluster.log).toEqual([
      [120, 6],
      [420, 4],
    ]);
    expect(scaler.instances).toBe(2);
    expect(scaler.actions).toBe(2);
  });

  it("lets work in progress finish on a real station when servers are removed under it", () => {
    // 10 servers, two 1000 s jobs in service from t = 0: 20% < 30% -> at t = 120 scale in by
    // step 9 to the minimum of 1 instance, fewer servers than jobs in service.
    const sim = new Simulation();
    const done: Array<[number, number]> = [];
    const station = new Station(
      sim,
      { name: "backEnd.test", servers: 10 },
      {
        onDone: (job) => done.push([job, sim.now]),
      },
    );
    new Autoscaler(sim, station, { ...RULE, step: 9, maxInstances: 10 }, 1);
    station.submit(1, 1000);
    station.submit(2, 1000);
    sim.run(130);
    expect(station.serverCount).toBe(1);
    expect(station.busyServers).toBe(2);
    sim.run(1100);
    // Neither job was cut short or dropped.
    expect(done).toEqual([
      [1, 1000],
      [2, 1000],
    ]);
  });
});
