/**
 * `authsim compare <runA> <runB>`: reads two output folders' summary.json and prints how the runs
 * differ (seeds, scenario paths, SLO verdicts that flip: src/report/compare-notes.ts), their
 * headline metrics side by side (src/report/compare.ts) and the regressions. Exit 2 when a folder
 * or its summary is missing, unreadable or not an authsim summary (summary-file.ts:
 * schema-checked, file:line:col); with --fail-on-regression, exit 1 when a compared metric is
 * significantly worse in B (never on one replication: its noise is unknown).
 */

import { type ComparableSummary, compareSummaries, formatComparison } from "../report/compare.ts";
import { compareNotes, formatNotesBefore, formatRegressions } from "../report/compare-notes.ts";
import type { CommandContext } from "./command-context.ts";
import { ExitCode } from "./exit-codes.ts";
import { readSummaryFile } from "./summary-file.ts";

export interface CompareArgs {
  readonly runA: string;
  readonly runB: string;
  readonly json: boolean;
  readonly all: boolean;
  readonly failOnRegression: boolean;
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
  const notes = compareNotes(runA.summary, runB.summary, rows);
  if (args.failOnRegression && notes.regressions.length > 0) ctx.setExitCode(ExitCode.failure);
  if (args.json) {
    const run = (r: typeof runA) => ({
      path: r.path,
      scenarioName: r.summary.scenarioName,
      seed: r.summary.seed,
      replications: r.summary.replications,
    });
    ctx.io.out(JSON.stringify({ a: run(runA), b: run(runB), ...notes, rows }, null, 2));
    return;
  }
  const [header, ...table] = formatComparison(rows, runA, runB).split("\n");
  const [second, ...body] = table;
  const lines = [header, second, ...formatNotesBefore(notes), "", ...body, "", formatRegressions(notes)];
  ctx.io.out(lines.join("\n"));
}
