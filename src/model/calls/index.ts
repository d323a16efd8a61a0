/**
 * API calls from signed-in browsers to their tenant's back end, played as flows per caller group
 * (who calls which back end), with each datacenter's callers kept by token expiry.
 */
export { BackEndCalls, type CallSamplers } from "./back-end-calls.ts";
export { CallerGroups } from "./caller-groups.ts";
export { ExpiryHeaps } from "./expiry-heaps.ts";
