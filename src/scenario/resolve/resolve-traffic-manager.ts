/**
 * Traffic Manager endpoints and the checks each routing method needs: at least one enabled
 * endpoint; unique datacenters; unique explicit priorities (priority); weights that do not sum
 * to zero (weighted); geos on some endpoint and each geo on one endpoint only (geographic).
 * Unmapped user bases under geographic routing are legal (Traffic Manager answers nothing) and
 * reported as warnings.
 */
import type { RawProblem } from "../load/problem.ts";
import type { ResolvedEndpoint, ResolvedTrafficManager } from "../resolved/resolved-scenario.ts";
import type { ParsedScenario } from "../schema/scenario-schema.ts";
import type { RegionCatalogue } from "./resolve-geography.ts";

export function resolveTrafficManager(
  parsed: ParsedScenario,
  catalogue: RegionCatalogue,
  problems: RawProblem[],
  warnings: RawProblem[],
): ResolvedTrafficManager {
  const tm = parsed.trafficManager;
  const dcIndex = new Map(parsed.datacenters.map((d, i) => [d.name, i]));
  const base = ["trafficManager", "endpoints"];
  const written =
    tm.endpoints ??
    parsed.datacenters.map((d) => ({
      datacenter: d.name,
      enabled: true,
      weight: 1,
      priority: undefined,
      geos: [],
    }));
  const endpoints: ResolvedEndpoint[] = written.map((e, i) => ({
    datacenterIndex: dcIndex.get(e.datacenter) ?? -1,
    enabled: e.enabled,
    weight: e.weight,
    priority: e.priority ?? i + 1,
    geos: e.geos,
  }));

  if (endpoints.length === 0 || endpoints.every((e) => !e.enabled)) {
    problems.push({
      path: tm.endpoints ? base : ["trafficManager"],
      expected: "at least one enabled endpoint",
      found: "none",
    });
  }
  const seenDc = new Set<string>();
  written.forEach((e, i) => {
    if (seenDc.has(e.datacenter))
      problems.push({
        path: [...base, i, "datacenter"],
        expected: "each datacenter once",
        found: `"${e.datacenter}" again`,
      });
    seenDc.add(e.datacenter);
  });

  if (tm.routing === "priority") {
    const seen = new Map<number, number>();
    written.forEach((e, i) => {
      if (e.priority === undefined) return;
      if (seen.has(e.priority))
        problems.push({
          path: [...base, i, "priority"],
          expected: "a priority no other endpoint has",
          found: String(e.priority),
        });
      seen.set(e.priority, i);
    });
  }
  if (
    tm.routing === "weighted" &&
    endpoints.filter((e) => e.enabled).reduce((s, e) => s + e.weight, 0) === 0
  ) {
    problems.push({
      path: tm.endpoints ? base : ["trafficManager", "routing"],
      expected: "endpoint weights that sum to more than zero",
      found: "a sum of 0",
    });
  }

  const geographicEndpoint = parsed.userBases.map(() => -1);
  if (tm.routing === "geographic") {
    if (!written.some((e) => e.geos.length > 0)) {
      problems.push({
        path: tm.endpoints ? base : ["trafficManager", "routing"],
        expected: "geographic routing needs endpoints with geos (user bases, regions or world)",
        found: tm.endpoints ? "no endpoint with geos" : "no endpoints listed",
      });
    }
    const owner = new Map<string, number>();
    written.forEach((e, i) => {
      e.geos.forEach((g, j) => {
        const key = g.toLowerCase() === "world" ? "world" : g;
        if (owner.has(key))
          problems.push({
            path: [...base, i, "geos", j],
            expected: "each geo on one endpoint only",
            found: `"${g}", also on endpoint ${owner.get(key)}`,
          });
        else owner.set(key, i);
      });
    });
    const regionOwner = new Map<string, number>();
    for (const [g, i] of owner) if (g !== "world") regionOwner.set(catalogue.canonical(g), i);
    parsed.userBases.forEach((ub, u) => {
      const e =
        owner.get(ub.name) ?? regionOwner.get(catalogue.canonical(ub.region)) ?? owner.get("world") ?? -1;
      geographicEndpoint[u] = e;
      if (e === -1)
        warnings.push({
          path: ["userBases", u, "name"],
          expected: "a geo mapping (Traffic Manager will give these users no answer)",
          found: "none",
        });
    });
  }

  return { routing: tm.routing, ttl: tm.ttl, probe: tm.probe, endpoints, geographicEndpoint };
}
