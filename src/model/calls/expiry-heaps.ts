/**
 * Per datacenter, the callers whose token is valid, in a binary min-heap by expiry time, indexed
 * by session slot so a renewal can move a caller's key in O(log n). Where it sits: back-end-calls.ts
 * watches the earliest expiry of each datacenter to move a caller to the "expired" callers at the
 * exact instant its token expires. A session is in at most one heap at a time.
 */
export class ExpiryHeaps {
  private readonly sessions: Int32Array[];
  private readonly keys: Float64Array[];
  private readonly size: Int32Array;
  /** Per session slot: its index in its datacenter's heap. */
  private positionOf = new Int32Array(0);

  constructor(datacenters: number) {
    this.sessions = Array.from({ length: datacenters }, () => new Int32Array(64));
    this.keys = Array.from({ length: datacenters }, () => new Float64Array(64));
    this.size = new Int32Array(datacenters);
  }

  /** The earliest expiry in datacenter `dc`'s heap [s], +Infinity when empty. */
  earliest(dc: number): number {
    return this.size[dc] > 0 ? this.keys[dc][0] : Number.POSITIVE_INFINITY;
  }

  /** The session with the earliest expiry (the heap must not be empty). */
  first(dc: number): number {
    return this.sessions[dc][0];
  }

  /** Makes room for session slots below `n`. */
  ensureSlots(n: number): void {
    if (n <= this.positionOf.length) return;
    const bigger = new Int32Array(n);
    bigger.set(this.positionOf);
    this.positionOf = bigger;
  }

  insert(dc: number, session: number, key: number): void {
    const n = this.size[dc];
    if (n === this.sessions[dc].length) {
      const sessions = new Int32Array(n * 2);
      sessions.set(this.sessions[dc]);
      this.sessions[dc] = sessions;
      const keys = new Float64Array(n * 2);
      keys.set(this.keys[dc]);
      this.keys[dc] = keys;
    }
    this.size[dc] = n + 1;
    this.sessions[dc][n] = session;
    this.keys[dc][n] = key;
    this.positionOf[session] = n;
    this.siftUp(dc, n);
  }

  remove(dc: number, session: number): void {
    const i = this.positionOf[session];
    const last = --this.size[dc];
    if (i === last) return;
    const sessions = this.sessions[dc];
    const keys = this.keys[dc];
    sessions[i] = sessions[last];
    keys[i] = keys[last];
    this.positionOf[sessions[i]] = i;
    // Up if smaller than its new parent, else down (after moving up, the parent now at i is no
    // larger than its children, so the sift down is a no-op).
    this.siftUp(dc, i);
    this.siftDown(dc, i);
  }

  update(dc: number, session: number, key: number): void {
    const i = this.positionOf[session];
    const old = this.keys[dc][i];
    this.keys[dc][i] = key;
    if (key < old) this.siftUp(dc, i);
    else this.siftDown(dc, i);
  }

  private siftUp(dc: number, from: number): void {
    const sessions = this.sessions[dc];
    const keys = this.keys[dc];
    const session = sessions[from];
    const key = keys[from];
    let i = from;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      sessions[i] = sessions[parent];
      keys[i] = keys[parent];
      this.positionOf[sessions[i]] = i;
      i = parent;
    }
    sessions[i] = session;
    keys[i] = key;
    this.positionOf[session] = i;
  }

  private siftDown(dc: number, from: number): void {
    const sessions = this.sessions[dc];
    const keys = this.keys[dc];
    const n = this.size[dc];
    const session = sessions[from];
    const key = keys[from];
    let i = from;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1] < keys[child]) child++;
      if (key <= keys[child]) break;
      sessions[i] = sessions[child];
      keys[i] = keys[child];
      this.positionOf[sessions[i]] = i;
      i = child;
    }
    sessions[i] = session;
    keys[i] = key;
    this.positionOf[session] = i;
  }
}
