/**
 * Per-session state as struct-of-arrays typed columns with pooled slot ids.
 *
 * Where it sits: every event of the flow targets a session slot (or slot × 2 + channel for
 * station jobs: channel 0 is the sign-in and API calls, channel 1 the token renewal, which
 * runs beside them). Memory is bounded by concurrent sessions: a slot is reused as soon as its
 * session ends. Per slot: 111 bytes, plus 24 per resource besides the service's API (`bytesPerSlot`;
 * docs/performance.md). What only a sign-in in progress needs (its step accumulators, the RTT of
 * its hop, the typing drawn) lives in a row of its own (`acc`), held from `beginSignIn` to the
 * sign-in's end: a session signs in for seconds of its hours, so the rows are as many as the
 * sign-ins in progress, not as the sessions.
 *
 * Tokens: a session holds one access token per resource (resource 0 is the service's own API,
 * the others are `identityProvider.resources`), strided `slot × resources + k`.
 */

/** Session kinds (how the sign-in goes). */
export const SessionKind = { INTERACTIVE: 0, SSO: 1, EMBEDDED: 2 } as const;

/** Who holds the session's tokens (userBases[].clients). */
export const ClientKind = { SPA: 0, WEB: 1, BROKER: 2 } as const;

/**
 * A sign-in row's slots: the login-step accumulators in seconds (see LOGIN_STEPS in
 * run-result.ts), then what the sign-in in progress carries from hop to hop.
 */
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
  /** RTT of the hop in progress [s]. */
  HOP_RTT: 8,
  /** Typing time of this sign-in, drawn when the login page is shown [s]. */
  DRAWN_TYPING: 9,
} as const;
/** The accumulators `beginSignIn` zeroes (the hop's values are written before they are read). */
const ACCUMULATORS = 8;
const ACC_STRIDE = 10;

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
  /** RTT of the renewal's hop in progress [s]. */
  renewalRtt!: Float64Array;
  /** Per slot: its sign-in row in `acc` + 1 while a sign-in is in progress, 0 when none. */
  signInRow!: Int32Array;
  /** Sign-in rows of ACC_STRIDE values (layout: `Acc`), pooled; `at` indexes them. */
  acc = new Float64Array(16 * ACC_STRIDE);
  private freeRows = new Int32Array(16);
  private freeRowCount = 0;
  private nextFreshRow = 0;
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
    return slot;
  }

  /** Slots ever handed out: every slot in use is below this. */
  get highWater(): number {
    return this.nextFresh;
  }

  release(slot: number): void {
    this.endSignIn(slot);
    this.free[this.freeCount++] = slot;
    this.active--;
  }

  /** A sign-in of `slot` starts: it gets a row (or keeps its own) with its accumulators at 0. */
  beginSignIn(slot: number): void {
    let row = this.signInRow[slot] - 1;
    if (row < 0) {
      row = this.freeRowCount > 0 ? this.freeRows[--this.freeRowCount] : this.freshRow();
      this.signInRow[slot] = row + 1;
    }
    this.acc.fill(0, row * ACC_STRIDE, row * ACC_STRIDE + ACCUMULATORS);
  }

  /** `slot`'s sign-in is over (its login recorded): its row goes back to the pool. */
  endSignIn(slot: number): void {
    const row = this.signInRow[slot] - 1;
    if (row < 0) return;
    this.freeRows[this.freeRowCount++] = row;
    this.signInRow[slot] = 0;
  }

  /** Sign-ins in progress (rows held). */
  get signInsInProgress(): number {
    return this.nextFreshRow - this.freeRowCount;
  }

  /** Index of value `which` (an `Acc` slot) of `slot`'s sign-in row in `acc`. */
  at(slot: number, which: number): number {
    const row = this.signInRow[slot] - 1;
    // PERF: the throw lives in its own function, so this stays small enough to inline.
    if (row < 0) noSignIn(slot);
    return row * ACC_STRIDE + which;
  }

  /** Attributes the time since `slot`'s current login step began to accumulator `which`. */
  markStep(slot: number, which: number, now: number): void {
    const row = this.at(slot, 0);
    this.acc[row + which] += now - this.acc[row + Acc.STEP_START];
    this.acc[row + Acc.STEP_START] = now;
  }

  private freshRow(): number {
    if (this.nextFreshRow === this.freeRows.length) {
      const rows = this.freeRows.length * 2;
      const acc = new Float64Array(rows * ACC_STRIDE);
      acc.set(this.acc);
      this.acc = acc;
      const free = new Int32Array(rows);
      free.set(this.freeRows);
      this.freeRows = free;
    }
    return this.nextFreshRow++;
  }

  /** Index of resource k's (k ≥ 1) pending call in `resourceCall`. */
  callIndex(slot: number, k: number): number {
    return slot * (this.resources - 1) + k - 1;
  }

  /** Bytes held per slot, for the memory figures in docs/performance.md. */
  static bytesPerSlot(resources = 1): number {
    // 7 int32 columns (free list and sign-in row included), 11 uint8, 7 float64, two float64 per
    // token resource and one per resource besides the service's API. Sign-in rows are not per
    // slot (see the header).
    return 7 * 4 + 11 * 1 + 7 * 8 + resources * 2 * 8 + (resources - 1) * 8;
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
    this.renewalRtt = grow(this.renewalRtt, f64);
    this.signInRow = grow(this.signInRow, i32);
    const perToken = (a: Float64Array | undefined, perSlot = this.resources) => {
      const b = new Float64Array(capacity * perSlot);
      if (a) b.set(a);
      return b;
    };
    this.tokenExpiry = perToken(this.tokenExpiry);
    this.blockedUntil = perToken(this.blockedUntil);
    this.resourceCall = perToken(this.resourceCall, this.resources - 1);
    this.capacity = capacity;
  }
}

function noSignIn(slot: number): never {
  throw new Error(`session slot ${slot} has no sign-in in progress`);
}
