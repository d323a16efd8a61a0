/**
 * Micro-benchmark of draw cost: raw generators (why xor4096 with 32-bit output), the stream
 * source the engine hands out, and a few samplers. Numbers are for reading, never asserted.
 *
 *   node --import tsx bench/random.ts            all candidates in one process
 *   node --import tsx bench/random.ts xor4096    only candidates whose name contains "xor4096"
 *
 * Read both: one candidate alone keeps every call site monomorphic (the floor); in the full run
 * the generator and d3 call sites see many closures, as they do in a model with many streams,
 * and draws cost a few ns more.
 */
import { pathToFileURL } from "node:url";
import { randomExponential, randomNormal } from "d3-random";
import seedrandom from "seedrandom";
import { type DistributionSpec, makeSampler, RandomStreams } from "../src/engine/random/index.ts";

type Draw = () => number;
type Loop = (draw: Draw, n: number) => number;

const DRAWS = 20_000_000;

/**
 * A fresh copy of the timing loop per candidate.
 * PERF: a shared loop's call site would see every candidate and go megamorphic, measuring
 * dispatch instead of the draw; in the simulator each sampler's call site sees one closure.
 */
function freshLoop(): Loop {
  return new Function("draw", "n", "let s = 0; for (let i = 0; i < n; i++) s += draw(); return s;") as Loop;
}

function nsPerDraw(draw: Draw): number {
  const loop = freshLoop();
  loop(draw, DRAWS / 10); // warm-up, lets the optimiser settle on this candidate
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = process.hrtime.bigint();
    const sink = loop(draw, DRAWS);
    const ns = Number(process.hrtime.bigint() - start) / DRAWS;
    if (Number.isNaN(sink)) throw new Error("NaN draw"); // keeps the sum alive
    best = Math.min(best, ns);
  }
  return best;
}

/** Candidates as factories, so a filtered run creates (and warms) nothing else. */
function candidates(): Array<[string, () => Draw]> {
  const streams = new RandomStreams("bench");
  const spec =
    (s: DistributionSpec, name: string): (() => Draw) =>
    () =>
      makeSampler(s, streams.get(name));
  return [
    ["seedrandom ARC4 (default)", () => seedrandom("bench")],
    ["xor4096 prng() 32-bit", () => seedrandom.xor4096("bench")],
    ["xor4096 prng.double() 53-bit", () => seedrandom.xor4096("bench").double],
    ["RandomStreams source (32-bit midpoint)", () => streams.get("u")],
    ["exponential (ziggurat)", spec({ kind: "exponential", mean: 1 }, "exp")],
    ["exponential (d3, for comparison)", () => randomExponential.source(streams.get("d3exp"))(1)],
    ["normal (ziggurat)", spec({ kind: "normal", mean: 0, sd: 1 }, "norm")],
    ["normal (d3, for comparison)", () => randomNormal.source(streams.get("d3norm"))(0, 1)],
    ["lognormal (ziggurat)", spec({ kind: "lognormal", mu: 0, sigma: 1 }, "ln")],
    ["gamma shape 2.5 (d3)", spec({ kind: "gamma", shape: 2.5, scale: 1 }, "gamma")],
    [
      "empirical, 8 points",
      spec(
        { kind: "empirical", points: [0, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1].map((p, i) => [p, i] as const) },
        "emp",
      ),
    ],
    [
      "mixture of 3",
      spec(
        {
          kind: "mixture",
          components: [
            { weight: 8, dist: { kind: "exponential", mean: 1 } },
            { weight: 1, dist: { kind: "constant", value: 5 } },
            { weight: 1, dist: { kind: "uniform", min: 0, max: 2 } },
          ],
        },
        "mix",
      ),
    ],
  ];
}

/** One line per candidate whose name contains `filter`: name and best-of-3 ns per draw. */
export function benchRandom(filter = ""): string[] {
  return candidates()
    .filter(([name]) => name.includes(filter))
    .map(([name, make]) => `${name.padEnd(40)} ${nsPerDraw(make()).toFixed(1).padStart(6)} ns/draw`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const line of benchRandom(process.argv[2])) console.log(line);
}
