/**
 * The charts of a run: each spec turns the first replication's result into a chart.js
 * configuration (or skips itself when its data is missing) and the renderer turns it into PNG
 * bytes, keyed by the file name the report links to.
 */
import { type RunResult, scenarioOfReplication } from "../../model/index.ts";
import type { ResolvedScenario } from "../../scenario/index.ts";
import { renderWorldMap } from "../map/world-map.ts";
import { activeSessions } from "./active-sessions.ts";
import type { ChartInput, ChartSpec } from "./chart-input.ts";
import { failover } from "./failover.ts";
import { failuresOverTime } from "./failures-over-time.ts";
import { instancesOverTime } from "./instances-over-time.ts";
import { loginLatencyCdf } from "./login-latency-cdf.ts";
import { loginLatencyOverTime } from "./login-latency-over-time.ts";
import { renderChart } from "./render-chart.ts";
import { renderRoutingMatrix } from "./routing-matrix-chart.ts";
import { backEndUtilisation, identityUtilisation } from "./station-utilisation.ts";
import { tokenIssuance } from "./token-issuance.ts";
import { wfeLoad } from "./wfe-load.ts";
import { wfeUtilisation } from "./wfe-utilisation.ts";

export type { ChartInput, ChartSpec, LineChartConfig } from "./chart-input.ts";
export { CHART_HEIGHT, CHART_WIDTH, chartFontFamily, renderChart } from "./render-chart.ts";

/** File name -> spec, in the order a report shows them. */
export const CHART_SPECS: ReadonlyArray<readonly [string, ChartSpec]> = [
  ["login-latency-over-time.png", (input) => loginLatencyOverTime(input, "login")],
  ["login-system-latency-over-time.png", (input) => loginLatencyOverTime(input, "loginSystem")],
  ["wfe-load.png", wfeLoad],
  ["wfe-utilisation.png", wfeUtilisation],
  ["instances-over-time.png", instancesOverTime],
  ["backend-utilisation.png", backEndUtilisation],
  ["idp-utilisation.png", identityUtilisation],
  ["token-issuance.png", tokenIssuance],
  ["login-latency-cdf.png", (input) => loginLatencyCdf(input, "userBase")],
  ["login-system-latency-cdf.png", (input) => loginLatencyCdf(input, "userBase", "loginSystem")],
  ["failover.png", failover],
  ["failures-over-time.png", failuresOverTime],
  ["active-sessions.png", activeSessions],
];

/** Pictures drawn on a canvas of their own rather than by chart.js: the map and the routing matrix. */
export const PICTURE_SPECS: ReadonlyArray<
  readonly [string, (input: ChartInput) => Promise<Uint8Array | null>]
> = [
  ["world-map.png", (input) => renderWorldMap(input, "measured")],
  ["world-map-outage.png", (input) => renderWorldMap(input, "outage")],
  ["routing-matrix.png", renderRoutingMatrix],
];

/**
 * Renders every chart whose data is present, from the first replication's series, then the
 * pictures. Charts render one after another: each holds a 1200×600 canvas, and the machine's
 * cores are shared.
 */
export async function renderCharts(
  scenario: ResolvedScenario,
  results: RunResult[],
): Promise<Map<string, Uint8Array>> {
  const charts = new Map<string, Uint8Array>();
  if (results.length === 0) return charts;
  // Fault times drawn per replication are shown as replication 1 drew them (its charts).
  const input: ChartInput = {
    scenario: scenarioOfReplication(scenario, results[0].replication),
    result: results[0],
    replication: 1,
    replications: results.length,
  };
  for (const [file, spec] of CHART_SPECS) {
    const config = spec(input);
    if (config) charts.set(file, await renderChart(config));
  }
  for (const [file, render] of PICTURE_SPECS) {
    const png = await render(input);
    if (png) charts.set(file, png);
  }
  return charts;
}

// The specs themselves, for reports that place a chart next to its table.
export { activeSessions } from "./active-sessions.ts";
export { failover } from "./failover.ts";
export { failuresOverTime } from "./failures-over-time.ts";
export { instancesOverTime } from "./instances-over-time.ts";
export { type CdfPoint, cdfFromSummary, type LatencyDistribution } from "./latency-cdf.ts";
export { type CdfGrouping, loginLatencyCdf } from "./login-latency-cdf.ts";
export { loginLatencyOverTime } from "./login-latency-over-time.ts";
export { backEndUtilisation, identityUtilisation } from "./station-utilisation.ts";
export { tokenIssuance } from "./token-issuance.ts";
export { wfeLoad } from "./wfe-load.ts";
export { wfeUtilisation } from "./wfe-utilisation.ts";
