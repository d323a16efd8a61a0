// authsim as a library (`import { loadScenario, runScenario, judgeRun } from "authsim"`): the
// package's "exports" entry. It re-exports src/index.ts from the same bundle the CLI runs
// (cli-build.js), so another project needs neither tsx nor TypeScript; where no bundle can be made
// the sources load through tsx. ES modules cannot re-export a dynamic import by `export *`, so
// the names are listed; test/library-entry.test.ts checks the list equals src/index.ts's exports.
import { libraryEntry } from "./cli-build.js";

async function load() {
  const entry = await libraryEntry();
  if (entry !== null) return import(entry);
  const { register } = await import("tsx/esm/api");
  register();
  return import("../src/index.ts");
}

const lib = await load();

export const {
  CAPACITY_COMPONENTS,
  CDF_SHARES,
  DEFAULT_FAILURE_MATRIX,
  FAILURE_CAUSES,
  IDENTITY_REQUEST_KINDS,
  LOGIN_STEPS,
  ProbeStore,
  RandomStreams,
  SIGN_IN_LOG_FAILURES,
  SIGN_IN_LOG_KINDS,
  ScenarioError,
  SignInLogKind,
  backEndFailureRate,
  buildOutputFiles,
  buildRun,
  buildSummary,
  capacityUnits,
  componentOf,
  erlangB,
  erlangC,
  estimateRun,
  failureCell,
  failureCellOverrides,
  failureLosses,
  formatProblem,
  growthRunway,
  headlineMetrics,
  isCapacityObjective,
  judgeCapacityObjectives,
  judgeRun,
  judgeSlos,
  loadScenario,
  loadScenarioFile,
  loadScenarioText,
  lostDatacenter,
  meets,
  mg1,
  mmc,
  mmcK,
  parseComponents,
  parseHours,
  parseShard,
  passesInReplication,
  referenceCases,
  referenceRuns,
  reportHtml,
  reportMarkdown,
  runReplication,
  runScenario,
  runwayObjectives,
  scenarioHash,
  scenarioOfReplication,
  searchCapacity,
  searchGroups,
  searchUnit,
  searchUnits,
  serializeSummary,
  serversForMeanWait,
  settled,
  shardPieces,
  sweepGrid,
  targetName,
  terminalSummary,
  withCapacity,
} = lib;
