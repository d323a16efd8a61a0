/**
 * The progress line on stderr while a run goes: a bar, simulated time done, events/s and ETA,
 * redrawn in place at most every `minInterval` ms (4 times a second) so drawing never costs the
 * run anything noticeable. The caller decides whether to show it (TTY, not --quiet, not CI).
 */
import type { RunProgress } from "../model/run-scenario.ts";
import { formatSpan } from "../report/index.ts";

export interface ProgressBarOptions {
  readonly write: (text: string) => void;
  /** Wall clock [ms]; injected so tests control time. */
  readonly now: () => number;
  /** Terminal width in characters; the line is cut to fit. */
  readonly columns?: number;
  readonly minInterval?: number;
}

const BAR = 20;

/** `2.31M`, `850k`, `12`. */
export function compactCount(x: number): string {
  if (x >= 1e9) return `${(x / 1e9).toFixed(2)}G`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e4) return `${Math.round(x / 1e3)}k`;
  return String(Math.round(x));
}

export class ProgressBar {
  private readonly started: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;
  /** Replication numbering base (0 or 1), taken from the first report. */
  private base: number | null = null;
  private eventsBefore = 0;
  private lastEvents = 0;

  constructor(private readonly options: ProgressBarOptions) {
    this.started = options.now();
  }

  /** Notes progress; redraws only when the last redraw is old enough. */
  update(p: RunProgress): void {
    this.base ??= p.replication;
    // Event counts restart with each replication; keep a running total for the rate.
    if (p.events < this.lastEvents) this.eventsBefore += this.lastEvents;
    this.lastEvents = p.events;
    const now = this.options.now();
    if (now - this.lastDraw < (this.options.minInterval ?? 250)) return;
    this.lastDraw = now;
    this.options.write(`\r${this.line(p, now)}\u001b[K`);
    this.drawn = true;
  }

  /** The text of the line for `p` at wall time `now` [ms]. */
  line(p: RunProgress, now: number): string {
    const index = p.replication - (this.base ?? p.replication);
    const within = p.duration > 0 ? Math.min(1, Math.max(0, p.simulated / p.duration)) : 0;
    const fraction = p.replications > 0 ? Math.min(1, (index + within) / p.replications) : 0;
    const filled = Math.round(fraction * BAR);
    const elapsed = (now - this.started) / 1000;
    const events = this.eventsBefore + p.events;
    const rate = elapsed > 0 ? events / elapsed : 0;
    const eta =
      fraction > 0.005 && elapsed > 0.5 ? formatSpan(Math.round((elapsed * (1 - fraction)) / fraction)) : "–";
    const parts = [
      `[${"#".repeat(filled)}${"-".repeat(BAR - filled)}]`,
      `${Math.floor(fraction * 100)}%`.padStart(4),
      p.replications > 1 ? `r${index + 1}/${p.replications}` : null,
      `${formatSpan(Math.floor(p.simulated))} of ${formatSpan(p.duration)}`,
      `${compactCount(rate)} events/s`,
      `ETA ${eta}`,
    ].filter((x) => x !== null);
    const text = parts.join("  ");
    // One column short of the width, so the terminal never wraps; a silly width is ignored.
    const columns = this.options.columns ?? 80;
    const width = columns >= 10 ? columns - 1 : Number.POSITIVE_INFINITY;
    return text.length > width ? text.slice(0, width) : text;
  }

  /** Clears the line (before anything else is printed). */
  done(): void {
    if (this.drawn) this.options.write("\r\u001b[K");
    this.drawn = false;
  }
}
