/**
 * Who calls which back end: each calling session sits in one group, g = (dc × userBases + ub) × 2
 * + (1 if its token expired), kept as a swap-remove member list, so a group's size and a member
 * chosen at random are O(1). Per datacenter it also keeps the user bases that ever called it, in
 * index order (PERF: rate sums loop over these, not every user base; a datacenter usually serves
 * a few).
 */
export class CallerGroups {
  /** Members per group; read directly on the call path. */
  readonly memberCount: Int32Array;
  /** Per datacenter: the user bases that ever called it (first `callerBaseCount[dc]` entries). */
  readonly callerBases: Int32Array[];
  readonly callerBaseCount: Int32Array;
  private readonly userBases: number;
  private readonly members: Int32Array[];
  private readonly hasCalled: Uint8Array;
  /**
   * Per session slot: its group + 1 (0 none: PERF, fresh columns need no fill, so untouched pages
   * stay unallocated) and its position in the group.
   */
  private groupPlusOne = new Int32Array(0);
  private positionOf = new Int32Array(0);

  constructor(datacenters: number, userBases: number) {
    this.userBases = userBases;
    const groups = datacenters * userBases * 2;
    this.members = Array.from({ length: groups }, () => new Int32Array(16));
    this.memberCount = new Int32Array(groups);
    this.callerBases = Array.from({ length: datacenters }, () => new Int32Array(userBases));
    this.callerBaseCount = new Int32Array(datacenters);
    this.hasCalled = new Uint8Array(datacenters * userBases);
  }

  /** Number of session slots covered; grow with `ensureSlots`. */
  get slots(): number {
    return this.groupPlusOne.length;
  }

  /** The group of user base `ub`'s callers of datacenter `dc`, with a valid or an expired token. */
  group(dc: number, ub: number, isExpired: boolean): number {
    return (dc * this.userBases + ub) * 2 + (isExpired ? 1 : 0);
  }

  /** The datacenter whose back end group `g` calls. */
  datacenterOf(g: number): number {
    return Math.floor(g / (2 * this.userBases));
  }

  /** `session`'s group, or -1 when it calls no back end. */
  groupOf(session: number): number {
    return session < this.groupPlusOne.length ? this.groupPlusOne[session] - 1 : -1;
  }

  /** The `i`-th member of group `g` (i < memberCount[g]). */
  member(g: number, i: number): number {
    return this.members[g][i];
  }

  /** Sum over `dc`'s caller groups (valid or expired) of members × per-session rate. */
  rateOf(dc: number, isExpired: boolean, rate: Float64Array): number {
    const base = dc * this.userBases;
    const bases = this.callerBases[dc];
    const offset = isExpired ? 1 : 0;
    let sum = 0;
    for (let i = 0; i < this.callerBaseCount[dc]; i++) {
      const u = bases[i];
      sum += this.memberCount[(base + u) * 2 + offset] * rate[u];
    }
    return sum;
  }

  /**
   * The user base whose group (valid or expired) owns point `x` in [0, rateOf(dc, ...)) when the
   * groups are laid end to end by rate: a caller chosen in proportion to rate. -1 when none calls.
   */
  pickUserBase(dc: number, isExpired: boolean, x: number, rate: Float64Array): number {
    const base = dc * this.userBases;
    const bases = this.callerBases[dc];
    const n = this.callerBaseCount[dc];
    const offset = isExpired ? 1 : 0;
    let rest = x;
    let ub = -1;
    for (let i = 0; i < n; i++) {
      const u = bases[i];
      const groupRate = this.memberCount[(base + u) * 2 + offset] * rate[u];
      if (groupRate <= 0) continue;
      ub = u;
      if (rest < groupRate) break;
      rest -= groupRate;
    }
    return ub;
  }

  /** Puts `session` (in no group) into group `g`. */
  join(session: number, g: number): void {
    const pair = g >> 1;
    if (this.hasCalled[pair] === 0) this.addCallerBase(pair);
    let list = this.members[g];
    const n = this.memberCount[g];
    if (n === list.length) {
      const bigger = new Int32Array(n * 2);
      bigger.set(list);
      list = bigger;
      this.members[g] = list;
    }
    list[n] = session;
    this.memberCount[g] = n + 1;
    this.groupPlusOne[session] = g + 1;
    this.positionOf[session] = n;
  }

  /** Takes `session` out of its group (the last member takes its place). */
  leave(session: number): void {
    const g = this.groupPlusOne[session] - 1;
    const list = this.members[g];
    const last = --this.memberCount[g];
    const moved = list[last];
    const at = this.positionOf[session];
    list[at] = moved;
    this.positionOf[moved] = at;
    this.groupPlusOne[session] = 0;
  }

  /** Covers session slots below `n`. */
  ensureSlots(n: number): void {
    if (n <= this.groupPlusOne.length) return;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.groupPlusOne = grow(this.groupPlusOne);
    this.positionOf = grow(this.positionOf);
  }

  /** Inserts a user base into its datacenter's caller list, keeping index order. */
  private addCallerBase(pair: number): void {
    this.hasCalled[pair] = 1;
    const dc = Math.floor(pair / this.userBases);
    const ub = pair - dc * this.userBases;
    const bases = this.callerBases[dc];
    let i = this.callerBaseCount[dc]++;
    while (i > 0 && bases[i - 1] > ub) {
      bases[i] = bases[i - 1];
      i--;
    }
    bases[i] = ub;
  }
}
