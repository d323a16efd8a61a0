/**
 * Property: for random piecewise-constant signals, BinnedLevel's per-bin means weighted by each
 * bin's observed width add up to TimeWeighted's integral (within 1e-9 relative), whatever the
 * bin width, start and number of changes per bin.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BinnedLevel } from "../../../src/engine/stats/time-series.ts";
import { TimeWeighted } from "../../../src/engine/stats/time-weighted.ts";

const stepArb = fc.record({
  gap: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true })),
  value: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.double({ min: -100, max: 1e4, noNaN: true })),
});

describe("BinnedLevel vs TimeWeighted", () => {
  it("per-bin means × observed widths sum to the time-weighted integral", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: -100, max: 1e4, noNaN: true }),
        fc.array(stepArb, { maxLength: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (start, binWidth, initial, steps, tail) => {
          // The horizon covers every step, so both observers see the same signal.
          const span = steps.reduce((t, s) => t + s.gap, 0) + tail * binWidth + 1e-3;
          const level = new BinnedLevel({ start, end: start + span, binWidth }, initial);
          const reference = new TimeWeighted(start, initial);
          let now = start;
          for (const s of steps) {
            now += s.gap;
            level.update(now, s.value);
            reference.update(now, s.value);
          }
          const end = Math.min(now + tail * binWidth, level.end);
          level.finish(end);
          let total = 0;
          let scale = 0;
          for (let i = 0; i < level.binCount; i++) {
            const w = level.observedWidth(i);
            if (w > 0) {
              total += level.mean(i) * w;
              scale += Math.abs(level.integral(i));
            }
          }
          const expected = reference.integral(end);
          // Relative to the magnitude of the pieces, so signals integrating to ~0 are fair too.
          expect(Math.abs(total - expected)).toBeLessThanOrEqual(
            1e-9 * Math.max(scale, Math.abs(expected), 1e-300),
          );
        },
      ),
      { numRuns: 300, seed: 20_240_601 },
    );
  });
});
