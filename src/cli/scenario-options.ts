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

/**
 * The overrides a command loads its scenario with: `--set` first, then `--seed`,
 * `--replications` and `--calls` as overrides like any other (so the echo shows what ran, and they win over a
 * `--set` of the same path); `between` (a sweep's varied values) sits after `--seed`, so a varied
 * simulation.seed wins over it.
 */
export function scenarioOverrides(
  args: ScenarioArgs & { readonly seed?: number; readonly replications?: number; readonly calls?: string },
  between: readonly string[] = [],
): string[] {
  return [
    ...args.set,
    ...(args.seed === undefined ? [] : [`simulation.seed=${args.seed}`]),
    ...between,
    ...(args.replications === undefined ? [] : [`simulation.replications=${args.replications}`]),
    ...(args.calls === undefined ? [] : [`simulation.backEndCalls.model=${args.calls}`]),
  ];
}
