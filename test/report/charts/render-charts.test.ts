// renderCharts: every chart whose data is there, as PNG bytes keyed by file name; a missing
// column skips its chart instead of failing the report.
import { describe, expect, it } from "vitest";
import { renderCharts } from "../../../src/report/charts/index.ts";
import { fixtureResult, withoutColumns } from "./fixture.ts";
import { baselineScenario, outageScenario } from "./fixture-scenario.ts";
import { isPng, pngSize } from "./png.ts";

describe("renderCharts", () => {
  it("renders every chart and picture the fixture's data allows for a scenario with an outage", async () => {
    const scenario = outageScenario();
    const results = [
      fixtureResult(scenario, { replication: 1 }),
      fixtureResult(scenario, { replication: 2 }),
    ];
    const charts = await renderCharts(scenario, results);
    expect([...charts.keys()]).toEqual([
      "login-latency-over-time.png",
      "login-system-latency-over-time.png",
      "wfe-load.png",
      "wfe-utilisation.png",
      "token-issuance.png",
      "login-latency-cdf.png",
      "login-system-latency-cdf.png",
      "failover.png",
      "active-sessions.png",
      // Drawn on their own canvas, as tall as their content needs.
      "world-map.png",
      "world-map-outage.png",
      "routing-matrix.png",
    ]);
    for (const [file, png] of charts) {
      expect(isPng(png)).toBe(true);
      if (file.startsWith("world-map") || file === "routing-matrix.png")
        expect(pngSize(png).width).toBe(1200);
      else expect(pngSize(png)).toMatchObject({ width: 1200, height: 600 });
    }
    // Before and during the outage: two panels, taller than the one-panel map.
    expect(pngSize(charts.get("world-map-outage.png")!).height).toBeGreaterThan(
      pngSize(charts.get("world-map.png")!).height,
    );
  });

  it("skips charts whose columns are missing, and the failover chart without an outage", async () => {
    const scenario = baselineScenario();
    // No `t`: nothing over time can be drawn; the CDF comes from the summaries, the map and the
    // routing matrix from the routing windows; no outage, so no before-and-during map.
    const result = withoutColumns(fixtureResult(scenario), (c) => c === "t");
    const charts = await renderCharts(scenario, [result]);
    expect([...charts.keys()]).toEqual([
      "login-latency-cdf.png",
      "login-system-latency-cdf.png",
      "world-map.png",
      "routing-matrix.png",
    ]);
  });

  it("returns no charts for no results", async () => {
    expect((await renderCharts(baselineScenario(), [])).size).toBe(0);
  });
});
