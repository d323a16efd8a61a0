/**
 * The library's way in: load a scenario file or throw. The CLI prints problems one by one
 * (loadScenarioFile's LoadResult); a program that only wants a scenario gets it, or one error
 * that carries every problem, already formatted as file:line:column.
 */
import type { ResolvedScenario } from "../resolved/resolved-scenario.ts";
import { loadScenarioFile } from "./load-file.ts";
import type { LoadOptions } from "./load-scenario.ts";
import { formatProblem, type Problem } from "./problem.ts";

/** A scenario that did not load: `message` lists every problem, `problems` holds them. */
export class ScenarioError extends Error {
  readonly problems: readonly Problem[];
  constructor(file: string, problems: readonly Problem[]) {
    const n = problems.length;
    super(`${n} problem${n === 1 ? "" : "s"} in ${file}:\n${problems.map(formatProblem).join("\n")}`);
    this.name = "ScenarioError";
    this.problems = problems;
  }
}

/** The resolved scenario in `file` (YAML or JSON), with `options.overrides` applied; throws ScenarioError. */
export function loadScenario(file: string, options: LoadOptions = {}): ResolvedScenario {
  const result = loadScenarioFile(file, options);
  if (!result.ok) throw new ScenarioError(file, result.problems);
  return result.scenario;
}
