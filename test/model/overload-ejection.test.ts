/**
 * Overload seen by Traffic Manager through the whole model (issue 15 item 2; routing/
 * endpoint-monitor.ts): a custom health page that fails above a utilisation threshold sheds an
 * overloaded datacenter's new logins to the next one, which the default page does only once the
 * cluster is turning requests away.
 *
 * Given: weu (westeurope) and neu (northeurope), each WFE 2 servers (1 instance × 2), one user
 * base in Amsterdam with 2.2 M daily users on a flat day (~38 sign-ins/s, ~73 ms of WFE work
 * each: ~2.8 busy servers, more than weu has), performance routing (every answer weu while it is
 * healthy), fast probes (10 s, 0 tolerated, 5 s), TTL 10 s, every resolver honouring it. Seed 3,
 * one 10-minute replication each.
 *
 * Default page: weu saturates, its queue fills and it answers 503; probes that arrive then fail,
 * so weu flaps in and out of rotation, and the sign-ins that reach it meanwhile are rejected.
 * With `failAboveUtilisation: 70%`: weu is ejected whenever its busy share since a location's last
 * probe passed 70%, so new logins split between the two clusters before either turns requests
 * away: at least 30% of new connections go to neu, none is rejected, and the slowest 5% of
 * sign-ins are faster than with the default page.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { FLAT_DAY, scenarioFrom } from "./scenario-fixture.ts";

function run(page: string) {
  const [r] = runScenario(
    scenarioFrom(`
name: overload-ejection
simulation: { duration: 10m, warmUp: 0s, seed: 3, timeBin: 1m }
datacenters:
  - { name: weu, region: westeurope, wfe: { instances: 1, concurrency: 2 } }
  - { name: neu, region: northeurope, wfe: { instances: 1, concurrency: 2 } }
trafficManager:
  routing: performance
  ttl: 10s
  probe: { ${page}interval: 10s, timeout: 5s, toleratedFailures: 0 }
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 2200000
    timeZone: UTC
    profile: { hourly: ${FLAT_DAY}, interpolation: hourly }
    sessionLength: 5m
    backEndRate: 1/h
    dns: { staleShare: 0%, extendShare: 0% }
`),
  );
  const { "newLogins.weu": weu, "newLogins.neu": neu } = r.series.columns;
  const total = (c: ArrayLike<number>) => Array.from(c).reduce((a, b) => a + b, 0);
  return { r, toNeu: total(neu) / (total(weu) + total(neu)) };
}

describe("a health page that sees overload sheds load before the cluster turns requests away", () => {
  const plain = run("");
  const page = run("failAboveUtilisation: 70%, ");

  it("default page: weu saturates and rejects sign-ins", () => {
    expect(plain.r.failures.rejected).toBeGreaterThan(0);
  });

  it("70% page: at least 30% of new connections go to neu and none is rejected", () => {
    expect(page.toNeu).toBeGreaterThanOrEqual(0.3);
    expect(page.r.failures.rejected).toBe(0);
  });

  it("70% page: the slowest 5% of sign-ins are faster than with the default page", () => {
    expect(page.r.latency.loginSystem.p95!).toBeLessThan(plain.r.latency.loginSystem.p95!);
  });
});
