/** `authsim sweep <file>`: its options; the work is in ../sweep-command.ts, loaded on use. */
import type { CommandModule } from "yargs";
import type { CommandContext } from "../command-context.ts";
import { withScenarioOptions } from "../scenario-options.ts";
import type { SweepArgs } from "../sweep-command.ts";
import { loadProcessDeps } from "./process-deps.ts";

export function sweepCommand(ctx: CommandContext): CommandModule<object, SweepArgs> {
  return {
    command: "sweep <file>",
    describe:
      "Run every combination of --vary values (common random numbers) and tabulate the headline metrics",
    builder: (y) =>
      withScenarioOptions(y)
        .option("vary", {
          type: "string",
          array: true,
          default: [] as string[],
          describe: "path=value1,value2,... (repeatable: the grid of all combinations)",
        })
        .option("replications", {
          type: "number",
          describe: "Replications per variant (overrides simulation.replications)",
        })
        .option("workers", { type: "number", describe: "Worker threads (default: one per core)" })
        .option("out", { type: "string", describe: "Output folder (default output/<scenario>-sweep)" })
        .option("shard", {
          type: "string",
          describe: "i/n: run only this shard's variants; join the parts with authsim merge",
        })
        .option("force", {
          type: "boolean",
          default: false,
          describe: "Replace an existing output folder",
        }) as never,
    handler: async (args) =>
      (await import("../sweep-command.ts")).runSweep(args, ctx, await loadProcessDeps()),
  };
}
