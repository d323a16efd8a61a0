/**
 * `datacenters:` each an Azure region hosting a WFE (web front end) cluster and a back-end
 * cluster. Service times are the station's own work only; network hops and the identity
 * provider's and global service's time are modelled separately.
 */
import { z } from "zod";
import { distribution } from "./distribution.ts";
import { name, positiveDuration, regionName } from "./primitives.ts";
import { AutoscalingSchema, stationFields } from "./station.ts";

const WfeSchema = z.strictObject({
  ...stationFields({ instances: 10, concurrency: 32, queueLimit: 1000, timeout: "30s" }),
  serviceTime: z
    .strictObject({
      redirect: distribution()
        .prefault({ lognormal: { median: "5ms", p99: "50ms" } })
        .describe("First GET answered with a 302 to the identity provider."),
      callback: distribution()
        .prefault({ lognormal: { median: "40ms", p99: "400ms" } })
        .describe("Callback with the code: WFE's own work, besides the token and global-service calls."),
      page: distribution()
        .prefault({ lognormal: { median: "20ms", p99: "200ms" } })
        .describe(
          "One request of a signed-in session's page traffic (userBases[].pageRate; no public figure).",
        ),
    })
    .prefault({}),
  autoscaling: AutoscalingSchema.optional(),
  pricePerInstanceHour: z
    .number()
    .min(0)
    .optional()
    .describe("Cost of one WFE instance for one hour, in any currency; plans report cost with it."),
});

const BackEndSchema = z.strictObject({
  ...stationFields({ instances: 10, concurrency: 32, queueLimit: 2000, timeout: "30s" }),
  serviceTime: distribution()
    .prefault({ lognormal: { median: "50ms", p99: "800ms" } })
    .describe("One API call from the browser."),
  tokenValidation: distribution()
    .prefault("15us")
    .describe("CPU cost of an RS256 signature check per call (≈15 µs, one public benchmark)."),
  signingKeyCacheTtl: positiveDuration()
    .prefault("12h")
    .describe(
      "The cached signing keys (the identity provider's metadata) are refetched after this: Microsoft.IdentityModel's automatic refresh, 12 h; OWIN's 24 h.",
    ),
  signingKeyRefreshOnUnknownKey: z
    .boolean()
    .prefault(true)
    .describe(
      "A token signed with a key the cache lacks makes the back end refetch the metadata (ASP.NET Core's RefreshOnIssuerKeyNotFound, on by default; OWIN cannot).",
    ),
  signingKeyRefreshInterval: positiveDuration()
    .prefault("5m")
    .describe(
      "Refetches on an unknown key are at most this often (ConfigurationManager.RefreshInterval, 5 min).",
    ),
  signingKeyFetch: distribution()
    .prefault({ lognormal: { median: "50ms", p99: "300ms" } })
    .describe("Fetching the identity provider's signing-key metadata on a cache miss."),
  autoscaling: AutoscalingSchema.optional(),
  pricePerInstanceHour: z
    .number()
    .min(0)
    .optional()
    .describe("Cost of one back-end instance for one hour, in any currency; plans report cost with it."),
});

export const DatacenterSchema = z.strictObject({
  name: name(),
  region: regionName(),
  wfe: WfeSchema.prefault({}),
  backEnd: BackEndSchema.prefault({}),
});
