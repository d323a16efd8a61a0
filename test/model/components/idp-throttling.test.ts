/**
 * The identity provider's throttle (docs/model.md §6, "Throttling"; identity-provider.ts).
 *
 * Rule: per identity region and per endpoint (login page and token endpoint apart), fixed
 * one-second windows aligned to whole simulated seconds; beyond `throttling.rate` requests in a
 * window a request is answered 429 at once; `none` means no limit. A sliding window would judge
 * the same requests differently, so the cases below put requests on both sides of whole seconds.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/engine/simulation.ts";
import { Network } from "../../../src/model/routing/network.ts";
import { IdentityProvider } from "../../../src/model/services/identity-provider.ts";
import { scenarioFrom } from "../scenario-fixture.ts";

const LOGIN = false;
const TOKEN = true;

/** An identity provider in westeurope (region 0) and eastus (region 1) with this throttling. */
function identityProvider(throttling: string): IdentityProvider {
  const scenario = scenarioFrom(`
name: idp-throttling
datacenters: [{ name: weu, region: westeurope }]
identityProvider:
  regions: [westeurope, eastus]
  throttling: ${throttling}
userBases: [{ name: amsterdam, region: westeurope, dailyActiveUsers: 1000 }]
`);
  return new IdentityProvider(new Simulation(), scenario, new Network(scenario, () => 0), {
    loginService: () => 0.03,
    tokenService: () => 0.02,
  });
}

/** Which of these request times (all login page, region 0) get a 429. */
const throttledAt = (idp: IdentityProvider, times: readonly number[]) =>
  times.filter((t) => idp.isThrottled(0, LOGIN, t));

describe("identity provider throttling", () => {
  it("answers 429 beyond `rate` requests in one second and counts them", () => {
    const idp = identityProvider("{ rate: 3/s, retryAfter: 7s }");
    expect(throttledAt(idp, [5.1, 5.2, 5.3, 5.4, 5.5])).toEqual([5.4, 5.5]);
    expect(idp.throttled).toBe(2);
    expect(idp.retryAfter).toBe(7);
  });

  it("uses fixed windows aligned to whole seconds, not a sliding one", () => {
    const idp = identityProvider("{ rate: 3/s }");
    // Three at the end of second 5 fill [5, 6); at 6.0 a new window opens, though a sliding
    // one-second window would still hold all three. The 4th request of [6, 7) is throttled.
    expect(throttledAt(idp, [5.9, 5.95, 5.99, 6.0, 6.01, 6.5, 6.99, 7.0])).toEqual([6.99]);
  });

  it("opens a fresh window after idle seconds, whatever the time since the last request", () => {
    const idp = identityProvider("{ rate: 1/s }");
    expect(throttledAt(idp, [2.5, 2.6, 9.999, 10.0, 10.7, 1000.2])).toEqual([2.6, 10.7]);
  });

  it("counts each region and each endpoint apart", () => {
    const idp = identityProvider("{ rate: 2/s }");
    expect(throttledAt(idp, [1.1, 1.2, 1.3])).toEqual([1.3]);
    // Same second, other endpoint or other region: their own windows, still empty.
    expect(idp.isThrottled(0, TOKEN, 1.4)).toBe(false);
    expect(idp.isThrottled(0, TOKEN, 1.5)).toBe(false);
    expect(idp.isThrottled(0, TOKEN, 1.6)).toBe(true);
    expect(idp.isThrottled(1, LOGIN, 1.7)).toBe(false);
    expect(idp.isThrottled(1, TOKEN, 1.8)).toBe(false);
    expect(idp.throttled).toBe(2);
  });

  it("allows only whole requests: a rate of 2.5/s lets 2 through per window", () => {
    // "Beyond rate requests": the 3rd request of a window is beyond 2.5.
    const idp = identityProvider("{ rate: 2.5/s }");
    expect(throttledAt(idp, [3.1, 3.2, 3.3, 4.1, 4.2, 4.3])).toEqual([3.3, 4.3]);
  });

  it("never throttles without a rate (the default, none)", () => {
    const idp = identityProvider("{}");
    const many = Array.from({ length: 10_000 }, () => 42);
    expect(throttledAt(idp, many)).toEqual([]);
    expect(idp.throttled).toBe(0);
    expect(idp.retryAfter).toBe(60); // MSAL's default Retry-After
  });
});
