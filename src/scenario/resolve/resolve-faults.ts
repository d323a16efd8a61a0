/** Faults -> times in seconds (open ends closed at the run's end) and indices. */
import type { RawProblem } from "../load/problem.ts";
import type { ResolvedFault } from "../resolved/resolved-fault.ts";
import type { ParsedScenario } from "../schema/scenario-schema.ts";
import type { RegionCatalogue } from "./resolve-geography.ts";

export function resolveFaults(
  parsed: ParsedScenario,
  catalogue: RegionCatalogue,
  identityRegionIndices: readonly number[],
  scaleUnits: readonly string[],
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
  return parsed.faults.map((f, i): ResolvedFault => {
    const end = Math.min(runEnd, f.end ?? (f.duration !== undefined ? f.start + f.duration : runEnd));
    if (f.start >= runEnd)
      warnings.push({
        path: ["faults", i, "start"],
        expected: "a start within the run (this fault never happens)",
        found: `${f.start}s`,
      });
    const timing = { start: f.start, end };
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
      default:
        return f satisfies never;
    }
  });
}
