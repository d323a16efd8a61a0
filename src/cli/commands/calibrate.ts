/** `authsim calibrate <logs...>`: its options; the work is in ../calibrate-command.ts, loaded on use. */
import type { CommandModule } from "yargs";
import type { CalibrateArgs } from "../calibrate-command.ts";
import type { CommandContext } from "../command-context.ts";
import { OptionValueError, withPrintOptions } from "./shared-options.ts";

function onceText(name: string) {
  return (value: unknown) => {
    if (Array.isArray(value))
      throw new OptionValueError(`--${name} given ${value.length} times (${value.join(", ")}): give it once`);
    const text = String(value);
    if (text.trim() === "") throw new OptionValueError(`--${name}: expected a file path, found nothing`);
    return text;
  };
}

/** A whole number >= min, given once (as shared-options' own, which it does not export). */
function wholeNumber(name: string, min: number) {
  return (value: unknown) => {
    const text = String(onceText(name)(value)).trim();
    if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text)))
      throw new OptionValueError(
        `--${name}: expected a whole number >= ${min}, found ${JSON.stringify(text)}`,
      );
    return Number(text);
  };
}

export function calibrateCommand(ctx: CommandContext): CommandModule<object, CalibrateArgs> {
  return {
    command: "calibrate <logs..>",
    describe:
      "Fit a scenario to Entra ID sign-in logs (Graph signIn JSON, the admin center's CSV, Log Analytics exports; gzip too), or check one against them",
    builder: (y) =>
      withPrintOptions(
        y
          .positional("logs", { type: "string", array: true, describe: "Log files or folders (walked)" })
          .option("out", {
            type: "string",
            coerce: onceText("out"),
            describe: "Write the fitted scenario here (YAML)",
          })
          .option("check", {
            type: "string",
            coerce: onceText("check"),
            describe: "Compare this scenario with the logs; exit 1 when a residual exceeds its tolerance",
          })
          .option("name", {
            type: "string",
            coerce: onceText("name"),
            describe: "Scenario name (default: --out's file name)",
          })
          .option("min-share", {
            type: "string",
            default: "2%",
            describe: "Smallest share of session starts a region needs to be a user base of its own",
          })
          .option("resolution", {
            type: "string",
            choices: ["15m", "1h"],
            default: "15m",
            describe: "Day shape written as 96 quarter-hour weights (15m) or 24 hourly ones (1h)",
          })
          .option("seed", {
            type: "string",
            coerce: wholeNumber("seed", 0),
            describe: "--check: the model run's master seed (overrides the scenario's simulation.seed)",
          })
          .option("replications", {
            type: "string",
            coerce: wholeNumber("replications", 1),
            describe: "--check: replications of the model run over the log's span (default 1)",
          })
          .option("check-out", {
            type: "string",
            coerce: onceText("check-out"),
            describe:
              "--check: folder for check.txt, check.json and the charts (default output/check-<scenario>-<time>)",
          })
          .option("model", {
            type: "boolean",
            default: true,
            describe:
              "--check: also run the scenario over the log's span and compare (--no-model: parameters only)",
          })
          .option("force", {
            type: "boolean",
            default: false,
            describe: "Replace an existing --out file (and --check-out folder)",
          })
          .check((a) => {
            if (a.out === undefined && a.check === undefined)
              throw new OptionValueError("give --out <scenario.yaml>, --check <scenario.yaml>, or both");
            return true;
          }),
        "Print the calibration (and the check) as JSON to stdout",
      ) as never,
    handler: async (args) => {
      const { runCalibrate } = await import("../calibrate-command.ts");
      ctx.setExitCode(await runCalibrate(args, ctx.io));
    },
  };
}
