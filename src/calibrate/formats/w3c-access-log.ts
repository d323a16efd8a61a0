/**
 * W3C extended log format (IIS, and the front ends that write it): `#Fields:` names the columns,
 * data lines are space-separated. What calibrate keeps is the front end's own time per request,
 * `time-taken` [ms], sorted into the two WFE steps authsim models: the first GET answered with a
 * 302 to the identity provider (`wfe.serviceTime.redirect`) and the callback carrying `code=`
 * (`wfe.serviceTime.callback`). Client address and user name columns are never read.
 * Format: w3.org/TR/WD-logfile; IIS fields: learn.microsoft.com/windows/win32/http/w3c-logging.
 * `time-taken` includes sending the answer to the client, so it is an upper bound on service time.
 */

export const W3cStep = { redirect: 0, callback: 1, other: 2 } as const;
export type W3cStep = (typeof W3cStep)[keyof typeof W3cStep];

export interface W3cSample {
  /** Seconds. */
  readonly timeTaken: number;
  readonly step: W3cStep;
}

export class W3cAccessLog {
  private timeTaken = -1;
  private status = -1;
  private query = -1;

  /** True once a `#Fields:` directive has named a time-taken column. */
  get hasTimeTaken(): boolean {
    return this.timeTaken >= 0;
  }

  /** A directive or a data line; the sample it carries, a problem text, or null. */
  push(line: string): W3cSample | string | null {
    if (line.startsWith("#")) {
      if (line.startsWith("#Fields:")) {
        const fields = line.slice(8).trim().split(/\s+/);
        this.timeTaken = fields.indexOf("time-taken");
        this.status = fields.indexOf("sc-status");
        this.query = fields.indexOf("cs-uri-query");
      }
      return null;
    }
    if (line.trim() === "") return null;
    if (this.timeTaken < 0) return "data before a #Fields: line naming time-taken";
    const parts = line.split(" ");
    const ms = Number(parts[this.timeTaken]);
    if (!Number.isFinite(ms) || ms < 0) return "time-taken is not a number of ms";
    const status = this.status >= 0 ? parts[this.status] : "";
    const query = this.query >= 0 ? (parts[this.query] ?? "") : "";
    const step = /(^|&)code=/.test(query)
      ? W3cStep.callback
      : status === "302"
        ? W3cStep.redirect
        : W3cStep.other;
    return { timeTaken: ms / 1000, step };
  }
}
