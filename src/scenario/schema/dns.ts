/**
 * `userBases[].dns:` how a user base's browsers and recursive resolvers look the service's name
 * up: where the resolvers are, how many, how they treat the TTL, and what a lookup costs.
 */
import { z } from "zod";
import { distribution } from "./distribution.ts";
import { duration, integer, regionName, share } from "./primitives.ts";

export const DnsSchema = z.strictObject({
  resolverRegion: regionName()
    .optional()
    .describe("Where the resolvers are; default: the user base's region."),
  clientSubnet: z
    .boolean()
    .prefault(false)
    .describe("Resolvers send EDNS Client Subnet (routing sees the user)."),
  resolvers: integer(1)
    .prefault(20)
    .describe("Distinct recursive resolvers (few resolvers skew weighted routing)."),
  staleShare: share().prefault("2%").describe("Share of clients whose resolver keeps answers past the TTL."),
  staleFor: duration().prefault("15m").describe("How long those clients keep a stale answer."),
  cacheHitLatency: distribution().prefault({ lognormal: { median: "20ms", p99: "150ms" } }),
  cacheMissLatency: distribution().prefault({ lognormal: { median: "150ms", p99: "1s" } }),
  browserCacheTtl: duration().prefault("60s").describe("The browser's own DNS cache (Chromium: 1 minute)."),
});
