/**
 * Time-weighted statistics of a piecewise-constant signal (busy servers, queue length, active
 * sessions): the integral over time, the time average and the maximum, in O(1) and without
 * allocating per update. A value set at time t holds until the next update.
 *
 * `reset(now)` discards everything before `now` (a warm-up period) but keeps the current value.
 */
export class TimeWeighted {
  private startTime: number;
  private lastTime: number;
  private current: number;
  private area = 0;
  private peak: number;

  /** Observes from `startTime` [s], where the signal is `initialValue`. */
  constructor(startTime: number, initialValue = 0) {
    this.startTime = startTime;
    this.lastTime = startTime;
    this.current = initialValue;
    this.peak = initialValue;
  }

  /** The signal's current value. */
  get value(): number {
    return this.current;
  }

  /** The largest value the signal has had since the start or the last reset. */
  get max(): number {
    return this.peak;
  }

  /** Start of the observed window [s] (the constructor's start or the last reset). */
  get start(): number {
    return this.startTime;
  }

  /** The signal is `value` from `now` [s] on; throws RangeError if `now` is before the last update. */
  update(now: number, value: number): void {
    if (now < this.lastTime) {
      throw new RangeError(`time went backwards: ${now} < ${this.lastTime}`);
    }
    this.area += this.current * (now - this.lastTime);
    this.lastTime = now;
    this.current = value;
    if (value > this.peak) this.peak = value;
  }

  /** Adds `delta` to the signal from `now` [s] on. */
  add(now: number, delta: number): void {
    this.update(now, this.current + delta);
  }

  /** Integral of the signal over [start, now] [value·s]; `now` must not precede the last update. */
  integral(now: number): number {
    if (now < this.lastTime) {
      throw new RangeError(`time went backwards: ${now} < ${this.lastTime}`);
    }
    return this.area + this.current * (now - this.lastTime);
  }

  /** Time average over [start, now]; NaN for an empty window (now === start). */
  mean(now: number): number {
    const span = now - this.startTime;
    return span > 0 ? this.integral(now) / span : Number.NaN;
  }

  /** Starts a fresh window at `now` [s]: integral zero, max = current value, value unchanged. */
  reset(now: number): void {
    if (now < this.lastTime) {
      throw new RangeError(`time went backwards: ${now} < ${this.lastTime}`);
    }
    this.startTime = now;
    this.lastTime = now;
    this.area = 0;
    this.peak = this.current;
  }
}
