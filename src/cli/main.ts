/** The authsim executable: runs the program on the process's arguments; sets process.exitCode (only here). */
import { hideBin } from "yargs/helpers";
import { runProgram } from "./program.ts";
import type { Output } from "./validate-command.ts";

const io: Output = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };
process.exitCode = await runProgram(hideBin(process.argv), io);
