/**
 * Named, independent, reproducible random streams derived from one master seed.
 *
 * Every random draw in a run comes from a stream asked for by name at build time
 * (`streams.get("wfe.service")`). Each stream's seed depends only on (master seed, replication,
 * name), never on which other streams exist or the order they were asked for, so a scenario
 * variant that adds or drops a stream leaves every other stream's numbers unchanged (common
 * random numbers across variants).
 */
import seedrandom from "seedrandom";

/**
 * A uniform draw in (0, 1): never exactly 0 and never exactly 1, so `Math.log(u)` and
 * `Math.log(1 - u)` are both finite. Same call shape as `Math.random` (and d3-random's `.source`).
 */
export type RandomSource = () => number;

/** A master seed as written in a scenario or on the command line; 42 and "42" are the same seed. */
export type MasterSeed = string | number;

/** 2^-32: one step of the 32-bit grid. */
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

export class RandomStreams {
  /** The seed every stream of every replication is derived from. */
  readonly masterSeed: MasterSeed;
  /** Replication index; the streams built directly from the master seed are replication 0. */
  readonly replication: number;
  readonly #streams = new Map<string, RandomSource>();

  constructor(masterSeed: MasterSeed, replication = 0) {
    if (typeof masterSeed === "number" && !Number.isFinite(masterSeed)) {
      throw new RangeError(`master seed must be a finite number or a string (got ${masterSeed})`);
    }
    if (!Number.isSafeInteger(replication) || replication < 0) {
      throw new RangeError(`replication must be a non-negative integer (got ${replication})`);
    }
    this.masterSeed = masterSeed;
    this.replication = replication;
  }

  /**
   * The stream called `name`; the same name always returns the same stream object, so two
   * components that share a name share (and interleave) one sequence. Call at build time: this
   * is a Map lookup, and the first call for a name seeds a generator (~µs).
   */
  get(name: string): RandomSource {
    let stream = this.#streams.get(name);
    if (stream === undefined) {
      if (name.length === 0) throw new RangeError("random stream name must not be empty");
      stream = makeStream(streamSeed(this.masterSeed, this.replication, name));
      this.#streams.set(name, stream);
    }
    return stream;
  }

  /**
   * Fresh streams for replication `i` of the same master seed (not nested: calling this on a
   * replication's streams gives replication `i` of the master seed). Replication 0 reproduces
   * the numbers of `new RandomStreams(masterSeed)` from their start.
   */
  forReplication(i: number): RandomStreams {
    return new RandomStreams(this.masterSeed, i);
  }
}

/**
 * The seed string of one stream. JSON keeps the three parts unambiguous (master "a/b" with name
 * "c" differs from master "a" with name "b/c"). xor4096 mixes every character of a string seed
 * into its 4096-bit state and then runs 512 warm-up steps, so it does the hashing itself; a
 * separate 32-bit hash first would only throw seed entropy away.
 */
function streamSeed(master: MasterSeed, replication: number, name: string): string {
  return JSON.stringify([String(master), replication, name]);
}

/**
 * One xor4096 generator as a RandomSource.
 *
 * Why 32 bits and not `prng.double()` (bench/random.ts, Node 20, one candidate alone): the
 * 32-bit draw costs ~4 ns, the 53-bit double 8-15 ns (two generator steps). The 2^-32 grid is
 * fine for a simulator: -ln(u) stops at 22.9, so the ziggurat's exponential tail (7.7 - ln u)
 * stops at 30.6 means (mass beyond: 5e-14), and nothing here needs finer steps.
 *
 * PERF: seedrandom seeds the generator (its string mixing and 512 warm-up steps), and the steps
 * are taken here, on its state copied into an Int32Array: the same numbers as seedrandom's
 * `int32()` (test/engine/random/random-streams.test.ts compares them), without two closure calls
 * and the object-field state per draw. Measured in a whole model run, the generator and its
 * wrapper were 11% of the time (profiled without inlining) before this.
 *
 * The draw is the midpoint of a 2^-32 bucket, (k + 0.5) / 2^32, rather than seedrandom's
 * k / 2^32: no measurable extra cost, but the result lies in [2^-33, 1 - 2^-33], so it is never
 * 0 nor 1 and its mean is exactly 1/2.
 */
function makeStream(seed: string): RandomSource {
  const seeded = seedrandom.xor4096(seed, { state: true }).state();
  // X[0..127] is the xorshift state; X[W] the Weyl counter; X[I] the position.
  const x = new Int32Array(130);
  x.set(seeded.X);
  x[W] = seeded.w;
  x[I] = seeded.i;
  const source: RandomSource = () => (nextBits(x) + 0.5) * TWO_POW_MINUS_32;
  STATES.set(source, x);
  return source;
}

/** The generator state behind each stream this module made (see streamState). */
const STATES = new WeakMap<RandomSource, Int32Array>();

/**
 * The state of `source` when it is one of these streams, else undefined (any other source).
 * PERF: a sampler draws its 32 bits with nextBits(state), a plain function that V8 inlines,
 * instead of calling the stream: one sampler's code serves every stream, so the call of the
 * stream inside it sees many closures and V8 did not inline it (M/M/8 bench: about 7% more
 * events per CPU second this way).
 */
export function streamState(source: RandomSource): Int32Array | undefined {
  return STATES.get(source);
}

/**
 * One step of the stream with state `x`: its next 32 bits as an unsigned integer k, the stream's
 * draw being (k + 0.5) / 2^32. Brent's xor4096 step, exactly as seedrandom's XorGen.next.
 */
export function nextBits(x: Int32Array): number {
  const w = (x[W] + 0x61c88647) | 0;
  x[W] = w;
  let i = x[I];
  let v = x[(i + 34) & 127];
  i = (i + 1) & 127;
  let t = x[i];
  v ^= v << 13;
  t ^= t << 17;
  v ^= v >>> 15;
  t ^= t >>> 12;
  v ^= t;
  x[i] = v;
  x[I] = i;
  return ((v + (w ^ (w >>> 16))) | 0) >>> 0;
}

const W = 128;
const I = 129;
