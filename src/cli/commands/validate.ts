/** `authsim validate <file>`: its options; the work is in ../validate-command.ts, loaded on use. */
import type { CommandModule } from "yargs";
import type { CommandContext } from "../command-context.ts";
import { type ScenarioArgs, withScenarioOptions } from "../scenario-options.ts";

export function validateCommand(ctx: CommandContext): CommandModule<object, ScenarioArgs> {
  return {
    command: "validate <file>",
    describe: "Check a scenario file and print a summary or every problem",
    builder: (yargs) => withScenarioOptions(yargs),
    handler: async (args) => {
      const { runValidate } = await import("../validate-command.ts");
      ctx.setExitCode(runValidate(args, ctx.io));
    },
  };
}
