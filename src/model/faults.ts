/**
 * Scenario faults, played out at their times: each has a start event that changes the world and
 * an end event that changes it back. Overlapping faults compose (slowdowns multiply, error rates
 * and latency spikes add); a TTL change restores the TTL it replaced.
 *
 * Where it sits: outside the flow. Components only see the changed state: a down WFE refuses
 * connections and drops its work, the identity provider serves slower or fails, Traffic
 * Manager learns of outages only through its probes.
 */
import type { ResolvedFault } from "../scenario/index.ts";
import type { World } from "./world.ts";

export function scheduleFaults(world: World): void {
  const { sim, scenario } = world;
  const faults = scenario.faults;
  const previousTtl = new Float64Array(faults.length);
  const begin = sim.defineEvent("fault.start", (i) => apply(world, faults[i], true, previousTtl, i));
  const end = sim.defineEvent("fault.end", (i) => apply(world, faults[i], false, previousTtl, i));
  faults.forEach((f, i) => {
    if (f.start >= scenario.simulation.duration) return;
    sim.scheduleAt(f.start, begin, i);
    if (f.end < scenario.simulation.duration) sim.scheduleAt(f.end, end, i);
  });
}

function apply(world: World, f: ResolvedFault, isStart: boolean, previousTtl: Float64Array, i: number): void {
  const { datacenters, identity, globalService, network, trafficManager } = world;
  // Back-end calls run in local loops: play them up to now under the state before the change.
  datacenters.settleBackEnds();
  switch (f.type) {
    case "datacenterOutage":
      if (f.component !== "backEnd") datacenters.setWfeDown(f.datacenterIndex, isStart);
      if (f.component !== "wfe") datacenters.setBackEndDown(f.datacenterIndex, isStart);
      return;
    case "identitySlowdown":
      for (const r of f.identityRegions) identity.slowdown[r] *= isStart ? f.factor : 1 / f.factor;
      return;
    case "identityErrors": {
      const delta = isStart ? f.errorRate : -f.errorRate;
      for (const r of f.identityRegions) {
        if (f.endpoint !== "tokenEndpoint") identity.loginErrorRate[r] += delta;
        if (f.endpoint !== "loginPage") identity.tokenErrorRate[r] += delta;
      }
      return;
    }
    case "globalServiceSlowdown":
      globalService.slowdown *= isStart ? f.factor : 1 / f.factor;
      return;
    case "latencySpike":
      network.addSpike(f.between[0], f.between[1], isStart ? f.extra : -f.extra);
      return;
    case "dnsTtlChange":
      if (isStart) {
        previousTtl[i] = trafficManager.ttl;
        trafficManager.ttl = f.ttl;
      } else {
        trafficManager.ttl = previousTtl[i];
      }
      return;
  }
}
