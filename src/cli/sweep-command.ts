/**
 * `authsim sweep <file> --vary path=v1,v2 [--vary ...] [--replications N] [--workers K]`: runs
 * every combination of the varied values, N replications each with the same seed (common random
 * numbers: the variants share their random numbers stream by stream), on up to K worker threads
 * (one per core by default), and writes sweep.csv, sweep.md and sweep.json. Results do not depend
 * on K: each variant is deterministic and rows keep grid order. Every variant is validated before
 * any runs; a bad value is exit 2 with nothing written.
 */
import { availableParallelism } from "node:os";
import type { CommandModule } from "yargs";
import type { RunResult } from "../model/run-result.ts";
import {
  checkOutputFolder,
  sweepCsv,
  sweepGrid,
  sweepMarkdown,
  sweepRows,
  writeOutputFolder,
} from "../report/index.ts";
import { formatProblem, loadScenarioFile, type ResolvedScenario } from "../scenario/index.ts";
import { ExitCode } from "./exit-codes.ts";
import { processDeps, type RunDeps } from "./run-deps.ts";
import { type ScenarioArgs, withScenarioOptions } from "./scenario-options.ts";
import type { CommandContext } from "./validate-command.ts";

interface SweepArgs extends ScenarioArgs {
  readonly vary: readonly string[];
  readonly replications?: number;
  readonly workers?: number;
  readonly out?: string;
  readonly force: boolean;
}

export async function runSweep(args: SweepArgs, ctx: CommandContext, deps: RunDeps): Promise<void> {
  const { io } = ctx;
  const { grid, problems } = sweepGrid(args.vary);
  if (args.vary.length === 0) problems.push("--vary: give at least one path=value1,value2,...");
  const workers = args.workers ?? Math.max(1, availableParallelism());
  if (!(Number.isInteger(workers) && workers >= 1))
    problems.push(`--workers: expected an integer >= 1, found ${workers}`);
  if (args.replications !== undefined && !(Number.isInteger(args.replications) && args.replications >= 1)) {
    problems.push(`--replications: expected an integer >= 1, found ${args.replications}`);
  }
  if (problems.length > 0) {
    for (const p of problems) io.err(p);
    ctx.setExitCode(ExitCode.badInput);
    return;
  }
  // Validate every variant first: a typo in the fifth value must not cost four runs.
  const scenarios: ResolvedScenario[] = [];
  for (const values of grid) {
    const overrides = [
      ...args.set,
      ...values.map(([path, value]) => `${path}=${value}`),
      ...(args.replications === undefined ? [] : [`simulation.replications=${args.replications}`]),
    ];
    const loaded = loadScenarioFile(args.file, { overrides });
    if (!loaded.ok) {
      io.err(`variant ${values.map(([p, v]) => `${p}=${v}`).join(", ")}:`);
      for (const p of loaded.problems) io.err(`  ${formatProblem(p)}`);
      ctx.setExitCode(ExitCode.badInput);
      return;
    }
    scenarios.push(loaded.scenario);
  }
  const name = scenarios[0].name;
  const out = args.out ?? `output/${name}-sweep`;
  checkOutputFolder(out, { force: args.force });

  const results: RunResult[][] = new Array(scenarios.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < scenarios.length) {
      const i = next++;
      results[i] = await deps.runner(scenarios[i], {}).results;
      done++;
      if (!deps.env.CI) io.err(`sweep: ${done}/${scenarios.length} variants done`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, scenarios.length) }, worker));

  const rows = sweepRows(grid.map((values, i) => ({ values, results: results[i] })));
  const replications = scenarios[0].simulation.replications;
  // Loaded on demand, like run's charts: the canvas binding is heavy.
  let charts = new Map<string, Uint8Array>();
  try {
    charts = await (await import("../report/charts/sweep-chart.ts")).renderSweepCharts(name, rows);
  } catch (e) {
    io.err(`warning: sweep charts not drawn: ${e instanceof Error ? e.message : String(e)}`);
  }
  const files = new Map<string, string | Uint8Array>([
    ...charts,
    ["sweep.csv", sweepCsv(rows)],
    ["sweep.md", sweepMarkdown(name, replications, rows)],
    ["sweep.json", `${JSON.stringify({ scenario: name, vary: args.vary, replications, rows }, null, 2)}\n`],
    [
      "run.json",
      `${JSON.stringify({ command: "sweep", file: args.file, set: args.set, vary: args.vary, workers }, null, 2)}\n`,
    ],
  ]);
  writeOutputFolder(out, files, { force: args.force });
  io.out(sweepMarkdown(name, replications, rows).trimEnd());
  io.out(`output: ${out}`);
}

export function sweepCommand(
  ctx: CommandContext,
  deps: () => RunDeps = processDeps,
): CommandModule<object, SweepArgs> {
  return {
    command: "sweep <file>",
    describe:
      "Run every combination of --vary values (common random numbers) and tabulate the headline metrics",
    builder: (y) =>
      withScenarioOptions(y)
        .option("vary", {
          type: "string",
          array: true,
          default: [] as string[],
          describe: "path=value1,value2,... (repeatable: the grid of all combinations)",
        })
        .option("replications", {
          type: "number",
          describe: "Replications per variant (overrides simulation.replications)",
        })
        .option("workers", { type: "number", describe: "Worker threads (default: one per core)" })
        .option("out", { type: "string", describe: "Output folder (default output/<scenario>-sweep)" })
        .option("force", {
          type: "boolean",
          default: false,
          describe: "Replace an existing output folder",
        }) as never,
    handler: (args) => runSweep(args, ctx, deps()),
  };
}
