/**
 * The authsim program: yargs built from one module per command; usage errors (unknown command or
 * option, missing argument) print a usage hint and give exit code 2. Returns the exit code rather
 * than setting it, so tests can run it; main.ts sets process.exitCode.
 */
import yargs from "yargs";
import { compareCommand } from "./compare-command.ts";
import { ExitCode as Exit, type ExitCode } from "./exit-codes.ts";
import { mergeCommand } from "./merge-command.ts";
import { planCommand } from "./plan-command.ts";
import { rerunCommand } from "./rerun-command.ts";
import { runCommand } from "./run-command.ts";
import { sweepCommand } from "./sweep-command.ts";
import { type CommandContext, type Output, validateCommand } from "./validate-command.ts";

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
    .version(false)
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
