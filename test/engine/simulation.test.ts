/** The kernel's contract: dispatch order, clock, cancellation, run limits. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";

describe("Simulation", () => {
  it("dispatches a story of events in time order, FIFO among equal times", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const ping = sim.defineEvent("ping", (t) => log.push(`${sim.now}:ping${t}`));
    const spawn = sim.defineEvent("spawn", (t) => {
      log.push(`${sim.now}:spawn${t}`);
      sim.schedule(0, ping, 100 + t); // zero delay: after everything already due now
    });
    sim.schedule(2, ping, 1);
    sim.schedule(1, spawn, 2);
    sim.schedule(1, ping, 3);
    sim.scheduleAt(2, ping, 4);
    sim.run();
    expect(log).toEqual(["1:spawn2", "1:ping3", "1:ping102", "2:ping1", "2:ping4"]);
  });

  it("never fires a cancelled event, and cancel reports whether it did anything", () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const kind = sim.defineEvent("e", (t) => fired.push(t));
    const lane = sim.createLane(3);
    const a = sim.schedule(1, kind, 1);
    const b = sim.scheduleOnLane(lane, kind, 2);
    sim.schedule(2, kind, 3);
    expect(sim.cancel(a)).toBe(true);
    expect(sim.cancel(a)).toBe(false);
    expect(sim.cancel(b)).toBe(true);
    expect(sim.pending).toBe(1);
    sim.run();
    expect(fired).toEqual([3]);
  });

  it("run(until) stops before later events and advances the clock to until", () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const kind = sim.defineEvent("e", (t) => fired.push(t));
    sim.schedule(5, kind, 5);
    sim.schedule(15, kind, 15);
    expect(sim.run(10)).toBe(1);
    expect(sim.now).toBe(10);
    expect(fired).toEqual([5]);
    sim.run();
    expect(fired).toEqual([5, 15]);
    expect(sim.now).toBe(15);
  });

  it("run(until) with until before now leaves the clock where it is (the clock never goes back)", () => {
    const sim = new Simulation();
    const kind = sim.defineEvent("e", () => {});
    sim.schedule(15, kind, 0);
    sim.run();
    expect(sim.run(10)).toBe(0);
    expect(sim.now).toBe(15);
    sim.schedule(1, kind, 0);
    sim.run();
    expect(sim.now).toBe(16);
  });

  it("stop() ends run after the current event; maxEvents bounds a call", () => {
    const sim = new Simulation();
    const tick = sim.defineEvent("tick", (t) => {
      if (t === 3) sim.stop();
      sim.schedule(1, tick, t + 1);
    });
    sim.schedule(0, tick, 0);
    expect(sim.run()).toBe(4);
    expect(sim.run(Number.POSITIVE_INFINITY, 10)).toBe(10);
    expect(sim.eventsProcessed).toBe(14);
  });

  it("refuses to schedule into the past or with NaN", () => {
    const sim = new Simulation();
    const kind = sim.defineEvent("e", () => {});
    sim.schedule(5, kind, 0);
    sim.run();
    expect(() => sim.schedule(-1, kind, 0)).toThrow(RangeError);
    expect(() => sim.schedule(Number.NaN, kind, 0)).toThrow(/delay NaN/);
    expect(() => sim.scheduleAt(4, kind, 0)).toThrow(/before now/);
    expect(() => sim.createLane(-1)).toThrow(RangeError);
  });

  it("the clock never goes backwards, whatever events schedule (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.nat(3)), { maxLength: 200 }),
        (plan) => {
          const sim = new Simulation();
          let last = 0;
          let fired = 0;
          const lane = sim.createLane(0.75);
          const kind = sim.defineEvent("e", (t) => {
            expect(sim.now).toBeGreaterThanOrEqual(last);
            last = sim.now;
            fired++;
            // Each event spawns children, some in the lane, a bounded number of generations.
            if (t < 2) {
              sim.schedule(plan.length > 0 ? plan[fired % plan.length][0] : 0, kind, t + 1);
              sim.scheduleOnLane(lane, kind, t + 1);
            }
          });
          for (const [d, gen] of plan) sim.schedule(d, kind, gen);
          sim.run();
          expect(sim.pending).toBe(0);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});
