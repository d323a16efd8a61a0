/**
 * Searching several datacenters in one series of runs, where they are independent. Sizing one
 * datacenter's WFE (or back end) leaves every other at today's size; but when every objective
 * each search judges reads only its own datacenter's figures (`wfe.utilisation.peak`, which is
 * read per datacenter, `wfe.wait.mean`, `loginSystem.p95@weu`, `backEnd.*`), no search can see
 * the others' sizes: routing ties users to datacenters by latency, not load, and a cluster's
 * load is its users'. Then one run can probe every datacenter at once, each at its own
 * candidate size, and each search reads its own objectives from it. An unscoped login objective
 * (`loginSystem.p95 < 1s` covers every login) reads every datacenter, so its searches stay
 * apart, as do the searches of different failure cases and components.
 *
 * JointProbes is the meeting point: each search of a group asks for its next size and waits;
 * when every search still running has asked, one scenario with all their sizes is made and each
 * gets it with its own objectives. Which sizes meet in a run depends only on the searches'
 * readings, so the answers do not depend on threads or timing.
 */
import type { ResolvedScenario } from "../scenario/index.ts";
import { type CapacityUnit, isPerDatacenter, withCapacity } from "./capacity-targets.ts";

/** Every objective of the unit's probes is read for the unit's own datacenter. */
function readsOwnDatacenterOnly(base: ResolvedScenario, unit: CapacityUnit): boolean {
  if (!isPerDatacenter(unit.target.component)) return false;
  const { slos } = withCapacity(base, unit.target, 1, unit.failed);
  return slos.every((s) => s.scopeKind === "datacenter" && s.scopeIndex === unit.target.dc);
}

/**
 * The units in groups that share runs (positions into `units`, ascending, groups ordered by their
 * first unit): the units of one component and failure case whose objectives read their own
 * datacenter only; every other unit alone.
 */
export function searchGroups(base: ResolvedScenario, units: readonly CapacityUnit[]): number[][] {
  const groups: number[][] = [];
  const byKey = new Map<string, number[]>();
  units.forEach((unit, i) => {
    if (!readsOwnDatacenterOnly(base, unit)) {
      groups.push([i]);
      return;
    }
    const key = `${unit.target.component}|${unit.failed}`;
    const group = byKey.get(key);
    if (group) group.push(i);
    else {
      const fresh = [i];
      byKey.set(key, fresh);
      groups.push(fresh);
    }
  });
  return groups;
}

interface Ask {
  readonly unit: CapacityUnit;
  readonly instances: number;
  readonly resolve: (scenario: ResolvedScenario) => void;
}

/** The meeting point of one group's searches (see the file's comment). */
export class JointProbes {
  private readonly active: Set<CapacityUnit>;
  private readonly asks: Ask[] = [];
  /** Each datacenter's size in the last run it was probed in (it keeps it after its search ends). */
  private readonly sizes = new Map<number, number>();

  constructor(
    private readonly base: ResolvedScenario,
    units: readonly CapacityUnit[],
  ) {
    this.active = new Set(units);
  }

  /** The scenario that probes `unit` at `instances`, with the unit's own objectives. */
  scenarioFor(unit: CapacityUnit, instances: number): Promise<ResolvedScenario> {
    return new Promise((resolve) => {
      this.asks.push({ unit, instances, resolve });
      this.meet();
    });
  }

  /** `unit`'s search has ended: the others no longer wait for it. */
  leave(unit: CapacityUnit): void {
    this.active.delete(unit);
    this.meet();
  }

  private meet(): void {
    if (this.asks.length === 0 || this.asks.length < this.active.size) return;
    const asks = this.asks.splice(0).sort((a, b) => a.unit.target.dc - b.unit.target.dc);
    for (const a of asks) this.sizes.set(a.unit.target.dc, a.instances);
    const { component } = asks[0].unit.target;
    const failed = asks[0].unit.failed;
    let joint = this.base;
    for (const [dc, n] of [...this.sizes].sort(([a], [b]) => a - b))
      joint = withCapacity(joint, { component, dc }, n);
    joint = { ...withCapacity(joint, -1, 0, failed), slos: this.base.slos };
    for (const a of asks)
      a.resolve({ ...joint, slos: withCapacity(this.base, a.unit.target, a.instances, failed).slos });
  }
}
