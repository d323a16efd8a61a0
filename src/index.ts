/**
 * authsim as a library: `import { loadScenario, runScenario, judgeRun } from "authsim"`.
 * Load a scenario file, run its replications, judge its SLOs, and write or read what the CLI
 * writes. docs/architecture.md has a 20-line program using it. Everything here is also what the
 * CLI uses; nothing imports this file from inside src/.
 */

// Queueing formulas, to check a model figure against closed form.
export {
  erlangB,
  erlangC,
  mg1,
  mmc,
  mmcK,
  type QueueFigures,
  serversForMeanWait,
} from "./engine/analytic/queueing-formulas.ts";
export { type MasterSeed, RandomStreams } from "./engine/random/index.ts";
export * from "./model/index.ts";
export {
  buildOutputFiles,
  buildSummary,
  headlineMetrics,
  reportHtml,
  reportMarkdown,
  type Summary,
  type SummaryMeta,
  scenarioHash,
  serializeSummary,
  terminalSummary,
} from "./report/index.ts";
export {
  formatProblem,
  type LoadOptions,
  type LoadResult,
  loadScenario,
  loadScenarioFile,
  loadScenarioText,
  type Problem,
  type ResolvedScenario,
  ScenarioError,
} from "./scenario/index.ts";
export * from "./study/index.ts";
