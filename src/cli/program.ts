/**
 * The authsim program: yargs built from one module per command; usage errors (unknown command or
 * option, missing argument) print a usage hint and give exit code 2. Returns the exit code rather
 * than setting it, so tests can run it; main.ts sets process.exitCode. Each command's options are
 * declared in commands/ and its work is imported only when it runs, so `--help` loads yargs alone.
 */
import yargs from "yargs";
import type { CommandContext, Output } from "./command-context.ts";
import { calibrateCommand } from "./commands/calibrate.ts";
import { compareCommand } from "./commands/compare.ts";
import { failureMatrixCommand } from "./commands/failure-matrix.ts";
import { mergeCommand } from "./commands/merge.ts";
import { planCommand } from "./commands/plan.ts";
import { rerunCommand } from "./commands/rerun.ts";
import { runCommand } from "./commands/run.ts";
import { runwayCommand } from "./commands/runway.ts";
import { sweepCommand } from "./commands/sweep.ts";
import { validateCommand } from "./commands/validate.ts";
import { ExitCode as Exit, type ExitCode } from "./exit-codes.ts";
import { packageVersion } from "./package-version.ts";

/** A command-line mistake (unknown command or option, missing argument). */
class UsageError extends Error {}

/** Every command, in help order. Register new ones (e.g. `run`) here. */
const COMMANDS = [
  validateCommand,
  runCommand,
  compareCommand,
  rerunCommand,
  sweepCommand,
  mergeCommand,
  planCommand,
  runwayCommand,
  failureMatrixCommand,
  calibrateCommand,
] as const;

/** Runs the CLI on `argv` and resolves to the exit code; never throws on bad input. */
export async function runProgram(argv: readonly string[], io: Output): Promise<ExitCode> {
  let code: ExitCode = Exit.ok;
  const ctx: CommandContext = { io, setExitCode: (c) => (code = c) };
  let program = yargs([...argv])
    .scriptName("authsim")
    .usage("$0 <command> [options]")
    .strict()
    .demandCommand(1, "Say which command to run.")
    .recommendCommands()
    .help()
    .alias("help", "h")
    .version(packageVersion())
    .wrap(null)
    .fail((message, error) => {
      // Throwing stops yargs before any handler runs; the catch below maps it to exit code 2.
      throw error && !message ? error : new UsageError(message ?? String(error));
    })
    .exitProcess(false);
  for (const command of COMMANDS) program = program.command(command(ctx) as never);
  try {
    await program.parseAsync();
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      io.err("Run `authsim --help` for usage.");
      return Exit.badInput;
    }
    io.err(`authsim: ${(error as Error).message}`);
    return Exit.failure;
  }
  return code;
}
