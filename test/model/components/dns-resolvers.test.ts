/**
 * The resolver population on its own (routing/dns.ts; issue 15 item 1): its make-up, its random
 * cache phases, and a client stuck on a stale answer staying stuck across its retries.
 *
 * Given: weu (westeurope) and neu (northeurope), performance routing from westeurope, TTL 20 s,
 * fast probes (10 s, 0 tolerated, 5 s: weu is Degraded within 15 s of going down). One user
 * base with 50 resolvers: 10% hold answers 30 min, 10% extend the TTL by 5 min, the rest honour
 * it. Random draws from stream "dns.choice" of seed 3.
 */
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../../src/engine/random/index.ts";
import { Simulation } from "../../../src/engine/simulation.ts";
import { DnsResolvers, ResolverBehaviour } from "../../../src/model/routing/dns.ts";
import { Network } from "../../../src/model/routing/network.ts";
import { TrafficManager } from "../../../src/model/routing/traffic-manager.ts";
import { scenarioFrom } from "../scenario-fixture.ts";

function world() {
  const scenario = scenarioFrom(`
name: dns-resolvers
datacenters: [{ name: weu, region: westeurope }, { name: neu, region: northeurope }]
trafficManager:
  ttl: 20s
  probe: { interval: 10s, timeout: 5s, toleratedFailures: 0 }
userBases:
  - name: amsterdam
    region: westeurope
    dailyActiveUsers: 1000
    dns: { resolvers: 50, staleShare: 10%, staleFor: 30m, extendShare: 10%, extendBy: 5m }
`);
  const sim = new Simulation();
  const down = new Set<number>();
  const tm = new TrafficManager(
    sim,
    scenario,
    new Network(scenario, () => 0),
    new RandomStreams(3).get("tm"),
    {
      isWfeDown: (dc) => down.has(dc),
    },
  );
  const dns = new DnsResolvers(scenario, tm, new RandomStreams(3).get("dns.choice"), () => () => 0.02);
  const weu = scenario.datacenters.findIndex((d) => d.name === "weu");
  const neu = scenario.datacenters.findIndex((d) => d.name === "neu");
  const ofKind = (kind: number) => [...dns.behaviour.keys()].filter((r) => dns.behaviour[r] === kind);
  return { sim, dns, down, weu, neu, ofKind };
}

describe("the resolver population", () => {
  it("has the configured make-up, exactly: 5 holders (30 min), 5 extenders (+5 min), 40 honouring", () => {
    const { dns, ofKind } = world();
    expect(ofKind(ResolverBehaviour.HOLD)).toHaveLength(5);
    expect(ofKind(ResolverBehaviour.EXTEND)).toHaveLength(5);
    expect(ofKind(ResolverBehaviour.HONOUR)).toHaveLength(40);
    for (const r of ofKind(ResolverBehaviour.HOLD)) expect(dns.keepTime(r, 20)).toBe(1800);
    for (const r of ofKind(ResolverBehaviour.EXTEND)) expect(dns.keepTime(r, 20)).toBe(320);
    for (const r of ofKind(ResolverBehaviour.HONOUR)) expect(dns.keepTime(r, 20)).toBe(20);
    // A holder never keeps an answer shorter than its TTL.
    for (const r of ofKind(ResolverBehaviour.HOLD)) expect(dns.keepTime(r, 3600)).toBe(3600);
  });

  it("starts every cache part-way through its life: all answer from cache at t = 0, and expire at spread times", () => {
    const { dns, ofKind } = world();
    for (let r = 0; r < 50; r++) dns.lookup(r, 0);
    expect(dns.resolverHits).toBe(50);
    // Honouring caches expire within their first TTL, not all at once: a lookup at 10 s finds
    // some still cached and some expired (each expires at U(0, 20 s); P(all on one side) = 2^-39).
    dns.resetStatistics();
    for (const r of ofKind(ResolverBehaviour.HONOUR)) dns.lookup(r, 10);
    expect(dns.resolverHits).toBeGreaterThan(0);
    expect(dns.trafficManagerQueries).toBeGreaterThan(0);
  });

  it("binds sessions uniformly: 10% of 40,000 picks land on holders (±1%, over 6 standard errors)", () => {
    const { dns } = world();
    let holders = 0;
    for (let i = 0; i < 40_000; i++)
      if (dns.behaviour[dns.pickResolver(0)] === ResolverBehaviour.HOLD) holders++;
    expect(holders / 40_000).toBeCloseTo(0.1, 1);
    expect(Math.abs(holders / 40_000 - 0.1)).toBeLessThan(0.01);
  });

  it("keeps a client behind a holder on the old answer across its retries; an honouring one moves", () => {
    const { sim, dns, down, weu, neu, ofKind } = world();
    // At t = 0 every cache holds weu; then weu goes down and Traffic Manager learns it.
    for (let r = 0; r < 50; r++) expect(dns.lookup(r, 0)).toBe(weu);
    down.add(weu);
    sim.run(20);
    const holder = ofKind(ResolverBehaviour.HOLD)[0];
    const honouring = ofKind(ResolverBehaviour.HONOUR)[0];
    // The first attempt and its retries (after a 21 s connect timeout and backoff) ask the same
    // resolver, as a session does, and get weu every time.
    for (const t of [20, 42, 65, 100]) expect(dns.lookup(holder, t)).toBe(weu);
    // A resolver that honours the 20 s TTL has refetched by then.
    expect(dns.lookup(honouring, 42)).toBe(neu);
  });
});
