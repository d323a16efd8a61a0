/** `authsim merge <parts..>`: its options; the work is in ../merge-command.ts, loaded on use. */
import type { CommandModule } from "yargs";
import type { CommandContext } from "../command-context.ts";
import type { MergeArgs } from "../merge-command.ts";
import { withOutputFolder } from "./shared-options.ts";

export function mergeCommand(ctx: CommandContext): CommandModule<object, MergeArgs> {
  return {
    command: "merge <parts..>",
    describe: "Join the parts of a sweep or plan run with --shard i/n into one sweep or plan",
    builder: (y) =>
      withOutputFolder(y, "output/<scenario>-sweep or output/<scenario>-plan").positional("parts", {
        type: "string",
        array: true,
        demandOption: true,
        describe: "the shards' output folders",
      }) as never,
    handler: async (args) => (await import("../merge-command.ts")).runMerge(args, ctx),
  };
}
