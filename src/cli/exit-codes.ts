/** Process exit codes, one meaning each (70 and 73 follow BSD sysexits; 130 is 128 + SIGINT). */
import type { OutputFolderReason } from "../report/index.ts";

export const ExitCode = {
  ok: 0,
  /** The run failed for a reason other than its input; for `run`, an SLO failed (CI gates on it). */
  failure: 1,
  /** Bad input: a scenario, option or command the user must fix. */
  badInput: 2,
  /** A bug: an unexpected error (EX_SOFTWARE). */
  internalError: 70,
  /** The output could not be written (EX_CANTCREAT). */
  cannotWrite: 73,
  /** Stopped with Ctrl-C (or SIGTERM). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The one mapping of output-folder errors to exit codes, shared by every command that writes a
 * folder (run, sweep, plan, merge). A Record, so a new reason without a code is a compile error.
 */
export const OUTPUT_EXIT_CODES: Readonly<Record<OutputFolderReason, ExitCode>> = {
  exists: ExitCode.badInput,
  notOutput: ExitCode.badInput,
  badName: ExitCode.internalError,
  io: ExitCode.cannotWrite,
  noSpace: ExitCode.cannotWrite,
  interrupted: ExitCode.interrupted,
};
