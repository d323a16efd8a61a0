/**
 * The calibrate layer (issue 18): Entra ID sign-in logs in the formats Microsoft documents ->
 * a fitted scenario with its provenance, the residuals of a scenario against those logs, and
 * the emitter that writes simulated sign-ins as Graph signIn JSON. cli -> calibrate -> scenario,
 * engine/stats; nothing below imports it.
 */
export {
  type CalibrateOptions,
  type Calibration,
  calibrate,
  calibrateSimulated,
  type UserBaseCalibration,
} from "./calibrate.ts";
export {
  checkAgainstModel,
  type HourlyVolume,
  type ModelCheck,
  type ModelCheckOptions,
  type SimulateSignIns,
} from "./check/model-check.ts";
export { modelCheckCharts } from "./check/model-check-charts.ts";
export { formatCheck } from "./check/residual-table.ts";
export { type CheckResult, checkScenario, type Residual } from "./check/residuals.ts";
export { type EntraError, entraError, SIMULATED_ERROR_CODES } from "./emit/error-codes.ts";
export { type EmitterOptions, type SimulatedSignIn, signInJson } from "./emit/sign-in-json.ts";
export { SignInsWriter } from "./emit/signins-writer.ts";
export { SIGNINS_WEEK_START, type SimulatedAttempt, SimulatedSignIns } from "./emit/simulated-sign-ins.ts";
export { InputError, type LogFile, listLogFiles } from "./input/log-files.ts";
export { MAX_PROBLEMS, type ReadProgress } from "./input/read-logs.ts";
export { type WriteOptions, writeScenario } from "./write/scenario-writer.ts";
