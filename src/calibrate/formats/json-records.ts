/**
 * JSON sign-in objects from a stream of lines, in the three shapes Microsoft's tools write:
 * one object per line (JSON Lines, as `Export-Csv`-free pipelines and Event Hubs captures do),
 * Graph pages (`{"@odata.context": ..., "value": [ ... ]}`, pretty-printed or not, one page after
 * another), and one JSON array of objects (the Log Analytics and admin-center JSON downloads).
 * A page is held whole (Graph pages hold at most 1,000 objects); array elements and JSON lines
 * are handed on one at a time, so memory stays bounded by a page.
 */

export interface JsonRecord {
  readonly value: unknown;
  /** Line where the object (or its page) starts, 1-based. */
  readonly line: number;
}

export interface JsonProblem {
  readonly line: number;
  readonly message: string;
}

/** Feeds lines, collects the objects they complete. */
export class JsonRecords {
  private depth = 0;
  private inString = false;
  private escape = false;
  /** 0 = not started, 1 = top-level objects (JSONL or pages), 2 = inside a top-level array. */
  private mode: 0 | 1 | 2 = 0;
  private buffer: string[] = [];
  private startLine = 0;
  private collecting = false;
  /** Set once a whole object has come on one line: from then on, a line is a record of its own. */
  private isLines = false;

  constructor(
    private readonly onRecord: (r: JsonRecord) => void,
    private readonly onProblem: (p: JsonProblem) => void,
  ) {}

  push(line: string, lineNumber: number): void {
    // Fast path: a whole object on one line at the top level (JSON Lines).
    if (!this.collecting && this.mode !== 2 && line.length > 1) {
      const t = line.trim();
      if (t.startsWith("{") && t.endsWith("}")) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(t);
        } catch {
          parsed = undefined;
        }
        if (parsed !== undefined) {
          this.mode = 1;
          this.isLines = true;
          this.emit(parsed, lineNumber);
          return;
        }
      }
      // In JSON Lines a broken line is one bad record, not the start of an object spanning the rest.
      if (this.isLines && t !== "") {
        this.onProblem({ line: lineNumber, message: "not a JSON object on this line" });
        return;
      }
    }
    this.scan(line, lineNumber);
  }

  /** At the end of the input: an object left open is a problem. */
  end(): void {
    if (this.collecting)
      this.onProblem({ line: this.startLine, message: "object not closed before the end" });
  }

  private scan(line: string, lineNumber: number): void {
    let from = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 92) this.escape = true;
        else if (c === 34) this.inString = false;
        continue;
      }
      if (c === 34) {
        this.inString = true;
      } else if (c === 123 || c === 91) {
        // { or [
        if (this.mode === 0) {
          this.mode = c === 91 ? 2 : 1;
          if (c === 91) {
            this.depth = 1;
            continue;
          }
        }
        const target = this.mode === 2 ? 1 : 0;
        if (this.depth === target && !this.collecting) {
          this.collecting = true;
          this.startLine = lineNumber;
          this.buffer = [];
          from = i;
        }
        this.depth++;
      } else if (c === 125 || c === 93) {
        this.depth--;
        const target = this.mode === 2 ? 1 : 0;
        if (this.collecting && this.depth === target) {
          this.buffer.push(line.slice(from, i + 1));
          this.finish();
          from = i + 1;
        }
        if (this.mode === 2 && this.depth === 0) this.mode = 0;
      }
    }
    if (this.collecting) this.buffer.push(line.slice(from));
  }

  private finish(): void {
    this.collecting = false;
    const text = this.buffer.join("\n");
    this.buffer = [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      // V8's message quotes the text around the error, which may hold a user name or address:
      // keep only where it is.
      const at = /position (\d+)/.exec((error as Error).message)?.[1];
      this.onProblem({
        line: this.startLine,
        message: at === undefined ? "not JSON" : `not JSON (at character ${at})`,
      });
      return;
    }
    this.emit(parsed, this.startLine);
  }

  private emit(value: unknown, line: number): void {
    const page = value as { value?: unknown };
    if (value !== null && typeof value === "object" && Array.isArray(page.value)) {
      for (const element of page.value) this.onRecord({ value: element, line });
      return;
    }
    this.onRecord({ value, line });
  }
}
