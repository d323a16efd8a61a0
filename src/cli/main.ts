/** The authsim executable: runs the program on the process's arguments; sets process.exitCode (only here). */
import { hideBin } from "yargs/helpers";
import type { Output } from "./command-context.ts";
import { runProgram } from "./program.ts";

// A reader that stops early (`authsim run ... --json | head`) closes the pipe: like any Unix
// tool, stop writing to it and let the command finish its files, instead of dying on EPIPE with
// a stack trace.
let stdoutClosed = false;
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  stdoutClosed = true;
});

const io: Output = {
  out: (l) => {
    if (!stdoutClosed) process.stdout.write(`${l}\n`);
  },
  err: (l) => process.stderr.write(`${l}\n`),
};
process.exitCode = await runProgram(hideBin(process.argv), io);
