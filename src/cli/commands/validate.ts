/** `authsim validate <file>`: its options; the work is in ../validate-command.ts, loaded on use. */
import type { CommandModule } from "yargs";
import type { CommandContext } from "../command-context.ts";
import { withScenarioOptions } from "../scenario-options.ts";
import type { ValidateArgs } from "../validate-command.ts";
import { withPrintOptions } from "./shared-options.ts";

export function validateCommand(ctx: CommandContext): CommandModule<object, ValidateArgs> {
  return {
    command: "validate <file>",
    describe: "Check a scenario file and print a summary or every problem",
    builder: (yargs) =>
      withPrintOptions(
        withScenarioOptions(yargs),
        "Print { ok, scenario, problems, warnings } as JSON to stdout (problems with file, line, column)",
      ) as never,
    handler: async (args) => {
      const { runValidate } = await import("../validate-command.ts");
      ctx.setExitCode(runValidate(args, ctx.io));
    },
  };
}
