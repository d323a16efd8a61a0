/** `authsim run <file>`: its options; the work is in ../run-command.ts, loaded on use. */
import type { CommandModule } from "yargs";
import type { CommandContext } from "../command-context.ts";
import type { RunArgs } from "../run-command.ts";
import { withScenarioOptions } from "../scenario-options.ts";
import { loadProcessDeps } from "./process-deps.ts";

export function runCommand(ctx: CommandContext): CommandModule<object, RunArgs> {
  return {
    command: "run <file>",
    describe: "Simulate a scenario and write summary.json, timeseries.csv, report.md/html and charts",
    builder: (yargs) =>
      withScenarioOptions(yargs)
        .option("out", {
          type: "string",
          describe: "Output folder (default output/<scenario>-<YYYYMMDD-HHMMSS>)",
        })
        .option("seed", { type: "number", describe: "Master seed (overrides simulation.seed)" })
        .option("replications", {
          type: "number",
          describe: "Independent replications (overrides simulation.replications)",
        })
        .option("quiet", {
          type: "boolean",
          default: false,
          describe: "No progress line and no summary table",
        })
        .option("json", {
          type: "boolean",
          default: false,
          describe: "Print summary.json to stdout instead of the table",
        })
        .option("force", {
          type: "boolean",
          default: false,
          describe: "Replace an existing output folder",
        })
        .option("max-events", {
          type: "number",
          describe: "Stop each replication after this many events; the report is marked incomplete",
        })
        .option("workers", {
          type: "number",
          describe: "Threads for the replications (default: one per core, as memory allows)",
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
