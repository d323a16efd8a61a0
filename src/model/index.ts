/**
 * The model: the sign-in world built from a resolved scenario and run on the engine. Other
 * layers import it through this file only; inside, each folder is one concept:
 *
 *   run/       assemble the world, run replications, turn a finished world into a RunResult
 *   flow/      arrivals, the sign-in state machine, what a session does after it
 *   routing/   Traffic Manager, DNS resolvers, network round trips
 *   services/  WFE and back-end clusters, identity provider, global service, autoscaling
 *   calls/     back-end API calls as flows per caller group
 *   faults/    scenario faults and the state the active ones make
 *   measure/   metrics, failover times, SLO readings, the sign-in log (a sink from outside)
 */

export { scenarioOfReplication } from "./faults/index.ts";
export {
  SIGN_IN_LOG_FAILURES,
  SIGN_IN_LOG_KINDS,
  type SignInLogEntry,
  type SignInLogFailure,
  SignInLogKind,
  type SignInSink,
} from "./measure/sign-in-log.ts";
export * from "./run/index.ts";
