/**
 * `authsim compare <runA> <runB>`: reads two output folders' summary.json and prints their
 * headline metrics side by side (src/report/compare.ts). Exit 2 when a folder or its summary is
 * missing or is not an authsim summary.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  type ComparableSummary,
  compareSummaries,
  formatComparison,
  notASummary,
} from "../report/compare.ts";
import type { CommandContext } from "./command-context.ts";
import { ExitCode } from "./exit-codes.ts";

export interface CompareArgs {
  readonly runA: string;
  readonly runB: string;
  readonly json: boolean;
  readonly all: boolean;
}

/** Reads `<folder>/summary.json` (or the file itself); a message instead when it cannot. */
function readSummary(path: string): ComparableSummary | string {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, "summary.json") : path;
  if (!existsSync(file)) return `${file}: no such file (give an authsim output folder or its summary.json)`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return `${file}: not valid JSON (${(error as Error).message})`;
  }
  const reason = notASummary(parsed);
  return reason === null ? (parsed as ComparableSummary) : `${file}: ${reason}`;
}

/** Compares two runs' headline metrics and prints the table (or JSON). */
export function runCompare(args: CompareArgs, ctx: CommandContext): void {
  const a = readSummary(args.runA);
  const b = readSummary(args.runB);
  const problems = [a, b].filter((x): x is string => typeof x === "string");
  if (problems.length > 0) {
    for (const p of problems) ctx.io.err(p);
    ctx.setExitCode(ExitCode.badInput);
    return;
  }
  const runA = { label: "A", path: args.runA, summary: a as ComparableSummary };
  const runB = { label: "B", path: args.runB, summary: b as ComparableSummary };
  const rows = compareSummaries(runA.summary, runB.summary, { all: args.all });
  if (args.json) {
    const run = (r: typeof runA) => ({
      path: r.path,
      scenarioName: r.summary.scenarioName,
      seed: r.summary.seed,
      replications: r.summary.replications,
    });
    ctx.io.out(JSON.stringify({ a: run(runA), b: run(runB), rows }, null, 2));
    return;
  }
  ctx.io.out(formatComparison(rows, runA, runB));
}
