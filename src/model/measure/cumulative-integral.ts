/**
 * Reads a TimeWeighted signal's integral as if it had never been reset. Stations reset their
 * statistics at the end of the warm-up; time series and autoscaling rules need an integral that
 * runs on across that instant. The part between the last read and the reset is lost, so read
 * at least once per interval of interest (every time bin, every evaluation).
 */
import type { TimeWeighted } from "../../engine/stats/index.ts";

export class CumulativeIntegral {
  private carried = 0;
  private lastRaw = 0;
  private lastStart: number;

  constructor(private readonly signal: TimeWeighted) {
    this.lastStart = signal.start;
  }

  read(now: number): number {
    if (this.signal.start !== this.lastStart) {
      this.carried += this.lastRaw;
      this.lastStart = this.signal.start;
    }
    this.lastRaw = this.signal.integral(now);
    return this.carried + this.lastRaw;
  }
}
