/**
 * An N+1 search with one datacenter left takes its first guess from the run with nothing lost
 * (study/capacity-loss-load.ts) and runs no today's size under the loss of its own; what it
 * recommends must not change. Two datacenters, each its users' nearest (exponential 100 ms
 * service, concurrency 1, 10 s of typing between a login's two visits), objective
 * `wfe.utilisation.peak < 70%`: with one lost, the other carries both user bases. Given: the
 * survivor's peak arrivals predicted from the run with nothing lost; when: each datacenter is
 * searched with the other lost; then: the answer is the exhaustive search's under the loss (every
 * instance count from the first stable one up, every replication), and the runs at today's size
 * under the loss were never simulated.
 */
import { describe, expect, it } from "vitest";
import type { ResolvedScenario } from "../../src/scenario/index.ts";
import { guessesFromNoLoss, survivorPeakRate } from "../../src/study/capacity-loss-load.ts";
import {
  type CapacityUnit,
  judgeCapacityObjectives,
  referenceCases,
  searchUnits,
  withCapacity,
} from "../../src/study/index.ts";
import { scenarioFrom } from "../model/scenario-fixture.ts";
import { simulatingStore, twoDatacenterYaml } from "./two-datacenter-fixture.ts";

const REPLICATIONS = 2;
const scenario = scenarioFrom(
  twoDatacenterYaml({
    name: "two-survivors",
    duration: "8m",
    seed: 23,
    replications: REPLICATIONS,
    instances: 12,
    amsterdamUsers: 1_296_000,
    virginiaUsers: 864_000,
    slos: `"wfe.utilisation.peak < 70%"`,
  }),
);
const unit = (dc: number, failed = -1): CapacityUnit => ({ target: { component: "wfe", dc }, failed });

const store = simulatingStore(REPLICATIONS);
const allReplications = (s: ResolvedScenario) => store.replications(s, REPLICATIONS);

/**
 * Every instance count from the first stable one up until one passes, each on every replication,
 * `failed` lost: the survivor serves both user bases' requests at 10/s each.
 */
async function exhaustive(dc: number, failed: number): Promise<number> {
  const reference = await allReplications(scenario);
  const lambda =
    reference.reduce((a, r) => a + r.datacenters[0].wfe.meanRate + r.datacenters[1].wfe.meanRate, 0) /
    reference.length;
  for (let n = Math.floor(lambda / 10) + 1; n < 40; n++) {
    const probe = withCapacity(scenario, { component: "wfe", dc }, n, failed);
    if (judgeCapacityObjectives(probe, await allReplications(probe)).pass) return n;
  }
  throw new Error("no count passed");
}

describe("an N+1 search with one datacenter left", () => {
  it("needs the run at today's size with nothing lost only", () => {
    const units = [unit(0), unit(1), unit(0, 1), unit(1, 0)];
    expect(units.map((u) => guessesFromNoLoss(scenario, u))).toEqual([false, false, true, true]);
    expect(referenceCases(scenario, units)).toEqual([-1]);
  });

  it("predicts the survivor's peak arrivals from the run with nothing lost", async () => {
    const { rate: predicted, pageShare } = survivorPeakRate(scenario, await allReplications(scenario));
    expect(pageShare).toBe(0); // no page traffic in this setting: every request is a sign-in's
    for (const [dc, failed] of [
      [0, 1],
      [1, 0],
    ]) {
      const underLoss = withCapacity(scenario, -1, 0, failed);
      const runs = await allReplications(underLoss);
      const measured = Math.max(...runs.map((r) => r.datacenters[dc].wfe.peakRate));
      // Only a guess (about 50 requests/s): the same users, so within a few per cent.
      expect(Math.abs(predicted / measured - 1), `${dc} with ${failed} lost`).toBeLessThan(0.05);
    }
  });

  it("recommends what the exhaustive search under the loss does, without a run at today's size under it", async () => {
    const fresh = simulatingStore(REPLICATIONS);
    const answers = await searchUnits(
      scenario,
      [unit(0, 1), unit(1, 0)],
      { judge: judgeCapacityObjectives },
      fresh,
    );
    for (const [i, answer] of answers.entries()) {
      const failed = 1 - i;
      const n = await exhaustive(i, failed);
      expect(answer.recommended, answer.datacenter).toBe(n);
      expect(answer.binding).toBe("wfe.utilisation.peak < 70%");
      expect(answer.peakUtilisationToday).toBeNull();
      // The guess was right: the answer and one fewer were all it probed.
      expect(answer.history.map((p) => p.instances)).toEqual([n - 1, n]);
    }
    // The store ran the run with nothing lost and the probes; today's size under a loss is new to it.
    const before = fresh.simulated;
    await fresh.replications(withCapacity(scenario, -1, 0, 1), REPLICATIONS);
    await fresh.replications(withCapacity(scenario, -1, 0, 0), REPLICATIONS);
    expect(fresh.simulated - before).toBe(2 * REPLICATIONS);
  });
});
