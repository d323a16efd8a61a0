/**
 * What a station's job means in the flow: a session slot and the hop it is on, packed as
 * slot × 8 + hop. The hop names the handler that hears the station's answer, so no handler asks
 * where the session is, and a station that serves two hops (the WFE: redirect and callback; the
 * token endpoint: redemption and renewal; the login page: showing it and signing in) calls two
 * handlers. `bindStations` wires every station's callbacks once the flow exists; the stations are
 * built before it, with none.
 */
import type { World } from "../run/world.ts";
import type { SessionActivity } from "./session-activity.ts";
import type { SignInFlow } from "./sign-in-flow.ts";

export const Hop = {
  /** The WFE answers the first GET with a redirect to the identity provider. */
  WFE_REDIRECT: 0,
  /** The WFE takes the authorization code back (the callback). */
  WFE_CALLBACK: 1,
  /** The identity provider shows its sign-in page (interactive, before typing). */
  LOGIN_PAGE_SHOW: 2,
  /** The identity provider signs the user in (SSO's one visit, or the interactive POST). */
  LOGIN_PAGE_SIGN_IN: 3,
  /** The token endpoint redeems the WFE's code. */
  TOKEN_REDEMPTION: 4,
  /** The token endpoint answers a silent renewal. */
  TOKEN_RENEWAL: 5,
  /** The global service says where the tenant's back end lives. */
  GLOBAL_LOOKUP: 6,
} as const;
export type Hop = (typeof Hop)[keyof typeof Hop];

/** The job a session slot submits on a hop. */
export function jobOf(slot: number, hop: Hop): number {
  return slot * 8 + hop;
}

const slotOf = (job: number) => job >> 3;
const hopOf = (job: number) => job & 7;

/** Binds every station's callbacks to the flow's handlers, by hop. */
export function bindStations(world: World, signIn: SignInFlow, activity: SessionActivity): void {
  const dropped = (job: number, reason: number) => signIn.onDropped(slotOf(job), reason);
  for (const wfe of world.datacenters.wfe) {
    wfe.bind({
      onDone: (job) =>
        hopOf(job) === Hop.WFE_REDIRECT
          ? signIn.onRedirectServed(slotOf(job))
          : signIn.onCallbackServed(slotOf(job)),
      onDrop: dropped,
    });
  }
  for (const page of world.identity.loginPage) {
    page.bind({
      onDone: (job) =>
        hopOf(job) === Hop.LOGIN_PAGE_SHOW
          ? signIn.onLoginPageShown(slotOf(job))
          : signIn.onSignInAnswered(slotOf(job)),
      onDrop: dropped,
    });
  }
  for (const endpoint of world.identity.tokenEndpoint) {
    endpoint.bind({
      onDone: (job) =>
        hopOf(job) === Hop.TOKEN_RENEWAL
          ? activity.onRenewalTokenDone(slotOf(job))
          : signIn.onCodeRedeemed(slotOf(job)),
      onDrop: (job, reason) =>
        hopOf(job) === Hop.TOKEN_RENEWAL
          ? activity.onRenewalDropped(slotOf(job), reason)
          : dropped(job, reason),
    });
  }
  world.globalService.station.bind({
    onDone: (job) => signIn.onGlobalLookupDone(slotOf(job)),
    onDrop: dropped,
  });
}
