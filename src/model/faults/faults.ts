/**
 * Scenario faults, played out at their times: each has a start event and an end event. Both
 * mark the fault active or not and then set the world to what the active faults make
 * (fault-state.ts), so overlapping faults compose and undo exactly whatever their order.
 *
 * Where it sits: outside the flow. Components only see the changed state: a down WFE drops its
 * work and either black-holes connections or answers 503 at once (the outage's `failure`), the
 * identity provider serves slower or fails, Traffic Manager learns of outages only through its
 * probes, a removed signing key is missing from the metadata that caches refetch.
 */

import type { World } from "../run/world.ts";
import { composeFaults, type FaultState, type FaultWorldSize } from "./fault-state.ts";

export function scheduleFaults(world: World): void {
  const { sim, scenario } = world;
  const faults = scenario.faults;
  const isActive = new Uint8Array(faults.length);
  const startedAt = new Float64Array(faults.length);
  const size: FaultWorldSize = {
    datacenters: world.datacenters.isWfeDown.length,
    identityRegions: world.identity.loginPage.length,
    scaleUnits: world.scenario.identityProvider.scaleUnits.length,
    regions: world.network.regionCount,
    baseTtl: world.trafficManager.ttl,
  };
  const change = (i: number, isStart: boolean) => {
    isActive[i] = isStart ? 1 : 0;
    if (isStart) startedAt[i] = sim.now;
    // An observing kind: the back ends' local loops were played up to now before this handler,
    // so the calls before the change ran under the state before it.
    applyFaultState(world, composeFaults(faults, isActive, startedAt, size));
  };
  const begin = sim.defineEvent("fault.start", (i) => change(i, true), { observes: true });
  const end = sim.defineEvent("fault.end", (i) => change(i, false), { observes: true });
  faults.forEach((f, i) => {
    if (f.start >= scenario.simulation.duration) return;
    sim.scheduleAt(f.start, begin, i);
    if (f.end < scenario.simulation.duration) sim.scheduleAt(f.end, end, i);
  });
  scheduleKeyCacheInvalidations(world);
  world.signingKeys.start();
}

/** Operators forcing every signing-key cache to refetch, `invalidateCachesAfter` a key fault began. */
function scheduleKeyCacheInvalidations(world: World): void {
  const { sim, scenario, signingKeys } = world;
  const at = scenario.faults.flatMap((f) =>
    f.type === "signingKeyRemoved" && f.invalidateCachesAfter !== null
      ? [f.start + f.invalidateCachesAfter]
      : [],
  );
  if (at.length === 0) return;
  const invalidate = sim.defineEvent("fault.invalidateKeyCaches", () => signingKeys.invalidateAll(sim.now), {
    observes: true,
  });
  for (const t of at) if (t < scenario.simulation.duration) sim.scheduleAt(t, invalidate, 0);
}

/** Sets the world to `s`, touching only what differs (a WFE already down is not downed twice). */
function applyFaultState(world: World, s: FaultState): void {
  const { datacenters, identity, globalService, network, trafficManager } = world;
  for (let dc = 0; dc < s.isWfeDown.length; dc++) {
    if (
      datacenters.isWfeDown[dc] !== s.isWfeDown[dc] ||
      datacenters.wfeFailsFast[dc] !== s.wfeFailsFast[dc]
    ) {
      datacenters.setWfeDown(dc, s.isWfeDown[dc] === 1, s.wfeFailsFast[dc] === 1);
    }
    if (datacenters.isBackEndDown[dc] !== s.isBackEndDown[dc]) {
      datacenters.setBackEndDown(dc, s.isBackEndDown[dc] === 1);
    }
  }
  identity.slowdown.set(s.identitySlowdown);
  identity.loginErrorRate.set(s.loginErrorRate);
  identity.tokenErrorRate.set(s.tokenErrorRate);
  globalService.slowdown = s.globalServiceSlowdown;
  network.setSpikes(s.spike);
  trafficManager.ttl = s.ttl;
  world.signingKeys.setMetadataMissing(s.signingKeysMissing);
}
