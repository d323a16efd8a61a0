/**
 * How people use a session once it is open (issue 14): active and idle periods, the client types
 * that hold its tokens, and whether a user whose sign-in failed comes back. None of these has a
 * public figure; the defaults are stated in docs/scenario-format.md as parameters.
 */
import { z } from "zod";
import { distribution } from "./distribution.ts";
import { share } from "./primitives.ts";

export const ActivitySchema = z
  .strictObject({
    active: distribution()
      .prefault({ lognormal: { median: "20m", p99: "3h" } })
      .describe("A period in which the user works in the tab and the app calls its APIs."),
    idle: distribution()
      .prefault({ lognormal: { median: "15m", p99: "4h" } })
      .describe("A period in which the tab stays open in the background: no calls, no renewals."),
  })
  .describe("A session alternates active and idle periods, starting active (no public figure).");

/** Client types, as shares of a user base's sessions. */
export const CLIENT_TYPES = ["spa", "web", "broker"] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];

export const ClientMixSchema = z
  .strictObject({
    spa: share().optional().describe("Single-page app: MSAL.js in the browser, 24 h refresh token."),
    web: share().optional().describe("Confidential web app: the WFE holds the refresh token and renews."),
    broker: share().optional().describe("Broker or host (WAM, Teams): the host holds the session."),
  })
  .transform((m) => {
    const given = CLIENT_TYPES.map((c) => m[c]);
    // No shares at all: every session is a single-page app.
    if (given.every((v) => v === undefined)) return { spa: 1, web: 0, broker: 0 };
    return { spa: m.spa ?? 0, web: m.web ?? 0, broker: m.broker ?? 0 };
  })
  .refine((m) => Math.abs(m.spa + m.web + m.broker - 1) < 1e-9, {
    error: "client shares that add up to 100%",
  })
  .describe("Which client holds the session's tokens (default: every session a single-page app).");

export const ReturnsSchema = z
  .strictObject({
    probability: share()
      .prefault("70%")
      .describe("Chance that a user whose sign-in failed tries again later (no public figure)."),
    delay: distribution()
      .prefault({ lognormal: { median: "5m", p99: "1h" } })
      .describe("How long such a user waits before opening the service again (no public figure)."),
  })
  .describe("Users whose sign-in failed come back: recovery load after an outage includes them.");
