/**
 * `authsim sweep <file> --vary path=v1,v2 [--vary ...] [--replications N] [--workers K]`: runs
 * every combination of the varied values, N replications each with the same seed (common random
 * numbers: the variants share their random numbers stream by stream), on up to K worker threads
 * (one per core by default), and writes sweep.csv, sweep.md and sweep.json. Results do not depend
 * on K: each variant is deterministic and rows keep grid order. Every variant is validated before
 * any runs; a bad value is exit 2 with nothing written.
 */
import type { RunResult } from "../model/index.ts";
import { type SweepRow, sweepCsv, sweepMarkdown, sweepRows } from "../report/index.ts";
import { formatProblem, loadScenarioFile, type ResolvedScenario } from "../scenario/index.ts";
import { shardPieces, sweepGrid } from "../study/index.ts";
import type { CommandContext } from "./command-context.ts";
import { ExitCode } from "./exit-codes.ts";
import {
  checkFolder,
  type FolderRequest,
  TABLES_OUTPUT_BYTES,
  withOutputErrors,
  writeFolder,
} from "./output-guard.ts";
import { poolOptions, withPool } from "./pool-session.ts";
import type { RunDeps } from "./run-deps.ts";
import { type ScenarioArgs, scenarioOverrides } from "./scenario-options.ts";
import { type PrintMode, printMode, printStudy, sweepSummaryLines } from "./study-summary.ts";

export interface SweepArgs extends ScenarioArgs {
  readonly vary: readonly string[];
  readonly seed?: number;
  readonly replications?: number;
  /** No progress and no summary; --json prints sweep.json's content instead of the summary. */
  readonly quiet?: boolean;
  readonly json?: boolean;
  readonly workers?: number;
  readonly out?: string;
  readonly force: boolean;
  /** `i/n`: run only the variants whose grid index ≡ i − 1 (mod n), for spreading over machines. */
  readonly shard?: string;
}

/** What one shard writes (sweep-part.json); `authsim merge` joins the parts. */
export interface SweepPart {
  readonly format: "authsim-sweep-part";
  readonly scenario: string;
  readonly vary: readonly string[];
  readonly replications: number;
  readonly gridSize: number;
  readonly shard: { readonly index: number; readonly count: number };
  readonly rows: ReadonlyArray<{ readonly index: number; readonly row: SweepRow }>;
}

/** Writes a complete sweep's tables and charts (from `sweep`, or `merge` of its shards). */
export async function writeSweep(
  target: FolderRequest,
  name: string,
  vary: readonly string[],
  replications: number,
  rows: readonly SweepRow[],
  stamp: object,
  io: CommandContext["io"],
  print: PrintMode = "summary",
): Promise<void> {
  const json = `${JSON.stringify({ scenario: name, vary, replications, rows }, null, 2)}\n`;
  // merge comes here straight from reading its parts: the place is judged before the charts.
  checkFolder(target, io);
  await writeFolder(target, async () => {
    // Loaded on demand, like run's charts: the canvas binding is heavy.
    let charts = new Map<string, Uint8Array>();
    try {
      charts = await (await import("../report/charts/sweep-chart.ts")).renderSweepCharts(name, rows);
    } catch (e) {
      io.err(`warning: sweep charts not drawn: ${e instanceof Error ? e.message : String(e)}`);
    }
    return new Map<string, string | Uint8Array>([
      ...charts,
      ["sweep.csv", sweepCsv(rows)],
      ["sweep.md", sweepMarkdown(name, replications, rows)],
      ["sweep.json", json],
      ["run.json", `${JSON.stringify(stamp, null, 2)}\n`],
    ]);
  });
  printStudy(
    io,
    print,
    target.out,
    () => sweepSummaryLines(name, replications, rows),
    () => json,
  );
}

/**
 * Runs the variants' replications on one pool of `workers` threads (replications, not whole
 * variants, are the unit, so a small grid with many replications still fills every core), with a
 * progress bar on a terminal; null when Ctrl-C stopped it.
 */
async function runVariants(
  variants: readonly ResolvedScenario[],
  workers: number,
  deps: RunDeps,
  io: CommandContext["io"],
  quiet: boolean,
): Promise<RunResult[][] | null> {
  const jobs = variants.reduce((n, s) => n + s.simulation.replications, 0);
  // --quiet: no bar (as on a pipe) and no progress lines.
  const poolDeps = quiet ? { ...deps, stderr: { ...deps.stderr, isTTY: false } } : deps;
  return withPool(poolDeps, Math.max(1, Math.min(workers, jobs)), (pool, bar) => {
    let done = 0;
    const show = () =>
      bar?.update({
        done: pool.workDone(),
        total: jobs,
        events: pool.eventsDone(),
        details: [`variants ${done}/${variants.length} done`],
      });
    const started = deps.now().getTime();
    return Promise.all(
      variants.map(async (scenario) => {
        const results = await pool.runScenario(scenario, show);
        done++;
        show();
        if (bar === null && !deps.env.CI && !quiet) {
          const elapsed = (deps.now().getTime() - started) / 1000;
          const eta = (elapsed / pool.workDone()) * (jobs - pool.workDone());
          io.err(
            `sweep: ${done}/${variants.length} variants done, ${elapsed.toFixed(0)} s elapsed, ETA ${eta.toFixed(0)} s`,
          );
        }
        return results;
      }),
    );
  });
}

/** `authsim sweep`; an output-folder error gets its exit code from the shared table. */
export function runSweep(args: SweepArgs, ctx: CommandContext, deps: RunDeps): Promise<void> {
  return withOutputErrors(ctx, () => runSweepChecked(args, ctx, deps));
}

async function runSweepChecked(args: SweepArgs, ctx: CommandContext, deps: RunDeps): Promise<void> {
  const { io } = ctx;
  const { grid, problems } = sweepGrid(args.vary);
  if (args.vary.length === 0) problems.push("--vary: give at least one path=value1,value2,...");
  const options = poolOptions(args);
  problems.push(...options.problems);
  const { workers, shard } = options;
  if (problems.length > 0) {
    for (const p of problems) io.err(p);
    ctx.setExitCode(ExitCode.badInput);
    return;
  }
  // Validate every variant first: a typo in the fifth value must not cost four runs.
  const scenarios: ResolvedScenario[] = [];
  for (const values of grid) {
    // --seed is the base every variant starts from; a varied simulation.seed wins over it.
    const overrides = scenarioOverrides(
      args,
      values.map(([path, value]) => `${path}=${value}`),
    );
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
  const out =
    args.out ??
    (shard !== null ? `output/${name}-sweep-part-${shard.index}-of-${shard.count}` : `output/${name}-sweep`);
  const target: FolderRequest = {
    out,
    force: args.force,
    command: "sweep",
    version: deps.version,
    onInterrupt: deps.onInterrupt,
    expectedBytes: TABLES_OUTPUT_BYTES,
    onFile: deps.onOutputFile,
  };
  checkFolder(target, io);

  const mine = shardPieces(scenarios.length, shard);
  const results = await runVariants(
    mine.map((i) => scenarios[i]),
    workers,
    deps,
    io,
    args.quiet === true,
  );
  if (results === null) {
    io.err("stopped: no output written");
    ctx.setExitCode(ExitCode.interrupted);
    return;
  }
  const replications = scenarios[0].simulation.replications;
  if (shard !== null) {
    const part: SweepPart = {
      format: "authsim-sweep-part",
      scenario: name,
      vary: args.vary,
      replications,
      gridSize: grid.length,
      shard,
      rows: mine.map((i, k) => ({ index: i, row: sweepRows([{ values: grid[i], results: results[k] }])[0] })),
    };
    await writeFolder(
      target,
      () =>
        new Map([
          ["sweep-part.json", `${JSON.stringify(part, null, 2)}\n`],
          [
            "run.json",
            `${JSON.stringify({ command: "sweep", file: args.file, set: args.set, vary: args.vary, shard: args.shard, workers }, null, 2)}\n`,
          ],
        ]),
    );
    io.out(
      `shard ${shard.index}/${shard.count}: ${mine.length} of ${grid.length} variants -> ${out}/sweep-part.json (join the parts with authsim merge)`,
    );
    return;
  }

  // Without a shard, `mine` is the whole grid in order: results[i] belongs to variant i.
  const rows = sweepRows(grid.map((values, i) => ({ values, results: results[i] })));
  const stamp = { command: "sweep", file: args.file, set: args.set, vary: args.vary, workers };
  await writeSweep(target, name, args.vary, replications, rows, stamp, io, printMode(args));
}
