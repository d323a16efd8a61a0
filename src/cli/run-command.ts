/**
 * `authsim run <file>`: load a scenario, simulate it (on a worker thread, with a progress line on
 * a terminal), and write the output folder: summary.json, run.json, timeseries CSV, report.md,
 * report.html and charts. Exit 0 when every SLO passes, 1 when one fails, 2 for bad input (and
 * nothing written), the output-folder codes of exit-codes.ts (73 when it cannot be written, found
 * before simulating), 130 on Ctrl-C or SIGTERM (nothing written), 70 for a bug. The world
 * (clock, signals, terminal, worker) comes in as RunDeps (run-deps.ts).
 */
import { existsSync } from "node:fs";
import { availableParallelism, totalmem } from "node:os";
import { join } from "node:path";
import type { RunResult } from "../model/index.ts";
import { estimateRun } from "../model/index.ts";
import {
  buildOutputFiles,
  checkOutputFolder,
  estimateOutputBytes,
  type SummaryMeta,
  scenarioHash,
  terminalSummary,
  writeOutputFolder,
} from "../report/index.ts";
import { formatProblem, loadScenarioFile, parseDuration, type ResolvedScenario } from "../scenario/index.ts";
import { judgeRun } from "../study/index.ts";
import type { Output } from "./command-context.ts";
import { ExitCode } from "./exit-codes.ts";
import { duringWrite, outputFailure, outputIdentity, reportStale } from "./output-guard.ts";
import { ProgressBar } from "./progress-bar.ts";
import type { RunDeps } from "./run-deps.ts";
import { type ScenarioArgs, scenarioOverrides } from "./scenario-options.ts";
import { ModelError, RunKilled } from "./scenario-runner.ts";
import {
  discardSignIns,
  type EmittedSignIns,
  runEmittingReplication,
  SIGNIN_LINE_BYTES,
  signInsTempPath,
} from "./signins-run.ts";

export interface RunArgs extends ScenarioArgs {
  readonly out?: string;
  readonly seed?: number;
  readonly replications?: number;
  readonly quiet: boolean;
  readonly json: boolean;
  readonly force: boolean;
  readonly maxEvents?: number;
  /** A duration as text, e.g. `90s`, `10m`. */
  readonly maxWall?: string;
  /** Threads for the replications; default one per core, as many as memory allows. */
  readonly workers?: number;
  /** Write the first replication's sign-ins and renewals as Graph signIn JSON (signins.jsonl). */
  readonly emitSignins?: boolean;
}

const pad = (n: number) => String(n).padStart(2, "0");
const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;
/**
 * Only for the long-run warning. Whole bundled runs measured 2.1-2.8 M events/s on one core
 * (docs/performance.md), and the estimate of events is an upper bound (the whole global baseline:
 * 2.65 G estimated, 2.36 G run), so 2 M keeps the warning on the safe side without crying wolf.
 */
const EVENTS_PER_SECOND_ESTIMATE = 2e6;
/** Longer than this [s] by the estimate, a run needs --max-wall or --max-events to start. */
const LONGEST_UNBOUNDED_RUN = 3600;

/**
 * `output/<scenario>-<YYYYMMDD-HHMMSS>` in local time; a long scenario name is cut to 200
 * characters, so that a legal name never makes a folder name longer than the 255 bytes allowed.
 */
export function defaultOutFolder(name: string, at: Date): string {
  const safe =
    name
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^[.-]+/, "")
      .slice(0, 200) || "run";
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return join("output", `${safe}-${stamp}`);
}

/** `base`, or `base-2`, `base-3` ... when two runs start within the same second. */
function freeDefaultFolder(base: string): string {
  let out = base;
  for (let k = 2; existsSync(out); k++) out = `${base}-${k}`;
  return out;
}

/** Options checked beyond what yargs does; a message per mistake. */
function optionProblems(args: RunArgs): string[] {
  const problems: string[] = [];
  if (args.seed !== undefined && !(Number.isInteger(args.seed) && args.seed >= 0)) {
    problems.push(`--seed: expected an integer >= 0, found ${String(args.seed)}`);
  }
  if (args.replications !== undefined && !(Number.isInteger(args.replications) && args.replications >= 1)) {
    problems.push(`--replications: expected an integer >= 1, found ${String(args.replications)}`);
  }
  if (args.maxEvents !== undefined && !(Number.isInteger(args.maxEvents) && args.maxEvents >= 1)) {
    problems.push(`--max-events: expected an integer >= 1, found ${String(args.maxEvents)}`);
  }
  if (args.maxWall !== undefined) {
    const wall = parseDuration(args.maxWall);
    if (!wall.ok || !(wall.value > 0))
      problems.push(`--max-wall: expected a duration such as 90s or 10m, found ${args.maxWall}`);
  }
  if (args.workers !== undefined && !(Number.isInteger(args.workers) && args.workers >= 1)) {
    problems.push(`--workers: expected an integer >= 1, found ${String(args.workers)}`);
  }
  if (args.out !== undefined && args.out.trim() === "")
    problems.push("--out: expected a folder path, found nothing");
  return problems;
}

/** Simulates; resolves to the results, or null when Ctrl-C stopped the run. */
async function simulate(
  scenario: ResolvedScenario,
  args: RunArgs,
  deps: RunDeps,
  workers: number,
  emitTo?: { path: string; emitted?: EmittedSignIns },
): Promise<RunResult[] | null> {
  const showProgress = deps.stderr.isTTY && !args.quiet && !deps.env.CI;
  const bar = showProgress
    ? new ProgressBar({
        write: deps.stderr.write,
        now: () => deps.now().getTime(),
        columns: deps.stderr.columns,
        // ETA from events, not simulated time: the day's busy hours take most of the wall time.
        expectedEvents: estimateRun(scenario).events / scenario.simulation.replications,
      })
    : null;
  const wall = args.maxWall === undefined ? undefined : parseDuration(args.maxWall);
  const limits = {
    maxEvents: args.maxEvents,
    maxWallSeconds: wall?.ok ? wall.value : undefined,
  };
  if (emitTo !== undefined) return simulateEmitting(scenario, deps, workers, emitTo, bar, limits);
  const handle = deps.runner(scenario, {
    onProgress: bar ? (p) => bar.update(p) : undefined,
    limits,
    workers,
  });
  let interrupted = false;
  let killTimer: ReturnType<typeof setTimeout> | undefined;
  const off = deps.onInterrupt(() => {
    if (interrupted) return handle.kill();
    interrupted = true;
    handle.stop();
    // The model checks its flag between slices; if it does not stop soon, end it.
    killTimer = setTimeout(() => handle.kill(), deps.stopGrace);
    killTimer.unref?.();
  });
  try {
    const results = await handle.results;
    return interrupted ? null : results;
  } catch (e) {
    if (interrupted && e instanceof RunKilled) return null;
    throw e;
  } finally {
    off();
    clearTimeout(killTimer);
    bar?.done();
  }
}

/**
 * `--emit-signins`: replication 0 here with the sign-in log (signins-run.ts), the others on a
 * pool meanwhile; null when Ctrl-C came (seen once replication 0 is done).
 */
async function simulateEmitting(
  scenario: ResolvedScenario,
  deps: RunDeps,
  workers: number,
  emitTo: { path: string; emitted?: EmittedSignIns },
  bar: ProgressBar | null,
  limits: { maxEvents?: number; maxWallSeconds?: number },
): Promise<RunResult[] | null> {
  const replications = scenario.simulation.replications;
  const pool = replications > 1 ? deps.makePool(Math.max(1, workers - 1)) : null;
  let interrupted = false;
  const off = deps.onInterrupt(() => {
    interrupted = true;
    pool?.kill();
  });
  try {
    const rest = Array.from({ length: replications - 1 }, (_, i) => pool?.runReplication(scenario, i + 1));
    for (const p of rest) void p?.catch(() => {});
    const { result, emitted } = runEmittingReplication(scenario, emitTo.path, {
      onProgress: bar ? (p) => bar.update(p) : undefined,
      limits,
    });
    emitTo.emitted = emitted;
    // A signal that came while replication 0 blocked this thread is delivered now.
    await new Promise((r) => setImmediate(r));
    if (result === null || interrupted) return null;
    const others = await Promise.all(rest);
    if (interrupted || others.some((r) => r === null || r === undefined)) return null;
    return [result, ...(others as RunResult[])];
  } catch (e) {
    if (interrupted && e instanceof RunKilled) return null;
    throw e;
  } finally {
    off();
    bar?.done();
    await pool?.close();
  }
}

/** Runs `authsim run` and returns the exit code (the caller sets process.exitCode). */
export async function runRun(args: RunArgs, io: Output, deps: RunDeps): Promise<ExitCode> {
  try {
    return await runChecked(args, io, deps);
  } catch (e) {
    const code = outputFailure(e, io);
    if (code !== undefined) return code;
    const message = e instanceof Error ? e.message : String(e);
    const where = e instanceof ModelError ? "the model failed" : "internal error";
    io.err(`authsim: ${where}: ${message}`);
    io.err("This is a bug in authsim; please report it with the scenario and the command line.");
    return ExitCode.internalError;
  }
}

async function runChecked(args: RunArgs, io: Output, deps: RunDeps): Promise<ExitCode> {
  const problems = optionProblems(args);
  if (problems.length > 0) {
    for (const p of problems) io.err(p);
    return ExitCode.badInput;
  }
  const overrides = scenarioOverrides(args);
  const loaded = loadScenarioFile(args.file, { overrides });
  for (const w of loaded.warnings) io.err(`warning: ${formatProblem(w)}`);
  if (!loaded.ok) {
    for (const p of loaded.problems) io.err(formatProblem(p));
    io.err(
      `${loaded.problems.length} problem${loaded.problems.length === 1 ? "" : "s"} in ${args.file}; nothing written`,
    );
    return ExitCode.badInput;
  }
  const scenario = loaded.scenario;
  const estimate = estimateRun(scenario);
  const memoryLimit = totalmem() * 0.8;
  if (estimate.memoryBytes > memoryLimit) {
    io.err(
      `authsim: this run would need about ${gib(estimate.memoryBytes)} of memory ` +
        `(${Math.round(estimate.peakConcurrentSessions).toLocaleString("en-US")} concurrent sessions at the peak), ` +
        `more than this machine's ${gib(memoryLimit)} allowance; nothing written.`,
    );
    io.err("Shrink it: fewer daily users, shorter sessions, or a shorter simulation.duration (--set ...).");
    return ExitCode.badInput;
  }
  // Replications run side by side: one per core by default, but never more than memory holds.
  const fitInMemory = Math.max(1, Math.floor(memoryLimit / Math.max(1, estimate.memoryBytes)));
  const workers = Math.min(
    args.workers ?? availableParallelism(),
    fitInMemory,
    scenario.simulation.replications,
  );
  const expectedSeconds =
    (estimate.events * Math.ceil(scenario.simulation.replications / workers)) /
    scenario.simulation.replications /
    EVENTS_PER_SECOND_ESTIMATE;
  // Hours of simulating are asked for, not stumbled into: a bound makes it a deliberate run.
  if (expectedSeconds > LONGEST_UNBOUNDED_RUN && args.maxWall === undefined && args.maxEvents === undefined) {
    io.err(
      `authsim: this run would take roughly ${(expectedSeconds / 3600).toFixed(1)} h ` +
        `(about ${(estimate.events / 1e9).toFixed(1)} G events at ~2 M events/s); nothing written.`,
    );
    io.err(
      "Run it anyway with a bound, e.g. --max-wall 3h (it stops cleanly with a partial report), " +
        "or shrink it: fewer daily users or a shorter simulation.duration (--set ...).",
    );
    return ExitCode.badInput;
  }
  if (expectedSeconds > 600 && !args.quiet) {
    io.err(
      `warning: about ${(estimate.events / 1e6).toFixed(0)} M events, roughly ${Math.round(expectedSeconds / 60)} min ` +
        "at this machine's speed; --max-wall or --max-events stop it cleanly with a partial report.",
    );
  }
  const started = deps.now();
  const out = args.out ?? freeDefaultFolder(defaultOutFolder(scenario.name, started));
  // Before a long run, not after it: an existing folder is the user's to resolve, and a place
  // that cannot be written is found out now (exit 73), not after hours of simulating.
  // --emit-signins: about a line per sign-in and two per session renewal, for the space check.
  const signInBytes = args.emitSignins
    ? (estimate.sessions / scenario.simulation.replications) * 3 * SIGNIN_LINE_BYTES
    : 0;
  const outputOptions = { force: args.force, expectedBytes: estimateOutputBytes(scenario) + signInBytes };
  reportStale(checkOutputFolder(out, outputOptions), io);

  const emitTo = args.emitSignins ? { path: signInsTempPath(out) } : undefined;
  try {
    return await simulateAndWrite(scenario, args, io, deps, { workers, started, out, outputOptions, emitTo });
  } finally {
    if (emitTo) discardSignIns(emitTo.path);
  }
}

async function simulateAndWrite(
  scenario: ResolvedScenario,
  args: RunArgs,
  io: Output,
  deps: RunDeps,
  at: {
    readonly workers: number;
    readonly started: Date;
    readonly out: string;
    readonly outputOptions: { readonly force: boolean; readonly expectedBytes: number };
    readonly emitTo?: { path: string; emitted?: EmittedSignIns };
  },
): Promise<ExitCode> {
  const { workers, started, out, outputOptions, emitTo } = at;
  const results = await simulate(scenario, args, deps, workers, emitTo);
  if (results === null || results.length === 0) {
    io.err("stopped: no output written");
    return ExitCode.interrupted;
  }
  const emitted = emitTo?.emitted;
  if (emitted !== undefined && !args.quiet)
    io.err(
      `signins.jsonl: ${emitted.lines.toLocaleString("en-US")} sign-ins of replication 1, ${(emitted.bytes / 2 ** 20).toFixed(1)} MiB`,
    );

  // From the first chart to the last file a signal aborts the write (nothing is left behind)
  // instead of killing the process half-way through it.
  const { run, files } = await duringWrite(deps.onInterrupt, async (signal) => {
    let charts: ReadonlyMap<string, Uint8Array> = new Map();
    try {
      charts = await deps.renderCharts(scenario, results);
    } catch (e) {
      // A chart is worth less than the run: write the rest and say what is missing.
      io.err(`warning: charts not drawn: ${e instanceof Error ? e.message : String(e)}`);
    }

    const meta: SummaryMeta = {
      version: deps.version,
      nodeVersion: process.version,
      platform: `${process.platform}-${process.arch}`,
      scenarioHash: scenarioHash(scenario),
    };
    const stamp = {
      startedAt: started.toISOString(),
      finishedAt: deps.now().toISOString(),
      options: {
        file: args.file,
        set: args.set,
        seed: args.seed ?? null,
        replications: args.replications ?? null,
        workers,
        ...(args.emitSignins ? { emitSignins: true } : {}),
      },
    };
    const partial = results.flatMap((r, i) => (r.complete ? [] : [i + 1]));
    if (partial.length > 0) {
      io.err(
        `warning: replication ${partial.join(", ")} stopped early (--max-events/--max-wall): figures are partial`,
      );
    }
    const run = judgeRun(scenario, results);
    const files: Map<string, string | Uint8Array | { readonly path: string }> = buildOutputFiles(
      run,
      meta,
      stamp,
      charts,
    );
    if (emitted !== undefined) files.set("signins.jsonl", { path: emitted.path });
    const identity = outputIdentity("run", deps.version);
    writeOutputFolder(out, files, { ...outputOptions, identity, signal, onFile: deps.onOutputFile });
    return { run, files };
  });

  if (args.json) {
    io.out(String(files.get("summary.json")).trimEnd());
    if (!args.quiet) io.err(`output: ${out}`);
  } else {
    if (!args.quiet) {
      const color = deps.stdoutIsTTY && deps.env.NO_COLOR === undefined;
      for (const line of terminalSummary(run, { color }).split("\n")) io.out(line);
    }
    io.out(`output: ${out}`);
  }
  // With replications the verdict is on the mean, as the report says.
  return run.slos.allPass ? ExitCode.ok : ExitCode.failure;
}
