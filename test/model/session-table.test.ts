/**
 * The session table's sign-in rows: what only a sign-in in progress needs (its step
 * accumulators, its hop's RTT, its typing) is held from the sign-in's start to its end, so the
 * rows are as many as the sign-ins in progress, not as the sessions (docs/performance.md, memory).
 *
 * Given: a table on its own (rows handed out, zeroed, reused, released with the session), and the
 * quickstart scenario run for 20 minutes, sampled every 20,000 events.
 * Then: a row is zeroed when a sign-in begins and goes back when it ends or the session does; in
 * the run, rows in use peak far below the sessions alive (sign-ins take seconds, sessions hours).
 */
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../src/engine/random/index.ts";
import { Acc, SessionTable } from "../../src/model/flow/session-table.ts";
import { buildRun } from "../../src/model/index.ts";
import { loadScenarioFile } from "../../src/scenario/index.ts";

describe("the session table's sign-in rows", () => {
  it("are zeroed when a sign-in begins, reused after it ends, and freed with the session", () => {
    const t = new SessionTable(16);
    const a = t.allocate();
    const b = t.allocate();
    expect(() => t.at(a, Acc.LOGIN_START)).toThrow(/no sign-in in progress/);
    t.beginSignIn(a);
    t.acc[t.at(a, Acc.DNS)] = 1.5;
    t.markStep(a, Acc.WFE, 0);
    expect(t.signInsInProgress).toBe(1);
    const rowOfA = t.at(a, 0);
    t.endSignIn(a);
    expect(t.signInsInProgress).toBe(0);
    // b takes a's row back, and finds it zeroed.
    t.beginSignIn(b);
    expect(t.at(b, 0)).toBe(rowOfA);
    expect(t.acc[t.at(b, Acc.DNS)]).toBe(0);
    // A second begin (a re-authentication) keeps the row and zeroes it again.
    t.acc[t.at(b, Acc.IDP)] = 2;
    const row = t.at(b, 0);
    t.beginSignIn(b);
    expect(t.at(b, 0)).toBe(row);
    expect(t.acc[t.at(b, Acc.IDP)]).toBe(0);
    // Ending the session ends its sign-in.
    t.release(b);
    expect(t.signInsInProgress).toBe(0);
    expect(() => t.at(b, 0)).toThrow(/no sign-in in progress/);
  });

  it("grows past its first rows and keeps what they hold", () => {
    const t = new SessionTable(16);
    const slots = Array.from({ length: 100 }, () => t.allocate());
    slots.forEach((s, i) => {
      t.beginSignIn(s);
      t.acc[t.at(s, Acc.HOP_RTT)] = i;
    });
    expect(t.signInsInProgress).toBe(100);
    slots.forEach((s, i) => {
      expect(t.acc[t.at(s, Acc.HOP_RTT)]).toBe(i);
    });
  });

  it("in a run, are as many as the sign-ins in progress, far fewer than the sessions", () => {
    const loaded = loadScenarioFile("scenarios/quickstart.yaml", {
      overrides: ["simulation.duration=20m", "simulation.warmUp=2m"],
    });
    if (!loaded.ok) throw new Error("quickstart.yaml does not load");
    const scenario = loaded.scenario;
    const { world } = buildRun(scenario, new RandomStreams(scenario.simulation.seed).forReplication(0));
    const { sim, sessions } = world;
    let peakRows = 0;
    let peakSessions = 0;
    while (sim.peekTime() <= scenario.simulation.duration) {
      sim.run(scenario.simulation.duration, 20_000);
      peakRows = Math.max(peakRows, sessions.signInsInProgress);
      peakSessions = Math.max(peakSessions, sessions.active);
    }
    expect(peakSessions).toBeGreaterThan(1_000);
    expect(peakRows).toBeGreaterThan(0);
    // Sign-ins last seconds to a minute (typing included), sessions hours (measured: 7 rows at
    // most against 9,732 sessions; rows left with the sessions would be 1,842).
    expect(peakRows).toBeLessThan(peakSessions / 100);
  });
});
