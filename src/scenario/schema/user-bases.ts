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
  removedField,
  weight,
} from "./primitives.ts";
import { ProfileSchema } from "./profile.ts";
import { ActivitySchema, ClientMixSchema, ReturnsSchema } from "./sessions.ts";

export const UserBaseSchema = z.strictObject({
  name: name(),
  region: regionName(),
  dailyActiveUsers: integer(0).describe("Users active on a typical weekday."),
  timeZone: z.string().optional().describe("IANA name or UTC offset; default: the region's time zone."),
  sessionsPerUser: positiveNumber().prefault(1.5).describe("Sessions per active user per typical weekday."),
  sessionLength: distribution()
    .prefault({ lognormal: { median: "2h", p99: "10h" } })
    .describe("How long a tab or app stays open, idle periods included (no public figure)."),
  activity: ActivitySchema.prefault({}),
  backEndRate: rate().prefault("2/min").describe("API calls per session while it is active."),
  pageRate: rate()
    .prefault("0/h")
    .describe(
      "Requests the session's WFE serves while it is active: pages and the app's calls through the WFE (application-specific; SharePoint Server 2010's 'typical user' makes 36/h; default 0: the WFE serves sign-ins only).",
    ),
  clients: ClientMixSchema.prefault({}),
  returns: ReturnsSchema.prefault({}),
  embeddedShare: removedField(
    "`clients: { broker: <share>, spa: <the rest> }` instead (embedded sessions are broker sessions now)",
  ),
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
  scaleUnit: name()
    .optional()
    .describe("Identity scale unit (Entra ID's partition of tenants) that serves it; default: `default`."),
});

export const ClientSchema = z.strictObject({
  connectTimeout: positiveDuration()
    .prefault("21s")
    .describe("TCP connect gives up (Windows: 3 SYNs, ≈21 s)."),
  requestTimeout: removedField(
    "no requestTimeout (removed: MSAL.js sets no timeout on token requests; a station's `timeout` bounds the wait)",
  ),
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
  onNetworkError: z
    .enum(["nextCall", "backoff"])
    .prefault("nextCall")
    .describe(
      "A renewal that timed out or found no server: retry at the next API call, or after `backoff` (MSAL leaves it to the app).",
    ),
  throttleWithoutRetryAfter: positiveDuration()
    .prefault("60s")
    .describe(
      "MSAL.js blocks a request this long after a 5xx without Retry-After (DEFAULT_THROTTLE_TIME_SECONDS).",
    ),
  reResolveOnRetry: z
    .boolean()
    .prefault(true)
    .describe("A retry asks DNS again (may get another datacenter)."),
});
