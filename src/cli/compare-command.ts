/**
 * `authsim compare <runA> <runB>`: reads two output folders' summary.json and prints their
 * headline metrics side by side (src/report/compare.ts). Exit 2 when a folder or its summary is
 * missing, unreadable or not an authsim summary (summary-file.ts: schema-checked, file:line:col).
 */
import { type ComparableSummary, compareSummaries, formatComparison } from "../report/compare.ts";
import type { CommandContext } from "./command-context.ts";
import { ExitCode } from "./exit-codes.ts";
import { readSummaryFile } from "./summary-file.ts";

export interface CompareArgs {
  readonly runA: string;
  readonly runB: string;
  readonly json: boolean;
  readonly all: boolean;
}

/** Reads `<folder>/summary.json` (or the file itself); the lines to print instead when it cannot. */
function readSummary(path: string): ComparableSummary | string[] {
  const read = readSummaryFile(path);
  return read.ok ? read.summary : read.lines;
}

/** Compares two runs' headline metrics and prints the table (or JSON). */
export function runCompare(args: CompareArgs, ctx: CommandContext): void {
  const a = readSummary(args.runA);
  const b = readSummary(args.runB);
  const problems = [a, b].flatMap((x) => (Array.isArray(x) ? x : []));
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
