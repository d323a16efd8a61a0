/**
 * Stations: the one multi-server FIFO queue every server in authsim is (station-core.ts), driven
 * by simulation events (station.ts) or by an owner's local loop (local-station.ts).
 */
export { LocalStation, type LocalStationHooks } from "./local-station.ts";
export { Station, type StationHooks } from "./station.ts";
export { DropReason, type StationConfig, StationCore, SubmitResult } from "./station-core.ts";
