/**
 * `userBases[].dns:` how a user base's browsers and recursive resolvers look the service's name
 * up: where the resolvers are, how many, how they treat the TTL, and what a lookup costs.
 *
 * The resolvers are a population: each client is bound to one for its session, and each resolver
 * honours the TTL, extends it by a drawn amount (`extendShare`, `extendBy`), or holds answers for
 * a drawn long time whatever the TTL (`staleShare`, `staleFor`). The defaults are fitted to
 * Flavel et al. 2014 (20 s TTL: 90% of requests moved within 60 s, 2% of users still on the old
 * answer after 15 minutes) and Bhowmick et al. 2023 (8.74% of resolvers extend TTLs); how far
 * they extend and how long the holders hold have no public figure (docs/scenario-format.md).
 */
import { z } from "zod";
import { distribution } from "./distribution.ts";
import { duration, integer, regionName, share } from "./primitives.ts";

export const DnsSchema = z
  .strictObject({
    resolverRegion: regionName()
      .optional()
      .describe("Where the resolvers are; default: the user base's region."),
    clientSubnet: z
      .boolean()
      .prefault(false)
      .describe("Resolvers send EDNS Client Subnet (routing sees the user)."),
    resolvers: integer(1)
      .prefault(500)
      .describe("Distinct recursive resolvers; each client uses one for its whole session."),
    extendShare: share()
      .prefault("8.74%")
      .describe("Share of resolvers that extend the TTL (Bhowmick et al. 2023: 8.74%)."),
    extendBy: distribution()
      .prefault({ lognormal: { median: "2m", p99: "20m" } })
      .describe("How much such a resolver adds to every TTL (drawn once per resolver)."),
    staleShare: share()
      .prefault("4%")
      .describe("Share of resolvers that hold answers a long time whatever the TTL."),
    staleFor: distribution()
      .prefault({ lognormal: { median: "30m", p99: "2h" } })
      .describe("How long such a resolver holds an answer (drawn once per resolver)."),
    cacheHitLatency: distribution().prefault({ lognormal: { median: "20ms", p99: "150ms" } }),
    cacheMissLatency: distribution().prefault({ lognormal: { median: "150ms", p99: "1s" } }),
    browserCacheTtl: duration().prefault("60s").describe("The browser's own DNS cache (Chromium: 1 minute)."),
  })
  .superRefine((d, ctx) => {
    if (d.extendShare + d.staleShare > 1 + 1e-12)
      ctx.addIssue({
        code: "custom",
        path: ["staleShare"],
        message: `extendShare and staleShare that add up to at most 100% (they are ${(100 * (d.extendShare + d.staleShare)).toFixed(2)}%)`,
      });
  });
