/**
 * The stretches of simulated time a reader needs to see behind any time-series chart: the
 * warm-up (excluded from every statistic) and each scenario fault, with a short label saying
 * what broke. Drawn by the time-window plugin.
 */
import type { ResolvedFault, ResolvedScenario } from "../../scenario/index.ts";
import { CAPACITY_COLOUR } from "./palette.ts";

export interface TimeWindow {
  /** [s of simulated time] */
  readonly start: number;
  readonly end: number;
  readonly label: string;
  /** `#rrggbb`; drawn translucent. */
  readonly colour: string;
}

const WARM_UP_COLOUR = "#808080";

const COMPONENT = { wfe: "WFE", backEnd: "back end", both: "WFE + back end" } as const;

/** What a fault did, in a few words. */
export function describeFault(scenario: ResolvedScenario, fault: ResolvedFault): string {
  const region = (i: number) => scenario.geography.regions[i]?.name ?? `region ${i}`;
  const identityRegions = (indices: readonly number[]) =>
    indices.map((i) => region(scenario.identityProvider.regionIndices[i])).join(", ");
  switch (fault.type) {
    case "datacenterOutage":
      return `${scenario.datacenters[fault.datacenterIndex]?.name ?? "?"} ${COMPONENT[fault.component]} outage`;
    case "identitySlowdown":
      return `identity provider ×${fault.factor} slower (${identityRegions(fault.identityRegions)})`;
    case "identityErrors":
      return `identity provider ${Math.round(fault.errorRate * 100)}% errors (${identityRegions(fault.identityRegions)})`;
    case "globalServiceSlowdown":
      return `global service ×${fault.factor} slower`;
    case "latencySpike":
      return `+${Math.round(fault.extra * 1000)} ms ${region(fault.between[0])}–${region(fault.between[1])}`;
    case "dnsTtlChange":
      return `DNS TTL ${fault.ttl} s`;
    case "signingKeyRemoved":
      return "signing key missing from metadata";
  }
}

/** Warm-up first (when there is one), then every fault of the given types (all when omitted). */
export function timeWindows(
  scenario: ResolvedScenario,
  faultTypes?: readonly ResolvedFault["type"][],
): TimeWindow[] {
  const windows: TimeWindow[] = [];
  const { warmUp } = scenario.simulation;
  if (warmUp > 0)
    windows.push({ start: 0, end: warmUp, label: "warm-up (not in statistics)", colour: WARM_UP_COLOUR });
  for (const fault of scenario.faults) {
    if (faultTypes && !faultTypes.includes(fault.type)) continue;
    windows.push({
      start: fault.start,
      end: fault.end,
      label: describeFault(scenario, fault),
      colour: CAPACITY_COLOUR,
    });
  }
  return windows;
}
