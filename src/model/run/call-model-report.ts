/**
 * How a run's back-end calls were simulated, for run.json (calls/call-model.ts decides; this
 * reads its per-bin record once the run is over).
 */
import type { BackEndCallModelReport } from "./run-result.ts";
import type { World } from "./world.ts";

/**
 * Per back end: the share of the measured period's calls carried at flow level (flow-level calls
 * counted per bin over the station's arrivals, which count both kinds) and the bins, merged,
 * in which any call was played one by one.
 */
export function callModelReport(world: World): BackEndCallModelReport {
  const { scenario, callModel, datacenters } = world;
  const { warmUp, timeBin, duration } = scenario.simulation;
  const firstMeasured = Math.floor(warmUp / timeBin);
  return {
    model: scenario.simulation.backEndCalls.model,
    datacenters: scenario.datacenters.map((d, i) => {
      const flow = callModel.flowCalls[i];
      let flowCalls = 0;
      for (let bin = firstMeasured; bin < flow.length; bin++) flowCalls += flow[bin];
      const exactWindows: [number, number][] = [];
      callModel.exactBins[i].forEach((isExact, bin) => {
        if (isExact === 0) return;
        const start = bin * timeBin;
        const end = Math.min(duration, start + timeBin);
        const last = exactWindows[exactWindows.length - 1];
        if (last !== undefined && last[1] === start) last[1] = end;
        else exactWindows.push([start, end]);
      });
      const arrivals = datacenters.backEnd[i].arrivals;
      return { name: d.name, flowShare: arrivals > 0 ? Math.min(1, flowCalls / arrivals) : 0, exactWindows };
    }),
  };
}
