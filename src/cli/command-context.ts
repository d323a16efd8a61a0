/** What every command handler gets: where to write, and how to report its exit code. */
import type { ExitCode } from "./exit-codes.ts";

/** Where a command writes; injected so tests can capture it. */
export interface Output {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export interface CommandContext {
  readonly io: Output;
  readonly setExitCode: (code: ExitCode) => void;
}
