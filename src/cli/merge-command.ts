/**
 * `authsim merge <dirs...>`: joins the parts written by `authsim sweep --shard i/n` or `authsim
 * plan --shard i/n` (one per machine, e.g. one per Kubernetes Indexed Job completion or Slurm
 * array task) into the sweep or plan one machine would have written: the same rows in grid order,
 * the same tables and charts. Each variant (sweep) or search (plan) runs whole in one shard, so
 * the merge is exact. Refuses malformed parts (part-files.ts: schema-checked, file:line:col),
 * parts of different sweeps or plans, duplicates, and missing pieces (exit 2, naming them).
 */
import type { SweepRow } from "../report/index.ts";
import { type CapacityAnswer, capacityUnits } from "../study/index.ts";
import type { CommandContext } from "./command-context.ts";
import { ExitCode } from "./exit-codes.ts";
import { type Interrupts, processInterrupts } from "./interrupts.ts";
import { type FolderRequest, TABLES_OUTPUT_BYTES, withOutputErrors } from "./output-guard.ts";
import { packageVersion } from "./package-version.ts";
import { readPart } from "./part-files.ts";
import { type PlanPart, writePlan } from "./plan-command.ts";
import { type SweepPart, writeSweep } from "./sweep-command.ts";

export interface MergeArgs {
  readonly parts: readonly string[];
  readonly out?: string;
  readonly force: boolean;
}

/** The merged folder's write: the same rules and exit codes as every command's (output-guard.ts). */
const mergeTarget = (out: string, force: boolean, onInterrupt: Interrupts): FolderRequest => ({
  out,
  force,
  command: "merge",
  version: packageVersion(),
  onInterrupt,
  expectedBytes: TABLES_OUTPUT_BYTES,
});

/** Joins plan parts: every search of the plan exactly once, from parts of the same plan. */
async function mergePlan(
  args: MergeArgs,
  ctx: CommandContext,
  parts: PlanPart[],
  onInterrupt: Interrupts,
): Promise<void> {
  const { io } = ctx;
  const first = parts[0];
  const key = (p: PlanPart) => JSON.stringify([p.context, p.unitCount]);
  const strangers = args.parts.filter((_, i) => key(parts[i]) !== key(first));
  const problems = strangers.map((s) => `${s}: a part of a different plan than ${args.parts[0]}`);
  const answers: (CapacityAnswer | undefined)[] = new Array(first.unitCount);
  if (problems.length === 0) {
    for (const p of parts) {
      for (const { index, answer } of p.answers) {
        if (answers[index] !== undefined) problems.push(`search ${index + 1} appears in more than one part`);
        answers[index] = answer;
      }
    }
    const missing = [...answers.keys()].filter((i) => answers[i] === undefined).map((i) => i + 1);
    if (missing.length > 0) problems.push(`searches missing (no part ran them): ${missing.join(", ")}`);
  }
  if (problems.length > 0) {
    for (const m of problems) io.err(m);
    ctx.setExitCode(ExitCode.badInput);
    return;
  }
  const c = first.context;
  // The units are a function of the datacenters, components and N+1 flag, all in the context.
  const units = capacityUnits(c.datacenters.length, c.components, c.nPlusOne);
  const out = args.out ?? `output/${c.scenario}-plan`;
  const stamp = { command: "merge", parts: args.parts };
  const target = mergeTarget(out, args.force, onInterrupt);
  const reachable = await writePlan(target, c, answers as CapacityAnswer[], units, stamp, io);
  if (!reachable) ctx.setExitCode(ExitCode.failure);
}

/** `authsim merge`; `onInterrupt` (Ctrl-C, SIGTERM) aborts the write cleanly. */
export function runMerge(
  args: MergeArgs,
  ctx: CommandContext,
  onInterrupt: Interrupts = processInterrupts,
): Promise<void> {
  return withOutputErrors(ctx, () => runMergeChecked(args, ctx, onInterrupt));
}

async function runMergeChecked(args: MergeArgs, ctx: CommandContext, onInterrupt: Interrupts): Promise<void> {
  const { io } = ctx;
  const fail = (messages: string[]) => {
    for (const m of messages) io.err(m);
    ctx.setExitCode(ExitCode.badInput);
  };
  const read = args.parts.map(readPart);
  const errors = read.flatMap((p) => (Array.isArray(p) ? p : []));
  if (errors.length > 0) return fail(errors);
  const plans = read.filter((p): p is PlanPart => !Array.isArray(p) && p.format === "authsim-plan-part");
  if (plans.length === read.length) return mergePlan(args, ctx, plans, onInterrupt);
  if (plans.length > 0) return fail(["give the parts of one sweep or of one plan, not both"]);
  const parts = read as SweepPart[];
  const first = parts[0];
  const same = (p: SweepPart) =>
    p.scenario === first.scenario &&
    p.replications === first.replications &&
    p.gridSize === first.gridSize &&
    JSON.stringify(p.vary) === JSON.stringify(first.vary);
  const strangers = args.parts.filter((_, i) => !same(parts[i]));
  if (strangers.length > 0)
    return fail(strangers.map((s) => `${s}: a part of a different sweep than ${args.parts[0]}`));
  const rows: (SweepRow | undefined)[] = new Array(first.gridSize);
  const problems: string[] = [];
  for (const p of parts) {
    for (const { index, row } of p.rows) {
      if (rows[index] !== undefined) problems.push(`variant ${index + 1} appears in more than one part`);
      rows[index] = row;
    }
  }
  const missing = [...rows.keys()].filter((i) => rows[i] === undefined).map((i) => i + 1);
  if (missing.length > 0) problems.push(`variants missing (no part ran them): ${missing.join(", ")}`);
  if (problems.length > 0) return fail(problems);
  const out = args.out ?? `output/${first.scenario}-sweep`;
  const stamp = { command: "merge", parts: args.parts, vary: first.vary };
  const target = mergeTarget(out, args.force, onInterrupt);
  await writeSweep(target, first.scenario, first.vary, first.replications, rows as SweepRow[], stamp, io);
}
