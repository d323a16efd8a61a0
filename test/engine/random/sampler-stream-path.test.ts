/**
 * The samplers' stream path: on a RandomStreams stream, the exponential, normal and log-normal
 * samplers step the generator state themselves (nextBits, see streamState) instead of calling the
 * stream. Given: two RandomStreams with the same seed, one stream used directly and the same
 * stream hidden behind a plain wrapper (any other source takes the general path). Then: every
 * draw is the same number, exactly, including the ziggurat's slow paths and tails (10^5 draws
 * each, about 1,100 of them slow), and the state the two paths leave behind is the same.
 */
import { describe, expect, it } from "vitest";
import { type DistributionSpec, makeSampler, RandomStreams } from "../../../src/engine/random/index.ts";
import { nextBits, streamState } from "../../../src/engine/random/random-streams.ts";

const N = 100_000;

const specs: ReadonlyArray<readonly [string, DistributionSpec]> = [
  ["exponential", { kind: "exponential", mean: 0.25 }],
  ["normal", { kind: "normal", mean: 3, sd: 2 }],
  ["normal with a minimum", { kind: "normal", mean: 1, sd: 1, min: 0.5 }],
  ["lognormal", { kind: "lognormal", mu: -1, sigma: 0.7 }],
];

describe("samplers on a stream step its state themselves, with the same draws", () => {
  for (const [name, spec] of specs) {
    it(name, () => {
      const direct = new RandomStreams("stream-path").get(name);
      const hidden = new RandomStreams("stream-path").get(name);
      const wrapped = () => hidden();
      expect(streamState(direct)).toBeInstanceOf(Int32Array);
      expect(streamState(wrapped)).toBeUndefined();
      const fast = makeSampler(spec, direct);
      const general = makeSampler(spec, wrapped);
      for (let i = 0; i < N; i++) {
        const a = fast();
        const b = general();
        if (a !== b) expect(`draw ${i}: ${a}`).toBe(`draw ${i}: ${b}`);
      }
      // Both paths consumed the same draws: the streams go on alike.
      expect(direct()).toBe(hidden());
    });
  }

  it("nextBits is the stream's draw as 32 bits: (bits + 0.5) / 2^32", () => {
    const a = new RandomStreams(7).get("bits");
    const b = new RandomStreams(7).get("bits");
    const state = streamState(a);
    if (state === undefined) throw new Error("a stream has a state");
    for (let i = 0; i < 1_000; i++) {
      const bits = nextBits(state);
      expect(bits).toBeGreaterThanOrEqual(0);
      expect(bits).toBeLessThan(2 ** 32);
      expect((bits + 0.5) / 2 ** 32).toBe(b());
    }
  });
});
