/**
 * The one record every log format is read into: what calibrate needs of a sign-in and nothing
 * more. User and correlation identifiers arrive here only as 53-bit hashes (hash-key.ts), used
 * inside the process to count distinct users and group a session's sign-ins; no field of this
 * record is ever written out, so no user id, name or IP address can leave the process.
 */

/** How a sign-in happened, as far as the logs tell (rules in docs/calibration.md). */
export const SignInKind = {
  /** The user typed credentials (isInteractive, and not satisfied by an existing session). */
  interactive: 0,
  /** Interactive sign-in answered from the browser's SSO session ("Previously satisfied"). */
  sso: 1,
  /** Non-interactive: a refresh-token grant or hidden-iframe renewal on the user's behalf. */
  silent: 2,
  /** A broker (WAM, Teams, Authenticator) holding the session: incoming primary refresh token. */
  broker: 3,
} as const;
export type SignInKind = (typeof SignInKind)[keyof typeof SignInKind];

export const SIGN_IN_KIND_NAMES = ["interactive", "sso", "silent", "broker"] as const;

export interface SignInRecord {
  /** When the sign-in was initiated, UTC [s since 1970]. */
  time: number;
  kind: SignInKind;
  /** authenticationRequirement was multiFactorAuthentication. */
  mfa: boolean;
  /** status.errorCode / ResultType; 0 = success. */
  errorCode: number;
  /** Two-letter country code, or "" when the log has none. */
  country: string;
  /** Latitude and longitude [deg], NaN when the log has none. */
  lat: number;
  lon: number;
  /** Hash of userId (or the UPN when no id), 0 when the log has neither. */
  user: number;
  /** Hash of correlationId, 0 when absent. */
  correlation: number;
  /** STS processing time [s] when the log carries one (Log Analytics ProcessingTimeInMs), else NaN. */
  processing: number;
}

/** A blank record for readers to fill in place. */
export function emptyRecord(): SignInRecord {
  return {
    time: Number.NaN,
    kind: SignInKind.interactive,
    mfa: false,
    errorCode: 0,
    country: "",
    lat: Number.NaN,
    lon: Number.NaN,
    user: 0,
    correlation: 0,
    processing: Number.NaN,
  };
}
