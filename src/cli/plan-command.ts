/**
 * `authsim plan <file> [--n-plus-one] [--components ...] [--replications N] [--workers K]
 * [--shard i/n]`: recommends, per datacenter, the fewest WFE instances (and, when asked, identity
 * provider and global service instances) that meet the scenario's capacity objectives, by
 * simulation (src/study/capacity-search.ts); with --n-plus-one, also the WFE instances that
 * survive the worst single datacenter loss. The searches run side by side on a pool of worker
 * threads; with --shard only this shard's searches run and a part is written for `authsim merge`.
 * Writes plan.md, plan.html, plan.json and charts.
 */
import {
  assemblePlan,
  markdownPage,
  type PlanContext,
  planContext,
  planJson,
  planMarkdown,
} from "../report/index.ts";
import { formatProblem, loadScenarioFile, type ResolvedScenario } from "../scenario/index.ts";
import {
  type CapacityAnswer,
  type CapacityUnit,
  capacityUnits,
  isCapacityObjective,
  judgeCapacityObjectives,
  ProbeStore,
  parseComponents,
  referenceCases,
  searchGroups,
  searchUnits,
  shardPieces,
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
import { type PrintMode, planSummaryLines, printMode, printStudy } from "./study-summary.ts";

export interface PlanArgs extends ScenarioArgs {
  readonly seed?: number;
  /** No progress and no summary; --json prints plan.json's content instead of the summary. */
  readonly quiet?: boolean;
  readonly json?: boolean;
  readonly replications?: number;
  readonly nPlusOne: boolean;
  readonly components: readonly string[];
  readonly workers?: number;
  readonly shard?: string;
  readonly out?: string;
  readonly force: boolean;
}

/** What one shard writes (plan-part.json); `authsim merge` joins the parts. */
export interface PlanPart {
  readonly format: "authsim-plan-part";
  readonly context: PlanContext;
  readonly unitCount: number;
  readonly shard: { readonly index: number; readonly count: number };
  readonly answers: ReadonlyArray<{ readonly index: number; readonly answer: CapacityAnswer }>;
}

/** Writes a complete plan's files (from `plan`, or `merge` of its shards). */
export async function writePlan(
  target: FolderRequest,
  context: PlanContext,
  answers: readonly CapacityAnswer[],
  units: readonly CapacityUnit[],
  stamp: object,
  io: CommandContext["io"],
  print: PrintMode = "summary",
): Promise<boolean> {
  const plan = assemblePlan(context, units, answers);
  const md = planMarkdown(plan);
  // merge comes here straight from reading its parts: the place is judged before the charts.
  checkFolder(target, io);
  await writeFolder(target, async () => {
    let charts = new Map<string, Uint8Array>();
    try {
      charts = await (await import("../report/charts/plan-chart.ts")).renderPlanCharts(
        context.scenario,
        plan,
      );
    } catch (e) {
      io.err(`warning: plan charts not drawn: ${e instanceof Error ? e.message : String(e)}`);
    }
    return new Map<string, string | Uint8Array>([
      ...charts,
      ["plan.html", markdownPage(`Capacity plan for ${context.scenario}`, md, charts)],
      ["plan.md", md],
      ["plan.json", planJson(plan)],
      ["run.json", `${JSON.stringify(stamp, null, 2)}\n`],
    ]);
  });
  const all = [...plan.normal, ...plan.backEnds, ...plan.shared];
  const lines = () => planSummaryLines(context.scenario, all, plan.nPlusOne);
  printStudy(io, print, target.out, lines, () => planJson(plan));
  // An objective capacity cannot meet is a miss, even where the others sized the cluster.
  return all.every((a) => a.recommended !== null && (a.unreachableObjectives ?? []).length === 0);
}

/**
 * Searches `units` on a pool of `workers` threads, all at once (each search's probes are
 * sequential; the pool interleaves them; every replication runs once, through one store);
 * null when Ctrl-C stopped it.
 */
async function searchOnPool(
  scenario: ResolvedScenario,
  units: readonly CapacityUnit[],
  workers: number,
  deps: RunDeps,
  io: CommandContext["io"],
  quiet: boolean,
): Promise<CapacityAnswer[] | null> {
  const replications = scenario.simulation.replications;
  // --quiet: no bar (as on a pipe) and no progress lines.
  const poolDeps = quiet ? { ...deps, stderr: { ...deps.stderr, isTTY: false } } : deps;
  return withPool(poolDeps, workers, (pool, bar) => {
    // ETA: a search takes about GUESS probes until it ends (a utilisation cap's guess and the
    // count below it; a bisection takes more); then its real count.
    const GUESS = 3;
    const probes = units.map(() => 0);
    const finished = units.map(() => false);
    const references = referenceCases(scenario, units).length;
    let searchesDone = 0;
    const show = () => {
      const expected = units.reduce(
        (n, _, i) => n + (finished[i] ? probes[i] : Math.max(GUESS, probes[i] + 1)),
        0,
      );
      bar?.update({
        done: pool.workDone(),
        total: (expected + references) * replications,
        events: pool.eventsDone(),
        details: [
          `searches ${searchesDone}/${units.length} done`,
          `probes ${probes.reduce((a, b) => a + b, 0)}`,
        ],
      });
    };
    const started = deps.now().getTime();
    const store = new ProbeStore(async (s, r) => {
      const result = await pool.runReplication(s, r, show);
      if (result === null) throw new Error(`replication ${r + 1} was stopped`);
      return result;
    });
    const onProbe = (unit: CapacityUnit, n: number, pass: boolean) => {
      probes[units.indexOf(unit)]++;
      show();
      if (bar === null && !deps.env.CI && !quiet) {
        const what = `${unit.target.dc >= 0 ? `${scenario.datacenters[unit.target.dc].name} ${unit.target.component}` : unit.target.component}${unit.failed >= 0 ? ` (${scenario.datacenters[unit.failed].name} lost)` : ""}`;
        io.err(
          `plan: ${what} with ${n} instance(s) ${pass ? "meets" : "misses"} (${((deps.now().getTime() - started) / 1000).toFixed(0)} s elapsed)`,
        );
      }
    };
    const onDone = (unit: CapacityUnit) => {
      finished[units.indexOf(unit)] = true;
      searchesDone++;
      show();
    };
    return searchUnits(scenario, units, { judge: judgeCapacityObjectives, onProbe, onDone }, store);
  });
}

/** `authsim plan`; an output-folder error gets its exit code from the shared table. */
export function runPlan(args: PlanArgs, ctx: CommandContext, deps: RunDeps): Promise<void> {
  return withOutputErrors(ctx, () => runPlanChecked(args, ctx, deps));
}

async function runPlanChecked(args: PlanArgs, ctx: CommandContext, deps: RunDeps): Promise<void> {
  const { io } = ctx;
  const problems: string[] = [];
  const components = parseComponents(args.components);
  if (typeof components === "string") problems.push(components);
  const options = poolOptions(args);
  problems.push(...options.problems);
  const { workers, shard } = options;
  const overrides = scenarioOverrides(args);
  const loaded = loadScenarioFile(args.file, { overrides });
  if (!loaded.ok) for (const p of loaded.problems) problems.push(formatProblem(p));
  if (loaded.ok && typeof components !== "string") {
    for (const c of components) {
      if (!loaded.scenario.slos.some((s) => isCapacityObjective(s.metric, c)))
        problems.push(
          c === "wfe"
            ? "plan needs at least one capacity objective in slos: wfe.utilisation.peak, wfe.queueLength.peak, wfe.wait.mean, login.p95, loginSystem.p95, ..."
            : c === "backEnd"
              ? "plan --components backEnd needs an objective it can move in slos: backEnd.utilisation.peak, backEnd.failureRate, backEnd.p95, ..."
              : `plan --components ${c} needs an objective it can move in slos: ${c}.utilisation.peak, login.p95, loginSystem.p95, ...`,
        );
    }
  }
  if (problems.length > 0 || !loaded.ok || typeof components === "string") {
    for (const p of problems) io.err(p);
    ctx.setExitCode(ExitCode.badInput);
    return;
  }
  const scenario = loaded.scenario;
  const objectives = scenario.slos
    .filter((s) => components.some((c) => isCapacityObjective(s.metric, c)))
    .map((s) => s.text);
  const context = planContext(scenario, objectives, components, args.nPlusOne);
  const units = capacityUnits(scenario.datacenters.length, components, args.nPlusOne);
  const out =
    args.out ??
    (shard === null
      ? `output/${scenario.name}-plan`
      : `output/${scenario.name}-plan-part-${shard.index}-of-${shard.count}`);
  const target: FolderRequest = {
    out,
    force: args.force,
    command: "plan",
    version: deps.version,
    onInterrupt: deps.onInterrupt,
    expectedBytes: TABLES_OUTPUT_BYTES,
    onFile: deps.onOutputFile,
  };
  checkFolder(target, io);
  // Shards take whole groups: the searches of a group share their runs (study/capacity-joint.ts).
  const groups = searchGroups(scenario, units);
  const mine = shardPieces(groups.length, shard)
    .flatMap((g) => groups[g])
    .sort((a, b) => a - b);
  const answers = await searchOnPool(
    scenario,
    mine.map((i) => units[i]),
    workers,
    deps,
    io,
    args.quiet === true,
  );
  if (answers === null) {
    io.err("stopped: no output written");
    ctx.setExitCode(ExitCode.interrupted);
    return;
  }
  const stamp = {
    command: "plan",
    file: args.file,
    set: args.set,
    nPlusOne: args.nPlusOne,
    components,
    shard: args.shard ?? null,
    workers,
  };
  if (shard !== null) {
    const part: PlanPart = {
      format: "authsim-plan-part",
      context,
      unitCount: units.length,
      shard,
      answers: mine.map((index, k) => ({ index, answer: answers[k] })),
    };
    await writeFolder(
      target,
      () =>
        new Map([
          ["plan-part.json", `${JSON.stringify(part, null, 2)}\n`],
          ["run.json", `${JSON.stringify(stamp, null, 2)}\n`],
        ]),
    );
    io.out(
      `shard ${shard.index}/${shard.count}: ${mine.length} of ${units.length} searches -> ${out}/plan-part.json (join the parts with authsim merge)`,
    );
    return;
  }
  const reachable = await writePlan(target, context, answers, units, stamp, io, printMode(args));
  if (!reachable) ctx.setExitCode(ExitCode.failure);
}
