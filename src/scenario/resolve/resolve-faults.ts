/**
 * Faults -> times in seconds (open ends closed at the run's end) and indices. A start or duration
 * drawn per replication becomes a `draw` whose window lies inside the run (faults-timing.ts).
 */
import type { RawProblem } from "../load/problem.ts";
import type { FaultDraw, ResolvedFault } from "../resolved/resolved-fault.ts";
import type { FaultTimeInput } from "../schema/faults-timing.ts";
import { supportOf } from "../schema/faults-timing.ts";
import type { ParsedScenario } from "../schema/scenario-schema.ts";
import type { RegionCatalogue } from "./resolve-geography.ts";

/** Removed signing keys are bits of one mask per cache (model/services/signing-keys.ts). */
export const MAX_SIGNING_KEY_FAULTS = 31;

export function resolveFaults(
  parsed: ParsedScenario,
  catalogue: RegionCatalogue,
  identityRegionIndices: readonly number[],
  scaleUnits: readonly string[],
  tenants: readonly { readonly name: string }[],
  problems: RawProblem[],
  warnings: RawProblem[],
): ResolvedFault[] {
  const runEnd = parsed.simulation.duration;
  const dcIndex = new Map(parsed.datacenters.map((d, i) => [d.name, i]));
  const identityRegions = (regions: readonly string[] | undefined, i: number): number[] => {
    if (!regions) return identityRegionIndices.map((_, k) => k);
    return regions.map((r, j) => {
      const k = identityRegionIndices.indexOf(catalogue.indexOf(r));
      if (k === -1)
        problems.push({
          path: ["faults", i, "regions", j],
          expected: "one of the identity provider's regions",
          found: `"${r}"`,
        });
      return k;
    });
  };
  const scaleUnit = (unit: string | undefined, i: number): number => {
    if (unit === undefined) return -1;
    const u = scaleUnits.indexOf(unit);
    if (u === -1)
      problems.push({
        path: ["faults", i, "scaleUnit"],
        expected: `a scale unit some tenant names (${scaleUnits.map((n) => `"${n}"`).join(", ")})`,
        found: `"${unit}"`,
      });
    return u;
  };
  const tenantIndices = (names: readonly string[] | undefined, i: number): number[] => {
    if (!names) return tenants.map((_, k) => k);
    return names.map((n, j) => {
      const k = tenants.findIndex((t) => t.name === n);
      if (k === -1)
        problems.push({
          path: ["faults", i, "tenants", j],
          expected: `a tenant's name (${tenants.map((t) => `"${t.name}"`).join(", ")})`,
          found: `"${n}"`,
        });
      return k;
    });
  };
  let keyFaults = 0;
  return parsed.faults.map((f, i): ResolvedFault => {
    const timing = resolveTiming(f, i, runEnd, problems, warnings);
    switch (f.type) {
      case "datacenterOutage":
        return {
          ...timing,
          type: f.type,
          datacenterIndex: dcIndex.get(f.datacenter) ?? -1,
          component: f.component,
          failure: f.failure,
        };
      case "identitySlowdown":
        return {
          ...timing,
          type: f.type,
          identityRegions: identityRegions(f.regions, i),
          scaleUnitIndex: scaleUnit(f.scaleUnit, i),
          factor: f.factor,
        };
      case "identityErrors":
        return {
          ...timing,
          type: f.type,
          identityRegions: identityRegions(f.regions, i),
          scaleUnitIndex: scaleUnit(f.scaleUnit, i),
          errorRate: f.errorRate,
          endpoint: f.endpoint,
        };
      case "globalServiceSlowdown":
        return { ...timing, type: f.type, factor: f.factor };
      case "latencySpike":
        return {
          ...timing,
          type: f.type,
          between: [catalogue.indexOf(f.between[0]), catalogue.indexOf(f.between[1])],
          extra: f.extra,
        };
      case "dnsTtlChange":
        return { ...timing, type: f.type, ttl: f.ttl };
      case "signingKeyRemoved":
        // Each removed key is a bit of a 32-bit mask in the model (services/signing-keys.ts).
        if (++keyFaults > MAX_SIGNING_KEY_FAULTS)
          problems.push({
            path: ["faults", i],
            expected: `at most ${MAX_SIGNING_KEY_FAULTS} signingKeyRemoved faults`,
            found: `${keyFaults}`,
          });
        return {
          ...timing,
          type: f.type,
          tenantIndices: tenantIndices(f.tenants, i),
          invalidateCachesAfter: f.invalidateCachesAfter ?? null,
        };
      default:
        return f satisfies never;
    }
  });
}

type FaultTimes = { start: number; end: number; draw?: FaultDraw };

/** Fixed times as before; drawn ones as a draw whose window must lie inside the run. */
function resolveTiming(
  f: { start: FaultTimeInput; end?: number; duration?: FaultTimeInput },
  i: number,
  runEnd: number,
  problems: RawProblem[],
  warnings: RawProblem[],
): FaultTimes {
  const { start, duration } = f;
  if (start.kind === "fixed" && (duration?.kind !== "drawn" || start.value >= runEnd)) {
    const fixedEnd = f.end ?? (duration?.kind === "fixed" ? start.value + duration.value : runEnd);
    if (start.value >= runEnd)
      warnings.push({
        path: ["faults", i, "start"],
        expected: "a start within the run (this fault never happens)",
        found: `${start.value}s`,
      });
    return { start: start.value, end: Math.min(runEnd, fixedEnd) };
  }
  const window = startWindow(start, runEnd);
  if (window[0] >= runEnd || window[1] > runEnd) {
    problems.push({
      path: ["faults", i, "start"],
      expected: `a start drawn inside the run (0s to ${runEnd}s)`,
      found: `${window[0]}s to ${window[1]}s`,
    });
  }
  const inRun: [number, number] = [Math.min(window[0], runEnd), Math.min(window[1], runEnd)];
  const dist = duration?.kind === "drawn" ? duration.dist : null;
  const longest =
    duration === undefined ? 0 : duration.kind === "fixed" ? duration.value : durationRange(duration).max;
  const end = Math.min(runEnd, duration === undefined ? (f.end ?? runEnd) : inRun[1] + longest);
  const draw: FaultDraw = {
    start: start.kind === "fixed" ? { kind: "constant", value: start.value } : start.dist,
    window: inRun,
    duration: dist ?? (duration?.kind === "fixed" ? { kind: "constant", value: duration.value } : null),
    durationWindow: duration?.kind === "drawn" ? duration.window : null,
  };
  return { start: inRun[0], end, draw };
}

/**
 * Where a drawn start can fall [s]: its window, or a bare distribution's support cut at the
 * run's end (a log-normal start is kept inside the run, redrawn past it).
 */
function startWindow(start: FaultTimeInput, runEnd: number): [number, number] {
  if (start.kind === "fixed") return [start.value, start.value];
  if (start.window) return [start.window[0], start.window[1]];
  const s = supportOf(start.dist);
  const bounded = s.max !== Number.POSITIVE_INFINITY;
  return [s.min === Number.MIN_VALUE ? 0 : s.min, bounded ? s.max : runEnd];
}

function durationRange(d: FaultTimeInput & { kind: "drawn" }): { min: number; max: number } {
  const s = supportOf(d.dist);
  return d.window ? { min: Math.max(d.window[0], s.min), max: Math.min(d.window[1], s.max) } : s;
}
