/**
 * `faults:` timed events, each `type`d, with `start` (since simulated time 0) and either `end`,
 * `duration`, or neither (lasts to the end of the run). A datacenter outage says how it fails:
 * a black hole (packets dropped: clients and probes wait for their timeouts) or a fast failure
 * (a live load balancer in front of a failed cluster answers 503 at once).
 */
import { z } from "zod";
import { duration, name, positiveDuration, positiveNumber, regionName, share } from "./primitives.ts";

const timing = {
  start: duration().describe("Since simulated time 0."),
  end: duration().optional(),
  duration: positiveDuration().optional(),
};

type Timing = { start: number; end?: number; duration?: number };

const checkTiming = (f: Timing, ctx: z.RefinementCtx) => {
  if (f.end !== undefined && f.duration !== undefined) {
    ctx.addIssue({ code: "custom", path: ["duration"], message: "either end or duration, not both" });
  } else if (f.end !== undefined && f.end <= f.start) {
    ctx.addIssue({ code: "custom", path: ["end"], message: "an end after the start", input: f.end });
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
]);
