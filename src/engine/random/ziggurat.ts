/**
 * Standard normal and standard exponential draws by the ziggurat method (Marsaglia and Tsang,
 * "The Ziggurat Method for Generating Random Variables", J. Stat. Software 5(8), 2000), with
 * Doornik's correction ("An Improved Ziggurat Method...", 2005): the layer index and the value
 * come from different bits of the draw, so they are independent.
 *
 * Why not d3-random here (measured, bench/random.ts, Node 20): d3's normal (Marsaglia polar)
 * costs about 56 ns a draw and allocates a heap number on every call (it caches the second
 * variate in a closure variable that alternates between a number and null); its exponential is
 * -log1p(-u), about 36 ns, almost all of it log1p. The normal and log-normal are the model's most
 * drawn distributions (network jitter on every back-end call, service times), and d3's normal
 * alone was 18% of a whole model run. A ziggurat draw is one 32-bit draw, one table compare and
 * one multiply about 99% of the time. @stdlib/random-base-improved-ziggurat exists but keeps its
 * own Mersenne Twister for the layer index and measured 34 ns a draw.
 *
 * How a draw works: the density is covered by equal-area layers (128 for the normal, 256 for the
 * exponential), each a rectangle [0, x_i) plus, for the bottom one, the tail beyond x_last. One
 * 32-bit draw picks a layer (low bits) and a point across it (the other bits, taken as the
 * midpoint of their 2^-24 step, so it is never 0). A point left of the next layer's edge lies
 * under the curve and is returned at once; otherwise the exact test against the density decides,
 * or the tail algorithm runs. The result has exactly the target distribution up to the 2^-24 grid
 * across a layer (about 2e-7 of the layer's width).
 *
 * A source gives (k + 0.5) / 2^32 for a 32-bit k (random-streams.ts), so `u × 2^32` recovers k
 * exactly; any other source in (0, 1) works too, with its own resolution.
 */
import type { RandomSource } from "./random-streams.ts";

/** 2^32: turns a draw in (0, 1) back into its 32 bits. */
const TWO_POW_32 = 4294967296;
/** Values across a layer are 24-bit (exponential) or 24-bit plus a sign (normal). */
const VALUE_SCALE = 2 ** 24;

// Normal: 128 layers. R is where the tail starts, V each layer's area (Marsaglia and Tsang).
const NORMAL_LAYER_MASK = 127;
const NORMAL_R = 3.442619855899;
const NORMAL_V = 9.91256303526217e-3;
const {
  bound: normalBound,
  step: normalStep,
  density: normalDensity,
} = buildTables(
  128,
  NORMAL_R,
  NORMAL_V,
  (x) => Math.exp(-0.5 * x * x),
  (y) => Math.sqrt(-2 * Math.log(y)),
);

// Exponential: 256 layers.
const EXPONENTIAL_LAYER_MASK = 255;
const EXPONENTIAL_R = 7.697117470131487;
const EXPONENTIAL_V = 3.949659822581572e-3;
const {
  bound: exponentialBound,
  step: exponentialStep,
  density: exponentialDensity,
} = buildTables(
  256,
  EXPONENTIAL_R,
  EXPONENTIAL_V,
  (x) => Math.exp(-x),
  (y) => -Math.log(y),
);

/** One draw from N(0, 1). */
export function standardNormal(source: RandomSource): number {
  return normalFromBits(source, (source() * TWO_POW_32) | 0);
}

/** One draw from the exponential distribution with mean 1. */
export function standardExponential(source: RandomSource): number {
  return exponentialFromBits(source, (source() * TWO_POW_32) >>> 0);
}

/**
 * `standardNormal` given the 32 bits of the source's next draw (as a signed integer), already
 * taken: the same draw, for a caller that steps the stream itself (sampler.ts says why).
 */
export function normalFromBits(source: RandomSource, bits: number): number {
  const layer = bits & NORMAL_LAYER_MASK;
  // The top 25 bits, signed: a step in (-2^24, 2^24), symmetric about 0.
  const value = (bits >> 7) + 0.5;
  if (Math.abs(value) < normalBound[layer]) return value * normalStep[layer];
  return normalSlowPath(source, value, layer);
}

/** `standardExponential` given the 32 bits of the source's next draw (unsigned), already taken. */
export function exponentialFromBits(source: RandomSource, bits: number): number {
  const layer = bits & EXPONENTIAL_LAYER_MASK;
  const value = (bits >>> 8) + 0.5;
  if (value < exponentialBound[layer]) return value * exponentialStep[layer];
  return exponentialSlowPath(source, value, layer);
}

/** The ~1.2% of normal draws that fall outside the part of a layer surely under the curve. */
function normalSlowPath(source: RandomSource, firstValue: number, firstLayer: number): number {
  let value = firstValue;
  let layer = firstLayer;
  for (;;) {
    if (layer === 0) {
      // The tail beyond R (Marsaglia 1964): x = -ln(u1) / R, accepted when -2 ln(u2) > x^2.
      let x: number;
      let y: number;
      do {
        x = -Math.log(source()) / NORMAL_R;
        y = -Math.log(source());
      } while (y + y < x * x);
      return value > 0 ? NORMAL_R + x : -NORMAL_R - x;
    }
    const x = value * normalStep[layer];
    const top = normalDensity[layer - 1];
    const bottom = normalDensity[layer];
    if (bottom + source() * (top - bottom) < Math.exp(-0.5 * x * x)) return x;
    const bits = (source() * TWO_POW_32) | 0;
    layer = bits & NORMAL_LAYER_MASK;
    value = (bits >> 7) + 0.5;
    if (Math.abs(value) < normalBound[layer]) return value * normalStep[layer];
  }
}

/** The ~1.1% of exponential draws outside the sure part of their layer. */
function exponentialSlowPath(source: RandomSource, firstValue: number, firstLayer: number): number {
  let value = firstValue;
  let layer = firstLayer;
  for (;;) {
    // The tail beyond R is R plus a fresh exponential (memorylessness).
    if (layer === 0) return EXPONENTIAL_R - Math.log(source());
    const x = value * exponentialStep[layer];
    const top = exponentialDensity[layer - 1];
    const bottom = exponentialDensity[layer];
    if (bottom + source() * (top - bottom) < Math.exp(-x)) return x;
    const bits = (source() * TWO_POW_32) >>> 0;
    layer = bits & EXPONENTIAL_LAYER_MASK;
    value = (bits >>> 8) + 0.5;
    if (value < exponentialBound[layer]) return value * exponentialStep[layer];
  }
}

/**
 * Marsaglia and Tsang's `zigset` for a decreasing density f (unnormalised, f(0) = 1) with inverse
 * `inverse`: layer edges x_i from the tail inwards, each layer of area `area`. Layer 0 is the base
 * strip, of width area / f(tailStart), which includes the tail. Per layer: the accept-at-once
 * bound (scaled to VALUE_SCALE), the value step, and the density at its edge.
 */
function buildTables(
  layers: number,
  tailStart: number,
  area: number,
  f: (x: number) => number,
  inverse: (y: number) => number,
): { bound: Float64Array; step: Float64Array; density: Float64Array } {
  const bound = new Float64Array(layers);
  const step = new Float64Array(layers);
  const density = new Float64Array(layers);
  const top = layers - 1;
  let edge = tailStart;
  let outer = edge;
  const baseWidth = area / f(edge);
  bound[0] = (edge / baseWidth) * VALUE_SCALE;
  bound[1] = 0;
  step[0] = baseWidth / VALUE_SCALE;
  step[top] = edge / VALUE_SCALE;
  density[0] = 1;
  density[top] = f(edge);
  for (let i = top - 1; i >= 1; i--) {
    edge = inverse(area / edge + f(edge));
    bound[i + 1] = (edge / outer) * VALUE_SCALE;
    outer = edge;
    density[i] = f(edge);
    step[i] = edge / VALUE_SCALE;
  }
  return { bound, step, density };
}
