/** `authsim run <file>`: its options; the work is in ../run-command.ts, loaded on use. */
import type { CommandModule } from "yargs";
import type { CommandContext } from "../command-context.ts";
import type { RunArgs } from "../run-command.ts";
import { withScenarioOptions } from "../scenario-options.ts";
import { loadProcessDeps } from "./process-deps.ts";
import { withOutputFolder, withPrintOptions, withSimulationOptions } from "./shared-options.ts";

export function runCommand(ctx: CommandContext): CommandModule<object, RunArgs> {
  return {
    command: "run <file>",
    describe: "Simulate a scenario and write summary.json, timeseries.csv, report.md/html and charts",
    builder: (yargs) =>
      withPrintOptions(
        withOutputFolder(
          withSimulationOptions(withScenarioOptions(yargs), "Independent replications"),
          "output/<scenario>-<YYYYMMDD-HHMMSS>",
        ),
        "Print summary.json to stdout instead of the table",
      )
        .option("max-events", {
          type: "number",
          describe: "Stop each replication after this many events; the report is marked incomplete",
        })
        .option("emit-signins", {
          type: "boolean",
          default: false,
          describe:
            "Also write signins.jsonl: the first replication's sign-ins and renewals, one Microsoft Graph signIn object per line (docs/calibration.md §5)",
        })
        .option("max-wall", {
          type: "string",
          describe: "Stop each replication after this much wall time (e.g. 90s, 10m); marked incomplete",
        }) as never,
    handler: async (args) => {
      const { runRun } = await import("../run-command.ts");
      ctx.setExitCode(await runRun(args, ctx.io, await loadProcessDeps()));
    },
  };
}
