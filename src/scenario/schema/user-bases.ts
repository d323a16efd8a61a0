/**
 * `userBases:` groups of users in one place: where they are (region, last mile, resolvers), how
 * many, when they work (time zone, profile) and how they use the service.
 */
import { z } from "zod";
import { distribution } from "./distribution.ts";
import { DnsSchema } from "./dns.ts";
import {
  duration,
  integer,
  name,
  positiveDuration,
  positiveNumber,
  rate,
  regionName,
  share,
  weight,
} from "./primitives.ts";
import { ProfileSchema } from "./profile.ts";

export const UserBaseSchema = z.strictObject({
  name: name(),
  region: regionName(),
  dailyActiveUsers: integer(0).describe("Users active on a typical weekday."),
  timeZone: z.string().optional().describe("IANA name or UTC offset; default: the region's time zone."),
  sessionsPerUser: positiveNumber().prefault(1.5).describe("Sessions per active user per typical weekday."),
  sessionLength: distribution().prefault({ lognormal: { median: "45m", p99: "6h" } }),
  backEndRate: rate().prefault("2/min").describe("API calls per active session."),
  embeddedShare: share()
    .prefault("0%")
    .describe("Share of sessions embedded in Teams, SharePoint or Power BI."),
  tenants: z
    .record(z.string(), weight())
    .optional()
    .describe("Tenant -> weight; default: every tenant by its weight."),
  lastMile: z
    .strictObject({
      rtt: duration().prefault("20ms").describe("User to nearest region RTT (broadband 10-40 ms)."),
      jitter: duration().prefault("5ms").describe("Standard deviation added per round trip."),
    })
    .prefault({}),
  dns: DnsSchema.prefault({}),
  profile: ProfileSchema.prefault({}),
});

export const TenantSchema = z.strictObject({
  name: name(),
  backEnd: name().describe("Datacenter whose back-end cluster holds the tenant."),
  weight: weight().prefault(1).describe("Relative share of users."),
});

export const ClientSchema = z.strictObject({
  connectTimeout: positiveDuration()
    .prefault("21s")
    .describe("TCP connect gives up (Windows: 3 SYNs, ≈21 s)."),
  requestTimeout: positiveDuration().prefault("30s"),
  retries: integer(0).prefault(3).describe("Retries after the first attempt."),
  backoff: z
    .strictObject({
      initial: duration().prefault("1s"),
      multiplier: z.number().min(1).prefault(2),
      max: duration().prefault("30s"),
      jitter: z
        .enum(["none", "full", "equal"])
        .prefault("full")
        .describe("AWS 'Exponential Backoff and Jitter'."),
    })
    .prefault({})
    .refine((b) => b.max >= b.initial, { error: "max at least initial", path: ["max"] }),
  reResolveOnRetry: z
    .boolean()
    .prefault(true)
    .describe("A retry asks DNS again (may get another datacenter)."),
});
