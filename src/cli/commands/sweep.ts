/** `authsim sweep <file>`: its options; the work is in ../sweep-command.ts, loaded on use. */
import type { CommandModule } from "yargs";
import type { CommandContext } from "../command-context.ts";
import { withScenarioOptions } from "../scenario-options.ts";
import type { SweepArgs } from "../sweep-command.ts";
import { loadProcessDeps } from "./process-deps.ts";
import { withOutputFolder, withPrintOptions, withSimulationOptions } from "./shared-options.ts";

export function sweepCommand(ctx: CommandContext): CommandModule<object, SweepArgs> {
  return {
    command: "sweep <file>",
    describe:
      "Run every combination of --vary values (common random numbers) and tabulate the headline metrics",
    builder: (y) =>
      withPrintOptions(
        withOutputFolder(
          withSimulationOptions(withScenarioOptions(y), "Replications per variant"),
          "output/<scenario>-sweep",
        ),
        "Print sweep.json to stdout instead of the summary",
      )
        .option("vary", {
          type: "string",
          array: true,
          default: [] as string[],
          describe: "path=value1,value2,... (repeatable: the grid of all combinations)",
        })
        .option("shard", {
          type: "string",
          describe: "i/n: run only this shard's variants; join the parts with authsim merge",
        }) as never,
    handler: async (args) =>
      (await import("../sweep-command.ts")).runSweep(args, ctx, await loadProcessDeps()),
  };
}
