/** `authsim failure-matrix <file>`: its options; the work is in ../failure-matrix-command.ts, loaded on use. */
import type { CommandModule } from "yargs";
import type { CommandContext } from "../command-context.ts";
import type { FailureMatrixArgs } from "../failure-matrix-command.ts";
import { withScenarioOptions } from "../scenario-options.ts";
import { loadProcessDeps } from "./process-deps.ts";
import { withOutputFolder, withPrintOptions, withSimulationOptions } from "./shared-options.ts";

export function failureMatrixCommand(ctx: CommandContext): CommandModule<object, FailureMatrixArgs> {
  return {
    command: "failure-matrix <file>",
    describe:
      "Lose each datacenter or identity region at each hour of the day: failover time and the worst user base's failed logins as heatmaps",
    builder: (y) =>
      withPrintOptions(
        withOutputFolder(
          withSimulationOptions(withScenarioOptions(y), "Replications per cell"),
          "output/<scenario>-failure-matrix",
        ),
        "Print failure-matrix.json to stdout instead of the summary",
      )
        .option("hours", {
          type: "string",
          default: "0-23",
          describe:
            "UTC hours the loss starts at: a list (0,6,12,18), a range (0-23) or a stepped range (0-23/3)",
        })
        .option("losses", {
          type: "string",
          describe: "Datacenter and identity region names to lose, comma-separated (default: every one)",
        })
        .option("lead", { type: "string", describe: "Run-in before the loss, not measured (default 30m)" })
        .option("fault", { type: "string", describe: "How long the loss lasts (default 30m)" })
        .option("tail", { type: "string", describe: "Measured time after the loss (default 30m)" }) as never,
    handler: async (args) =>
      (await import("../failure-matrix-command.ts")).runFailureMatrix(args, ctx, await loadProcessDeps()),
  };
}
