/**
 * Across-replication statistics of the headline metrics: mean, sample sd and a Student-t 95%
 * interval per metric (engine/stats summarizeReplications; cut to the metric's domain, see
 * interval-domain.ts), plus the per-replication values so a
 * later `compare` can run Welch's test on two runs. A replication with nothing to measure (null)
 * is left out of that metric, and n says how many remained.
 */
import { DEFAULT_CONFIDENCE_LEVEL, summarizeReplications } from "../engine/stats/index.ts";
import { boundInterval } from "../engine/stats/interval-domain.ts";
import { roundAs } from "../engine/stats/quantity-rounding.ts";
import type { RunResult } from "../model/index.ts";
import { headlineMetrics } from "./headline-metrics.ts";

export interface AggregateStat {
  readonly mean: number | null;
  readonly sd: number | null;
  /** 95% interval for the mean; null when fewer than 2 replications measured it. */
  readonly low: number | null;
  readonly high: number | null;
  readonly n: number;
  /** Per replication, in replication order; null where it measured nothing. */
  readonly values: readonly (number | null)[];
}

export interface ReplicationStats {
  readonly confidence: number;
  readonly replications: number;
  /** Keyed by headline metric name, in headline order. */
  readonly metrics: Readonly<Record<string, AggregateStat>>;
}

/** Statistics over `results` (all replications of one scenario); rounded like the metrics. */
export function aggregateReplications(
  results: readonly RunResult[],
  confidence = DEFAULT_CONFIDENCE_LEVEL,
): ReplicationStats {
  const metrics: Record<string, AggregateStat> = {};
  if (results.length === 0) return { confidence, replications: 0, metrics };
  for (const m of headlineMetrics(results[0])) {
    const raw = results.map((r) => m.extract(r));
    const present = raw.filter((v): v is number => v !== null && Number.isFinite(v));
    const s = summarizeReplications(present, confidence);
    const [low, high] = boundInterval(m.kind, s.low, s.high);
    metrics[m.name] = {
      mean: roundAs(m.kind, s.mean),
      sd: roundAs(m.kind, s.sd),
      low: roundAs(m.kind, low),
      high: roundAs(m.kind, high),
      n: s.n,
      values: raw.map((v) => roundAs(m.kind, v)),
    };
  }
  return { confidence, replications: results.length, metrics };
}
