/**
 * `trafficManager:` Azure Traffic Manager, DNS-level routing with health probes. Defaults are
 * Microsoft's documented ones (routing-methods, monitoring and FAQ pages): probe every 30 s,
 * 3 tolerated failures, 10 s probe timeout (9 s at the 10 s interval), TTL 30 s. Probes come
 * from several locations, each counting consecutive failures on its own ("the consecutive
 * failure determination happens within each region", traffic-manager-monitoring); how many
 * locations and how their verdicts combine is not published (`locations`, `degradedWhen`).
 * The probed page may be a custom health page that fails above a utilisation or latency
 * threshold (Microsoft's note suggests a /health page "checking performance counters").
 * An endpoint may be nested: it stands for a child profile and is healthy while at least
 * MinChildEndpoints of the child's endpoints are (traffic-manager-nested-profiles).
 */
import { z } from "zod";
import { duration, integer, name, positiveDuration, regionName, share } from "./primitives.ts";

/** How the probing locations' verdicts make the endpoint's: any one, most, or all of them. */
export const DEGRADED_WHEN = ["any", "majority", "all"] as const;

export const ROUTING_METHODS = ["performance", "priority", "weighted", "geographic"] as const;

/** A child profile routes by performance, priority or weight (geographic belongs at the top). */
export const CHILD_ROUTING_METHODS = ["performance", "priority", "weighted"] as const;

const endpointFields = {
  enabled: z.boolean().prefault(true),
  weight: integer(0).max(1000).prefault(1).describe("Weighted routing: 1-1000 (0 = never chosen)."),
  priority: integer(1)
    .max(1000)
    .optional()
    .describe("Priority routing: 1-1000, lower wins; default: list order."),
};

const EndpointSchema = z.strictObject({
  datacenter: name().optional().describe("Datacenter whose WFE cluster this endpoint is (or `profile`)."),
  profile: name()
    .optional()
    .describe("A nested endpoint: the child profile (trafficManager.profiles) it stands for."),
  minChildEndpoints: integer(1)
    .max(1000)
    .prefault(1)
    .describe(
      "A nested endpoint is healthy while at least this many of its child's endpoints are (Azure's default 1).",
    ),
  location: regionName()
    .optional()
    .describe(
      "A nested endpoint's location for performance routing; default: its child's first endpoint's region.",
    ),
  ...endpointFields,
  geos: z
    .array(z.string())
    .prefault([])
    .describe("Geographic routing: user-base names, region names, or `world` mapped to this endpoint."),
});

/** A child profile behind a nested endpoint: one level, its endpoints datacenters. */
const ChildProfileSchema = z.strictObject({
  name: name(),
  routing: z.enum(CHILD_ROUTING_METHODS).prefault("performance"),
  endpoints: z
    .array(z.strictObject({ datacenter: name(), ...endpointFields }))
    .min(1)
    .describe("The child's endpoints: datacenters (one level of nesting)."),
});

export const TrafficManagerSchema = z
  .strictObject({
    routing: z.enum(ROUTING_METHODS).prefault("performance"),
    ttl: duration().prefault("30s").describe("DNS TTL of the answer (0 to 2,147,483,647 s)."),
    probe: z
      .strictObject({
        interval: z
          .enum(["10s", "30s"], { error: "10s or 30s (the two probing intervals Traffic Manager offers)" })
          .prefault("30s")
          .transform((s) => (s === "10s" ? 10 : 30)),
        timeout: duration()
          .optional()
          .describe("5-10 s at the 30 s interval (default 10 s), 5-9 s at 10 s (default 9 s)."),
        toleratedFailures: integer(0).max(9).prefault(3),
        locations: integer(1)
          .max(64)
          .prefault(3)
          .describe("Probing locations, each with its own schedule and failure count (no public count)."),
        degradedWhen: z
          .enum(DEGRADED_WHEN)
          .prefault("majority")
          .describe("Degraded when any, most or all locations count it failed (no public rule)."),
        failAboveUtilisation: share()
          .optional()
          .describe("Custom health page: fails while the WFE cluster is busier than this."),
        failAboveLatency: positiveDuration()
          .optional()
          .describe("Custom health page: fails while a request would take longer than this at the WFE."),
      })
      .prefault({})
      .transform((p, ctx) => {
        const max = p.interval === 10 ? 9 : 10;
        const timeout = p.timeout ?? max;
        if (timeout < 5 || timeout > max) {
          ctx.addIssue({
            code: "custom",
            path: ["timeout"],
            message: `a probe timeout of 5s to ${max}s at the ${p.interval}s interval`,
          });
        }
        return {
          interval: p.interval,
          timeout,
          toleratedFailures: p.toleratedFailures,
          locations: p.locations,
          degradedWhen: p.degradedWhen,
          failAboveUtilisation: p.failAboveUtilisation ?? null,
          failAboveLatency: p.failAboveLatency ?? null,
        };
      }),
    endpoints: z.array(EndpointSchema).optional().describe("Default: every datacenter, in file order."),
    profiles: z
      .array(ChildProfileSchema)
      .prefault([])
      .describe("Child profiles that nested endpoints (`profile:`) stand for."),
  })
  .superRefine((tm, ctx) => {
    if (tm.ttl > 2_147_483_647)
      ctx.addIssue({ code: "custom", path: ["ttl"], message: "a TTL of at most 2147483647s" });
  });
