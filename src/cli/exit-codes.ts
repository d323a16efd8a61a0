/** Process exit codes, one meaning each. */
export const ExitCode = {
  ok: 0,
  /** The run failed for a reason other than its input. */
  failure: 1,
  /** Bad input: a scenario, option or command the user must fix. */
  badInput: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
