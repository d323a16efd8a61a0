/** The authsim executable: runs the program on the process's arguments; sets process.exitCode (only here). */
import { hideBin } from "yargs/helpers";
import type { Output } from "./command-context.ts";
import { runProgram } from "./program.ts";

const io: Output = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };
process.exitCode = await runProgram(hideBin(process.argv), io);
