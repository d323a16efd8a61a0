/**
 * Running a scenario: assembly of the world (world.ts), the replication loop (run-scenario.ts),
 * the finished world turned into plain data (results.ts -> run-result.ts), and a run's size
 * estimated before it starts (run-estimate.ts).
 */
export { estimateRun, type RunEstimate } from "./run-estimate.ts";
export * from "./run-result.ts";
export { buildRun, type RunOptions, type RunProgress, runReplication, runScenario } from "./run-scenario.ts";
