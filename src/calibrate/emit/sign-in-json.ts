/**
 * The emitter half of `run --emit-signins` (issue 18 item 4): one simulated sign-in -> one line
 * of JSON shaped as a Microsoft Graph `signIn` object (v1.0 fields, plus the beta's
 * `signInEventTypes`, `authenticationRequirement`, `authenticationDetails` and
 * `incomingTokenType`, which say what v1.0 cannot: SSO, broker, non-interactive). Pure: the same
 * record gives the same bytes; ids are derived from the record's numbers, never random, and
 * name simulated users only. `authsim calibrate` reads these lines back (the round trip).
 */

/** What the model hands over for each sign-in and silent renewal. */
export interface SimulatedSignIn {
  /** When the sign-in was initiated [s since 1970, UTC]: the run's start date + simulated time. */
  readonly time: number;
  /** The user base, its place (the region's coordinates) and an optional country code. */
  readonly userBase: {
    readonly name: string;
    readonly lat: number;
    readonly lon: number;
    readonly country?: string;
    /** The city written in `location.city` (default: the user base's name). */
    readonly city?: string;
  };
  /** The user within the user base (a stable index: distinct users are counted by it). */
  readonly user: number;
  /** The session within the run; every sign-in of one session shares its correlation id. */
  readonly session: number;
  /** The sign-in's number within its session (0 = the session's first). */
  readonly sequence: number;
  readonly kind: "interactive" | "sso" | "silent" | "broker";
  /** The sign-in asked for MFA. */
  readonly mfa: boolean;
  /** Entra error code, 0 on success (error-codes.ts: 90055 throttled, 50000 service errors, 50058 interaction required). */
  readonly errorCode: number;
  readonly failureReason?: string;
  /** The token's resource (default: the options' resourceDisplayName, no resourceId). */
  readonly resource?: { readonly id: string; readonly displayName: string };
}

export interface EmitterOptions {
  /** The app's id and name in the log (the service being simulated). */
  readonly appId?: string;
  readonly appDisplayName?: string;
  readonly resourceDisplayName?: string;
}

const PRIME = 0x01000193;
/** Two hex digits per byte value. */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const hex8 = (h: number) => HEX[h >>> 24] + HEX[(h >>> 16) & 255] + HEX[(h >>> 8) & 255] + HEX[h & 255];

/**
 * A GUID-shaped id derived from `text` (version nibble 4, variant 8, for tools that check): four
 * 32-bit FNV-1a hashes of the text with different offsets (ids only; not for security), in one
 * pass (PERF: `run --emit-signins` derives three ids per line).
 */
export function derivedGuid(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  let c = 0x2f1a3b7d;
  let d = 0x6c8e9f01;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, PRIME);
    b = Math.imul(b ^ ch, PRIME);
    c = Math.imul(c ^ ch, PRIME);
    d = Math.imul(d ^ ch, PRIME);
  }
  const hex = hex8(a >>> 0) + hex8(b >>> 0) + hex8(c >>> 0) + hex8(d >>> 0);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const iso = (t: number) => new Date(Math.round(t * 1000)).toISOString();

/** The Graph signIn JSON line (no trailing newline) for `s`. */
export function signInJson(s: SimulatedSignIn, options: EmitterOptions = {}): string {
  const interactive = s.kind === "interactive" || s.kind === "sso";
  const session = derivedGuid(`session ${s.session}`);
  const object = {
    id: derivedGuid(`sign-in ${s.session} ${s.sequence}`),
    createdDateTime: iso(s.time),
    userDisplayName: `Simulated user ${s.user} (${s.userBase.name})`,
    userPrincipalName: `user${s.user}.${s.userBase.name}@authsim.invalid`,
    userId: derivedGuid(`user ${s.userBase.name} ${s.user}`),
    appId: options.appId ?? "00000000-0000-4000-8000-00000a075111",
    appDisplayName: options.appDisplayName ?? "authsim simulated service",
    clientAppUsed: s.kind === "broker" ? "Mobile Apps and Desktop clients" : "Browser",
    correlationId: session,
    isInteractive: interactive,
    signInEventTypes: [interactive ? "interactiveUser" : "nonInteractiveUser"],
    authenticationRequirement: s.mfa ? "multiFactorAuthentication" : "singleFactorAuthentication",
    authenticationDetails:
      s.kind === "sso"
        ? [{ authenticationMethod: "Previously satisfied", succeeded: s.errorCode === 0 }]
        : s.kind === "interactive"
          ? [{ authenticationMethod: "Password", succeeded: s.errorCode === 0 }]
          : [],
    incomingTokenType:
      s.kind === "broker" ? "primaryRefreshToken" : s.kind === "silent" ? "refreshToken" : "none",
    resourceDisplayName: s.resource?.displayName ?? options.resourceDisplayName ?? "authsim simulated API",
    ...(s.resource === undefined ? {} : { resourceId: s.resource.id }),
    status: {
      errorCode: s.errorCode,
      failureReason: s.errorCode === 0 ? null : (s.failureReason ?? "Simulated failure"),
      additionalDetails: null,
    },
    location: {
      city: s.userBase.city ?? s.userBase.name,
      state: null,
      countryOrRegion: s.userBase.country ?? null,
      geoCoordinates: { altitude: null, latitude: s.userBase.lat, longitude: s.userBase.lon },
    },
  };
  return JSON.stringify(object);
}
