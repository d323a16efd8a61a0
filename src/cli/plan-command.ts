import {
  CAPACITY_COMPONENTS,
  type CapacityAnswer,
  type CapacityComponent,
  type CapacityUnit,
  capacityUnits,
  isCapacityObjective,
  type Judgement,
  referenceRuns,
  searchUnit,
} from "../model/capacity-search.ts";
import type { RunResult } from "../model/run-result.ts";
import {
  assemblePlan,
  checkOutputFolder,
  judgeSlos,
  markdownPage,
  meets,
  type PlanContext,
  planContext,
  planJson,
  planMarkdown,
  writeOutputFolder,
} from "../report/index.ts";
import { formatProblem, loadScenarioFile, type ResolvedScenario } from "../scenario/index.ts";
import type { CommandContext } from "./command-context.ts";
import { ExitCode } from "./exit-codes.ts";
import { poolOptions, withPool } from "./pool-session.ts";
import type { RunDeps } from "./run-deps.ts";
import type { ScenarioArgs } from "./scenario-options.ts";

export interface PlanArgs extends ScenarioArgs {
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

const isAnyCapacityObjective = (metric: string) =>
  CAPACITY_COMPONENTS.some((c) => isCapacityObjective(metric, c));

/**
 * Judges a probe: its scenario's capacity objectives (withCapacity has narrowed them to what the
 * sized cluster can move), on the replication mean, with each one's 95% interval.
 */
export function judgeCapacityObjectives(
  scenario: ResolvedScenario,
  results: readonly RunResult[],
): Judgement {
  const verdicts = judgeSlos(scenario, results).verdicts.filter((v) => isAnyCapacityObjective(v.metric));
  const failed = verdicts.find((v) => !v.pass);
  const objectives = verdicts.map((v) => {
    const low = v.replications?.low ?? null;
    const high = v.replications?.high ?? null;
    const clear =
      low === null || high === null || v.op === null
        ? null
        : meets(low, v.op, v.threshold) === meets(high, v.op, v.threshold);
    return { text: v.text, threshold: v.threshold, value: v.value, low, high, pass: v.pass, clear };
  });
  return { pass: failed === undefined, binding: failed?.text ?? null, objectives };
}

/** `wfe,idp` -> the components; `idp` stands for both identity stations. */
export function parseComponents(items: readonly string[]): CapacityComponent[] | string {
  const names = items
    .flatMap((x) => x.split(","))
    .map((x) => x.trim())
    .filter((x) => x !== "");
  const out = new Set<CapacityComponent>();
  for (const n of names.length === 0 ? ["wfe"] : names) {
    if (n === "idp") {
      out.add("idp.loginPage");
      out.add("idp.tokenEndpoint");
    } else if ((CAPACITY_COMPONENTS as readonly string[]).includes(n)) out.add(n as CapacityComponent);
    else return `--components: expected some of ${CAPACITY_COMPONENTS.join(", ")}, idp; found ${n}`;
  }
  return CAPACITY_COMPONENTS.filter((c) => out.has(c));
}

/** Writes a complete plan's files (from `plan`, or `merge` of its shards). */
export async function writePlan(
  out: string,
  context: PlanContext,
  answers: readonly CapacityAnswer[],
  units: readonly CapacityUnit[],
  stamp: object,
  io: CommandContext["io"],
  force: boolean,
): Promise<boolean> {
  const plan = assemblePlan(context, units, answers);
  const md = planMarkdown(plan);
  let charts = new Map<string, Uint8Array>();
  try {
    charts = await (await import("../report/charts/plan-chart.ts")).renderPlanCharts(context.scenario, plan);
  } catch (e) {
    io.err(`warning: plan charts not drawn: ${e instanceof Error ? e.message : String(e)}`);
  }
  writeOutputFolder(
    out,
    new Map<string, string | Uint8Array>([
      ...charts,
      ["plan.html", markdownPage(`Capacity plan for ${context.scenario}`, md, charts)],
      ["plan.md", md],
      ["plan.json", planJson(plan)],
      ["run.json", `${JSON.stringify(stamp, null, 2)}\n`],
    ]),
    { force },
  );
  io.out(md.trimEnd());
  io.out(`output: ${out}`);
  return [...plan.normal, ...plan.shared].every((a) => a.recommended !== null);
}

/**
 * Searches `units` on a pool of `workers` threads, all at once (each search's probes are
 * sequential; the pool interleaves them); null when Ctrl-C stopped it.
 */
async function searchUnits(
  scenario: ResolvedScenario,
  units: readonly CapacityUnit[],
  workers: number,
  deps: RunDeps,
  io: CommandContext["io"],
): Promise<CapacityAnswer[] | null> {
  const replications = scenario.simulation.replications;
  return withPool(deps, workers, (pool, bar) => {
    // ETA: a search takes about GUESS probes until it ends; then its real count.
    const GUESS = 6;
    const probes = units.map(() => 0);
    const finished = units.map(() => false);
    const references = new Set(units.map((u) => u.failed)).size;
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
    const run = (s: ResolvedScenario) => pool.runScenario(s, show);
    const reference = referenceRuns(scenario, run);
    const onProbe = (unit: CapacityUnit, n: number, pass: boolean) => {
      probes[units.indexOf(unit)]++;
      show();
      if (bar === null && !deps.env.CI) {
        const what = `${unit.target.component === "wfe" ? scenario.datacenters[unit.target.dc].name : unit.target.component}${unit.failed >= 0 ? ` (${scenario.datacenters[unit.failed].name} lost)` : ""}`;
        io.err(
          `plan: ${what} with ${n} instance(s) ${pass ? "meets" : "misses"} (${((deps.now().getTime() - started) / 1000).toFixed(0)} s elapsed)`,
        );
      }
    };
    return Promise.all(
      units.map(async (unit, i) => {
        const answer = await searchUnit(
          scenario,
          unit,
          { judge: judgeCapacityObjectives, run, onProbe },
          reference,
        );
        finished[i] = true;
        searchesDone++;
        show();
        return answer;
      }),
    );
  });
}

export async function runPlan(args: PlanArgs, ctx: CommandContext, deps: RunDeps): Promise<void> {
  const { io } = ctx;
  const problems: string[] = [];
  const components = parseComponents(args.components);
  if (typeof components === "string") problems.push(components);
  const options = poolOptions(args);
  problems.push(...options.problems);
  const { workers, shard } = options;
  const overrides = [
    ...args.set,
    ...(args.replications === undefined ? [] : [`simulation.replications=${args.replications}`]),
  ];
  const loaded = loadScenarioFile(args.file, { overrides });
  if (!loaded.ok) for (const p of loaded.problems) problems.push(formatProblem(p));
  if (loaded.ok && typeof components !== "string") {
    for (const c of components) {
      if (!loaded.scenario.slos.some((s) => isCapacityObjective(s.metric, c)))
        problems.push(
          c === "wfe"
            ? "plan needs at least one capacity objective in slos: wfe.utilisation.peak, wfe.queueLength.peak, wfe.wait.mean, login.p95, loginSystem.p95, ..."
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
  checkOutputFolder(out, { force: args.force });
  const mine = units.flatMap((_, i) => (shard === null || i % shard.count === shard.index - 1 ? [i] : []));
  const answers = await searchUnits(
    scenario,
    mine.map((i) => units[i]),
    workers,
    deps,
    io,
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
    writeOutputFolder(
      out,
      new Map([
        ["plan-part.json", `${JSON.stringify(part, null, 2)}\n`],
        ["run.json", `${JSON.stringify(stamp, null, 2)}\n`],
      ]),
      { force: args.force },
    );
    io.out(
      `shard ${shard.index}/${shard.count}: ${mine.length} of ${units.length} searches -> ${out}/plan-part.json (join the parts with authsim merge)`,
    );
    return;
  }
  const reachable = await writePlan(out, context, answers, units, stamp, io, args.force);
  if (!reachable) ctx.setExitCode(ExitCode.failure);
}
