/**
 * `authsim merge <dirs...>`: joins the parts written by `authsim sweep --shard i/n` or `authsim
 * plan --shard i/n` (one per machine, e.g. one per Kubernetes Indexed Job completion or Slurm
 * array task) into the sweep or plan one machine would have written: the same rows in grid order,
 * the same tables and charts. Each variant (sweep) or search (plan) runs whole in one shard, so
 * the merge is exact. Refuses parts of different sweeps or plans, duplicates, and missing pieces
 * (exit 2, naming them).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { SweepRow } from "../report/index.ts";
import { type CapacityAnswer, capacityUnits } from "../study/index.ts";
import type { CommandContext } from "./command-context.ts";
import { ExitCode } from "./exit-codes.ts";
import { type PlanPart, writePlan } from "./plan-command.ts";
import { type SweepPart, writeSweep } from "./sweep-command.ts";

export interface MergeArgs {
  readonly parts: readonly string[];
  readonly out?: string;
  readonly force: boolean;
}

function readPart(path: string): SweepPart | PlanPart | string {
  const isDir = existsSync(path) && statSync(path).isDirectory();
  const file = isDir
    ? [join(path, "sweep-part.json"), join(path, "plan-part.json")].find((f) => existsSync(f))
    : path;
  if (file === undefined || !existsSync(file))
    return `${file ?? path}: no part found (give the folders written by authsim sweep --shard or plan --shard)`;
  try {
    const part = JSON.parse(readFileSync(file, "utf8")) as SweepPart | PlanPart;
    return part.format === "authsim-sweep-part" || part.format === "authsim-plan-part"
      ? part
      : `${file}: not a sweep or plan part`;
  } catch (e) {
    return `${file}: not valid JSON (${(e as Error).message})`;
  }
}

/** Joins plan parts: every search of the plan exactly once, from parts of the same plan. */
async function mergePlan(args: MergeArgs, ctx: CommandContext, parts: PlanPart[]): Promise<void> {
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
  const reachable = await writePlan(out, c, answers as CapacityAnswer[], units, stamp, io, args.force);
  if (!reachable) ctx.setExitCode(ExitCode.failure);
}

export async function runMerge(args: MergeArgs, ctx: CommandContext): Promise<void> {
  const { io } = ctx;
  const fail = (messages: string[]) => {
    for (const m of messages) io.err(m);
    ctx.setExitCode(ExitCode.badInput);
  };
  const read = args.parts.map(readPart);
  const errors = read.filter((p): p is string => typeof p === "string");
  if (errors.length > 0) return fail(errors);
  const plans = read.filter((p): p is PlanPart => typeof p !== "string" && p.format === "authsim-plan-part");
  if (plans.length === read.length) return mergePlan(args, ctx, plans);
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
  await writeSweep(
    out,
    first.scenario,
    first.vary,
    first.replications,
    rows as SweepRow[],
    stamp,
    io,
    args.force,
  );
}
