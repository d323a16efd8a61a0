/**
 * A session's life: arrivals per user base, the sign-in as a state machine over session slots
 * (DNS, WFE redirect, identity provider, code redemption, tenant lookup), and what follows it
 * (back-end calls, silent renewal, session end), on struct-of-arrays session state.
 */
export { Arrivals } from "./arrivals.ts";
export { SessionActivity } from "./session-activity.ts";
export { SessionKind, SessionTable } from "./session-table.ts";
export { Phase, SignInFlow } from "./sign-in-flow.ts";
