/**
 * Local processes (Simulation.addLocalProcess): played up to the clock before each event of an
 * observing kind and when a run ends, never before other events; played before every event with
 * playLocalBeforeEveryEvent; their events folded into the fingerprint.
 */
import { describe, expect, it } from "vitest";
import { type LocalProcess, Simulation, type SimulationOptions } from "../../src/engine/simulation.ts";

/** A process with a local event every second; records each play's `until`. */
function ticking(sim: Simulation, plays: number[]): LocalProcess & { played: number[] } {
  const kind = sim.defineLocalEvent("tick");
  const played: number[] = [];
  let next = 1;
  return {
    played,
    playUntil(until) {
      plays.push(until);
      while (next <= until) {
        played.push(next);
        sim.foldLocal(next, kind, 0);
        next += 1;
      }
    },
    nextLocalTime: () => next,
  };
}

function script(options: SimulationOptions = {}) {
  const sim = new Simulation(options);
  const plays: number[] = [];
  const process = ticking(sim, plays);
  sim.addLocalProcess(process);
  const seen: string[] = [];
  const plain = sim.defineEvent("plain", () => seen.push(`plain@${sim.now}: ${process.played.length}`));
  const observer = sim.defineEvent(
    "observer",
    () => seen.push(`observer@${sim.now}: ${process.played.length}`),
    {
      observes: true,
    },
  );
  sim.scheduleAt(2.5, plain, 0);
  sim.scheduleAt(3.5, observer, 0);
  sim.scheduleAt(5.5, plain, 0);
  return { sim, plays, seen, process };
}

describe("local processes", () => {
  it("are played before observing events and at the end, not before others", () => {
    const { sim, plays, seen, process } = script();
    sim.run(7.25);
    expect(seen).toEqual(["plain@2.5: 0", "observer@3.5: 3", "plain@5.5: 3"]);
    expect(plays).toEqual([3.5, 7.25]);
    expect(process.played).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(sim.nextLocalTime()).toBe(8);
  });

  it("are played before every event when asked", () => {
    const { sim, seen } = script({ playLocalBeforeEveryEvent: true });
    sim.run(7.25);
    expect(seen).toEqual(["plain@2.5: 2", "observer@3.5: 3", "plain@5.5: 5"]);
  });

  it("fold their events into the trajectory fingerprint", () => {
    const a = script();
    a.sim.enableFingerprint();
    a.sim.run(7.25);
    const b = script();
    b.sim.enableFingerprint();
    b.sim.run(6.25); // one local event fewer, the same dispatched events
    expect(a.sim.fingerprint).not.toBe(b.sim.fingerprint);
  });

  it("never dispatch a local event kind", () => {
    const sim = new Simulation();
    const kind = sim.defineLocalEvent("local");
    sim.schedule(1, kind, 0);
    expect(() => sim.run()).toThrow(/played by a local process, never dispatched/);
  });
});
