/**
 * The event queue against a reference model: a plain array sorted by (time, seq).
 * fast-check drives random interleavings of pushes (one at a time and in bursts), lane pushes,
 * cancels and pops.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/engine/scheduler/event-queue.ts";

type Op =
  | { op: "push"; delay: number }
  | { op: "burst"; delay: number; count: number }
  | { op: "lane"; lane: number }
  | { op: "cancel"; pick: number }
  | { op: "pop" };

// Few distinct delays, so equal times (the FIFO tie-break) happen often.
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("push" as const), delay: fc.constantFrom(0, 0.5, 1, 1, 2, 3.25, 7, 40) }),
  fc.record({ op: fc.constant("lane" as const), lane: fc.integer({ min: 0, max: 2 }) }),
  // Many events at once, so the calendar grows, refits and shrinks while ties meet the lanes.
  fc.record({
    op: fc.constant("burst" as const),
    delay: fc.constantFrom(0, 1, 2.5, 0.001, 5),
    count: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ op: fc.constant("cancel" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("pop" as const) }),
);

const LANE_DELAYS = [0, 1, 2.5];

describe("EventQueue", () => {
  it("pops exactly what a sorted reference model pops, in (time, seq) order, never cancelled ones", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
        // Small arrays, so growth paths run; tiny buckets (0.7 s × 3), so events cross the calendar,
        // the buckets and the overflow heap, and ties meet across all of them.
        const q = new EventQueue(16, 0.7, 3);
        for (const d of LANE_DELAYS) q.addLane(d);
        let now = 0;
        let seq = 0;
        const model: { time: number; seq: number; target: number; handle: number; live: boolean }[] = [];
        for (const o of ops) {
          if (o.op === "burst") {
            for (let i = 0; i < o.count; i++) {
              // Half the burst at one time, half spread just after it.
              const time = now + o.delay + (i % 2 === 0 ? 0 : i * 1e-4);
              model.push({ time, seq: seq, target: seq, handle: q.push(time, 7, seq), live: true });
              seq++;
            }
          } else if (o.op === "push" || o.op === "lane") {
            const time = now + (o.op === "push" ? o.delay : LANE_DELAYS[o.lane]);
            const target = seq;
            const handle = o.op === "push" ? q.push(time, 7, target) : q.pushLane(o.lane, time, 7, target);
            model.push({ time, seq: seq++, target, handle, live: true });
          } else if (o.op === "cancel") {
            if (model.length === 0) continue;
            const e = model[o.pick % model.length];
            expect(q.cancel(e.handle)).toBe(e.live);
            e.live = false;
          } else {
            const live = model.filter((e) => e.live).sort((a, b) => a.time - b.time || a.seq - b.seq);
            const popped = q.pop();
            expect(popped).toBe(live.length > 0);
            if (!popped) continue;
            expect(q.time).toBe(live[0].time);
            expect(q.target).toBe(live[0].target);
            expect(q.time).toBeGreaterThanOrEqual(now);
            now = q.time;
            live[0].live = false;
            // A handle whose event fired can no longer cancel anything.
            expect(q.cancel(live[0].handle)).toBe(false);
          }
          expect(q.size).toBe(model.filter((e) => e.live).length);
        }
      }),
      { numRuns: 300, seed: 20261126 },
    );
  });

  it("keeps FIFO order among 10,000 events scheduled for the same time across heap and lanes", () => {
    const q = new EventQueue();
    const lane = q.addLane(5);
    for (let i = 0; i < 10_000; i++) {
      if (i % 3 === 0) q.pushLane(lane, 5, 0, i);
      else q.push(5, 0, i);
    }
    for (let i = 0; i < 10_000; i++) {
      expect(q.pop()).toBe(true);
      expect(q.target).toBe(i);
    }
    expect(q.pop()).toBe(false);
  });

  it("keeps FIFO order among equal far-future times that pass through buckets and overflow", () => {
    const q = new EventQueue(16, 1, 4);
    for (let i = 0; i < 3000; i++) q.push(i % 2 === 0 ? 50 : 2.5, 0, i);
    const order: number[] = [];
    while (q.pop()) order.push(q.target);
    const expected = [...Array(3000).keys()]
      .filter((i) => i % 2 === 1)
      .concat([...Array(3000).keys()].filter((i) => i % 2 === 0));
    expect(order).toEqual(expected);
  });

  it("a stale handle never cancels the unrelated event that reuses its id", () => {
    const q = new EventQueue();
    const first = q.push(1, 0, 1);
    expect(q.pop()).toBe(true); // id freed
    const second = q.push(2, 0, 2); // reuses the id with a new generation
    expect(q.cancel(first)).toBe(false);
    expect(q.pop()).toBe(true);
    expect(q.target).toBe(2);
    expect(q.cancel(second)).toBe(false);
  });

  it("pop(limit) leaves events after the limit in place", () => {
    const q = new EventQueue();
    q.push(3, 0, 30);
    const h = q.push(1, 0, 10);
    q.cancel(h);
    expect(q.pop(2)).toBe(false);
    expect(q.size).toBe(1);
    expect(q.pop(3)).toBe(true);
    expect(q.target).toBe(30);
  });
});
