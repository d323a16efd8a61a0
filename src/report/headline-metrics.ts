/**
 * The headline metrics of a run: the numbers a planner compares between replications and between
 * runs, each with a name in the SLO syntax (`login.p95`, `wfe.utilisation.peak@weu`) and a way to
 * read it from a RunResult. Replication statistics, the terminal table and `compare` use this one
 * list, so they always talk about the same things.
 */

import { type QuantityKind, roundAs } from "../engine/stats/quantity-rounding.ts";
import { backEndFailureRate, type FailoverReport, type RunResult } from "../model/index.ts";

export interface HeadlineMetric {
  /** `metric` or `metric@scope`; per-fault failover metrics add `#k` when a datacenter fails twice. */
  readonly name: string;
  readonly kind: QuantityKind;
  /** The value in base units, or null when the replication had nothing to measure. */
  readonly extract: (r: RunResult) => number | null;
}

/** Failed / (completed + failed) logins; null before any login finished. */
export function loginFailureRate(r: RunResult): number | null {
  const finished = r.logins.completed + r.logins.failed;
  return finished > 0 ? r.logins.failed / finished : null;
}

/** Sum of failures over every cause. */
export function totalFailures(r: RunResult): number {
  return Object.values(r.failures).reduce((sum, n) => sum + n, 0);
}

/** Names for failovers: `weu`, or `weu#1`, `weu#2` when one datacenter fails more than once. */
export function failoverScopes(failovers: readonly FailoverReport[]): string[] {
  const counts = new Map<string, number>();
  for (const f of failovers) counts.set(f.datacenter, (counts.get(f.datacenter) ?? 0) + 1);
  const seen = new Map<string, number>();
  return failovers.map((f) => {
    const k = (seen.get(f.datacenter) ?? 0) + 1;
    seen.set(f.datacenter, k);
    return counts.get(f.datacenter) === 1 ? f.datacenter : `${f.datacenter}#${k}`;
  });
}

const PERCENTILES = ["p50", "p95", "p99"] as const;

/**
 * The headline metrics for runs shaped like `reference` (same datacenters, user bases and faults,
 * as every replication of one scenario is). Per-datacenter and per-user-base values are looked up
 * by name, so a replication that lacks one gives null rather than another's value.
 */
export function headlineMetrics(reference: RunResult): HeadlineMetric[] {
  const metrics: HeadlineMetric[] = [];
  const add = (name: string, kind: QuantityKind, extract: (r: RunResult) => number | null) =>
    metrics.push({ name, kind, extract });

  for (const p of PERCENTILES) add(`login.${p}`, "latency", (r) => r.latency.login[p]);
  for (const p of PERCENTILES) add(`loginSystem.${p}`, "latency", (r) => r.latency.loginSystem[p]);
  add("backEnd.p95", "latency", (r) => r.latency.backEnd.p95);
  const hasPages = reference.wfePageModel !== null;
  if (hasPages) add("wfePage.p95", "latency", (r) => r.latency.wfePage.p95);
  add("renewal.p95", "latency", (r) => r.latency.renewal.p95);
  add("login.failureRate", "share", loginFailureRate);
  add("sessions.started", "count", (r) => r.sessions.started);
  add("logins.completed", "count", (r) => r.logins.completed);
  add("failures.total", "count", totalFailures);

  for (const u of reference.userBases) {
    const ub = (r: RunResult) => r.userBases.find((x) => x.name === u.name);
    for (const p of PERCENTILES) add(`login.${p}@${u.name}`, "latency", (r) => ub(r)?.login[p] ?? null);
    add(`login.failures@${u.name}`, "count", (r) => ub(r)?.loginFailures ?? null);
  }

  for (const d of reference.datacenters) {
    const dc = (r: RunResult) => r.datacenters.find((x) => x.name === d.name);
    add(`wfe.utilisation.peak@${d.name}`, "utilisation", (r) => dc(r)?.wfe.utilisationPeak ?? null);
    add(`wfe.utilisation.mean@${d.name}`, "utilisation", (r) => dc(r)?.wfe.utilisationMean ?? null);
    add(`wfe.requestRate.peak@${d.name}`, "rate", (r) => dc(r)?.wfe.peakRate ?? null);
    add(`wfe.queueLength.peak@${d.name}`, "count", (r) => dc(r)?.wfe.queuePeak ?? null);
    add(`backEnd.utilisation.peak@${d.name}`, "utilisation", (r) => dc(r)?.backEnd.utilisationPeak ?? null);
    add(`backEnd.p95@${d.name}`, "latency", (r) => dc(r)?.backEndCall.p95 ?? null);
    if (hasPages) add(`wfePage.p95@${d.name}`, "latency", (r) => dc(r)?.wfePage.p95 ?? null);
    add(`backEnd.failureRate@${d.name}`, "share", (r) => {
      const report = dc(r);
      return report === undefined ? null : backEndFailureRate(report);
    });
  }

  add("idp.tokenRate.peak", "rate", (r) => r.tokens.peakRate);
  add("idp.tokenRate.mean", "rate", (r) => r.tokens.meanRate);
  add("tokens.browserSignIn", "count", (r) => r.tokens.browserSignIn);
  add("tokens.renewal", "count", (r) => r.tokens.renewal);
  add("renewals.attempted", "count", (r) => r.renewals.attempted);
  add("renewals.retries", "count", (r) => r.renewals.retries);
  add("renewals.failed", "count", (r) => r.renewals.failed);
  add("logins.reauthentications", "count", (r) => r.logins.reauthentications);

  // Faults happen at scenario times, so the k-th failover is the same fault in every replication.
  failoverScopes(reference.failovers).forEach((scope, k) => {
    add(`failover.detection@${scope}`, "time", (r) => r.failovers[k]?.detection ?? null);
    add(`failover.to90@${scope}`, "time", (r) => r.failovers[k]?.to90 ?? null);
    add(`failover.to99@${scope}`, "time", (r) => r.failovers[k]?.to99 ?? null);
  });
  return metrics;
}

/** One run's headline metrics by name, rounded like summary.json's figures. */
export function headlineValues(r: RunResult): Record<string, number | null> {
  return Object.fromEntries(headlineMetrics(r).map((m) => [m.name, roundAs(m.kind, m.extract(r))]));
}
