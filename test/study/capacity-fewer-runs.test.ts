/**
 * Planning with fewer runs (issue 19 item 3) must not change what plan recommends: on M/M/c
 * reductions where Erlang C gives the answer, the search with probe reuse, early stopping and
 * both datacenters searched in one series of runs recommends what an exhaustive search (every
 * instance count from the first stable one up, every replication, each datacenter alone with the
 * other at today's size) recommends, and what Erlang C says.
 *
 * Two datacenters, each the only queue that matters for its own users (exponential 100 ms
 * service, concurrency 1, 10 s of typing between a login's two visits: together about Poisson
 * at 2 × the login rate), objective `wfe.wait.mean < 10ms`, which is read per datacenter, so the
 * two are independent and share their runs.
 */
import { describe, expect, it } from "vitest";
import { serversForMeanWait } from "../../src/engine/analytic/queueing-formulas.ts";
import type { ResolvedScenario } from "../../src/scenario/index.ts";
import {
  type CapacityUnit,
  judgeCapacityObjectives,
  searchGroups,
  searchUnits,
  settled,
  withCapacity,
} from "../../src/study/index.ts";
import { scenarioFrom } from "../model/scenario-fixture.ts";
import { simulatingStore, twoDatacenterYaml } from "./two-datacenter-fixture.ts";

const REPLICATIONS = 4;
const yaml = (slos: string) =>
  twoDatacenterYaml({
    name: "two-erlang",
    duration: "12m",
    seed: 17,
    replications: REPLICATIONS,
    instances: 20,
    amsterdamUsers: 1_728_000,
    virginiaUsers: 864_000,
    slos,
  });

const scenario = scenarioFrom(yaml(`"wfe.wait.mean < 10ms"`));
const unit = (dc: number, failed = -1): CapacityUnit => ({ target: { component: "wfe", dc }, failed });

/** Every replication through one store, counted: the search's and the exhaustive search's. */
let simulated = 0;
const store = simulatingStore(REPLICATIONS, () => {
  simulated++;
});
const allReplications = (s: ResolvedScenario) => store.replications(s, REPLICATIONS);

/** Every instance count from `from` up until one passes, each on every replication, alone. */
async function exhaustive(dc: number, from: number): Promise<number> {
  for (let n = from; n < 40; n++) {
    const probe = withCapacity(scenario, { component: "wfe", dc }, n);
    if (judgeCapacityObjectives(probe, await allReplications(probe)).pass) return n;
  }
  throw new Error("no count passed");
}

describe("planning with fewer runs", () => {
  it("groups datacenters whose objectives read only their own figures, and no others", () => {
    const units = [unit(0), unit(1), unit(0, 1), unit(1, 0)];
    expect(searchGroups(scenario, units)).toEqual([[0, 1], [2], [3]]);
    // An unscoped login objective reads every datacenter's logins: no sharing.
    const coupled = scenarioFrom(yaml(`"wfe.wait.mean < 10ms", "loginSystem.p95 < 2s"`));
    expect(searchGroups(coupled, units)).toEqual([[0], [1], [2], [3]]);
    // Scoped to the datacenter being sized, it does not couple them.
    const scoped = scenarioFrom(yaml(`"loginSystem.p95@weu < 2s", "loginSystem.p95@eus < 2s"`));
    expect(searchGroups(scoped, units)).toEqual([[0, 1], [2], [3]]);
  });

  it("searching both datacenters in one series of runs recommends what the exhaustive search and Erlang C do", async () => {
    const before = simulated;
    const answers = await searchUnits(
      scenario,
      [unit(0), unit(1)],
      { judge: judgeCapacityObjectives },
      store,
    );
    const searchRuns = simulated - before;
    const reference = await allReplications(scenario);
    for (const [dc, answer] of answers.entries()) {
      const lambda = reference.reduce((a, r) => a + r.datacenters[dc].wfe.meanRate, 0) / reference.length;
      const erlangC = serversForMeanWait(lambda, 10, 0.01);
      // Below the offered load (λ / μ) the queue is unstable: the exhaustive search starts above it.
      const first = Math.floor(lambda / 10) + 1;
      expect(answer.recommended, answer.datacenter).toBe(erlangC);
      expect(answer.recommended, answer.datacenter).toBe(await exhaustive(dc, first));
      expect(answer.binding).toBe("wfe.wait.mean < 10ms");
    }
    expect(answers.map((a) => a.recommended)).toEqual([7, 4]);
    // The two searches shared their runs: fewer replications were simulated than they judged on.
    const judgedOn = answers.flatMap((a) => a.history.map((p) => p.replications)).reduce((a, b) => a + b, 0);
    expect(searchRuns - REPLICATIONS).toBeLessThan(judgedOn);
  });

  it("stops a probe's replications only where its 95% interval is wholly on one side", async () => {
    const [answer] = await searchUnits(scenario, [unit(0)], { judge: judgeCapacityObjectives }, store);
    expect(answer.recommended).toBe(7);
    for (const p of answer.history) {
      const probe = withCapacity(scenario, { component: "wfe", dc: 0 }, p.instances);
      const all = await allReplications(probe);
      // Every verdict is the one all replications give; an early one was settled where it stopped.
      expect(judgeCapacityObjectives(probe, all).pass, `${p.instances} instances`).toBe(p.pass);
      if (p.replications < REPLICATIONS)
        expect(settled(judgeCapacityObjectives(probe, all.slice(0, p.replications)))).toBe(true);
    }
    expect(answer.history.some((p) => p.replications < REPLICATIONS)).toBe(true);
  });
});
