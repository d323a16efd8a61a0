/** Shared options for every command that reads a scenario: the file and `--set` overrides. */
import type { Argv } from "yargs";

export interface ScenarioArgs {
  readonly file: string;
  readonly set: readonly string[];
}

/** Adds `<file>` and `--set path=value` (repeatable) to a command. */
export function withScenarioOptions<T>(yargs: Argv<T>): Argv<T & ScenarioArgs> {
  return yargs
    .positional("file", { type: "string", demandOption: true, describe: "Scenario file (YAML or JSON)" })
    .option("set", {
      type: "string",
      array: true,
      default: [] as string[],
      describe: "Override a value before validation, e.g. --set simulation.duration=2h (repeatable)",
    }) as unknown as Argv<T & ScenarioArgs>;
}
