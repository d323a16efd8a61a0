/**
 * `authsim validate <file>`: load and check a scenario without simulating. Prints a one-line
 * summary, or every problem with file:line:column; exit 2 on bad input. `--json` prints the same
 * as one JSON object on stdout (for editors and CI); `--quiet` prints nothing but problems.
 */
import {
  formatDuration,
  formatProblem,
  loadScenarioFile,
  type Problem,
  type ResolvedScenario,
} from "../scenario/index.ts";
import type { Output } from "./command-context.ts";
import { ExitCode } from "./exit-codes.ts";
import type { ScenarioArgs } from "./scenario-options.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function summarise(s: ResolvedScenario): string {
  const users = s.userBases.reduce((sum, u) => sum + u.dailyActiveUsers, 0);
  const measured = s.geography.rttSource.flat().filter((x) => x === "measured").length / 2;
  const pairs = (s.geography.regions.length * (s.geography.regions.length - 1)) / 2;
  return [
    `ok: ${s.name} — ${plural(s.userBases.length, "user base")} (${users.toLocaleString("en-US")} daily users)`,
    plural(s.datacenters.length, "datacenter"),
    plural(s.tenants.length, "tenant"),
    `${plural(s.geography.regions.length, "region")} (${measured}/${pairs} RTT pairs measured)`,
    `${s.trafficManager.routing} routing`,
    plural(s.faults.length, "fault"),
    plural(s.slos.length, "SLO"),
    `${formatDuration(s.simulation.duration)} simulated`,
  ].join(", ");
}

export interface ValidateArgs extends ScenarioArgs {
  readonly quiet?: boolean;
  readonly json?: boolean;
}

/** Runs validation and returns the exit code (the caller sets process.exitCode). */
export function runValidate(args: ValidateArgs, io: Output): ExitCode {
  const result = loadScenarioFile(args.file, { overrides: args.set });
  if (args.json) {
    io.out(
      JSON.stringify({
        ok: result.ok,
        scenario: result.ok ? summaryOf(result.scenario) : null,
        problems: result.ok ? [] : result.problems,
        warnings: result.warnings,
      }),
    );
    return result.ok ? ExitCode.ok : ExitCode.badInput;
  }
  const warn = (w: Problem) => io.err(`warning: ${formatProblem(w)}`);
  result.warnings.forEach(warn);
  if (!result.ok) {
    for (const p of result.problems) io.err(formatProblem(p));
    io.err(`${plural(result.problems.length, "problem")} in ${args.file}`);
    return ExitCode.badInput;
  }
  if (!args.quiet) io.out(summarise(result.scenario));
  return ExitCode.ok;
}

/** What --json says of a valid scenario: the figures of the one-line summary. */
function summaryOf(s: ResolvedScenario) {
  return {
    name: s.name,
    userBases: s.userBases.length,
    dailyActiveUsers: s.userBases.reduce((sum, u) => sum + u.dailyActiveUsers, 0),
    datacenters: s.datacenters.length,
    tenants: s.tenants.length,
    regions: s.geography.regions.length,
    routing: s.trafficManager.routing,
    faults: s.faults.length,
    slos: s.slos.length,
    duration: s.simulation.duration,
  };
}
