/**
 * summary.json: everything a run measured, as plain JSON-able data. The headline answers first
 * (SLO verdicts), then every metric of replication 1, then mean and 95% interval of each
 * headline metric across replications, then the scenario echo with every default filled in.
 *
 * Deterministic by construction: no clock is read (a run stamp appears only when the caller
 * passes one in `meta`), wall-clock figures are left out, numbers are rounded per kind, and
 * every object is built field by field in a fixed order. Same scenario + seed -> same bytes.
 */
import type { JudgedRun } from "../study/index.ts";
import { headlineValues } from "./headline-metrics.ts";
import { aggregateReplications } from "./replication-aggregate.ts";
import { runMetrics } from "./run-metrics.ts";
import { toJsonText } from "./stable-json.ts";

/** Bumped when the shape of summary.json changes incompatibly. */
export const SUMMARY_FORMAT = 1;

export interface SummaryMeta {
  /** authsim's package version. */
  readonly version: string;
  readonly nodeVersion: string;
  readonly platform: string;
  /** From `scenarioHash(scenario)`. */
  readonly scenarioHash: string;
  /** Only when the caller wants the run stamp inside (breaks byte-identity between runs). */
  readonly startedAt?: string;
}

/** Units of the numbers in `metrics` and `replicationStats`, stated once for readers. */
const UNITS = {
  latency: "s",
  time: "s of simulated time",
  rate: "per s",
  share: "fraction",
  utilisation: "fraction",
} as const;

/** The summary of `results`, all replications of `scenario` in replication order (at least one). */
export function buildSummary(run: JudgedRun, meta: SummaryMeta) {
  const { scenario, results } = run;
  if (results.length === 0) throw new RangeError("buildSummary needs at least one replication");
  return {
    format: SUMMARY_FORMAT,
    scenarioName: scenario.name,
    scenarioHash: meta.scenarioHash,
    seed: scenario.simulation.seed,
    replications: results.length,
    replicationSeeds: results.map((r) => r.seed),
    authsim: { version: meta.version, node: meta.nodeVersion, platform: meta.platform },
    ...(meta.startedAt === undefined ? {} : { startedAt: meta.startedAt }),
    units: UNITS,
    slos: run.slos,
    metrics: runMetrics(results[0]),
    /** Replication 1's headline metrics by name (what `authsim compare` reads for one replication). */
    headline: headlineValues(results[0]),
    replicationStats: results.length > 1 ? aggregateReplications(results) : null,
    scenario,
  };
}

export type Summary = ReturnType<typeof buildSummary>;

/** summary.json's text: 2-space indent, trailing newline. */
export const serializeSummary = (summary: Summary): string => toJsonText(summary);
