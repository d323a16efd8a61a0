/**
 * `run --emit-signins`: writes the model's sign-in log entries as Graph signIn JSON Lines through
 * a `write` function (the CLI's file), in chunks of about 1 MiB, so a day of tens of millions of
 * sign-ins streams to disk with bounded memory. Deterministic: the same entries give the same
 * bytes (sign-in-json.ts derives every id from the entry's numbers).
 */
import type { ResolvedScenario } from "../../scenario/index.ts";
import { signInJson } from "./sign-in-json.ts";
import { type SimulatedAttempt, SimulatedSignIns } from "./simulated-sign-ins.ts";

const CHUNK_CHARS = 1 << 20;

export class SignInsWriter {
  /** Lines and bytes (UTF-8; the lines are ASCII unless a name is not) written so far. */
  lines = 0;
  bytes = 0;
  private readonly translate: SimulatedSignIns;
  private chunk: string[] = [];
  private chunkChars = 0;

  constructor(
    scenario: ResolvedScenario,
    failures: readonly string[],
    private readonly write: (text: string) => void,
  ) {
    this.translate = new SimulatedSignIns(scenario, failures);
  }

  /** One attempt -> one line (the sink the model calls; `a` may be refilled after the call). */
  record(a: SimulatedAttempt): void {
    const line = signInJson(this.translate.toSignIn(a));
    this.chunk.push(line);
    this.chunkChars += line.length + 1;
    this.lines++;
    if (this.chunkChars >= CHUNK_CHARS) this.flush();
  }

  /** Writes what is buffered; call once at the end. */
  flush(): void {
    if (this.chunk.length === 0) return;
    const text = `${this.chunk.join("\n")}\n`;
    this.bytes += Buffer.byteLength(text);
    this.chunk = [];
    this.chunkChars = 0;
    this.write(text);
  }
}
