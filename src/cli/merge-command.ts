/**
 * `authsim merge <dirs...>`: joins the sweep-part.json files written by `authsim sweep --shard
 * i/n` (one per machine, e.g. one per Kubernetes Indexed Job completion or Slurm array task) into
 * the sweep one machine would have written: the same rows in grid order, the same tables and
 * charts. Each variant runs whole in one shard, so the merge is exact. Refuses parts of different
 * sweeps, duplicates, and missing variants (exit 2, naming them).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { CommandModule } from "yargs";
import type { SweepRow } from "../report/index.ts";
import { ExitCode } from "./exit-codes.ts";
import { type SweepPart, writeSweep } from "./sweep-command.ts";
import type { CommandContext } from "./validate-command.ts";

interface MergeArgs {
  readonly parts: readonly string[];
  readonly out?: string;
  readonly force: boolean;
}

function readPart(path: string): SweepPart | string {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, "sweep-part.json") : path;
  if (!existsSync(file)) return `${file}: no such file (give the folders written by authsim sweep --shard)`;
  try {
    const part = JSON.parse(readFileSync(file, "utf8")) as SweepPart;
    return part.format === "authsim-sweep-part" ? part : `${file}: not a sweep part`;
  } catch (e) {
    return `${file}: not valid JSON (${(e as Error).message})`;
  }
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

export function mergeCommand(ctx: CommandContext): CommandModule<object, MergeArgs> {
  return {
    command: "merge <parts..>",
    describe: "Join the parts of a sweep run with --shard i/n into one sweep",
    builder: (y) =>
      y
        .positional("parts", {
          type: "string",
          array: true,
          demandOption: true,
          describe: "the shards' output folders",
        })
        .option("out", { type: "string", describe: "Output folder (default output/<scenario>-sweep)" })
        .option("force", {
          type: "boolean",
          default: false,
          describe: "Replace an existing output folder",
        }) as never,
    handler: (args) => runMerge(args, ctx),
  };
}
