/**
 * How a user reaches a datacenter: Azure Traffic Manager's DNS routing from its probe-fed view of
 * endpoint health, the recursive resolvers that cache its answers, and the network round trips
 * between regions.
 */
export { DnsResolvers, ResolverBehaviour } from "./dns.ts";
export { HANDSHAKE_ROUND_TRIPS, Network } from "./network.ts";
export { NO_ANSWER, type ProbedWfe, TrafficManager, type TrafficManagerHooks } from "./traffic-manager.ts";
