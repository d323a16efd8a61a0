/**
 * A schema-valid document -> ResolvedScenario: derived defaults (endpoints, tenants, identity
 * and global-service regions, time zones, autoscaling bounds), names -> indices, the RTT matrix,
 * arrival profiles, and the checks that need more than one section. Problems are collected, never
 * thrown.
 */
import { resolveTimeZone } from "../geography/time-zone.ts";
import type { RawProblem } from "../load/problem.ts";
import { didYouMean } from "../load/suggest.ts";
import type {
  ResolvedAutoscaling,
  ResolvedScenario,
  ResolvedSlo,
  ResolvedTenant,
} from "../resolved/resolved-scenario.ts";
import type { ParsedScenario } from "../schema/scenario-schema.ts";
import { sloMetric } from "../schema/slos.ts";
import { resolveArrivals } from "./resolve-arrivals.ts";
import { resolveFaults } from "./resolve-faults.ts";
import { RegionCatalogue, resolveGeography } from "./resolve-geography.ts";
import { resolveTrafficManager } from "./resolve-traffic-manager.ts";

export interface ResolveOutcome {
  readonly scenario: ResolvedScenario | null;
  readonly problems: RawProblem[];
  readonly warnings: RawProblem[];
}

type Autoscaling = NonNullable<ParsedScenario["datacenters"][number]["wfe"]["autoscaling"]>;

function resolveAutoscaling(
  a: Autoscaling | undefined,
  instances: number,
  path: (string | number)[],
  problems: RawProblem[],
): ResolvedAutoscaling | null {
  if (!a) return null;
  const minInstances = a.minInstances ?? instances;
  const maxInstances = a.maxInstances ?? 4 * instances;
  if (!(minInstances <= instances && instances <= maxInstances)) {
    problems.push({
      path,
      expected: `minInstances <= instances (${instances}) <= maxInstances`,
      found: `${minInstances} .. ${maxInstances}`,
    });
  }
  return { ...a, minInstances, maxInstances };
}

export function resolveScenario(parsed: ParsedScenario, source: string): ResolveOutcome {
  const problems: RawProblem[] = [];
  const warnings: RawProblem[] = [];
  const catalogue = new RegionCatalogue(parsed.geography);

  // Register every region first, in a stable order, so the RTT matrix covers them all.
  const dcRegion = parsed.datacenters.map((d) => catalogue.indexOf(d.region));
  const ubRegion = parsed.userBases.map((u) => catalogue.indexOf(u.region));
  const resolverRegion = parsed.userBases.map((u) => catalogue.indexOf(u.dns.resolverRegion ?? u.region));
  const idpRegionNames = parsed.identityProvider.regions ?? [
    ...new Set(parsed.datacenters.map((d) => catalogue.canonical(d.region))),
  ];
  const idpRegions = [...new Set(idpRegionNames.map((r) => catalogue.indexOf(r)))];
  const gsRegion = catalogue.indexOf(parsed.globalService.region ?? parsed.datacenters[0].region);
  for (const f of parsed.faults) {
    if (f.type === "latencySpike") for (const r of f.between) catalogue.indexOf(r);
    if ((f.type === "identitySlowdown" || f.type === "identityErrors") && f.regions)
      for (const r of f.regions) catalogue.indexOf(r);
  }
  for (const e of parsed.trafficManager.endpoints ?? []) if (e.location) catalogue.indexOf(e.location);
  const geography = resolveGeography(parsed.geography, catalogue);

  const datacenters = parsed.datacenters.map((d, i) => ({
    index: i,
    name: d.name,
    region: catalogue.canonical(d.region),
    regionIndex: dcRegion[i],
    wfe: {
      ...d.wfe,
      pricePerInstanceHour: d.wfe.pricePerInstanceHour ?? null,
      autoscaling: resolveAutoscaling(
        d.wfe.autoscaling,
        d.wfe.instances,
        ["datacenters", i, "wfe", "autoscaling"],
        problems,
      ),
    },
    backEnd: {
      ...d.backEnd,
      pricePerInstanceHour: d.backEnd.pricePerInstanceHour ?? null,
      autoscaling: resolveAutoscaling(
        d.backEnd.autoscaling,
        d.backEnd.instances,
        ["datacenters", i, "backEnd", "autoscaling"],
        problems,
      ),
    },
  }));
  const dcIndex = new Map(datacenters.map((d) => [d.name, d.index]));

  const tenantList: readonly { name: string; backEnd: string; weight: number; scaleUnit?: string }[] =
    parsed.tenants ?? [{ name: "default", backEnd: parsed.datacenters[0].name, weight: 1 }];
  // Scale units in order of first mention; tenants that name none share "default".
  const scaleUnits = [...new Set(tenantList.map((t) => t.scaleUnit ?? "default"))];
  const tenants: ResolvedTenant[] = tenantList.map((t, i) => ({
    index: i,
    name: t.name,
    datacenterIndex: dcIndex.get(t.backEnd) ?? -1,
    weight: t.weight,
    scaleUnitIndex: scaleUnits.indexOf(t.scaleUnit ?? "default"),
  }));

  const userBases = parsed.userBases.map((u, i) => {
    const own = u.tenants;
    const weights = tenants.map((t) => (own ? (Object.hasOwn(own, t.name) ? own[t.name] : 0) : t.weight));
    const total = weights.reduce((s, w) => s + w, 0);
    if (total === 0) {
      problems.push({
        path: u.tenants ? ["userBases", i, "tenants"] : ["tenants"],
        expected: "tenant weights that sum to more than zero",
        found: "a sum of 0",
      });
    }
    const zoneText = u.timeZone ?? catalogue.timeZoneOf(u.region);
    const zone = resolveTimeZone(zoneText, didYouMean);
    const sessionsPerTypicalDay = u.dailyActiveUsers * u.sessionsPerUser;
    return {
      index: i,
      name: u.name,
      regionIndex: ubRegion[i],
      dailyActiveUsers: u.dailyActiveUsers,
      sessionsPerUser: u.sessionsPerUser,
      timeZone: zone.ok ? { name: zone.name, utcOffset: zone.utcOffset } : { name: "UTC", utcOffset: 0 },
      arrivals: resolveArrivals(u.profile, sessionsPerTypicalDay),
      sessionLength: u.sessionLength,
      backEndRate: u.backEndRate,
      pageRate: u.pageRate,
      activity: u.activity,
      clients: u.clients,
      returns: u.returns,
      tenantShares: weights.map((w) => (total > 0 ? w / total : 0)),
      lastMile: u.lastMile,
      dns: {
        resolverRegionIndex: resolverRegion[i],
        clientSubnet: u.dns.clientSubnet,
        resolvers: u.dns.resolvers,
        extendShare: u.dns.extendShare,
        extendBy: u.dns.extendBy,
        staleShare: u.dns.staleShare,
        staleFor: u.dns.staleFor,
        cacheHitLatency: u.dns.cacheHitLatency,
        cacheMissLatency: u.dns.cacheMissLatency,
        browserCacheTtl: u.dns.browserCacheTtl,
      },
    };
  });
  if (userBases.every((u) => u.dailyActiveUsers === 0)) {
    warnings.push({
      path: ["userBases"],
      expected: "some users (every user base has dailyActiveUsers: 0)",
      found: "0",
    });
  }

  const trafficManager = resolveTrafficManager(parsed, catalogue, problems, warnings);
  const faults = resolveFaults(parsed, catalogue, idpRegions, scaleUnits, tenants, problems, warnings);
  const slos: ResolvedSlo[] = parsed.slos.map((s) => {
    if (s.scope === null) return { ...s, scopeKind: null, scopeIndex: -1 };
    const scope = sloMetric(s.metric)?.scope;
    // Validation made the name unique across the kinds the metric allows.
    const ub = scope === "datacenter" ? -1 : userBases.findIndex((u) => u.name === s.scope);
    if (ub >= 0 || scope === "userBase") return { ...s, scopeKind: "userBase", scopeIndex: ub };
    return { ...s, scopeKind: "datacenter", scopeIndex: datacenters.findIndex((d) => d.name === s.scope) };
  });
  const { regions: _unused, ...identity } = parsed.identityProvider;
  const throttlingRate = identity.throttling.rate;
  const { region: _gsRegion, ...globalService } = parsed.globalService;

  const p = parsed.simulation;
  const startWeekday = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].indexOf(
    p.startDay,
  );
  const scenario: ResolvedScenario = {
    name: parsed.name,
    description: parsed.description,
    source,
    simulation: {
      duration: p.duration,
      warmUp: p.warmUp,
      seed: p.seed,
      replications: p.replications,
      timeBin: p.timeBin,
      startWeekday,
      startTimeOfDay: p.startTime,
      startWeekSecond: (startWeekday * 86400 + p.startTime) % 604800,
      percentileAccuracy: p.percentileAccuracy,
      warmStart: p.warmStart,
      backEndCalls: { ...p.backEndCalls },
    },
    geography,
    datacenters,
    trafficManager,
    identityProvider: {
      ...identity,
      regionIndices: idpRegions,
      scaleUnits,
      // Each extra resource's tokens live as the identity provider's do unless it says otherwise.
      resources: identity.resources.map((r) => ({
        name: r.name,
        callRate: r.callRate,
        tokenLifetime: r.tokenLifetime ?? identity.tokenLifetime,
      })),
      throttling: {
        rate: throttlingRate === "none" ? null : throttlingRate,
        retryAfter: identity.throttling.retryAfter,
      },
    },
    globalService: { ...globalService, regionIndex: gsRegion },
    tenants,
    userBases,
    client: {
      connectTimeout: parsed.client.connectTimeout,
      retries: parsed.client.retries,
      backoff: parsed.client.backoff,
      onNetworkError: parsed.client.onNetworkError,
      throttleWithoutRetryAfter: parsed.client.throttleWithoutRetryAfter,
      reResolveOnRetry: parsed.client.reResolveOnRetry,
    },
    faults,
    slos,
  };
  return { scenario: problems.length === 0 ? scenario : null, problems, warnings };
}
