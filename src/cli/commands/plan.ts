/** `authsim plan <file>`: its options; the work is in ../plan-command.ts, loaded on use. */
import type { CommandModule } from "yargs";
import { CAPACITY_COMPONENTS } from "../../study/capacity-targets.ts";
import type { CommandContext } from "../command-context.ts";
import type { PlanArgs } from "../plan-command.ts";
import { withScenarioOptions } from "../scenario-options.ts";
import { loadProcessDeps } from "./process-deps.ts";
import { withOutputFolder, withPrintOptions, withSimulationOptions } from "./shared-options.ts";

export function planCommand(ctx: CommandContext): CommandModule<object, PlanArgs> {
  return {
    command: "plan <file>",
    describe:
      "Recommend WFE (and optionally back-end, identity and global service) instances that meet the scenario's capacity objectives",
    builder: (y) =>
      withPrintOptions(
        withOutputFolder(
          withSimulationOptions(withScenarioOptions(y), "Replications per probe"),
          "output/<scenario>-plan",
        ),
        "Print plan.json to stdout instead of the summary",
      )
        .option("n-plus-one", {
          type: "boolean",
          default: false,
          describe: "Also survive the loss of any one datacenter",
        })
        .option("components", {
          type: "string",
          array: true,
          default: ["wfe"],
          describe: `What to size: ${CAPACITY_COMPONENTS.join(", ")}, or idp for both identity stations (comma-separated)`,
        })
        .option("shard", {
          type: "string",
          describe: "i/n: run only this shard's searches; join the parts with authsim merge",
        }) as never,
    handler: async (args) => (await import("../plan-command.ts")).runPlan(args, ctx, await loadProcessDeps()),
  };
}
