/** Every bundled scenario still produces its recorded fingerprints (see fingerprint-cases.ts). */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { workerRunner } from "../../src/cli/scenario-runner.ts";
import { RandomStreams } from "../../src/engine/random/index.ts";
import { runReplication, runScenario } from "../../src/model/run/run-scenario.ts";
import {
  FINGERPRINTS_FILE,
  type Fingerprint,
  fingerprintOf,
  scenarioFiles,
  shortened,
} from "./fingerprint-cases.ts";

const recorded: Record<string, Fingerprint> = existsSync(FINGERPRINTS_FILE)
  ? JSON.parse(readFileSync(FINGERPRINTS_FILE, "utf8"))
  : {};

const HOW =
  "If the change in behaviour is intended, run `npm run fingerprints:update` and say why in the commit message.";

describe("regression fingerprints", () => {
  it("has a recorded fingerprint for every scenario in scenarios/", () => {
    expect(Object.keys(recorded).sort(), HOW).toEqual(scenarioFiles());
  });

  for (const file of scenarioFiles()) {
    it(`${file}: same event trajectory and headline metrics`, () => {
      const now = fingerprintOf(file);
      expect(now.events).toBeGreaterThan(1000); // the shortened run still exercises the model
      expect(now, `${file}: ${HOW}`).toEqual(recorded[file]);
    });
  }

  it("is a function of the run: the same scenario twice gives the same trajectory fingerprint", () => {
    expect(fingerprintOf("quickstart.yaml").trajectory).toBe(fingerprintOf("quickstart.yaml").trajectory);
  });

  it("is the same on a worker thread (what run and sweep --workers use) as on the main thread", async () => {
    const [r] = await workerRunner(shortened("quickstart.yaml"), { fingerprint: true }).results;
    expect(r.fingerprint).toBe(recorded["quickstart.yaml"]?.trajectory);
  });

  it("is a function of the replication alone, whatever ran before it on the same thread", () => {
    const scenario = shortened("monday-peak.yaml");
    const together = runScenario(scenario, { fingerprint: true, replications: 2 });
    const streams = new RandomStreams(scenario.simulation.seed).forReplication(1);
    const alone = runReplication(scenario, streams, 1, 2, { fingerprint: true });
    expect(together[1].fingerprint).not.toBe(together[0].fingerprint);
    expect(alone?.fingerprint).toBe(together[1].fingerprint);
  });
});
