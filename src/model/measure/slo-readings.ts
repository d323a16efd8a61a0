/**
 * Reads the value of each of the scenario's SLO metrics from one replication's figures; the
 * verdicts (pass or miss, across replications) are study/slo-judge.ts's. Each metric name of the
 * scenario format (src/scenario/schema/slos.ts) maps to one number here; a scope narrows it to a
 * user base or datacenter (login latency to either: a datacenter's logins are those its WFE
 * served), and an unscoped datacenter metric takes the worst datacenter.
 */
import type { LatencySummary } from "../../engine/stats/index.ts";
import type { ResolvedScenario, ResolvedSlo } from "../../scenario/index.ts";
import {
  backEndFailureRate,
  type RunResult,
  type SloReading,
  type StationReport,
} from "../run/run-result.ts";

type Figures = Omit<RunResult, "slos">;

/** Jobs a station turned away or lost: rejected (full or down), timed out, dropped by an outage. */
function stationFailures(s: StationReport): number {
  return s.rejected + s.timeouts + s.outageDrops;
}

function stationFailureRate(s: StationReport): number {
  return s.arrivals === 0 ? 0 : stationFailures(s) / s.arrivals;
}

/** Each objective's metric, read in its scope; in scenario order. */
export function readSlos(scenario: ResolvedScenario, figures: Figures): SloReading[] {
  return scenario.slos.map((slo) => ({
    text: slo.text,
    metric: slo.metric,
    scope: slo.scope,
    value: measure(slo, figures),
    threshold: slo.threshold,
  }));
}

const PERCENTILE: Record<string, keyof LatencySummary> = {
  p50: "p50",
  p90: "p90",
  p95: "p95",
  p99: "p99",
  p999: "p999",
  max: "max",
  mean: "mean",
};

function measure(slo: ResolvedSlo, f: Figures): number | null {
  const [family, ...rest] = slo.metric.split(".");
  const tail = rest.join(".");
  const ub = slo.scopeKind === "userBase" ? f.userBases[slo.scopeIndex] : undefined;
  const dc = slo.scopeKind === "datacenter" ? f.datacenters[slo.scopeIndex] : undefined;
  const dcs = dc ? [dc] : f.datacenters;
  const latency = (s: LatencySummary) => {
    const v = s[PERCENTILE[tail]];
    return typeof v === "number" && Number.isFinite(v) ? v : null;
  };
  const worst = (pick: (d: Figures["datacenters"][number]) => number) =>
    dcs.length === 0 ? null : Math.max(...dcs.map(pick));
  switch (slo.metric) {
    case "login.successRate":
    case "login.failureRate": {
      const done = ub ? ub.logins : f.logins.completed;
      const failed = ub ? ub.loginFailures : f.logins.failed;
      if (done + failed === 0) return null;
      const failure = failed / (done + failed);
      return slo.metric === "login.failureRate" ? failure : 1 - failure;
    }
    case "renewal.failureRate":
      return f.renewals.attempted === 0 ? null : f.renewals.failed / f.renewals.attempted;
    case "wfe.utilisation.peak":
      return worst((d) => d.wfe.utilisationPeak);
    case "wfe.utilisation.mean":
      return worst((d) => d.wfe.utilisationMean);
    case "wfe.queueLength.peak":
      return worst((d) => d.wfe.queuePeak);
    case "wfe.wait.mean":
      // Little's law on the measured period: Wq = Lq / λ.
      return worst((d) => (d.wfe.meanRate > 0 ? d.wfe.queueMean / d.wfe.meanRate : 0));
    case "wfe.requestRate.peak":
      return worst((d) => d.wfe.peakRate);
    case "wfe.failureRate":
      return worst((d) => stationFailureRate(d.wfe));
    case "wfePage.failureRate": {
      const pages = (ok: number, failed: number) => (ok + failed === 0 ? null : failed / (ok + failed));
      if (ub) return pages(ub.wfePage.count, ub.wfePageFailures);
      if (dc) return pages(dc.wfePage.count, dc.wfePageFailures);
      return pages(f.wfePages.ok, f.wfePages.failed);
    }
    case "backEnd.utilisation.peak":
      return worst((d) => d.backEnd.utilisationPeak);
    case "backEnd.utilisation.mean":
      return worst((d) => d.backEnd.utilisationMean);
    case "backEnd.failureRate":
      return worst((d) => backEndFailureRate(d) ?? 0);
    case "idp.failureRate": {
      const { loginPage, tokenEndpoint, throttled, errors } = f.identityProvider;
      const requests = loginPage.arrivals + tokenEndpoint.arrivals + throttled;
      const failed = throttled + errors + stationFailures(loginPage) + stationFailures(tokenEndpoint);
      return requests === 0 ? null : failed / requests;
    }
    case "globalService.failureRate":
      return f.globalService.station.arrivals === 0 ? null : stationFailureRate(f.globalService.station);
    case "idp.tokenRate.peak":
      return f.tokens.peakRate;
    // The identity provider's stations report their busiest region's peak.
    case "idp.loginPage.utilisation.peak":
      return f.identityProvider.loginPage.utilisationPeak;
    case "idp.tokenEndpoint.utilisation.peak":
      return f.identityProvider.tokenEndpoint.utilisationPeak;
    case "globalService.utilisation.peak":
      return f.globalService.station.utilisationPeak;
    case "failover.p90":
    case "failover.p99": {
      if (f.failovers.length === 0) return null;
      const key = slo.metric === "failover.p90" ? "to90" : "to99";
      // A failover that never reached the share counts as the whole fault window.
      return Math.max(...f.failovers.map((o) => o[key] ?? o.end - o.start));
    }
  }
  switch (family) {
    case "login":
      return latency((ub ?? dc)?.login ?? f.latency.login);
    case "loginSystem":
      return latency((ub ?? dc)?.loginSystem ?? f.latency.loginSystem);
    case "backEnd":
      return latency(ub ? ub.backEnd : dc ? dc.backEndCall : f.latency.backEnd);
    case "wfePage":
      return latency((ub ?? dc)?.wfePage ?? f.latency.wfePage);
    case "renewal":
      return latency(ub ? ub.renewal : f.latency.renewal);
  }
  return null;
}
