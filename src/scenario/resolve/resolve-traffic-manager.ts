/**
 * Traffic Manager endpoints and the checks each routing method needs: at least one enabled
 * endpoint; unique datacenters; unique explicit priorities (priority); weights that do not sum
 * to zero (weighted); geos on some endpoint and each geo on one endpoint only (geographic).
 * Unmapped user bases under geographic routing are legal (Traffic Manager answers nothing) and
 * reported as warnings.
 */
import type { RawProblem } from "../load/problem.ts";
import type {
  ResolvedChildProfile,
  ResolvedEndpoint,
  ResolvedTrafficManager,
} from "../resolved/resolved-scenario.ts";
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
  const dcRegion = parsed.datacenters.map((d) => catalogue.indexOf(d.region));
  const base = ["trafficManager", "endpoints"];
  const written =
    tm.endpoints ??
    parsed.datacenters.map((d) => ({
      datacenter: d.name as string | undefined,
      profile: undefined as string | undefined,
      minChildEndpoints: 1,
      location: undefined as string | undefined,
      enabled: true,
      weight: 1,
      priority: undefined,
      geos: [],
    }));
  const leaf = (
    e: { datacenter: string; enabled: boolean; weight: number; priority?: number },
    i: number,
  ) => {
    const dc = dcIndex.get(e.datacenter) ?? -1;
    return {
      datacenterIndex: dc,
      childProfileIndex: -1,
      minChildEndpoints: 1,
      locationRegionIndex: dc >= 0 ? dcRegion[dc] : -1,
      enabled: e.enabled,
      weight: e.weight,
      priority: e.priority ?? i + 1,
      geos: [] as string[],
    };
  };
  const profiles: ResolvedChildProfile[] = tm.profiles.map((p) => ({
    name: p.name,
    routing: p.routing,
    endpoints: p.endpoints.map(leaf),
  }));
  const profileIndex = new Map(tm.profiles.map((p, i) => [p.name, i]));
  const endpoints: ResolvedEndpoint[] = written.map((e, i) => {
    if (e.profile === undefined)
      return { ...leaf({ ...e, datacenter: e.datacenter ?? "" }, i), geos: e.geos };
    const child = profileIndex.get(e.profile) ?? -1;
    const first = child >= 0 ? profiles[child].endpoints[0] : undefined;
    return {
      datacenterIndex: -1,
      childProfileIndex: child,
      minChildEndpoints: e.minChildEndpoints,
      locationRegionIndex: e.location ? catalogue.indexOf(e.location) : (first?.locationRegionIndex ?? -1),
      enabled: e.enabled,
      weight: e.weight,
      priority: e.priority ?? i + 1,
      geos: e.geos,
    };
  });

  if (endpoints.length === 0 || endpoints.every((e) => !e.enabled)) {
    problems.push({
      path: tm.endpoints ? base : ["trafficManager"],
      expected: "at least one enabled endpoint",
      found: "none",
    });
  }
  checkNesting(tm, written, problems, warnings);
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

  return { routing: tm.routing, ttl: tm.ttl, probe: tm.probe, endpoints, profiles, geographicEndpoint };
}

type WrittenEndpoint = { datacenter?: string; profile?: string; minChildEndpoints: number };

/**
 * Each endpoint is a datacenter or a child profile, not both; a profile stands behind one nested
 * endpoint, every profile is used, and each datacenter appears once in the whole tree (Traffic
 * Manager would probe it once per profile; one monitor per datacenter keeps the model simple).
 * A MinChildEndpoints above the child's endpoint count can never be met: a warning.
 */
function checkNesting(
  tm: ParsedScenario["trafficManager"],
  written: readonly WrittenEndpoint[],
  problems: RawProblem[],
  warnings: RawProblem[],
): void {
  const base = ["trafficManager", "endpoints"];
  const seenDc = new Set<string>();
  const dc = (name: string, path: (string | number)[]) => {
    if (seenDc.has(name)) problems.push({ path, expected: "each datacenter once", found: `"${name}" again` });
    seenDc.add(name);
  };
  const used = new Set<string>();
  written.forEach((e, i) => {
    if ((e.datacenter === undefined) === (e.profile === undefined)) {
      problems.push({
        path: [...base, i],
        expected: "either datacenter or profile (a nested endpoint)",
        found: e.datacenter === undefined ? "neither" : "both",
      });
      return;
    }
    if (e.datacenter !== undefined) {
      dc(e.datacenter, [...base, i, "datacenter"]);
      return;
    }
    const name = e.profile as string;
    const child = tm.profiles.find((p) => p.name === name);
    if (!child) {
      problems.push({
        path: [...base, i, "profile"],
        expected: `a child profile's name (${tm.profiles.map((p) => `"${p.name}"`).join(", ") || "none in trafficManager.profiles"})`,
        found: `"${name}"`,
      });
      return;
    }
    if (used.has(name))
      problems.push({
        path: [...base, i, "profile"],
        expected: "each child profile behind one endpoint",
        found: `"${name}" again`,
      });
    used.add(name);
    if (e.minChildEndpoints > child.endpoints.length)
      warnings.push({
        path: [...base, i, "minChildEndpoints"],
        expected: `at most the child's ${child.endpoints.length} endpoints (this endpoint is always Degraded)`,
        found: String(e.minChildEndpoints),
      });
  });
  tm.profiles.forEach((p, k) => {
    if (tm.profiles.findIndex((q) => q.name === p.name) < k)
      problems.push({
        path: ["trafficManager", "profiles", k, "name"],
        expected: "a profile name no other has",
        found: `"${p.name}" again`,
      });
    p.endpoints.forEach((e, j) => {
      dc(e.datacenter, ["trafficManager", "profiles", k, "endpoints", j, "datacenter"]);
    });
    if (!used.has(p.name))
      warnings.push({
        path: ["trafficManager", "profiles", k, "name"],
        expected: "a nested endpoint that stands for this profile (unused, it routes nothing)",
        found: `"${p.name}"`,
      });
  });
}
