/**
 * What `authsim plan` can size and how a probe scenario is made: the clusters (a datacenter's
 * WFE or back end, the identity provider's stations per region, the global service), the independent search
 * units of a plan (cluster × failure case), the objectives each cluster can move, and the
 * scenario with one cluster resized and one datacenter lost (withCapacity).
 */

import type { RunResult, StationReport } from "../model/index.ts";
import type { ResolvedScenario, ResolvedSlo } from "../scenario/index.ts";

/** What a plan can size. */
export const CAPACITY_COMPONENTS = [
  "wfe",
  "backEnd",
  "idp.loginPage",
  "idp.tokenEndpoint",
  "globalService",
] as const;
export type CapacityComponent = (typeof CAPACITY_COMPONENTS)[number];

/** One cluster to size: a datacenter's WFE or back end (`dc`), or a shared component (`dc` = -1). */
export interface CapacityTarget {
  readonly component: CapacityComponent;
  readonly dc: number;
}

/** One independent search: a cluster, with datacenter `failed` lost (-1: none). */
export interface CapacityUnit {
  readonly target: CapacityTarget;
  readonly failed: number;
}

export const wfe = (dc: number): CapacityTarget => ({ component: "wfe", dc });

/** Components sized per datacenter (the others are shared by every datacenter). */
export const isPerDatacenter = (c: CapacityComponent): boolean => c === "wfe" || c === "backEnd";

/**
 * The units of a plan, in a fixed order (shards pick by position): every requested component
 * with nothing lost, then, with `nPlusOne`, every other datacenter's WFE with each one lost.
 */
export function capacityUnits(
  datacenters: number,
  components: readonly CapacityComponent[],
  nPlusOne: boolean,
): CapacityUnit[] {
  const dcs = Array.from({ length: datacenters }, (_, i) => i);
  const units: CapacityUnit[] = [];
  for (const component of CAPACITY_COMPONENTS) {
    if (!components.includes(component)) continue;
    if (isPerDatacenter(component))
      for (const dc of dcs) units.push({ target: { component, dc }, failed: -1 });
    else units.push({ target: { component, dc: -1 }, failed: -1 });
  }
  if (nPlusOne && components.includes("wfe")) {
    for (const failed of dcs)
      for (const dc of dcs) if (dc !== failed) units.push({ target: wfe(dc), failed });
  }
  return units;
}

/**
 * Objectives a component's capacity can move: its own station's, and login latency (not the back
 * end's: API calls come after the sign-in); without a component, objectives some component's
 * capacity can move.
 */
export function isCapacityObjective(metric: string, component?: CapacityComponent): boolean {
  if (component === undefined) return CAPACITY_COMPONENTS.some((c) => isCapacityObjective(metric, c));
  if (component === "backEnd") return metric.startsWith("backEnd.");
  if (metric.startsWith("login.p") || metric.startsWith("loginSystem.")) return true;
  if (component === "wfe") return metric.startsWith("wfe.");
  return metric.startsWith(`${component}.`);
}

export function targetName(base: ResolvedScenario, target: CapacityTarget): string {
  switch (target.component) {
    case "wfe":
    case "backEnd":
      return base.datacenters[target.dc].name;
    case "idp.loginPage":
      return "identity login page (each region)";
    case "idp.tokenEndpoint":
      return "identity token endpoint (each region)";
    case "globalService":
      return "global service";
  }
}

export function station(base: ResolvedScenario, target: CapacityTarget) {
  switch (target.component) {
    case "wfe":
      return base.datacenters[target.dc].wfe;
    case "backEnd":
      return base.datacenters[target.dc].backEnd;
    case "idp.loginPage":
      return base.identityProvider.loginPage;
    case "idp.tokenEndpoint":
      return base.identityProvider.tokenEndpoint;
    case "globalService":
      return base.globalService;
  }
}

export function report(r: RunResult, target: CapacityTarget): StationReport {
  switch (target.component) {
    case "wfe":
      return r.datacenters[target.dc].wfe;
    case "backEnd":
      return r.datacenters[target.dc].backEnd;
    case "idp.loginPage":
      return r.identityProvider.loginPage;
    case "idp.tokenEndpoint":
      return r.identityProvider.tokenEndpoint;
    case "globalService":
      return r.globalService.station;
  }
}

/**
 * The target's own objectives, and login latency; an unscoped WFE or back-end objective reads
 * the target's. Sizing a datacenter's WFE or back end leaves out objectives scoped to another
 * datacenter (its figures, or the logins its WFE served): this cluster cannot move them.
 */
function objectivesFor(base: ResolvedScenario, target: CapacityTarget): ResolvedSlo[] {
  const perDc = isPerDatacenter(target.component);
  return base.slos
    .filter((s) => isCapacityObjective(s.metric, target.component))
    .filter((s) => !(perDc && s.scopeKind === "datacenter" && s.scopeIndex !== target.dc))
    .map((s) =>
      // "wfe.utilisation.peak < 70%" means every datacenter (and "backEnd.p95 < 1s" every
      // datacenter's calls); sizing one, it is that one's.
      perDc && s.metric.startsWith(`${target.component}.`) && s.scope === null
        ? {
            ...s,
            scope: base.datacenters[target.dc].name,
            scopeKind: "datacenter" as const,
            scopeIndex: target.dc,
          }
        : s,
    );
}

/**
 * The scenario with `target` at `instances` (a number is a datacenter's WFE; -1 sizes nothing;
 * a sized WFE loses its autoscaling rule, so the answer is a fixed instance count),
 * its objectives narrowed to what the target can move, and datacenter `failed` lost: down
 * throughout and out of Traffic Manager's rotation, i.e. the steady state after failover has
 * converged (the failover transient itself is what `run` on an outage scenario shows).
 */
export function withCapacity(
  base: ResolvedScenario,
  target: CapacityTarget | number,
  instances: number,
  failed = -1,
): ResolvedScenario {
  const t = typeof target === "number" ? (target < 0 ? null : wfe(target)) : target;
  const sized = <S extends { instances: number }>(s: S): S => ({ ...s, instances });
  // A plan sizes a fixed count: the sized cluster's autoscaling is off during its search.
  const datacenters = base.datacenters.map((d, i) => {
    if (t === null || i !== t.dc) return d;
    if (t.component === "wfe") return { ...d, wfe: { ...sized(d.wfe), autoscaling: null } };
    if (t.component === "backEnd") return { ...d, backEnd: { ...sized(d.backEnd), autoscaling: null } };
    return d;
  });
  const identityProvider =
    t?.component === "idp.loginPage"
      ? { ...base.identityProvider, loginPage: sized(base.identityProvider.loginPage) }
      : t?.component === "idp.tokenEndpoint"
        ? { ...base.identityProvider, tokenEndpoint: sized(base.identityProvider.tokenEndpoint) }
        : base.identityProvider;
  const globalService = t?.component === "globalService" ? sized(base.globalService) : base.globalService;
  const trafficManager =
    failed < 0
      ? base.trafficManager
      : {
          ...base.trafficManager,
          endpoints: base.trafficManager.endpoints.map((e) =>
            e.datacenterIndex === failed ? { ...e, enabled: false } : e,
          ),
          profiles: base.trafficManager.profiles.map((p) => ({
            ...p,
            endpoints: p.endpoints.map((e) => (e.datacenterIndex === failed ? { ...e, enabled: false } : e)),
          })),
        };
  const faults =
    failed < 0
      ? base.faults
      : [
          ...base.faults,
          {
            type: "datacenterOutage" as const,
            datacenterIndex: failed,
            component: "wfe" as const,
            failure: "blackHole" as const,
            start: 0,
            end: base.simulation.duration,
          },
        ];
  const slos = t === null ? base.slos : objectivesFor(base, t);
  return { ...base, datacenters, identityProvider, globalService, trafficManager, faults, slos };
}
