/** `authsim rerun <summary>`: its options; the work is in ../rerun-command.ts, loaded on use. */
import type { CommandModule } from "yargs";
import type { CommandContext } from "../command-context.ts";
import type { RerunArgs } from "../rerun-command.ts";
import { loadProcessDeps } from "./process-deps.ts";

export function rerunCommand(ctx: CommandContext): CommandModule<object, RerunArgs> {
  return {
    command: "rerun <summary>",
    describe: "Run a summary.json's scenario again and say whether the results are identical",
    builder: (y) =>
      y.positional("summary", {
        type: "string",
        demandOption: true,
        describe: "a summary.json, or the output folder holding it",
      }) as never,
    handler: async (args) =>
      (await import("../rerun-command.ts")).runRerun(args, ctx, await loadProcessDeps()),
  };
}
