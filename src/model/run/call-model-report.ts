/**
 * How a run's back-end calls and WFE pages were simulated, for run.json (calls/call-model.ts
 * decides; this reads its per-bin record once the run is over).
 */
import type { CallModel } from "../calls/call-model.ts";
import { PageRequests } from "../pages/page-requests.ts";
import type { BackEndCallModelReport } from "./run-result.ts";
import type { World } from "./world.ts";

/**
 * Per back end: the share of the measured period's calls carried at flow level (flow-level calls
 * counted per bin over the station's arrivals, which count both kinds) and the bins, merged,
 * in which any call was played one by one.
 */
export function callModelReport(world: World): BackEndCallModelReport {
  return modelReport(world, world.callModel, (i) => world.datacenters.backEnd[i].arrivals);
}

/** The same for the WFEs' page traffic (pages/page-requests.ts); empty without any. */
export function pageModelReport(world: World): BackEndCallModelReport | null {
  if (!PageRequests.isWanted(world)) return null;
  const { metrics } = world;
  const first = Math.floor(world.scenario.simulation.warmUp / metrics.binWidth);
  // Pages only: the WFE's arrivals count the sign-ins' visits too.
  const pages = (i: number) => metrics.wfePages[i].subarray(first).reduce((a, b) => a + b, 0);
  return modelReport(world, world.pageModel, pages);
}

/** `carried(i)`: what datacenter i's flow-level count is a share of (the measured period's). */
function modelReport(world: World, model: CallModel, carried: (i: number) => number): BackEndCallModelReport {
  const { scenario } = world;
  const { warmUp, timeBin, duration } = scenario.simulation;
  const firstMeasured = Math.floor(warmUp / timeBin);
  return {
    model: scenario.simulation.backEndCalls.model,
    datacenters: scenario.datacenters.map((d, i) => {
      const flow = model.flowCalls[i];
      let flowCalls = 0;
      for (let bin = firstMeasured; bin < flow.length; bin++) flowCalls += flow[bin];
      const exactWindows: [number, number][] = [];
      model.exactBins[i].forEach((isExact, bin) => {
        if (isExact === 0) return;
        const start = bin * timeBin;
        const end = Math.min(duration, start + timeBin);
        const last = exactWindows[exactWindows.length - 1];
        if (last !== undefined && last[1] === start) last[1] = end;
        else exactWindows.push([start, end]);
      });
      const all = carried(i);
      return { name: d.name, flowShare: all > 0 ? Math.min(1, flowCalls / all) : 0, exactWindows };
    }),
  };
}
