/**
 * `authsim failure-matrix <file> [--hours 0-23] [--losses weu,westeurope] [--lead 30m]
 * [--fault 30m] [--tail 30m]`: the follow-the-sun failure matrix (src/study/failure-matrix.ts),
 * every datacenter or identity region lost at every hour asked for, one short run per cell on the
 * worker pool. A command of its own rather than a sweep mode: a cell replaces the scenario's
 * faults and its clock, which --vary cannot say, and its answer is two heatmaps, not a table of
 * headline metrics. Writes failure-matrix.md/.html/.csv/.json and the heatmaps
 * (failure-matrix-failover.png, failure-matrix-impact.png) through the shared output-folder guard.
 * Exit 1 when some cell fails an SLO, 2 on bad input.
 */
import {
  type FailureMatrixContext,
  failoverHeatmap,
  failureMatrixCsv,
  failureMatrixMarkdown,
  impactHeatmap,
  markdownPage,
} from "../report/index.ts";
import { formatProblem, loadScenarioFile, parseDuration, type ResolvedScenario } from "../scenario/index.ts";
import {
  DEFAULT_FAILURE_MATRIX,
  type FailureCell,
  failureCell,
  failureCellOverrides,
  failureLosses,
  type Loss,
  parseHours,
} from "../study/index.ts";
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
import { printMode, printStudy } from "./study-summary.ts";

export interface FailureMatrixArgs extends ScenarioArgs {
  readonly seed?: number;
  readonly quiet?: boolean;
  readonly json?: boolean;
  readonly replications?: number;
  readonly workers?: number;
  readonly hours: string;
  readonly losses?: string;
  readonly lead?: string;
  readonly fault?: string;
  readonly tail?: string;
  readonly out?: string;
  readonly force: boolean;
}

/** A duration option in seconds (default when absent), or the problem. */
function durationOption(name: string, text: string | undefined, fallback: number): number | string {
  if (text === undefined) return fallback;
  const d = parseDuration(text);
  if (!d.ok || !(d.value > 0))
    return `--${name}: expected a duration above 0 (e.g. 30m), found ${JSON.stringify(text)}`;
  return d.value;
}

export function runFailureMatrix(args: FailureMatrixArgs, ctx: CommandContext, deps: RunDeps): Promise<void> {
  return withOutputErrors(ctx, () => runChecked(args, ctx, deps));
}

async function runChecked(args: FailureMatrixArgs, ctx: CommandContext, deps: RunDeps): Promise<void> {
  const { io } = ctx;
  const options = poolOptions(args);
  const problems = [...options.problems];
  const hours = parseHours(args.hours);
  if (typeof hours === "string") problems.push(hours);
  const lead = durationOption("lead", args.lead, DEFAULT_FAILURE_MATRIX.lead);
  const fault = durationOption("fault", args.fault, DEFAULT_FAILURE_MATRIX.fault);
  const tail = durationOption("tail", args.tail, DEFAULT_FAILURE_MATRIX.tail);
  for (const x of [lead, fault, tail]) if (typeof x === "string") problems.push(x);
  const overrides = scenarioOverrides(args);
  const loaded = loadScenarioFile(args.file, { overrides });
  if (!loaded.ok) for (const p of loaded.problems) problems.push(formatProblem(p));
  let losses: Loss[] = [];
  if (loaded.ok) {
    const all = failureLosses(loaded.scenario);
    const asked = args.losses?.split(",").map((s) => s.trim()) ?? null;
    losses = asked === null ? all : all.filter((l) => asked.includes(l.name));
    for (const name of asked ?? [])
      if (!all.some((l) => l.name === name))
        problems.push(
          `--losses: no datacenter or identity region named ${JSON.stringify(name)} (known: ${all.map((l) => l.name).join(", ")})`,
        );
  }
  if (
    problems.length > 0 ||
    !loaded.ok ||
    typeof hours === "string" ||
    typeof lead === "string" ||
    typeof fault === "string" ||
    typeof tail === "string"
  ) {
    for (const p of problems) io.err(p);
    ctx.setExitCode(ExitCode.badInput);
    return;
  }
  const timing = { lead, fault, tail };
  // Every cell loaded (and so validated) before any runs: a cell that does not load is exit 2.
  const cells: { loss: Loss; hour: number; scenario: ResolvedScenario }[] = [];
  for (const loss of losses)
    for (const hour of hours) {
      const cell = loadScenarioFile(args.file, {
        overrides: [...overrides, ...failureCellOverrides(loaded.scenario, loss, hour, timing)],
      });
      if (!cell.ok) {
        io.err(`cell ${loss.label} at ${hour}:00 UTC does not load:`);
        for (const p of cell.problems) io.err(`  ${formatProblem(p)}`);
        ctx.setExitCode(ExitCode.badInput);
        return;
      }
      cells.push({ loss, hour, scenario: cell.scenario });
    }
  const base = loaded.scenario;
  const out = args.out ?? `output/${base.name}-failure-matrix`;
  const target: FolderRequest = {
    out,
    force: args.force,
    command: "failure-matrix",
    version: deps.version,
    onInterrupt: deps.onInterrupt,
    expectedBytes: TABLES_OUTPUT_BYTES,
    onFile: deps.onOutputFile,
  };
  checkFolder(target, io);
  const quiet = args.quiet === true;
  const poolDeps = quiet ? { ...deps, stderr: { ...deps.stderr, isTTY: false } } : deps;
  const jobs = cells.reduce((n, c) => n + c.scenario.simulation.replications, 0);
  if (!quiet)
    io.err(
      `failure-matrix: ${losses.length} losses × ${hours.length} hours = ${cells.length} cells, ${jobs} runs`,
    );
  const measured = await withPool(poolDeps, Math.max(1, Math.min(options.workers, jobs)), (pool, bar) => {
    let done = 0;
    return Promise.all(
      cells.map(async (c): Promise<FailureCell> => {
        const results = await pool.runScenario(c.scenario, () =>
          bar?.update({
            done: pool.workDone(),
            total: jobs,
            events: pool.eventsDone(),
            details: [`cells ${done}/${cells.length} done`],
          }),
        );
        done++;
        return failureCell(c.scenario, c.loss, c.hour, results);
      }),
    );
  });
  if (measured === null) {
    io.err("stopped: no output written");
    ctx.setExitCode(ExitCode.interrupted);
    return;
  }
  const context: FailureMatrixContext = {
    scenario: base.name,
    losses: losses.map((l) => l.label),
    hours,
    replications: base.simulation.replications,
    ...timing,
  };
  const md = failureMatrixMarkdown(context, measured);
  const json = `${JSON.stringify({ ...context, cells: measured }, null, 2)}\n`;
  await writeFolder(target, async () => {
    const charts = new Map<string, Uint8Array>();
    try {
      const { renderHeatmap } = await import("../report/charts/heatmap.ts");
      charts.set("failure-matrix-failover.png", await renderHeatmap(failoverHeatmap(context, measured)));
      charts.set("failure-matrix-impact.png", await renderHeatmap(impactHeatmap(context, measured)));
    } catch (e) {
      io.err(`warning: failure-matrix heatmaps not drawn: ${e instanceof Error ? e.message : String(e)}`);
    }
    return new Map<string, string | Uint8Array>([
      ...charts,
      ["failure-matrix.html", markdownPage(`Failure matrix of ${base.name}`, md, charts)],
      ["failure-matrix.md", md],
      ["failure-matrix.csv", failureMatrixCsv(measured)],
      ["failure-matrix.json", json],
      [
        "run.json",
        `${JSON.stringify({ command: "failure-matrix", file: args.file, set: args.set, hours, losses: losses.map((l) => l.name), ...timing }, null, 2)}\n`,
      ],
    ]);
  });
  const failing = measured.filter((c) => c.slosFailing > 0).length;
  printStudy(
    io,
    printMode(args),
    target.out,
    () => {
      const slowest = measured
        .filter((c) => c.failoverApplies)
        .sort(
          (a, b) =>
            (b.failoverTo99 ?? Number.POSITIVE_INFINITY) - (a.failoverTo99 ?? Number.POSITIVE_INFINITY),
        )[0];
      const worst = [...measured].sort((a, b) => (b.worstFailureShare ?? 0) - (a.worstFailureShare ?? 0))[0];
      return [
        `failure matrix of ${base.name}: ${cells.length} cells, ${failing} with an SLO failing (heatmaps in failure-matrix.html)`,
        ...(slowest
          ? [
              `  slowest failover: ${slowest.loss} at ${String(slowest.hour).padStart(2, "0")}:00 UTC, ${slowest.failoverTo99 === null ? "never within the run" : `${Math.round(slowest.failoverTo99)} s`}`,
            ]
          : []),
        ...(worst && worst.worstFailureShare !== null
          ? [
              `  hurts most: ${worst.loss} at ${String(worst.hour).padStart(2, "0")}:00 UTC, ${worst.worstUserBase} ${(worst.worstFailureShare * 100).toFixed(1)}% of logins failed`,
            ]
          : []),
      ];
    },
    () => json,
  );
  if (failing > 0) ctx.setExitCode(ExitCode.failure);
}
