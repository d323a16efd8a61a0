/**
 * ExpiryHeaps against a plain map: after any sequence of inserts, updates and removals across
 * datacenters, each datacenter's earliest expiry is the smallest key it holds, and draining it by
 * `first` yields its sessions in key order.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExpiryHeaps } from "../../src/model/calls/expiry-heaps.ts";

const DCS = 3;
const SESSIONS = 40;

const opArb = fc.record({
  session: fc.integer({ min: 0, max: SESSIONS - 1 }),
  dc: fc.integer({ min: 0, max: DCS - 1 }),
  key: fc.integer({ min: 0, max: 50 }),
});

describe("ExpiryHeaps", () => {
  it("keeps each datacenter's earliest expiry, through inserts, updates and removals", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        const heaps = new ExpiryHeaps(DCS);
        heaps.ensureSlots(SESSIONS);
        const where = new Map<number, { dc: number; key: number }>();
        for (const { session, dc, key } of ops) {
          const at = where.get(session);
          if (at === undefined) {
            heaps.insert(dc, session, key);
            where.set(session, { dc, key });
          } else if (key % 3 === 0) {
            heaps.remove(at.dc, session);
            where.delete(session);
          } else {
            heaps.update(at.dc, session, key);
            at.key = key;
          }
          for (let d = 0; d < DCS; d++) {
            const keys = [...where.values()].filter((w) => w.dc === d).map((w) => w.key);
            expect(heaps.earliest(d)).toBe(keys.length > 0 ? Math.min(...keys) : Number.POSITIVE_INFINITY);
          }
        }
        for (let d = 0; d < DCS; d++) {
          const drained: number[] = [];
          while (heaps.earliest(d) < Number.POSITIVE_INFINITY) {
            const s = heaps.first(d);
            drained.push(heaps.earliest(d));
            expect(where.get(s)?.key).toBe(heaps.earliest(d));
            heaps.remove(d, s);
          }
          const expected = [...where.values()].filter((w) => w.dc === d).map((w) => w.key);
          expect(drained).toEqual(expected.sort((a, b) => a - b));
        }
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });
});
