/**
 * The emitter half of `run --emit-signins`: a simulated sign-in -> one Graph signIn JSON line,
 * pure (same record, same bytes), with the fields the readers classify by, and read back by
 * calibrate's own Graph reader to the same kind, MFA, error and place.
 */
import { describe, expect, it } from "vitest";
import { readGraphSignIn } from "../../src/calibrate/formats/graph-sign-in.ts";
import { hashKey } from "../../src/calibrate/hash-key.ts";
import { type SimulatedSignIn, signInJson } from "../../src/calibrate/index.ts";
import { emptyRecord, SignInKind } from "../../src/calibrate/sign-in-record.ts";

const place = { name: "amsterdam", lat: 52.3667, lon: 4.9, country: "NL" };
const signIn = (over: Partial<SimulatedSignIn>): SimulatedSignIn => ({
  time: Date.UTC(2026, 10, 3, 9, 0, 0, 250) / 1000,
  userBase: place,
  user: 17,
  session: 4242,
  sequence: 0,
  kind: "interactive",
  mfa: true,
  errorCode: 0,
  ...over,
});

describe("signInJson", () => {
  it("writes a Graph signIn object with the documented field names", () => {
    const o = JSON.parse(signInJson(signIn({})));
    expect(o.createdDateTime).toBe("2026-11-03T09:00:00.250Z");
    expect(o.isInteractive).toBe(true);
    expect(o.signInEventTypes).toEqual(["interactiveUser"]);
    expect(o.authenticationRequirement).toBe("multiFactorAuthentication");
    expect(o.status).toEqual({ errorCode: 0, failureReason: null, additionalDetails: null });
    expect(o.location).toEqual({
      city: "amsterdam",
      state: null,
      countryOrRegion: "NL",
      geoCoordinates: { altitude: null, latitude: 52.3667, longitude: 4.9 },
    });
    expect(o.correlationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(o.userPrincipalName).toMatch(/@authsim\.invalid$/); // a simulated user, never a real one
  });

  it("is pure: the same record gives the same line; a session's sign-ins share one correlation id", () => {
    expect(signInJson(signIn({}))).toBe(signInJson(signIn({})));
    const first = JSON.parse(signInJson(signIn({})));
    const renewal = JSON.parse(
      signInJson(signIn({ sequence: 1, kind: "silent", time: signIn({}).time + 3900 })),
    );
    expect(renewal.correlationId).toBe(first.correlationId);
    expect(renewal.id).not.toBe(first.id);
    expect(JSON.parse(signInJson(signIn({ session: 4243 }))).correlationId).not.toBe(first.correlationId);
  });

  it("reads back to the same kind, MFA, error code, place, user and session", () => {
    const kinds = [
      ["interactive", SignInKind.interactive],
      ["sso", SignInKind.sso],
      ["silent", SignInKind.silent],
      ["broker", SignInKind.broker],
    ] as const;
    for (const [kind, expected] of kinds) {
      const line = signInJson(
        signIn({ kind, mfa: kind === "interactive", errorCode: kind === "sso" ? 50196 : 0 }),
      );
      const r = emptyRecord();
      expect(readGraphSignIn(JSON.parse(line), r)).toBeNull();
      expect(r.kind).toBe(expected);
      expect(r.mfa).toBe(kind === "interactive");
      expect(r.errorCode).toBe(kind === "sso" ? 50196 : 0);
      expect([r.country, r.lat, r.lon]).toEqual(["NL", 52.3667, 4.9]);
      expect(r.time).toBe(Date.UTC(2026, 10, 3, 9, 0, 0, 250) / 1000);
      expect(r.correlation).toBe(hashKey(JSON.parse(line).correlationId));
    }
  });
});
