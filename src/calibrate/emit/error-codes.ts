/**
 * The Entra error code (`status.errorCode`, the number of an AADSTS code) a simulated failure
 * is written with, by the model's failure cause. Sources: Microsoft Entra authentication and
 * authorization error codes, https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 * (docs/calibration.md §5 has the table). Entra has no code for a request its front door could
 * not take or did not answer in time; those are written as 50000 (TokenIssuanceError, "an issue
 * with the sign-in service") with a failureReason that says which it was.
 */

export interface EntraError {
  readonly code: number;
  readonly reason: string;
}

const CODES: Readonly<Record<string, EntraError>> = {
  throttled: {
    code: 90055,
    reason: "TenantThrottlingError: there are too many incoming requests (simulated: HTTP 429)",
  },
  idpError: {
    code: 50000,
    reason:
      "TokenIssuanceError: there's an issue with the sign-in service (simulated: an identity-provider error)",
  },
  rejected: {
    code: 50000,
    reason: "TokenIssuanceError: there's an issue with the sign-in service (simulated: queue full, HTTP 503)",
  },
  outage: {
    code: 50000,
    reason: "TokenIssuanceError: there's an issue with the sign-in service (simulated: service down)",
  },
  timeout: {
    code: 50000,
    reason: "TokenIssuanceError: there's an issue with the sign-in service (simulated: request timed out)",
  },
  connectTimeout: {
    code: 50000,
    reason: "TokenIssuanceError: there's an issue with the sign-in service (simulated: connect timeout)",
  },
  dnsNoAnswer: {
    code: 50000,
    reason: "TokenIssuanceError: there's an issue with the sign-in service (simulated: no DNS answer)",
  },
  noToken: {
    code: 50000,
    reason: "TokenIssuanceError: there's an issue with the sign-in service (simulated: no token)",
  },
  interactionRequired: {
    code: 50058,
    reason:
      "UserInformationNotProvided: session information isn't sufficient for single sign-on (simulated: a silent iframe renewal without the sign-in cookie)",
  },
};

const UNKNOWN: EntraError = { code: 50000, reason: "TokenIssuanceError (simulated)" };

/** The code and reason for failure `cause` (a model failure name). */
export function entraError(cause: string): EntraError {
  return CODES[cause] ?? UNKNOWN;
}

/** The codes authsim writes (what `--check` compares failure rates on). */
export const SIMULATED_ERROR_CODES: ReadonlySet<number> = new Set(Object.values(CODES).map((c) => c.code));
