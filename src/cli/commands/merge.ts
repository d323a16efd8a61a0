/** `authsim merge <parts..>`: its options; the work is in ../merge-command.ts, loaded on use. */
import type { CommandModule } from "yargs";
import type { CommandContext } from "../command-context.ts";
import type { MergeArgs } from "../merge-command.ts";

export function mergeCommand(ctx: CommandContext): CommandModule<object, MergeArgs> {
  return {
    command: "merge <parts..>",
    describe: "Join the parts of a sweep or plan run with --shard i/n into one sweep or plan",
    builder: (y) =>
      y
        .positional("parts", {
          type: "string",
          array: true,
          demandOption: true,
          describe: "the shards' output folders",
        })
        .option("out", {
          type: "string",
          describe: "Output folder (default output/<scenario>-sweep or output/<scenario>-plan)",
        })
        .option("force", {
          type: "boolean",
          default: false,
          describe: "Replace an existing output folder",
        }) as never,
    handler: async (args) => (await import("../merge-command.ts")).runMerge(args, ctx),
  };
}
