/**
 * The scenario layer's public face: load a scenario (text or file) into a ResolvedScenario or a
 * list of problems; the resolved types the model consumes; the schema (for the JSON Schema).
 */

// Geography data
export { AZURE_REGIONS, type AzureRegion } from "./geography/azure-regions.ts";
export { AZURE_RTT_2025 } from "./geography/azure-rtt-2025.ts";
// Loading
export { loadScenarioFile } from "./load/load-file.ts";
export { loadScenario, ScenarioError } from "./load/load-or-throw.ts";
export { type LoadOptions, type LoadResult, loadScenarioText } from "./load/load-scenario.ts";
export { formatProblem, type Problem } from "./load/problem.ts";
export { type JsonFileResult, readJsonFile } from "./load/read-json-file.ts";
export { type ReadResult, readUserFile } from "./load/read-user-file.ts";
// Resolved types (the model's input)
export type { FaultDraw, FaultType, ResolvedFault } from "./resolved/resolved-fault.ts";
export type { ResolvedGeography, ResolvedRegion, RttSource } from "./resolved/resolved-geography.ts";
export type {
  ResolvedArrivals,
  ResolvedAutoscaling,
  ResolvedBackEnd,
  ResolvedBackEndCalls,
  ResolvedChildProfile,
  ResolvedClient,
  ResolvedDatacenter,
  ResolvedDns,
  ResolvedEndpoint,
  ResolvedGlobalService,
  ResolvedIdentityProvider,
  ResolvedIdpEndpoint,
  ResolvedScenario,
  ResolvedSimulation,
  ResolvedSlo,
  ResolvedStation,
  ResolvedTenant,
  ResolvedTrafficManager,
  ResolvedUserBase,
  ResolvedWfe,
  RoutingMethod,
} from "./resolved/resolved-scenario.ts";
// Schema and units
export { endpointDatacenters } from "./resolved/resolved-scenario.ts";
export { lognormalFromMedianP99 } from "./schema/distribution.ts";
export { WEEKDAYS, type Weekday } from "./schema/primitives.ts";
export { type ParsedScenario, type ScenarioInput, ScenarioSchema } from "./schema/scenario-schema.ts";
export { SLO_METRICS, type SloKind, type SloOp } from "./schema/slos.ts";
export { formatDuration, parseDuration, parseRate, parseShare } from "./units/index.ts";
