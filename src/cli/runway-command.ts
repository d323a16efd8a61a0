/**
 * `authsim runway <file> [--step 10%] [--max-growth 200%] [--replications N] [--workers K]`:
 * how far daily users can grow at today's capacity before each objective first fails, per
 * datacenter and component (src/study/growth-runway.ts). A command of its own rather than a
 * `plan` option: plan holds the load and varies capacity, runway holds capacity and varies the
 * load, and plan's options (--n-plus-one, --components, --shard) mean nothing here. Writes
 * runway.md, runway.html, runway.json and runway.png through the shared output-folder guard.
 */
import {
  markdownPage,
  type RunwayContext,
  runwayJson,
  runwayMarkdown,
  runwaySentence,
} from "../report/index.ts";
import { formatProblem, loadScenarioFile } from "../scenario/index.ts";
import { growthRunway } from "../study/index.ts";
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

export interface RunwayArgs extends ScenarioArgs {
  readonly seed?: number;
  readonly quiet?: boolean;
  readonly json?: boolean;
  readonly replications?: number;
  readonly workers?: number;
  readonly step: string;
  readonly maxGrowth: string;
  readonly out?: string;
  readonly force: boolean;
}

/** `10%` -> 0.1, or the problem. */
function growthOption(name: string, text: string): number | string {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
  const value = m === null ? Number.NaN : Number(m[1]) / 100;
  if (!(value > 0 && value <= 100))
    return `--${name}: expected a percentage above 0% (e.g. 10%), found ${text}`;
  return value;
}

export function runRunway(args: RunwayArgs, ctx: CommandContext, deps: RunDeps): Promise<void> {
  return withOutputErrors(ctx, () => runRunwayChecked(args, ctx, deps));
}

async function runRunwayChecked(args: RunwayArgs, ctx: CommandContext, deps: RunDeps): Promise<void> {
  const { io } = ctx;
  const options = poolOptions(args);
  const problems = [...options.problems];
  const step = growthOption("step", args.step);
  const maxGrowth = growthOption("max-growth", args.maxGrowth);
  for (const x of [step, maxGrowth]) if (typeof x === "string") problems.push(x);
  const overrides = scenarioOverrides(args);
  const loaded = loadScenarioFile(args.file, { overrides });
  if (!loaded.ok) for (const p of loaded.problems) problems.push(formatProblem(p));
  if (loaded.ok && loaded.scenario.slos.length === 0) problems.push("runway needs objectives in slos");
  if (problems.length > 0 || !loaded.ok || typeof step === "string" || typeof maxGrowth === "string") {
    for (const p of problems) io.err(p);
    ctx.setExitCode(ExitCode.badInput);
    return;
  }
  const base = loaded.scenario;
  // Growth is applied as overrides, so the grown scenario is resolved exactly as a user's would be.
  const scenarioAt = (g: number) => {
    const grown = loadScenarioFile(args.file, {
      overrides: [
        ...overrides,
        ...base.userBases.map(
          (u) => `userBases[${u.name}].dailyActiveUsers=${Math.round(u.dailyActiveUsers * (1 + g))}`,
        ),
      ],
    });
    if (!grown.ok)
      throw new Error(
        `the scenario grown by ${g} does not load: ${grown.problems.map(formatProblem).join("; ")}`,
      );
    return grown.scenario;
  };
  const out = args.out ?? `output/${base.name}-runway`;
  const target: FolderRequest = {
    out,
    force: args.force,
    command: "runway",
    version: deps.version,
    onInterrupt: deps.onInterrupt,
    expectedBytes: TABLES_OUTPUT_BYTES,
    onFile: deps.onOutputFile,
  };
  checkFolder(target, io);
  const quiet = args.quiet === true;
  const poolDeps = quiet ? { ...deps, stderr: { ...deps.stderr, isTTY: false } } : deps;
  const items = await withPool(poolDeps, options.workers, (pool) =>
    growthRunway({
      scenarioAt,
      run: (s) => pool.runScenario(s, () => {}),
      step,
      maxGrowth,
      onProbe: (g) => {
        if (!quiet && !deps.env.CI) io.err(`runway: daily users +${(g * 100).toFixed(1)}%`);
      },
    }),
  );
  if (items === null) {
    io.err("stopped: no output written");
    ctx.setExitCode(ExitCode.interrupted);
    return;
  }
  const context: RunwayContext = {
    scenario: base.name,
    replications: base.simulation.replications,
    dailyUsers: base.userBases.reduce((a, u) => a + u.dailyActiveUsers, 0),
    step,
    maxGrowth,
    resolution: 0.01,
  };
  const md = runwayMarkdown(context, items);
  await writeFolder(target, async () => {
    const charts = new Map<string, Uint8Array>();
    try {
      const { renderRunwayChart } = await import("../report/charts/runway-chart.ts");
      charts.set("runway.png", await renderRunwayChart(base.name, items, maxGrowth));
    } catch (e) {
      io.err(`warning: runway chart not drawn: ${e instanceof Error ? e.message : String(e)}`);
    }
    return new Map<string, string | Uint8Array>([
      ...charts,
      ["runway.html", markdownPage(`Growth runway for ${base.name}`, md, charts)],
      ["runway.md", md],
      ["runway.json", runwayJson(context, items)],
      [
        "run.json",
        `${JSON.stringify({ command: "runway", file: args.file, set: args.set, step, maxGrowth }, null, 2)}\n`,
      ],
    ]);
  });
  printStudy(
    io,
    printMode(args),
    target.out,
    () => [
      `growth runway for ${base.name} (table and chart in runway.md / runway.html)`,
      ...items.map((i) => `  ${runwaySentence(i)}`),
    ],
    () => runwayJson(context, items),
  );
  if (items.some((i) => i.holdsTo === null)) ctx.setExitCode(ExitCode.failure);
}
