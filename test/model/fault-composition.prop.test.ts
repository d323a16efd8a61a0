/**
 * Fault composition against a reference "which faults are active at t": faults of every kind
 * on random overlapping windows are played as start/end events (same-time events in a random
 * order), the state recomposed after each event as scheduleFaults does, and at every event time
 * the state must equal the one computed directly from the faults whose window holds t. After
 * the last end the world is exactly the base: no factor/inverse drift, no stale TTL.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { composeFaults, type FaultWorldSize } from "../../src/model/faults/fault-state.ts";
import type { ResolvedFault } from "../../src/scenario/index.ts";

const SIZE: FaultWorldSize = { datacenters: 3, identityRegions: 2, scaleUnits: 2, regions: 3, baseTtl: 30 };
/** Identity fault cells: region × 2 + scale unit. */
const CELLS = [0, 1, 2, 3];
const unitArb = fc.integer({ min: -1, max: 1 });

const window = fc
  .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 10 }))
  .map(([start, length]) => ({ start, end: start + length }));

const faultArb: fc.Arbitrary<ResolvedFault> = fc.oneof(
  fc
    .record({ w: window, ttl: fc.integer({ min: 1, max: 300 }) })
    .map(({ w, ttl }) => ({ ...w, type: "dnsTtlChange" as const, ttl })),
  fc
    .record({
      w: window,
      r: fc.integer({ min: 0, max: 1 }),
      u: unitArb,
      factor: fc.double({ min: 1.1, max: 7.3, noNaN: true }),
    })
    .map(({ w, r, u, factor }) => ({
      ...w,
      type: "identitySlowdown" as const,
      identityRegions: [r],
      scaleUnitIndex: u,
      factor,
    })),
  fc
    .record({ w: window, factor: fc.double({ min: 1.1, max: 7.3, noNaN: true }) })
    .map(({ w, factor }) => ({ ...w, type: "globalServiceSlowdown" as const, factor })),
  fc
    .record({
      w: window,
      r: fc.integer({ min: 0, max: 1 }),
      u: unitArb,
      errorRate: fc.double({ min: 0.01, max: 0.7, noNaN: true }),
      endpoint: fc.constantFrom("loginPage" as const, "tokenEndpoint" as const, "both" as const),
    })
    .map(({ w, r, u, errorRate, endpoint }) => ({
      ...w,
      type: "identityErrors" as const,
      identityRegions: [r],
      scaleUnitIndex: u,
      errorRate,
      endpoint,
    })),
  fc
    .record({
      w: window,
      dc: fc.integer({ min: 0, max: 2 }),
      component: fc.constantFrom("wfe" as const, "backEnd" as const, "both" as const),
      failure: fc.constantFrom("blackHole" as const, "fastFailure" as const),
    })
    .map(({ w, dc, component, failure }) => ({
      ...w,
      type: "datacenterOutage" as const,
      datacenterIndex: dc,
      component,
      failure,
    })),
  fc
    .record({
      w: window,
      a: fc.integer({ min: 0, max: 2 }),
      b: fc.integer({ min: 0, max: 2 }),
      extra: fc.double({ min: 0.001, max: 0.3, noNaN: true }),
    })
    .map(({ w, a, b, extra }) => ({ ...w, type: "latencySpike" as const, between: [a, b] as const, extra })),
  window.map((w) => ({
    ...w,
    type: "signingKeyRemoved" as const,
    tenantIndices: [0],
    invalidateCachesAfter: null,
  })),
);

/** Whether an identity fault touches cell c (region × 2 + unit): its region, and its unit or all. */
function hits(f: ResolvedFault & { identityRegions: readonly number[]; scaleUnitIndex: number }, c: number) {
  const [r, u] = [Math.floor(c / 2), c % 2];
  return f.identityRegions.includes(r) && (f.scaleUnitIndex === -1 || f.scaleUnitIndex === u);
}

/** Straight from the windows: which faults hold t, and what each kind then reads. */
function reference(faults: readonly ResolvedFault[], t: number) {
  const active = faults.map((f, i) => ({ f, i })).filter(({ f }) => f.start <= t && t < f.end);
  const ttls = active.filter(({ f }) => f.type === "dnsTtlChange");
  const lastTtl = ttls.sort((x, y) => x.f.start - y.f.start || x.i - y.i).at(-1);
  const down = (dc: number, part: "wfe" | "backEnd") =>
    active.some(
      ({ f }) =>
        f.type === "datacenterOutage" &&
        f.datacenterIndex === dc &&
        f.component !== (part === "wfe" ? "backEnd" : "wfe"),
    );
  // A WFE fails fast only while every active outage of it fails fast (a black hole wins).
  const failsFast = (dc: number) =>
    down(dc, "wfe") &&
    !active.some(
      ({ f }) =>
        f.type === "datacenterOutage" &&
        f.datacenterIndex === dc &&
        f.component !== "backEnd" &&
        f.failure === "blackHole",
    );
  const product = (pick: (f: ResolvedFault) => number) => active.reduce((p, { f }) => p * pick(f), 1);
  const sum = (pick: (f: ResolvedFault) => number) => active.reduce((s, { f }) => s + pick(f), 0);
  // Each key fault is its own bit, in scenario order.
  const keyFaults = faults.filter((f) => f.type === "signingKeyRemoved");
  const keysMissing = active.reduce(
    (mask, { f }) => (f.type === "signingKeyRemoved" ? mask | (1 << keyFaults.indexOf(f)) : mask),
    0,
  );
  return {
    keysMissing,
    ttl: lastTtl && lastTtl.f.type === "dnsTtlChange" ? lastTtl.f.ttl : SIZE.baseTtl,
    isWfeDown: [0, 1, 2].map((dc) => (down(dc, "wfe") ? 1 : 0)),
    wfeFailsFast: [0, 1, 2].map((dc) => (failsFast(dc) ? 1 : 0)),
    isBackEndDown: [0, 1, 2].map((dc) => (down(dc, "backEnd") ? 1 : 0)),
    identitySlowdown: CELLS.map((c) =>
      product((f) => (f.type === "identitySlowdown" && hits(f, c) ? f.factor : 1)),
    ),
    tokenErrorRate: CELLS.map((c) =>
      sum((f) => (f.type === "identityErrors" && f.endpoint !== "loginPage" && hits(f, c) ? f.errorRate : 0)),
    ),
    globalServiceSlowdown: product((f) => (f.type === "globalServiceSlowdown" ? f.factor : 1)),
    spike01: sum((f) =>
      f.type === "latencySpike" &&
      f.between.includes(0) &&
      f.between.includes(1) &&
      f.between[0] !== f.between[1]
        ? f.extra
        : 0,
    ),
  };
}

describe("fault composition", () => {
  it("matches the faults active at every event time, and returns exactly to the base", () => {
    fc.assert(
      fc.property(fc.array(faultArb, { minLength: 1, maxLength: 8 }), fc.integer(), (faults, shuffleSeed) => {
        const isActive = new Uint8Array(faults.length);
        const startedAt = new Float64Array(faults.length);
        const events = faults.flatMap((f, i) => [
          { t: f.start, i, isStart: true },
          { t: f.end, i, isStart: false },
        ]);
        // Same-time events in an arbitrary (seeded) order: the result may not depend on it.
        let x = shuffleSeed | 0;
        const key = events.map(() => (x = (Math.imul(x, 1103515245) + 12345) | 0));
        const order = events.map((_, k) => k).sort((a, b) => events[a].t - events[b].t || key[a] - key[b]);
        for (let n = 0; n < order.length; n++) {
          const e = events[order[n]];
          isActive[e.i] = e.isStart ? 1 : 0;
          if (e.isStart) startedAt[e.i] = e.t;
          const nextT = n + 1 < order.length ? events[order[n + 1]].t : Number.POSITIVE_INFINITY;
          if (nextT === e.t) continue; // read the state once all events at t have played
          const s = composeFaults(faults, isActive, startedAt, SIZE);
          const want = reference(faults, e.t);
          expect(s.ttl).toBe(want.ttl);
          expect(s.signingKeysMissing).toBe(want.keysMissing);
          expect([...s.isWfeDown]).toEqual(want.isWfeDown);
          expect([...s.wfeFailsFast]).toEqual(want.wfeFailsFast);
          expect([...s.isBackEndDown]).toEqual(want.isBackEndDown);
          for (const c of CELLS) {
            expect(s.identitySlowdown[c]).toBeCloseTo(want.identitySlowdown[c], 12);
            expect(s.tokenErrorRate[c]).toBeCloseTo(want.tokenErrorRate[c], 12);
          }
          expect(s.globalServiceSlowdown).toBeCloseTo(want.globalServiceSlowdown, 12);
          expect(s.spike[0 * 3 + 1]).toBeCloseTo(want.spike01, 12);
          expect(s.spike[1 * 3 + 0]).toBe(s.spike[0 * 3 + 1]);
        }
        const end = composeFaults(faults, isActive, startedAt, SIZE);
        expect(end.ttl).toBe(SIZE.baseTtl);
        expect(end.signingKeysMissing).toBe(0);
        expect(end.globalServiceSlowdown).toBe(1);
        expect([...end.identitySlowdown]).toEqual([1, 1, 1, 1]);
        expect([...end.loginErrorRate, ...end.tokenErrorRate].every((v) => v === 0)).toBe(true);
        expect(end.spike.every((v) => v === 0)).toBe(true);
        expect([...end.isWfeDown, ...end.isBackEndDown].every((v) => v === 0)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("the issue's case: TTL A [1, 10) min = 10 s and B [5, 20) min = 5 s read 5 s at 12 min and 30 s after both", () => {
    const faults: ResolvedFault[] = [
      { type: "dnsTtlChange", start: 60, end: 600, ttl: 10 },
      { type: "dnsTtlChange", start: 300, end: 1200, ttl: 5 },
    ];
    const isActive = new Uint8Array(2);
    const startedAt = new Float64Array(2);
    const at = () => composeFaults(faults, isActive, startedAt, SIZE).ttl;
    isActive[0] = 1;
    startedAt[0] = 60;
    expect(at()).toBe(10);
    isActive[1] = 1;
    startedAt[1] = 300;
    expect(at()).toBe(5);
    isActive[0] = 0; // 10 min
    expect(at()).toBe(5);
    isActive[1] = 0; // 20 min
    expect(at()).toBe(30);
  });
});
