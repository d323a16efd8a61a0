/**
 * Every file of a run's output folder, by name: summary.json, run.json, timeseries.csv (one per
 * replication when there are several: timeseries-r1.csv ...), report.md, report.html and the
 * chart PNGs. Pure; output-folder.ts writes the map. Wall-clock facts go into run.json only, so
 * summary.json stays byte-identical for the same scenario and seed.
 */

import { round } from "../engine/stats/quantity-rounding.ts";
import type { RunResult } from "../model/index.ts";
import type { ResolvedScenario } from "../scenario/index.ts";
import type { JudgedRun } from "../study/index.ts";
import { reportHtml } from "./report-html.ts";
import { reportMarkdown } from "./report-markdown.ts";
import { toJsonText } from "./stable-json.ts";
import { buildSummary, type SummaryMeta, serializeSummary } from "./summary.ts";
import { timeSeriesCsv } from "./timeseries-csv.ts";

/** The run's stamp and settings, for run.json. */
export interface RunStamp {
  /** ISO time the run started and finished. */
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Options the run was given, as typed (seed, replications, --set ...). */
  readonly options: Readonly<Record<string, unknown>>;
}

/** The file name of replication `index` (0-based) of `count`. */
export const timeSeriesFileName = (index: number, count: number): string =>
  count > 1 ? `timeseries-r${index + 1}.csv` : "timeseries.csv";

/** run.json: when, how fast, with what; everything that may differ between identical runs. */
export function runRecord(
  scenario: ResolvedScenario,
  results: readonly RunResult[],
  meta: SummaryMeta,
  stamp: RunStamp,
) {
  return {
    startedAt: stamp.startedAt,
    finishedAt: stamp.finishedAt,
    scenario: { name: scenario.name, source: scenario.source, hash: meta.scenarioHash },
    options: stamp.options,
    authsim: { version: meta.version, node: meta.nodeVersion, platform: meta.platform },
    replications: results.map((r) => ({
      replication: r.replication,
      seed: r.seed,
      events: r.performance.events,
      wallSeconds: round(r.performance.wallSeconds, 3),
      eventsPerSecond: Math.round(r.performance.eventsPerSecond),
      // Which back ends ran at flow level, and the windows where every call was played.
      backEndCalls: {
        model: r.backEndCallModel.model,
        datacenters: r.backEndCallModel.datacenters.map((d) => ({
          name: d.name,
          flowShare: round(d.flowShare, 4),
          exactWindows: d.exactWindows,
        })),
      },
      // The same for the WFEs' page traffic, when the scenario has any.
      ...(r.wfePageModel && {
        wfePages: {
          model: r.wfePageModel.model,
          datacenters: r.wfePageModel.datacenters.map((d) => ({
            name: d.name,
            flowShare: round(d.flowShare, 4),
            exactWindows: d.exactWindows,
          })),
        },
      }),
    })),
  };
}

/**
 * Bytes the output folder is expected to take, for the free-space check before the run: each
 * replication's time series (a row per bin, about 12 bytes a column), plus 4 MiB for summary,
 * pages and charts (the quickstart's whole folder is 1.1 MB). An upper bound, not a promise.
 */
export function estimateOutputBytes(scenario: ResolvedScenario): number {
  const { duration, timeBin, replications } = scenario.simulation;
  const columns = 8 + 5 * scenario.datacenters.length + scenario.userBases.length;
  return 4 * 2 ** 20 + replications * Math.ceil(duration / timeBin) * (20 + 12 * columns);
}

/** All files of the output folder; `charts` (name -> PNG) are added and embedded in report.html. */
export function buildOutputFiles(
  run: JudgedRun,
  meta: SummaryMeta,
  stamp: RunStamp,
  charts: ReadonlyMap<string, Uint8Array> = new Map(),
): Map<string, string | Uint8Array> {
  const { scenario, results } = run;
  const files = new Map<string, string | Uint8Array>();
  files.set("summary.json", serializeSummary(buildSummary(run, meta)));
  files.set("run.json", toJsonText(runRecord(scenario, results, meta, stamp)));
  for (const [i, r] of results.entries())
    files.set(timeSeriesFileName(i, results.length), timeSeriesCsv(r.series));
  // Without rendered charts every placeholder stays, for whoever renders them later.
  const options = {
    chartFiles: charts.size > 0 ? new Set(charts.keys()) : null,
    version: meta.version,
    scenarioHash: meta.scenarioHash,
  };
  files.set("report.md", reportMarkdown(run, options));
  files.set("report.html", reportHtml(run, { ...options, charts }));
  for (const [name, bytes] of charts) files.set(name, bytes);
  return files;
}
