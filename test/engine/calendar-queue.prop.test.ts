/**
 * The calendar queue against a reference model: a plain array sorted by (time, seq). fast-check
 * drives pushes and pops over time patterns that stress it: equal times (the FIFO tie-break),
 * clusters far apart (a year with no event of its own, so a refit), a clock that runs far past
 * the day numbers of the last fit, and sizes that make it grow and shrink.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CalendarQueue } from "../../src/engine/scheduler/calendar-queue.ts";

/** Records as the event queue lays them out: time, seq, then int32 slots; slot 7 is the link. */
class Records {
  f64 = new Float64Array(4 * 4096);
  i32 = new Int32Array(this.f64.buffer);
  set(id: number, time: number, seq: number): void {
    this.f64[id * 4] = time;
    this.f64[id * 4 + 1] = seq;
  }
}

type Op = { op: "push"; delay: number; count: number } | { op: "pop"; count: number };

const delayArb = fc.oneof(
  fc.constantFrom(0, 0, 1e-9, 0.5, 1, 1, 3),
  fc.double({ min: 0, max: 2, noNaN: true }),
  fc.double({ min: 1e3, max: 1e6, noNaN: true }), // a far cluster
  fc.double({ min: 0, max: 1e-6, noNaN: true }), // a dense burst
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("push" as const), delay: delayArb, count: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ op: fc.constant("pop" as const), count: fc.integer({ min: 1, max: 80 }) }),
);

describe("CalendarQueue", () => {
  it("takes events in (time, seq) order through growth, shrinking and refits", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 120 }), fc.boolean(), (ops, spread) => {
        const records = new Records();
        const q = new CalendarQueue(records.f64, records.i32);
        const free: number[] = [];
        let nextId = 0;
        let seq = 0;
        let now = 0;
        const model: { time: number; seq: number; id: number }[] = [];
        for (const o of ops) {
          if (o.op === "push") {
            for (let i = 0; i < o.count && nextId < 4096; i++) {
              const id = free.pop() ?? nextId++;
              // Either the same delay for the whole batch (equal times) or spread over it.
              const time = now + (spread ? o.delay * (1 + i / o.count) : o.delay);
              records.set(id, time, seq);
              q.push(id);
              model.push({ time, seq: seq++, id });
            }
          } else {
            model.sort((a, b) => a.time - b.time || a.seq - b.seq);
            for (let i = 0; i < o.count; i++) {
              const id = q.front();
              if (model.length === 0) {
                expect(id).toBe(-1);
                break;
              }
              const expected = model.shift();
              expect(id).toBe(expected?.id);
              q.removeFront();
              free.push(id);
              now = records.f64[id * 4];
            }
          }
          expect(q.size).toBe(model.length);
        }
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });

  it("accepts an event earlier than the front it last showed (a lane's event went first)", () => {
    const records = new Records();
    const q = new CalendarQueue(records.f64, records.i32);
    records.set(0, 5, 0);
    q.push(0);
    expect(q.front()).toBe(0);
    records.set(1, 2, 1); // scheduled by an event at time 1 taken from elsewhere
    q.push(1);
    expect(q.front()).toBe(1);
    q.removeFront();
    expect(q.front()).toBe(0);
  });

  it("keeps FIFO order among 20,000 equal times, and fits days to the spacing of the earliest", () => {
    const records = new Records();
    records.f64 = new Float64Array(4 * 40_000);
    records.i32 = new Int32Array(records.f64.buffer);
    const q = new CalendarQueue(records.f64, records.i32);
    for (let i = 0; i < 20_000; i++) {
      records.set(i, 7, i);
      q.push(i);
    }
    for (let i = 0; i < 20_000; i++) {
      records.set(20_000 + i, 10 + i * 1e-3, 20_000 + i);
      q.push(20_000 + i);
    }
    expect(q.days).toBeGreaterThanOrEqual(32_768);
    for (let i = 0; i < 40_000; i++) {
      expect(q.front()).toBe(i);
      q.removeFront();
    }
    expect(q.front()).toBe(-1);
    // The refits after the equal times saw the 1 ms spacing.
    expect(q.width).toBeGreaterThan(1e-4);
    expect(q.width).toBeLessThan(1e-2);
  });
});
