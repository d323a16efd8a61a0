/**
 * What a station's job means in the flow: a session slot and the hop it is on, packed as
 * slot × 16 + hop. The hop names the handler that hears the station's answer, so no handler asks
 * where the session is, and a station that serves two hops (the WFE: redirect and callback; the
 * token endpoint: redemption and renewal; the login page: showing it and signing in) calls two
 * handlers. `bindStations` wires every station's callbacks once the flow exists; the stations are
 * built before it, with none.
 */
import type { PageRequests } from "../pages/page-requests.ts";
import type { World } from "../run/world.ts";
import type { SignInFlow } from "./sign-in-flow.ts";
import type { TokenRenewal } from "./token-renewal.ts";

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
  /** A confidential web app's WFE takes a renewal (it holds the refresh token). */
  WFE_RENEWAL: 7,
  /** The login page answers a single-page app's hidden iframe (prompt=none). */
  IFRAME_AUTHORIZE: 8,
  /** The WFE serves a page of a signed-in session (pages/page-requests.ts; slot = the request's). */
  WFE_PAGE: 9,
} as const;
export type Hop = (typeof Hop)[keyof typeof Hop];

/** The job a session slot submits on a hop. */
export function jobOf(slot: number, hop: Hop): number {
  return slot * 16 + hop;
}

const slotOf = (job: number) => job >> 4;
const hopOf = (job: number) => job & 15;

/** Binds every station's callbacks to the flow's handlers, by hop. */
export function bindStations(
  world: World,
  signIn: SignInFlow,
  renewal: TokenRenewal,
  pages: PageRequests | null = null,
): void {
  const dropped = (job: number, reason: number) => signIn.onDropped(slotOf(job), reason);
  // A renewal's hops answer the renewal; every other hop is the sign-in's.
  const isRenewal = (job: number) => {
    const hop = hopOf(job);
    return hop === Hop.TOKEN_RENEWAL || hop === Hop.WFE_RENEWAL || hop === Hop.IFRAME_AUTHORIZE;
  };
  const droppedAny = (job: number, reason: number) =>
    isRenewal(job) ? renewal.onDropped(slotOf(job), reason) : dropped(job, reason);
  for (const wfe of world.datacenters.wfe) {
    wfe.bind({
      onDone: (job) => {
        const hop = hopOf(job);
        if (hop === Hop.WFE_REDIRECT) signIn.onRedirectServed(slotOf(job));
        else if (hop === Hop.WFE_CALLBACK) signIn.onCallbackServed(slotOf(job));
        else if (hop === Hop.WFE_PAGE) pages?.onDone(slotOf(job));
        else renewal.onWfeServed(slotOf(job));
      },
      onDrop: (job, reason) =>
        hopOf(job) === Hop.WFE_PAGE ? pages?.onDropped(slotOf(job), reason) : droppedAny(job, reason),
    });
  }
  for (const page of world.identity.loginPage) {
    page.bind({
      onDone: (job) => {
        const hop = hopOf(job);
        if (hop === Hop.LOGIN_PAGE_SHOW) signIn.onLoginPageShown(slotOf(job));
        else if (hop === Hop.LOGIN_PAGE_SIGN_IN) signIn.onSignInAnswered(slotOf(job));
        else renewal.onIframeAnswered(slotOf(job));
      },
      onDrop: droppedAny,
    });
  }
  for (const endpoint of world.identity.tokenEndpoint) {
    endpoint.bind({
      onDone: (job) =>
        hopOf(job) === Hop.TOKEN_RENEWAL
          ? renewal.onTokenEndpointDone(slotOf(job))
          : signIn.onCodeRedeemed(slotOf(job)),
      onDrop: droppedAny,
    });
  }
  world.globalService.station.bind({
    onDone: (job) => signIn.onGlobalLookupDone(slotOf(job)),
    onDrop: dropped,
  });
}
