/**
 * Name checks on the raw document, run whether or not the schema passed so that a misspelt region
 * is reported together with every other problem: regions (built-in or declared under
 * geography.regions), datacenter, tenant and user-base names, duplicate names, time zones, SLO
 * scopes. Tolerant of any shape: whatever is not where it should be is the schema's to report.
 */
import { AZURE_REGIONS, findAzureRegion, normaliseRegionName } from "../geography/azure-regions.ts";
import { regionForAlias } from "../geography/region-aliases.ts";
import { resolveTimeZone } from "../geography/time-zone.ts";
import { describeValue, type PathSegment, type RawProblem } from "../load/problem.ts";
import { didYouMean } from "../load/suggest.ts";
import { sloMetric } from "../schema/slos.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Names declared in a list section, reporting duplicates. */
function declaredNames(items: unknown[], section: string, problems: RawProblem[]): string[] {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const name = isObj(item) ? str(item.name) : undefined;
    if (name === undefined) return;
    if (seen.has(name))
      problems.push({
        path: [section, i, "name"],
        expected: `a name not already used in ${section}`,
        found: JSON.stringify(name),
      });
    seen.add(name);
  });
  return [...seen];
}

export function checkReferences(raw: unknown): RawProblem[] {
  const problems: RawProblem[] = [];
  if (!isObj(raw)) return problems;
  const geography = isObj(raw.geography) ? raw.geography : {};
  const custom = list(geography.regions).flatMap((r) => (isObj(r) && str(r.name) ? [str(r.name)!] : []));
  const regionNames = [...AZURE_REGIONS.map((r) => r.name), ...custom];
  const customSet = new Set(custom.map(normaliseRegionName));

  const region = (value: unknown, path: PathSegment[]) => {
    if (typeof value !== "string") return;
    if (findAzureRegion(value) || customSet.has(normaliseRegionName(value))) return;
    problems.push({
      path,
      expected: "a known Azure region (e.g. westeurope) or one declared under geography.regions",
      found: describeValue(value),
      suggestion: regionForAlias(value) ?? didYouMean(normaliseRegionName(value), regionNames),
    });
  };
  const ref = (value: unknown, path: PathSegment[], names: string[], what: string) => {
    if (typeof value !== "string" || names.includes(value)) return;
    problems.push({
      path,
      expected:
        names.length > 0 ? `a ${what} name (${names.join(", ")})` : `a ${what} name, but none is declared`,
      found: describeValue(value),
      suggestion: didYouMean(value, names),
    });
  };

  const timeZone = (value: unknown, path: PathSegment[]) => {
    if (typeof value !== "string") return;
    const tz = resolveTimeZone(value, didYouMean);
    if (!tz.ok)
      problems.push({ path, expected: tz.message, found: describeValue(value), suggestion: tz.suggestion });
  };
  list(geography.regions).forEach((r, i) => {
    if (isObj(r)) timeZone(r.timeZone, ["geography", "regions", i, "timeZone"]);
  });

  const datacenters = list(raw.datacenters);
  const userBases = list(raw.userBases);
  const dcNames = declaredNames(datacenters, "datacenters", problems);
  const ubNames = declaredNames(userBases, "userBases", problems);
  const tenantNames =
    raw.tenants === undefined ? ["default"] : declaredNames(list(raw.tenants), "tenants", problems);

  datacenters.forEach((dc, i) => {
    if (isObj(dc)) region(dc.region, ["datacenters", i, "region"]);
  });
  list(geography.rtt).forEach((o, i) => {
    if (isObj(o)) list(o.between).forEach((r, j) => void region(r, ["geography", "rtt", i, "between", j]));
  });
  if (isObj(raw.identityProvider)) {
    list(raw.identityProvider.regions).forEach((r, i) => void region(r, ["identityProvider", "regions", i]));
  }
  if (isObj(raw.globalService)) region(raw.globalService.region, ["globalService", "region"]);
  list(raw.tenants).forEach((t, i) => {
    if (isObj(t)) ref(t.backEnd, ["tenants", i, "backEnd"], dcNames, "datacenter");
  });

  const tm = isObj(raw.trafficManager) ? raw.trafficManager : {};
  const geoNames = ["world", ...ubNames, ...regionNames];
  list(tm.profiles).forEach((p, k) => {
    if (!isObj(p)) return;
    list(p.endpoints).forEach((e, j) => {
      if (isObj(e))
        ref(
          e.datacenter,
          ["trafficManager", "profiles", k, "endpoints", j, "datacenter"],
          dcNames,
          "datacenter",
        );
    });
  });
  list(tm.endpoints).forEach((e, i) => {
    if (!isObj(e)) return;
    ref(e.datacenter, ["trafficManager", "endpoints", i, "datacenter"], dcNames, "datacenter");
    if (e.location !== undefined) region(e.location, ["trafficManager", "endpoints", i, "location"]);
    list(e.geos).forEach((g, j) => {
      if (
        typeof g !== "string" ||
        g.toLowerCase() === "world" ||
        ubNames.includes(g) ||
        findAzureRegion(g) ||
        customSet.has(normaliseRegionName(g))
      )
        return;
      problems.push({
        path: ["trafficManager", "endpoints", i, "geos", j],
        expected: "a user-base name, a region name, or world",
        found: describeValue(g),
        suggestion: didYouMean(g, geoNames),
      });
    });
  });

  userBases.forEach((ub, i) => {
    if (!isObj(ub)) return;
    region(ub.region, ["userBases", i, "region"]);
    if (isObj(ub.dns)) region(ub.dns.resolverRegion, ["userBases", i, "dns", "resolverRegion"]);
    if (isObj(ub.tenants))
      for (const t of Object.keys(ub.tenants)) ref(t, ["userBases", i, "tenants", t], tenantNames, "tenant");
    timeZone(ub.timeZone, ["userBases", i, "timeZone"]);
  });

  list(raw.faults).forEach((f, i) => {
    if (!isObj(f)) return;
    ref(f.datacenter, ["faults", i, "datacenter"], dcNames, "datacenter");
    list(f.regions).forEach((r, j) => void region(r, ["faults", i, "regions", j]));
    list(f.between).forEach((r, j) => void region(r, ["faults", i, "between", j]));
  });

  list(raw.slos).forEach((s, i) => {
    const m = typeof s === "string" ? /^\s*([A-Za-z][\w.]*)@([A-Za-z][\w.-]*)/.exec(s) : null;
    const def = m ? sloMetric(m[1]) : undefined;
    if (!m || !def || def.scope === "none") return;
    if (def.scope === "userBase") ref(m[2], ["slos", i], ubNames, "user-base");
    else if (def.scope === "datacenter") ref(m[2], ["slos", i], dcNames, "datacenter");
    else if (ubNames.includes(m[2]) && dcNames.includes(m[2]))
      problems.push({
        path: ["slos", i],
        expected: `a scope naming one user base or one datacenter (rename one of the two called ${m[2]})`,
        found: describeValue(m[2]),
      });
    else ref(m[2], ["slos", i], [...ubNames, ...dcNames], "user-base or datacenter");
  });
  return problems;
}
