/**
 * Scenario faults played at their times; the world's fault state is recomputed from the set of
 * active faults, so overlapping faults compose and undo exactly.
 */
export { composeFaults, emptyFaultState, type FaultState, type FaultWorldSize } from "./fault-state.ts";
export { scheduleFaults } from "./faults.ts";
