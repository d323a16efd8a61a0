/**
 * `faults:` timed events, each `type`d, with `start` (since simulated time 0) and either `end`,
 * `duration`, or neither (lasts to the end of the run). `start` and `duration` may be drawn per
 * replication (faults-timing.ts). A datacenter outage says how it fails: a black hole (packets
 * dropped: clients and probes wait for their timeouts) or a fast failure (a live load balancer in
 * front of a failed cluster answers 503 at once). A removed signing key is missing from the
 * identity provider's published metadata while the fault lasts; caches pick that up when they
 * refetch (model/services/signing-keys.ts).
 */
import { z } from "zod";
import { type FaultTimeInput, faultTime, supportOf } from "./faults-timing.ts";
import { duration, name, positiveDuration, positiveNumber, regionName, share } from "./primitives.ts";

const timing = {
  start: faultTime().describe(
    "Since simulated time 0: a duration, or drawn per replication: { between: [10m, 40m] } or a distribution.",
  ),
  end: duration().optional(),
  duration: faultTime().optional().describe("A duration above zero, or drawn per replication like start."),
};

type Timing = { start: FaultTimeInput; end?: number; duration?: FaultTimeInput };

/** The range a time can take [s]: a fixed one's value, a drawn one's window or support. */
function rangeOf(t: FaultTimeInput): { min: number; max: number } {
  if (t.kind === "fixed") return { min: t.value, max: t.value };
  const s = supportOf(t.dist);
  return t.window ? { min: Math.max(t.window[0], s.min), max: Math.min(t.window[1], s.max) } : s;
}

const checkTiming = (f: Timing, ctx: z.RefinementCtx) => {
  if (f.end !== undefined && f.duration !== undefined) {
    ctx.addIssue({ code: "custom", path: ["duration"], message: "either end or duration, not both" });
  } else if (f.end !== undefined && f.end <= rangeOf(f.start).max) {
    ctx.addIssue({
      code: "custom",
      path: ["end"],
      message: f.start.kind === "fixed" ? "an end after the start" : "an end after the latest start drawn",
      input: f.end,
    });
  }
  if (f.duration !== undefined && rangeOf(f.duration).min <= 0) {
    ctx.addIssue({
      code: "custom",
      path: ["duration"],
      message:
        f.duration.kind === "fixed"
          ? "a duration above zero (e.g. 1s)"
          : "a drawn duration that is always above zero (its window or distribution reaches 0s or below)",
    });
  }
};

/** How a down WFE fails the connections and probes that reach its address. */
export const OUTAGE_FAILURES = ["blackHole", "fastFailure"] as const;

export const FAULT_TYPES = [
  "datacenterOutage",
  "identitySlowdown",
  "identityErrors",
  "globalServiceSlowdown",
  "latencySpike",
  "dnsTtlChange",
  "signingKeyRemoved",
] as const;

const fault = <T extends (typeof FAULT_TYPES)[number], S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z
    .strictObject({ type: z.literal(type), ...shape, ...timing })
    .superRefine((f, ctx) => checkTiming(f as unknown as Timing, ctx));

export const FaultSchema = z.discriminatedUnion("type", [
  fault("datacenterOutage", {
    datacenter: name(),
    component: z.enum(["wfe", "backEnd", "both"]).prefault("wfe").describe("What goes down."),
    failure: z
      .enum(OUTAGE_FAILURES)
      .prefault("blackHole")
      .describe("blackHole: connections time out; fastFailure: the WFE's address answers 503 at once."),
  }),
  fault("identitySlowdown", {
    regions: z.array(regionName()).optional().describe("Default: every identity region."),
    scaleUnit: name().optional().describe("Only the tenants of this scale unit; default: every tenant."),
    factor: positiveNumber().describe("Service-time multiplier, e.g. 5."),
  }),
  fault("identityErrors", {
    regions: z.array(regionName()).optional().describe("Default: every identity region."),
    scaleUnit: name().optional().describe("Only the tenants of this scale unit; default: every tenant."),
    errorRate: share().describe("Share of requests answered with an error (100% = outage)."),
    endpoint: z.enum(["loginPage", "tokenEndpoint", "both"]).prefault("both"),
  }),
  fault("globalServiceSlowdown", { factor: positiveNumber() }),
  fault("latencySpike", {
    between: z.tuple([regionName(), regionName()], { error: "two region names, e.g. [westeurope, eastus]" }),
    extra: duration().describe("Added to the RTT between the two regions."),
  }),
  fault("dnsTtlChange", { ttl: duration().describe("Traffic Manager TTL while the fault lasts.") }),
  fault("signingKeyRemoved", {
    tenants: z
      .array(name())
      .min(1)
      .optional()
      .describe("The tenants whose tokens the removed key signs; default: every tenant."),
    invalidateCachesAfter: positiveDuration()
      .optional()
      .describe(
        "After this (since the fault's start) operators force every cache to refetch; default: never.",
      ),
  }),
]);
