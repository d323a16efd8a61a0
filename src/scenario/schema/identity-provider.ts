/**
 * `identityProvider:` Entra ID as authsim sees it: a login page and a token endpoint per identity
 * region, users typing credentials and MFA, SSO sessions, token lifetimes and renewal.
 */
import { z } from "zod";
import { distribution } from "./distribution.ts";
import { duration, name, positiveDuration, rate, regionName, share } from "./primitives.ts";
import { stationFields } from "./station.ts";

const endpointStation = (median: string, p99: string) =>
  z
    .strictObject({
      ...stationFields({ instances: 20, concurrency: 64, queueLimit: 5000, timeout: "30s" }),
      serviceTime: distribution().prefault({ lognormal: { median, p99 } }),
    })
    .prefault({});

export const IdentityProviderSchema = z.strictObject({
  regions: z
    .array(regionName())
    .min(1)
    .optional()
    .describe("Identity regions; default: the datacenters' regions."),
  loginPage: endpointStation("30ms", "300ms").describe(
    "/authorize: the login page and its POSTs (per region).",
  ),
  tokenEndpoint: endpointStation("20ms", "200ms").describe(
    "/token: code redemption and refresh (per region).",
  ),
  throttling: z
    .strictObject({
      rate: z
        .union([z.literal("none"), rate()])
        .prefault("none")
        .describe("Requests/s per region beyond which it answers 429 (no public figure)."),
      retryAfter: duration().prefault("60s").describe("Retry-After of a 429 (MSAL default 60 s)."),
    })
    .prefault({}),
  credentialEntry: distribution()
    .prefault({ lognormal: { median: "8s", p99: "45s" } })
    .describe("User typing name and password, all prompts together (no public figure)."),
  mfa: z
    .strictObject({
      share: share().prefault("50%").describe("Share of interactive sign-ins that ask for MFA."),
      time: distribution().prefault({ lognormal: { median: "12s", p99: "60s" } }),
    })
    .prefault({}),
  ssoShare: share().prefault("80%").describe("Share of new sessions whose browser has an SSO session."),
  tokenLifetime: distribution()
    .prefault({ uniform: { min: "60m", max: "90m" } })
    .describe("Access-token lifetime (Entra ID: random 60-90 min)."),
  renewalOffset: duration().prefault("300s").describe("MSAL.js tokenRenewalOffsetSeconds."),
  refreshTokenLifetime: positiveDuration()
    .prefault("24h")
    .describe("Single-page apps' refresh tokens: 24 h, not sliding; then the iframe runs (spa only)."),
  silentRenewal: z
    .strictObject({
      iframeFallback: z
        .boolean()
        .prefault(true)
        .describe("When the refresh token has expired, try a hidden iframe (prompt=none) before a redirect."),
      iframeTimeout: positiveDuration()
        .prefault("10s")
        .describe("msal-browser DEFAULT_IFRAME_TIMEOUT_MS: 10 s since v3 (6 s in 2.x)."),
      thirdPartyCookiesBlocked: share()
        .prefault("25%")
        .describe("Browsers whose iframe sees no sign-in cookie (Safari ITP, Firefox): a redirect follows."),
    })
    .prefault({}),
  resources: z
    .array(
      z.strictObject({
        name: name(),
        callRate: rate().describe("Calls to this resource per session while active."),
        tokenLifetime: distribution()
          .optional()
          .describe("Its access tokens' lifetime; default: tokenLifetime."),
      }),
    )
    .max(3)
    .prefault([])
    .describe(
      "Resources besides the service's own API whose tokens a session holds (e.g. Microsoft Graph); each renews on its own.",
    ),
});

export const GlobalServiceSchema = z.strictObject({
  region: regionName().optional().describe("Where it runs; default: the first datacenter's region."),
  ...stationFields({ instances: 4, concurrency: 64, queueLimit: 2000, timeout: "10s" }),
  serviceTime: distribution().prefault({ lognormal: { median: "2ms", p99: "20ms" } }),
  cacheTtl: duration().prefault("1h").describe("WFE caches tenant -> back-end answers this long."),
});
