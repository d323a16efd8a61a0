/**
 * The back ends' calls in flight, as pooled slots (struct of arrays): a call's id at its station
 * is its slot. It keeps the caller's user base, not its session slot (the session may end and
 * its slot be reused while the call is in flight).
 */
export class CallSlots {
  /** The caller's user base. */
  userBase = new Int32Array(1024);
  /** The datacenter it went to. */
  datacenter = new Int32Array(1024);
  /** When the browser sent it, and its round trip [s]. */
  start = new Float64Array(1024);
  rtt = new Float64Array(1024);
  private free = new Int32Array(1024);
  private freeCount = 0;
  private nextFresh = 0;

  /** A slot for a call sent at `start` from `userBase` to `datacenter` with round trip `rtt`. */
  allocate(userBase: number, datacenter: number, start: number, rtt: number): number {
    const call = this.freeCount > 0 ? this.free[--this.freeCount] : this.fresh();
    this.userBase[call] = userBase;
    this.datacenter[call] = datacenter;
    this.start[call] = start;
    this.rtt[call] = rtt;
    return call;
  }

  release(call: number): void {
    this.free[this.freeCount++] = call;
  }

  private fresh(): number {
    if (this.nextFresh === this.userBase.length) {
      const n = this.userBase.length * 2;
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T) => {
        b.set(a as never);
        return b;
      };
      this.userBase = grow(this.userBase, new Int32Array(n));
      this.datacenter = grow(this.datacenter, new Int32Array(n));
      this.start = grow(this.start, new Float64Array(n));
      this.rtt = grow(this.rtt, new Float64Array(n));
      this.free = grow(this.free, new Int32Array(n));
    }
    return this.nextFresh++;
  }
}
