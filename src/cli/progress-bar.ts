/**
 * Progress lines on stderr: a bar, what is done, events/s and ETA, redrawn in place at most every
 * `minInterval` ms (4 times a second) so drawing never costs the run anything noticeable.
 * `ProgressBar` follows one run's replications (several at once with --workers); `WorkProgressBar`
 * follows a sweep's or a plan's jobs. The caller decides whether to show one (TTY, not --quiet,
 * not CI).
 */
import type { RunProgress } from "../model/index.ts";
import { formatSpan } from "../report/index.ts";

export interface ProgressBarOptions {
  readonly write: (text: string) => void;
  /** Wall clock [ms]; injected so tests control time. */
  readonly now: () => number;
  /** Terminal width in characters; the line is cut to fit. */
  readonly columns?: number;
  readonly minInterval?: number;
  /**
   * Events one replication is expected to take (the pre-run estimate). With it, a replication's
   * share done is its events over this, not its simulated time: load follows the day, so the
   * busy hours of a run take most of its wall time and an ETA from simulated time is far too short.
   */
  readonly expectedEvents?: number;
}

const BAR = 20;

/** `2.31M`, `850k`, `12`. */
export function compactCount(x: number): string {
  if (x >= 1e9) return `${(x / 1e9).toFixed(2)}G`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e4) return `${Math.round(x / 1e3)}k`;
  return String(Math.round(x));
}

/** The throttled, width-cut line both bars draw. */
class ProgressLine {
  readonly started: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;

  constructor(private readonly options: ProgressBarOptions) {
    this.started = options.now();
  }

  /** True when the last redraw is old enough; then the caller draws. */
  due(): number | null {
    const now = this.options.now();
    if (now - this.lastDraw < (this.options.minInterval ?? 250)) return null;
    this.lastDraw = now;
    return now;
  }

  draw(text: string): void {
    this.options.write(`\r${text}\u001b[K`);
    this.drawn = true;
  }

  /** `[####----]  42%  <details>  2.00M events/s  ETA 3s`, cut to the terminal's width. */
  text(fraction: number, details: readonly string[], events: number, now: number): string {
    const f = Math.min(1, Math.max(0, fraction));
    const filled = Math.round(f * BAR);
    const elapsed = (now - this.started) / 1000;
    const rate = elapsed > 0 ? events / elapsed : 0;
    const eta = f > 0.005 && elapsed > 0.5 ? formatSpan(Math.round((elapsed * (1 - f)) / f)) : "–";
    const parts = [
      `[${"#".repeat(filled)}${"-".repeat(BAR - filled)}]`,
      `${Math.floor(f * 100)}%`.padStart(4),
      ...details,
      `${compactCount(rate)} events/s`,
      `ETA ${eta}`,
    ];
    const text = parts.join("  ");
    // One column short of the width, so the terminal never wraps; a silly width is ignored.
    const columns = this.options.columns ?? 80;
    const width = columns >= 10 ? columns - 1 : Number.POSITIVE_INFINITY;
    return text.length > width ? text.slice(0, width) : text;
  }

  done(): void {
    if (this.drawn) this.options.write("\r\u001b[K");
    this.drawn = false;
  }
}

/** One run: its replications, sequential or several at once. */
export class ProgressBar {
  private readonly line_: ProgressLine;
  /** Per replication: share of simulated time done, and events so far. */
  private within: number[] = [];
  private events: number[] = [];

  private readonly expectedEvents: number | undefined;

  constructor(options: ProgressBarOptions) {
    this.line_ = new ProgressLine(options);
    this.expectedEvents = options.expectedEvents;
  }

  /** Notes progress; redraws only when the last redraw is old enough. */
  update(p: RunProgress): void {
    this.note(p);
    const now = this.line_.due();
    if (now !== null) this.line_.draw(this.line(p, now));
  }

  private note(p: RunProgress): void {
    const bySimulated = p.duration > 0 ? Math.min(1, Math.max(0, p.simulated / p.duration)) : 0;
    const expected = this.expectedEvents;
    // The estimate is an upper bound (within about 2x): a replication is done only when its
    // simulated time is, and until then at most 99%.
    this.within[p.replication] =
      expected === undefined || !(expected > 0) || bySimulated >= 1
        ? bySimulated
        : Math.min(0.99, p.events / expected);
    this.events[p.replication] = p.events;
  }

  /** The text of the line after `p` at wall time `now` [ms]. */
  line(p: RunProgress, now: number): string {
    this.note(p);
    const n = Math.max(1, p.replications);
    let sum = 0;
    let finished = 0;
    let running = 0;
    for (const w of this.within) {
      if (w === undefined) continue;
      sum += w;
      if (w >= 1) finished++;
      else running++;
    }
    const events = this.events.reduce((a, e) => a + (e ?? 0), 0);
    const details =
      n === 1
        ? [`${formatSpan(Math.floor(p.simulated))} of ${formatSpan(p.duration)}`]
        : running <= 1
          ? [
              `r${p.replication + 1}/${n}`,
              `${formatSpan(Math.floor(p.simulated))} of ${formatSpan(p.duration)}`,
            ]
          : [`${finished}/${n} replications done, ${running} running`];
    return this.line_.text(sum / n, details, events, now);
  }

  /** Clears the line (before anything else is printed). */
  done(): void {
    this.line_.done();
  }
}

export interface WorkProgress {
  /** Work done and expected in the same unit (replications); `total` may be an estimate. */
  readonly done: number;
  readonly total: number;
  readonly events: number;
  /** What the numbers mean to the reader, e.g. `variants 3/12`. */
  readonly details: readonly string[];
}

/** A sweep's or a plan's jobs across all workers. */
export class WorkProgressBar {
  private readonly line_: ProgressLine;

  constructor(options: ProgressBarOptions) {
    this.line_ = new ProgressLine(options);
  }

  update(p: WorkProgress): void {
    const now = this.line_.due();
    if (now !== null) this.line_.draw(this.line(p, now));
  }

  line(p: WorkProgress, now: number): string {
    return this.line_.text(p.total > 0 ? p.done / p.total : 0, p.details, p.events, now);
  }

  done(): void {
    this.line_.done();
  }
}
