/**
 * The study layer: experiments made of model runs, and their verdicts. The one SLO judge
 * (slo-judge.ts) and a judged run (judged-run.ts); `authsim plan`'s capacity search (what can be
 * sized, how a probe is judged, the search itself); `authsim sweep`'s grid of variants; and how
 * a sweep or plan is split over machines (shards.ts); `authsim failure-matrix`'s cells
 * (failure-matrix.ts). cli -> study -> model; the report reads study's types only.
 */

export { searchGroups } from "./capacity-joint.ts";
export {
  type Judgement,
  judgeCapacityObjectives,
  type ObjectiveReading,
  parseComponents,
} from "./capacity-judge.ts";
export { referenceCases } from "./capacity-loss-load.ts";
export { ProbeStore, settled } from "./capacity-probes.ts";
export {
  type CapacityAnswer,
  type Headroom,
  lostDatacenter,
  type Probe,
  type ReplicationRun,
  referenceRuns,
  type ScenarioRun,
  type SearchOptions,
  searchCapacity,
  searchUnit,
  searchUnits,
  type UnitContext,
} from "./capacity-search.ts";
export {
  CAPACITY_COMPONENTS,
  type CapacityComponent,
  type CapacityTarget,
  type CapacityUnit,
  capacityUnits,
  isCapacityObjective,
  targetName,
  withCapacity,
} from "./capacity-targets.ts";
export {
  DEFAULT_FAILURE_MATRIX,
  type FailureCell,
  type FailureMatrixOptions,
  failureCell,
  failureCellOverrides,
  failureLosses,
  type Loss,
  parseHours,
} from "./failure-matrix.ts";
export {
  componentOf,
  growthRunway,
  type RunwayItem,
  type RunwayOptions,
  type RunwayPoint,
  runwayObjectives,
} from "./growth-runway.ts";
export { type JudgedRun, judgeRun } from "./judged-run.ts";
export { parseShard, type Shard, shardPieces } from "./shards.ts";
export { judgeSlos, meets, passesInReplication, type SloJudgement, type SloVerdicts } from "./slo-judge.ts";
export { sweepGrid } from "./sweep-grid.ts";
