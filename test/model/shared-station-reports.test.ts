/**
 * The identity provider's stations (one per identity region) and the global service report
 * per-bin peaks like the WFEs do: the peak is the busiest region's busiest bin, never below the
 * mean. (They once reported 0: the merge passed array indices where the series belonged.)
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { loadScenarioFile } from "../../src/scenario/index.ts";

describe("identity provider and global service station reports", () => {
  it("give per-bin peaks at least the mean, from the busiest region", () => {
    const loaded = loadScenarioFile("scenarios/quickstart.yaml", {
      overrides: [
        "simulation.duration=8m",
        "simulation.warmUp=1m",
        "identityProvider.loginPage.instances=1",
        "identityProvider.loginPage.concurrency=1",
        "identityProvider.loginPage.serviceTime={ exponential: { mean: 400ms } }",
        "globalService.cacheTtl=0s",
      ],
    });
    if (!loaded.ok) throw new Error("quickstart.yaml does not load with the overrides");
    const [r] = runScenario(loaded.scenario);
    const page = r.identityProvider.loginPage;
    expect(page.utilisationMean).toBeGreaterThan(0.05);
    expect(page.utilisationPeak).toBeGreaterThanOrEqual(page.utilisationMean);
    expect(page.utilisationPeak).toBeLessThanOrEqual(1);
    expect(page.queuePeak).toBeGreaterThanOrEqual(page.queueMean);
    const gs = r.globalService.station;
    expect(gs.arrivals).toBeGreaterThan(0);
    expect(gs.utilisationPeak).toBeGreaterThan(0);
    expect(gs.utilisationPeak).toBeGreaterThanOrEqual(gs.utilisationMean);
  });
});
