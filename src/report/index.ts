/**
 * The report layer's public face: run results -> summary.json, timeseries.csv, report.md,
 * report.html and the terminal summary (pure formatters), and the one module that writes an
 * output folder. Charts live in ./charts (their own index).
 */

// authsim failure-matrix
export {
  type FailureMatrixContext,
  failoverHeatmap,
  failureMatrixCsv,
  failureMatrixMarkdown,
  impactHeatmap,
} from "./failure-matrix-report.ts";
// Formatting shared with the CLI
export { formatCount, formatLatency, formatNumber, formatPercent, formatSpan } from "./format.ts";
export { type HeadlineMetric, headlineMetrics, loginFailureRate, totalFailures } from "./headline-metrics.ts";
export { markdownPage } from "./markdown-page.ts";
// Output
export {
  buildOutputFiles,
  estimateOutputBytes,
  type RunStamp,
  runRecord,
  timeSeriesFileName,
} from "./output-files.ts";
export {
  checkOutputFolder,
  type OutputCheck,
  type OutputFiles,
  type WriteOptions,
  writeOutputFolder,
} from "./output-folder.ts";
export { OutputFolderError, type OutputFolderReason } from "./output-folder-error.ts";
export { MANIFEST_NAME, type OutputIdentity, type OutputManifest, readManifest } from "./output-manifest.ts";
export type { StaleFolder } from "./output-staging.ts";
export {
  assemblePlan,
  type Plan,
  type PlanContext,
  planContext,
  planJson,
  planMarkdown,
} from "./plan-report.ts";
// summary.json
export { type AggregateStat, aggregateReplications, type ReplicationStats } from "./replication-aggregate.ts";
// report.md / report.html
export { type Block, type Cell, CHART_FILES } from "./report-blocks.ts";
export { buildReport, type ReportOptions } from "./report-content.ts";
export { escapeHtml, type HtmlOptions, renderHtml, reportHtml } from "./report-html.ts";
export { renderMarkdown, reportMarkdown } from "./report-markdown.ts";
export { type RunMetrics, runMetrics } from "./run-metrics.ts";
export { type RunwayContext, runwayJson, runwayMarkdown, runwaySentence } from "./runway-report.ts";
export { scenarioHash } from "./scenario-hash.ts";
export { canonicalJson, toJsonText } from "./stable-json.ts";
export { buildSummary, SUMMARY_FORMAT, type Summary, type SummaryMeta, serializeSummary } from "./summary.ts";
export {
  SWEEP_COLUMNS,
  type SweepRow,
  type SweepVariant,
  sweepColumns,
  sweepCsv,
  sweepMarkdown,
  sweepRows,
} from "./sweep-report.ts";
// Terminal
export { type TerminalOptions, terminalSummary } from "./terminal-summary.ts";
// timeseries.csv
export { type CsvOptions, timeSeriesCsv } from "./timeseries-csv.ts";
export { formatWeekTime, utcLabel } from "./week-time.ts";
