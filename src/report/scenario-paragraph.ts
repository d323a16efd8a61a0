/**
 * The scenario in one paragraph for the report: what was simulated, when, for whom, on what, and
 * which faults struck. Read from the resolved scenario, so defaults show as what was really used.
 */
import { scenarioOfReplication } from "../model/index.ts";
import type { ResolvedFault, ResolvedScenario } from "../scenario/index.ts";
import { formatCount, formatLatency, formatPercent, formatSpan } from "./format.ts";
import { utcLabel } from "./week-time.ts";

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;

/** `West Europe` for a region index, falling back to its canonical name. */
export function regionLabel(scenario: ResolvedScenario, regionIndex: number): string {
  const r = scenario.geography.regions[regionIndex];
  return r ? r.displayName : `region ${regionIndex}`;
}

/** `West Europe` for a canonical region name such as `westeurope`. */
export function regionDisplayName(scenario: ResolvedScenario, region: string): string {
  return scenario.geography.regions.find((r) => r.name === region)?.displayName ?? region;
}

/** `20m–50m (Tue 09:20:00–09:50:00 UTC)`; the end's weekday only when it differs. */
export function faultWindow(scenario: ResolvedScenario, start: number, end: number): string {
  const w = scenario.simulation.startWeekSecond;
  const from = utcLabel(w, start);
  const to = utcLabel(w, end);
  const sameDay = from.slice(0, 4) === to.slice(0, 4) && end - start < 86400;
  return `${formatSpan(start)}–${formatSpan(end)} (${from}–${sameDay ? to.slice(4) : to} UTC)`;
}

function describeFault(s: ResolvedScenario, f: ResolvedFault): string {
  const idp = (regions: readonly number[]) =>
    regions.map((i) => regionLabel(s, s.identityProvider.regionIndices[i])).join(" and ");
  const what = (() => {
    switch (f.type) {
      case "datacenterOutage": {
        const part = f.component === "both" ? "WFE and back end" : f.component === "wfe" ? "WFE" : "back end";
        return `outage of ${s.datacenters[f.datacenterIndex]?.name ?? "?"} (${part})`;
      }
      case "identitySlowdown":
        return `identity provider ${f.factor}× slower in ${idp(f.identityRegions)}`;
      case "identityErrors":
        return `identity provider errors (${formatPercent(f.errorRate)}% at ${f.endpoint}) in ${idp(f.identityRegions)}`;
      case "globalServiceSlowdown":
        return `global service ${f.factor}× slower`;
      case "latencySpike":
        return `+${formatLatency(f.extra)} between ${regionLabel(s, f.between[0])} and ${regionLabel(s, f.between[1])}`;
      case "dnsTtlChange":
        return `DNS TTL changed to ${formatSpan(f.ttl)}`;
      case "signingKeyRemoved": {
        const whose =
          f.tenantIndices.length === s.tenants.length
            ? "every tenant's tokens"
            : `the tokens of ${f.tenantIndices.map((t) => s.tenants[t]?.name ?? "?").join(", ")}`;
        return `the signing key of ${whose} missing from the identity provider's metadata`;
      }
    }
  })();
  const flush =
    f.type === "signingKeyRemoved" && f.invalidateCachesAfter !== null
      ? `; every cache forced to refetch ${formatSpan(f.invalidateCachesAfter)} after it began`
      : "";
  return `${what}, ${faultTiming(s, f)}${flush}`;
}

/**
 * A fixed fault's window; for one drawn per replication, where its start may fall, how long it
 * lasts, and replication 1's draw (the one the report's tables and charts show).
 */
function faultTiming(s: ResolvedScenario, f: ResolvedFault): string {
  if (f.draw === undefined) return faultWindow(s, f.start, f.end);
  const { start, window, duration } = f.draw;
  const startText =
    start.kind === "constant"
      ? `from ${formatSpan(start.value)}`
      : `starting between ${formatSpan(window[0])} and ${formatSpan(window[1])} (${start.kind}, drawn per replication)`;
  const lasting =
    duration === null
      ? ""
      : duration.kind === "constant"
        ? ` for ${formatSpan(duration.value)}`
        : ` for a ${duration.kind} duration drawn per replication`;
  const i = s.faults.indexOf(f);
  const first = scenarioOfReplication(s, 0).faults[i];
  return `${startText}${lasting}; replication 1: ${faultWindow(s, first.start, first.end)}`;
}

/** One paragraph; `replications` is how many were run. */
export function describeScenario(s: ResolvedScenario, replications: number): string {
  const sim = s.simulation;
  const users = s.userBases.reduce((sum, u) => sum + u.dailyActiveUsers, 0);
  const userBases = s.userBases
    .map((u) => `${u.name} (${regionLabel(s, u.regionIndex)}, ${formatCount(u.dailyActiveUsers)})`)
    .join(", ");
  const datacenters = s.datacenters
    .map(
      (d) =>
        `${d.name} (${regionLabel(s, d.regionIndex)}, ${d.wfe.instances} WFE instances × ${d.wfe.concurrency})`,
    )
    .join(", ");
  const tm = s.trafficManager;
  const idpRegions = s.identityProvider.regionIndices.map((i) => regionLabel(s, i)).join(", ");
  const sentences = [
    s.description.trim() === ""
      ? `Scenario ${s.name}.`
      : `${s.name}: ${s.description.trim().replace(/\.?$/, ".")}`,
    `Simulated ${formatSpan(sim.duration)} from ${utcLabel(sim.startWeekSecond, 0)} UTC` +
      (sim.warmUp > 0 ? ` (statistics leave out the first ${formatSpan(sim.warmUp)} of warm-up)` : "") +
      `, seed ${sim.seed}, ${plural(replications, "replication")}.`,
    `${plural(s.userBases.length, "user base")} with ${formatCount(users)} daily users: ${userBases}.`,
    `${plural(s.datacenters.length, "datacenter")}: ${datacenters}.`,
    `Traffic Manager: ${tm.routing} routing, DNS TTL ${formatSpan(tm.ttl)}, probes every ${formatSpan(tm.probe.interval)} ` +
      `(timeout ${formatSpan(tm.probe.timeout)}, ${tm.probe.toleratedFailures} tolerated failures).`,
    `Identity provider in ${idpRegions}.`,
    s.faults.length === 0 ? "No faults." : `Faults: ${s.faults.map((f) => describeFault(s, f)).join("; ")}.`,
  ];
  if (replications > 1) {
    sentences.push(
      "Tables show replication 1; the last section gives each headline metric across replications.",
    );
  }
  return sentences.join(" ");
}
