/** `authsim compare <runA> <runB>`: its options; the work is in ../compare-command.ts, loaded on use. */
import type { CommandModule } from "yargs";
import type { CommandContext } from "../command-context.ts";
import type { CompareArgs } from "../compare-command.ts";

export function compareCommand(ctx: CommandContext): CommandModule<object, CompareArgs> {
  return {
    command: "compare <runA> <runB>",
    describe:
      "Compare two runs (output folders): scenario diff, SLO flips, headline metrics with significance and regressions",
    builder: (y) =>
      y
        .positional("runA", { type: "string", demandOption: true, describe: "first run's output folder" })
        .positional("runB", { type: "string", demandOption: true, describe: "second run's output folder" })
        .option("json", {
          type: "boolean",
          default: false,
          describe: "print the comparison as JSON",
        })
        .option("all", {
          type: "boolean",
          default: false,
          describe: "compare every headline metric, not only the planner's selection",
        })
        .option("fail-on-regression", {
          type: "boolean",
          default: false,
          describe:
            "exit 1 when a compared metric is significantly worse in B (Welch 95%; needs replications in both)",
        }) as never,
    handler: async (args) => (await import("../compare-command.ts")).runCompare(args, ctx),
  };
}
