/**
 * Scenario faults played at their times; the world's fault state is recomputed from the set of
 * active faults, so overlapping faults compose and undo exactly. Times a scenario draws per
 * replication are drawn before the world is built (fault-draws.ts).
 */
export { drawFaultTimes, scenarioOfReplication } from "./fault-draws.ts";
export { composeFaults, emptyFaultState, type FaultState, type FaultWorldSize } from "./fault-state.ts";
export { scheduleFaults } from "./faults.ts";
