/**
 * Turns a DistributionSpec into a sampler bound to one random stream, once, at build time:
 * `makeSampler(spec, streams.get("wfe.service"))`. Uniform, gamma/Erlang and Pareto come from
 * d3-random; the exponential, normal and log-normal from the ziggurat (ziggurat.ts says why: they
 * are the most drawn, and d3's cost 2-3 times as much); constant, empirical and mixture are
 * written here. Each sampler is a closure over precomputed numbers and allocates nothing per draw.
 */
import { randomGamma, randomPareto, randomPoisson, randomUniform } from "d3-random";
import type { DistributionSpec } from "./distribution-spec.ts";
import { nextBits, type RandomSource, streamState } from "./random-streams.ts";
import { validateDistributionSpec } from "./validate-distribution-spec.ts";
import { exponentialFromBits, normalFromBits, standardExponential, standardNormal } from "./ziggurat.ts";

/** One draw from a distribution per call, in the spec's unit (seconds for durations). */
export type Sampler = () => number;

/** A sampler for `spec` drawing from `source`; throws RangeError if the spec is invalid. */
export function makeSampler(spec: DistributionSpec, source: RandomSource): Sampler {
  const problems = validateDistributionSpec(spec);
  if (problems.length > 0) throw new RangeError(`invalid distribution: ${problems.join("; ")}`);
  return build(spec, source);
}

function build(spec: DistributionSpec, source: RandomSource): Sampler {
  switch (spec.kind) {
    case "constant": {
      const value = spec.value;
      return () => value;
    }
    case "uniform":
      return randomUniform.source(source)(spec.min, spec.max);
    case "exponential": {
      const mean = spec.mean;
      // PERF: from one of RandomStreams' streams, the bits come from nextBits (see streamState).
      const state = streamState(source);
      if (state !== undefined) return () => mean * exponentialFromBits(source, nextBits(state));
      return () => mean * standardExponential(source);
    }
    case "normal":
      return normalSampler(spec.mean, spec.sd, spec.min, source);
    case "lognormal": {
      const { mu, sigma } = spec;
      const state = streamState(source);
      if (state !== undefined)
        return () => Math.exp(mu + sigma * normalFromBits(source, nextBits(state) | 0));
      return () => Math.exp(mu + sigma * standardNormal(source));
    }
    case "gamma":
      // d3's randomGamma(k, theta) is shape k and scale theta (mean k theta), as in the spec.
      return randomGamma.source(source)(spec.shape, spec.scale);
    case "erlang":
      return randomGamma.source(source)(spec.k, spec.mean / spec.k);
    case "pareto": {
      // d3's randomPareto(alpha) is Pareto I with scale 1 (draws >= 1); stretch it to `scale`.
      const unit = randomPareto.source(source)(spec.shape);
      const scale = spec.scale;
      return () => scale * unit();
    }
    case "empirical":
      return empiricalSampler(spec.points, source);
    case "mixture":
      return mixtureSampler(spec.components, source);
  }
}

/** Normal, redrawn below `min` (the validator keeps min within 3 sd above the mean). */
function normalSampler(mean: number, sd: number, min: number | undefined, source: RandomSource): Sampler {
  const state = streamState(source);
  const draw =
    state !== undefined
      ? () => mean + sd * normalFromBits(source, nextBits(state) | 0)
      : () => mean + sd * standardNormal(source);
  if (min === undefined) return draw;
  return () => {
    let x = draw();
    while (x < min) x = draw();
    return x;
  };
}

/**
 * Inverse-CDF sampling from a table, with the implicit end points the spec describes: (0, first
 * value) before the first point and (1, last value) after the last, so both ends are flat.
 * PERF: parallel Float64Arrays and a binary search; the slope of each segment is precomputed.
 */
function empiricalSampler(points: ReadonlyArray<readonly [number, number]>, source: RandomSource): Sampler {
  const table: Array<readonly [number, number]> = [...points];
  const first = table[0];
  const last = table[table.length - 1];
  if (first[0] > 0) table.unshift([0, first[1]]);
  if (last[0] < 1) table.push([1, last[1]]);

  const n = table.length;
  const ps = new Float64Array(n);
  const vs = new Float64Array(n);
  const slopes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ps[i] = table[i][0];
    vs[i] = table[i][1];
  }
  for (let i = 0; i + 1 < n; i++) slopes[i] = (vs[i + 1] - vs[i]) / (ps[i + 1] - ps[i]);

  return () => {
    const u = source();
    // Invariant ps[lo] <= u < ps[hi]; holds at the start because ps[0] = 0, ps[n-1] = 1, u in (0, 1).
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (ps[mid] <= u) lo = mid;
      else hi = mid;
    }
    return vs[lo] + (u - ps[lo]) * slopes[lo];
  };
}

/**
 * Picks a component with one draw against precomputed cumulative weights, then draws from that
 * component's sampler (same source). Zero-weight components have an empty interval and are
 * never picked.
 */
function mixtureSampler(
  components: ReadonlyArray<{ readonly weight: number; readonly dist: DistributionSpec }>,
  source: RandomSource,
): Sampler {
  const samplers = components.map((c) => build(c.dist, source));
  const total = components.reduce((sum, c) => sum + c.weight, 0);
  const cumulative = new Float64Array(components.length);
  let running = 0;
  let lastPicked = 0;
  for (let i = 0; i < components.length; i++) {
    running += components[i].weight;
    cumulative[i] = running / total;
    if (components[i].weight > 0) lastPicked = i;
  }
  // Rounding may leave the sum a hair under 1; u < 1, so pinning this to 1 ends the scan here.
  for (let i = lastPicked; i < components.length; i++) cumulative[i] = 1;

  return () => {
    const u = source();
    let i = 0;
    while (u >= cumulative[i]) i++;
    return samplers[i]();
  };
}

/** One Poisson(mean) count drawn from `source` (d3-random's; for rare draws, it builds a closure). */
export function poissonCount(source: RandomSource, mean: number): number {
  return mean > 0 ? randomPoisson.source(source)(mean)() : 0;
}
