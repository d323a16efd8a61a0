/**
 * The rules that turn a log's fields into a SignInKind, shared by every format (documented in
 * docs/calibration.md, "How a sign-in is classified"):
 *
 * - a primary refresh token coming in (`incomingTokenType` primaryRefreshToken) is a broker
 *   sign-in (WAM and the mobile brokers sign in with the device's PRT);
 * - otherwise a non-interactive sign-in is a silent renewal (refresh token, hidden iframe);
 * - an interactive sign-in whose every authentication step was "Previously satisfied" (the
 *   `authenticationDetails` of the beta API and the Log Analytics tables) is SSO: the browser's
 *   session answered, no prompt; all others are interactive sign-ins with a prompt.
 */
import { SignInKind } from "../sign-in-record.ts";

interface AuthenticationStep {
  readonly authenticationMethod?: unknown;
  readonly authenticationStepResultDetail?: unknown;
}

/** True when authentication details exist and every step was satisfied by an existing session. */
export function wasPreviouslySatisfied(details: unknown): boolean {
  const steps = typeof details === "string" ? parseJsonOr(details, null) : details;
  if (!Array.isArray(steps) || steps.length === 0) return false;
  return steps.every((s: AuthenticationStep) => {
    const method = String(s?.authenticationMethod ?? "");
    const detail = String(s?.authenticationStepResultDetail ?? "");
    return /previously satisfied/i.test(method) || /satisfied by claim in the token/i.test(detail);
  });
}

export function classify(interactive: boolean, incomingTokenType: unknown, details: unknown): SignInKind {
  if (String(incomingTokenType ?? "").toLowerCase() === "primaryrefreshtoken") return SignInKind.broker;
  if (!interactive) return SignInKind.silent;
  return wasPreviouslySatisfied(details) ? SignInKind.sso : SignInKind.interactive;
}

export function isMultiFactor(requirement: unknown): boolean {
  return /multi\s*-?\s*factor/i.test(String(requirement ?? ""));
}

/** Event types that are not a user signing in: service principals and managed identities. */
export function isWorkloadSignIn(eventTypes: unknown): boolean {
  const types = typeof eventTypes === "string" ? parseJsonOr(eventTypes, [eventTypes]) : eventTypes;
  if (!Array.isArray(types)) return false;
  return types.some((t) => /servicePrincipal|managedIdentity/i.test(String(t)));
}

/** `signInEventTypes` says interactive (true), non-interactive (false), or nothing (null). */
export function interactiveFromEventTypes(eventTypes: unknown): boolean | null {
  const types = typeof eventTypes === "string" ? parseJsonOr(eventTypes, [eventTypes]) : eventTypes;
  if (!Array.isArray(types)) return null;
  if (types.some((t) => /^nonInteractiveUser$/i.test(String(t)))) return false;
  if (types.some((t) => /^interactiveUser$/i.test(String(t)))) return true;
  return null;
}

export function parseJsonOr<T>(text: string, fallback: T): unknown {
  if (text === "" || (text[0] !== "[" && text[0] !== "{")) return fallback;
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

/** Booleans as logs write them: true, "true", "True", 1. */
export function asBoolean(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") {
    if (/^(true|1|yes)$/i.test(value.trim())) return true;
    if (/^(false|0|no)$/i.test(value.trim())) return false;
  }
  return null;
}

/** An ISO 8601 timestamp -> seconds since 1970 (UTC when no offset is written), or NaN. */
export function parseTimestamp(value: unknown): number {
  if (typeof value !== "string" || value === "") return Number.NaN;
  let text = value.trim();
  // Log Analytics and the admin center write "2024-03-13 19:15:41.619" or "3/13/2024, 7:15:41 PM".
  if (/^\d{4}-\d{2}-\d{2} \d/.test(text)) text = text.replace(" ", "T");
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(text)) text += "Z";
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms / 1000 : Number.NaN;
}
