/** `authsim runway <file>`: its options; the work is in ../runway-command.ts, loaded on use. */
import type { CommandModule } from "yargs";
import type { CommandContext } from "../command-context.ts";
import type { RunwayArgs } from "../runway-command.ts";
import { withScenarioOptions } from "../scenario-options.ts";
import { loadProcessDeps } from "./process-deps.ts";
import { withOutputFolder, withPrintOptions, withSimulationOptions } from "./shared-options.ts";

export function runwayCommand(ctx: CommandContext): CommandModule<object, RunwayArgs> {
  return {
    command: "runway <file>",
    describe:
      "How far daily users can grow at today's capacity before each objective fails, per datacenter and component",
    builder: (y) =>
      withPrintOptions(
        withOutputFolder(
          withSimulationOptions(withScenarioOptions(y), "Replications per growth step"),
          "output/<scenario>-runway",
        ),
        "Print runway.json to stdout instead of the summary",
      )
        .option("step", { type: "string", default: "10%", describe: "Growth in daily users per step" })
        .option("max-growth", {
          type: "string",
          default: "200%",
          describe: "The largest growth tried",
        }) as never,
    handler: async (args) =>
      (await import("../runway-command.ts")).runRunway(args, ctx, await loadProcessDeps()),
  };
}
