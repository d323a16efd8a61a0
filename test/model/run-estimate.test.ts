/** The pre-run estimate against what runs really do (a guard, so "within a factor of two"). */
import { describe, expect, it } from "vitest";
import { estimateRun } from "../../src/model/run/run-estimate.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { loadScenarioFile } from "../../src/scenario/index.ts";

describe("estimateRun", () => {
  for (const [file, overrides] of [
    ["quickstart.yaml", []],
    ["dc-outage-failover.yaml", ["simulation.duration=20m", "simulation.warmUp=5m"]],
  ] as const) {
    it(`${file}: sessions within 5%, events within a factor of 2.5`, () => {
      const loaded = loadScenarioFile(`scenarios/${file}`, { overrides: [...overrides] });
      if (!loaded.ok) throw new Error(`${file} does not load`);
      const estimate = estimateRun(loaded.scenario);
      const [r] = runScenario(loaded.scenario);
      expect(estimate.sessions / r.sessions.started).toBeGreaterThan(0.95);
      expect(estimate.sessions / r.sessions.started).toBeLessThan(1.05);
      expect(estimate.events / r.performance.events).toBeGreaterThan(1 / 2.5);
      expect(estimate.events / r.performance.events).toBeLessThan(2.5);
      expect(estimate.memoryBytes).toBeGreaterThan(100 * 2 ** 20);
    });
  }
});
