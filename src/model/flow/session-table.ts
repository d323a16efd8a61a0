/**
 * Per-session state as struct-of-arrays typed columns with pooled slot ids.
 *
 * Where it sits: every event of the flow targets a session slot (or slot × 2 + channel for
 * station jobs: channel 0 is the sign-in and API calls, channel 1 the token renewal, which
 * runs beside them). Memory is bounded by concurrent sessions: a slot is reused as soon as its
 * session ends. Per slot: 187 bytes, plus 24 per resource besides the service's API (`bytesPerSlot`; docs/performance.md).
 *
 * Tokens: a session holds one access token per resource (resource 0 is the service's own API,
 * the others are `identityProvider.resources`), strided `slot × resources + k`.
 */

/** Session kinds (how the sign-in goes). */
export const SessionKind = { INTERACTIVE: 0, SSO: 1, EMBEDDED: 2 } as const;

/** Who holds the session's tokens (userBases[].clients). */
export const ClientKind = { SPA: 0, WEB: 1, BROKER: 2 } as const;

/** Login-step accumulators, in seconds, kept per slot (see LOGIN_STEPS in run-result.ts). */
export const Acc = {
  LOGIN_START: 0,
  TYPING: 1,
  DNS: 2,
  CONNECT: 3,
  WFE: 4,
  IDP: 5,
  REDEMPTION: 6,
  /** When the current step began (to attribute its time at the end of the step). */
  STEP_START: 7,
} as const;
const ACC_STRIDE = 8;

export class SessionTable {
  capacity: number;
  active = 0;
  userBase!: Int32Array;
  tenant!: Int32Array;
  /** Datacenter whose WFE the current sign-in uses (-1 none yet). */
  datacenter!: Int32Array;
  kind!: Uint8Array;
  phase!: Uint8Array;
  /** Failed attempts of the current sign-in. */
  attempts!: Uint8Array;
  renewalAttempts!: Uint8Array;
  /** 1 while a renewal request is at a station or on the wire. */
  renewalBusy!: Uint8Array;
  /** ClientKind of the session. */
  client!: Uint8Array;
  /** 1 while the tab is idle (no calls, so no renewals). */
  isIdle!: Uint8Array;
  /** Resource whose renewal is out (while renewalBusy), and a bit per resource that waits. */
  renewalResource!: Uint8Array;
  pendingRenewals!: Uint8Array;
  /** 1 once the session's end came while a renewal was still out: free the slot after it. */
  isEnding!: Uint8Array;
  isReauth!: Uint8Array;
  sessionEnd!: Float64Array;
  /** When the single-page app's refresh token expires (24 h, not sliding) [s]. */
  refreshTokenExpiry!: Float64Array;
  /** Per slot × resource: access-token expiry and MSAL's throttle end. */
  tokenExpiry!: Float64Array;
  blockedUntil!: Float64Array;
  /** Per slot × other resource (k ≥ 1, `callIndex`): the pending first call after its due time. */
  resourceCall!: Float64Array;
  /** When the renewal's current attempt left the browser (the iframe's timeout counts from it). */
  renewalSent!: Float64Array;
  renewalStart!: Float64Array;
  /** The recursive resolver the session is bound to (DnsResolvers index), -1 until its first lookup. */
  resolver!: Int32Array;
  /** The browser's own DNS cache: answer and expiry. */
  browserDc!: Int32Array;
  browserDnsExpiry!: Float64Array;
  /** The session's one pending clock event (its next active/idle switch, or its end), or -1. */
  clockHandle!: Float64Array;
  /** RTT of the hop in progress on the main channel, and of the renewal's [s]. */
  hopRtt!: Float64Array;
  renewalRtt!: Float64Array;
  /** Typing time of the current sign-in, drawn when the login page is shown [s]. */
  typing!: Float64Array;
  acc!: Float64Array;
  private free!: Int32Array;
  private freeCount = 0;
  private nextFresh = 0;

  /** Token resources per session (1 + identityProvider.resources). */
  readonly resources: number;

  constructor(initialCapacity = 1024, resources = 1) {
    this.resources = resources;
    this.capacity = 0;
    this.resize(Math.max(16, initialCapacity));
  }

  allocate(): number {
    let slot: number;
    if (this.freeCount > 0) slot = this.free[--this.freeCount];
    else {
      if (this.nextFresh === this.capacity) this.resize(this.capacity * 2);
      slot = this.nextFresh++;
    }
    this.active++;
    this.attempts[slot] = 0;
    this.renewalAttempts[slot] = 0;
    this.renewalBusy[slot] = 0;
    this.isIdle[slot] = 0;
    this.pendingRenewals[slot] = 0;
    this.refreshTokenExpiry[slot] = Number.POSITIVE_INFINITY;
    this.isEnding[slot] = 0;
    this.isReauth[slot] = 0;
    this.datacenter[slot] = -1;
    this.browserDc[slot] = -1;
    this.resolver[slot] = -1;
    this.browserDnsExpiry[slot] = Number.NEGATIVE_INFINITY;
    this.clockHandle[slot] = -1;
    const r = this.resources;
    this.tokenExpiry.fill(Number.NEGATIVE_INFINITY, slot * r, slot * r + r);
    this.blockedUntil.fill(Number.NEGATIVE_INFINITY, slot * r, slot * r + r);
    this.resourceCall.fill(-1, slot * (r - 1), slot * (r - 1) + r - 1);
    this.acc.fill(0, slot * ACC_STRIDE, slot * ACC_STRIDE + ACC_STRIDE);
    return slot;
  }

  /** Slots ever handed out: every slot in use is below this. */
  get highWater(): number {
    return this.nextFresh;
  }

  release(slot: number): void {
    this.free[this.freeCount++] = slot;
    this.active--;
  }

  /** Index of accumulator `which` of `slot` in `acc`. */
  at(slot: number, which: number): number {
    return slot * ACC_STRIDE + which;
  }

  /** Attributes the time since `slot`'s current login step began to accumulator `which`. */
  markStep(slot: number, which: number, now: number): void {
    const at = slot * ACC_STRIDE + Acc.STEP_START;
    this.acc[slot * ACC_STRIDE + which] += now - this.acc[at];
    this.acc[at] = now;
  }

  /** Index of resource k's (k ≥ 1) pending call in `resourceCall`. */
  callIndex(slot: number, k: number): number {
    return slot * (this.resources - 1) + k - 1;
  }

  /** Bytes held per slot, for the memory figures in docs/performance.md. */
  static bytesPerSlot(resources = 1): number {
    // 6 int32 columns (free list included), 11 uint8, 9 float64, the accumulators, two float64
    // per token resource and one per resource besides the service's API.
    return 6 * 4 + 11 * 1 + 9 * 8 + ACC_STRIDE * 8 + resources * 2 * 8 + (resources - 1) * 8;
  }

  private resize(capacity: number): void {
    const old = this.capacity;
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(
      a: T | undefined,
      make: (n: number) => T,
    ): T => {
      const b = make(capacity);
      if (a) b.set(a.subarray(0, old) as never);
      return b;
    };
    const i32 = (n: number) => new Int32Array(n);
    const u8 = (n: number) => new Uint8Array(n);
    const f64 = (n: number) => new Float64Array(n);
    this.userBase = grow(this.userBase, i32);
    this.tenant = grow(this.tenant, i32);
    this.datacenter = grow(this.datacenter, i32);
    this.browserDc = grow(this.browserDc, i32);
    this.resolver = grow(this.resolver, i32);
    this.free = grow(this.free, i32);
    this.kind = grow(this.kind, u8);
    this.phase = grow(this.phase, u8);
    this.attempts = grow(this.attempts, u8);
    this.renewalAttempts = grow(this.renewalAttempts, u8);
    this.renewalBusy = grow(this.renewalBusy, u8);
    this.client = grow(this.client, u8);
    this.isIdle = grow(this.isIdle, u8);
    this.renewalResource = grow(this.renewalResource, u8);
    this.pendingRenewals = grow(this.pendingRenewals, u8);
    this.isEnding = grow(this.isEnding, u8);
    this.isReauth = grow(this.isReauth, u8);
    this.sessionEnd = grow(this.sessionEnd, f64);
    this.refreshTokenExpiry = grow(this.refreshTokenExpiry, f64);
    this.renewalStart = grow(this.renewalStart, f64);
    this.renewalSent = grow(this.renewalSent, f64);
    this.browserDnsExpiry = grow(this.browserDnsExpiry, f64);
    this.clockHandle = grow(this.clockHandle, f64);
    this.hopRtt = grow(this.hopRtt, f64);
    this.renewalRtt = grow(this.renewalRtt, f64);
    this.typing = grow(this.typing, f64);
    const perToken = (a: Float64Array | undefined, perSlot = this.resources) => {
      const b = new Float64Array(capacity * perSlot);
      if (a) b.set(a);
      return b;
    };
    this.tokenExpiry = perToken(this.tokenExpiry);
    this.blockedUntil = perToken(this.blockedUntil);
    this.resourceCall = perToken(this.resourceCall, this.resources - 1);
    const acc = new Float64Array(capacity * ACC_STRIDE);
    if (this.acc) acc.set(this.acc);
    this.acc = acc;
    this.capacity = capacity;
  }
}
