/**
 * Checks a DistributionSpec for values no sampler can honour (negative sd, probabilities out of
 * order, weights summing to zero, ...) and says what is wrong in words, so the scenario layer can
 * report every problem at once instead of the run producing NaN. `makeSampler` runs it too.
 */
import type { DistributionSpec } from "./distribution-spec.ts";

/**
 * How far above the mean (in sds) a normal may be truncated: at 3 sd about 1 draw in 740 is
 * kept, so the redraw loop stays bounded; beyond that it is almost certainly a mistake.
 */
export const MAX_NORMAL_TRUNCATION_SDS = 3;

/** Human-readable problems with `spec`; empty when it is valid. */
export function validateDistributionSpec(spec: DistributionSpec): string[] {
  const problems: string[] = [];
  collect(spec, "", problems);
  return problems;
}

function collect(spec: DistributionSpec, where: string, problems: string[]): void {
  const add = (message: string): void => {
    problems.push(`${where}${spec.kind}: ${message}`);
  };
  const finite = (name: string, value: number): boolean => {
    if (Number.isFinite(value)) return true;
    add(`${name} must be a finite number (got ${value})`);
    return false;
  };
  const positive = (name: string, value: number): void => {
    if (finite(name, value) && value <= 0) add(`${name} must be > 0 (got ${value})`);
  };
  const nonNegative = (name: string, value: number): void => {
    if (finite(name, value) && value < 0) add(`${name} must be >= 0 (got ${value})`);
  };

  switch (spec.kind) {
    case "constant":
      finite("value", spec.value);
      return;
    case "uniform":
      if (finite("min", spec.min) && finite("max", spec.max) && spec.min > spec.max) {
        add(`min (${spec.min}) must not exceed max (${spec.max})`);
      }
      return;
    case "exponential":
      positive("mean", spec.mean);
      return;
    case "normal": {
      const ok = finite("mean", spec.mean);
      nonNegative("sd", spec.sd);
      if (spec.min !== undefined && finite("min", spec.min) && ok && spec.sd >= 0) {
        const highest = spec.mean + MAX_NORMAL_TRUNCATION_SDS * spec.sd;
        if (spec.min > highest) {
          add(
            `min (${spec.min}) is more than ${MAX_NORMAL_TRUNCATION_SDS} sd above the mean ` +
              `(${spec.mean} + ${MAX_NORMAL_TRUNCATION_SDS} x ${spec.sd}); almost every draw would be rejected`,
          );
        }
      }
      return;
    }
    case "lognormal":
      finite("mu", spec.mu);
      nonNegative("sigma", spec.sigma);
      return;
    case "gamma":
      positive("shape", spec.shape);
      positive("scale", spec.scale);
      return;
    case "erlang":
      if (!(Number.isInteger(spec.k) && spec.k >= 1)) add(`k must be a whole number >= 1 (got ${spec.k})`);
      positive("mean", spec.mean);
      return;
    case "pareto":
      positive("scale", spec.scale);
      positive("shape", spec.shape);
      return;
    case "empirical":
      collectEmpirical(spec.points, add);
      return;
    case "mixture":
      collectMixture(spec.components, where, add, problems);
      return;
    default: {
      // Specs come from parsed text, so guard at run time too, not only in the type system.
      const kind: string = (spec as { kind: unknown }).kind as string;
      problems.push(`${where}unknown distribution kind "${kind}"`);
    }
  }
}

function collectEmpirical(
  points: ReadonlyArray<readonly [number, number]>,
  add: (message: string) => void,
): void {
  if (points.length === 0) {
    add("needs at least one (probability, value) point");
    return;
  }
  for (let i = 0; i < points.length; i++) {
    const [p, v] = points[i];
    if (!(Number.isFinite(p) && p >= 0 && p <= 1))
      add(`point ${i + 1}: probability ${p} is not within [0, 1]`);
    if (!Number.isFinite(v)) add(`point ${i + 1}: value ${v} is not a finite number`);
    if (i === 0) continue;
    const [prevP, prevV] = points[i - 1];
    if (!(p > prevP)) add(`point ${i + 1}: probabilities must strictly increase (${prevP} then ${p})`);
    if (v < prevV) add(`point ${i + 1}: values must not decrease (${prevV} then ${v})`);
  }
}

function collectMixture(
  components: ReadonlyArray<{ readonly weight: number; readonly dist: DistributionSpec }>,
  where: string,
  add: (message: string) => void,
  problems: string[],
): void {
  if (components.length === 0) {
    add("needs at least one component");
    return;
  }
  let total = 0;
  for (let i = 0; i < components.length; i++) {
    const { weight, dist } = components[i];
    if (!(Number.isFinite(weight) && weight >= 0)) {
      add(`component ${i + 1}: weight must be a finite number >= 0 (got ${weight})`);
    } else {
      total += weight;
    }
    collect(dist, `${where}mixture component ${i + 1}: `, problems);
  }
  if (total <= 0) add("weights must sum to more than zero");
}
