/**
 * The resolver population through the whole model (issue 15 item 1; routing/dns.ts): stale
 * answers as measured, per client, and independent of when the outage comes.
 *
 * Given: weu (westeurope) and neu (northeurope), performance routing, one user base in
 * Amsterdam whose resolvers are in westeurope (every answer is weu until Traffic Manager marks
 * it Degraded); weu's WFE cluster fails. A flat day of short sessions, constant DNS latencies.
 *
 * Flavel et al. (LANMAN 2014, a Bing measurement): with a 20 s TTL, 90% of requests moved to
 * the new answer within 60 s, and 2% of users were still on the old one after 15 minutes. With
 * client.retries 0 each connection is a login's first (a stuck login fails and is not counted
 * again), so the share of connections to weu in a window is the share of logins still sent to
 * the failed datacenter. Counted from Traffic Manager's switch (the failover report's
 * detection): at most 10% over [60 s, 90 s) and 1-4% over [14.5 min, 15.5 min), each
 * replication (3 of seed 7; 2 M daily users, ~35 logins/s, so a window has 1,000-2,000 logins
 * and the binomial error of a 2% share is ~0.4%; the population's own draws add about as much).
 *
 * Start time. Each resolver's cache starts part-way through its life, so how long the last
 * logins take to move cannot depend on when the outage starts. Outages at 3, 9 and 15 min
 * (holders shortened to a 5-minute median, so the tail ends well within the run), 5 replications
 * each: the three 95% Student-t intervals of the mean time to 99% share a common value. Before
 * the population (one stale cache per user base refetched on a fixed 15-minute cycle from t = 0)
 * this spread over 295-985 s in the bundled failover scenario.
 */
import { describe, expect, it } from "vitest";
import type { RunResult } from "../../src/model/run/run-result.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { amsterdamFailoverYaml, staleShare } from "./failover-fixture.ts";
import { scenarioFrom } from "./scenario-fixture.ts";

/** Student t quantile at 0.975 with 4 degrees of freedom. */
const T_975_DF4 = 2.776;

function scenario(opts: {
  start: number;
  duration: string;
  run: string;
  users: number;
  dns: string;
  seed: number;
  replications: number;
}) {
  return scenarioFrom(
    amsterdamFailoverYaml({
      name: "dns-population",
      simulation: `duration: ${opts.run}, warmUp: 0s, seed: ${opts.seed}, replications: ${opts.replications}, timeBin: 5s`,
      users: opts.users,
      dns: opts.dns,
      fault: `start: ${opts.start}s, duration: ${opts.duration}`,
    }),
  );
}

/** Share of connections that went to weu in [from, to) seconds after Traffic Manager switched. */
function shareToWeu(result: RunResult, from: number, to: number): number {
  const { share, logins } = staleShare(result, from, to);
  expect(logins, `logins in [${from}, ${to}) s after the switch`).toBeGreaterThan(500);
  return share;
}

describe("the default resolver population reproduces Flavel et al.'s stale tail (20 s TTL)", () => {
  const results = runScenario(
    scenario({
      start: 120,
      duration: "25m",
      run: "23m",
      users: 2_000_000,
      dns: "",
      seed: 7,
      replications: 3,
    }),
  );

  it("at most 10% of logins still go to the failed datacenter 60 s after the switch", () => {
    for (const r of results) expect(shareToWeu(r, 60, 90)).toBeLessThanOrEqual(0.1);
  });

  it("about 2% (1-4%) still do 15 minutes after it", () => {
    for (const r of results) {
      const share = shareToWeu(r, 870, 930);
      expect(share).toBeGreaterThanOrEqual(0.01);
      expect(share).toBeLessThanOrEqual(0.04);
    }
  });
});

describe("the time to 99% moved does not depend on when the outage starts", () => {
  it("outages at 3, 9 and 15 min: the 95% intervals of the mean time to 99% overlap", () => {
    const intervals = [180, 540, 900].map((start) => {
      const runs = runScenario(
        scenario({
          start,
          duration: "20m",
          run: `${start + 21 * 60}s`,
          users: 1_000_000,
          dns: "staleFor: { lognormal: { median: 5m, p99: 20m } }, ",
          seed: 11,
          replications: 5,
        }),
      );
      const to99 = runs.map((r) => {
        expect(r.failovers[0].to99, `the outage at ${start} s never reached 99%`).not.toBeNull();
        return r.failovers[0].to99!;
      });
      const mean = to99.reduce((a, b) => a + b, 0) / to99.length;
      const sd = Math.sqrt(to99.reduce((a, b) => a + (b - mean) ** 2, 0) / (to99.length - 1));
      const half = (T_975_DF4 * sd) / Math.sqrt(to99.length);
      return { start, mean, low: mean - half, high: mean + half };
    });
    const lowest = Math.min(...intervals.map((i) => i.high));
    const highest = Math.max(...intervals.map((i) => i.low));
    expect(highest, JSON.stringify(intervals)).toBeLessThanOrEqual(lowest);
  });
});
