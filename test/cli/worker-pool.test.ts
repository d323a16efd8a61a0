/**
 * The WorkerPool that run --workers, sweep and plan share: a replication's result does not depend
 * on which thread ran it or in which order (equal, fingerprint included, to the sequential run on
 * the main thread); stop and kill end work as documented; threads never exceed the pool size.
 */
import { describe, expect, it } from "vitest";
import { RunKilled, WorkerPool } from "../../src/cli/worker-pool.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { loadScenarioFile } from "../../src/scenario/index.ts";

function quickstart(overrides: string[] = []) {
  const loaded = loadScenarioFile("scenarios/quickstart.yaml", {
    overrides: ["simulation.duration=4m", "simulation.warmUp=1m", "simulation.replications=3", ...overrides],
  });
  if (!loaded.ok) throw new Error("quickstart.yaml does not load");
  return loaded.scenario;
}

describe("WorkerPool", () => {
  it("gives the sequential results, in replication order, whatever thread ran each", async () => {
    const scenario = quickstart();
    const sequential = runScenario(scenario, { fingerprint: true });
    const pool = new WorkerPool(2, { fingerprint: true });
    try {
      // Two copies at once: six jobs on two threads, taken in whatever order the threads free up.
      const [a, b] = await Promise.all([pool.runScenario(scenario), pool.runScenario(scenario)]);
      const strip = (rs: typeof sequential) => rs.map((r) => ({ ...r, performance: null }));
      expect(strip(a)).toEqual(strip(sequential));
      expect(strip(b)).toEqual(strip(sequential));
      expect(a.map((r) => r.fingerprint)).toEqual(sequential.map((r) => r.fingerprint));
      expect(pool.workDone()).toBe(6);
      expect(pool.eventsDone()).toBe(2 * sequential.reduce((n, r) => n + r.performance.events, 0));
    } finally {
      await pool.close();
    }
  });

  it("stop: replications not yet started give null, and runScenario keeps those before", async () => {
    const scenario = quickstart();
    const pool = new WorkerPool(1);
    try {
      pool.stop();
      expect(await pool.runScenario(scenario)).toEqual([]);
    } finally {
      await pool.close();
    }
  });

  it("kill: running and queued jobs reject with RunKilled", async () => {
    const scenario = quickstart(["simulation.duration=2h"]);
    const pool = new WorkerPool(1);
    const run = pool.runScenario(scenario);
    pool.kill();
    await expect(run).rejects.toBeInstanceOf(RunKilled);
    await expect(pool.runReplication(scenario, 0)).rejects.toBeInstanceOf(RunKilled);
  });

  it("refuses a size below one", () => {
    expect(() => new WorkerPool(0)).toThrow(RangeError);
  });
});
