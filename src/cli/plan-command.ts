/**
 * `authsim plan <file> [--n-plus-one] [--replications N]`: recommends, per datacenter, the fewest
 * WFE instances that meet the scenario's capacity objectives (WFE utilisation, queue and request
 * rate, login latency), by simulation (src/model/capacity-search.ts); with --n-plus-one, also the
 * instances that survive the worst single datacenter loss. Writes plan.md and plan.json.
 * Runs on the main thread: Ctrl-C ends it at once, writing nothing.
 */
import { performance } from "node:perf_hooks";
import type { CommandModule } from "yargs";
import { type CapacityAnswer, type Judgement, searchCapacity } from "../model/capacity-search.ts";
import type { RunResult } from "../model/run-result.ts";
import { checkOutputFolder, judgeSlos, markdownPage, meets, writeOutputFolder } from "../report/index.ts";
import { formatProblem, loadScenarioFile, type ResolvedScenario } from "../scenario/index.ts";
import { ExitCode } from "./exit-codes.ts";
import { type ScenarioArgs, withScenarioOptions } from "./scenario-options.ts";
import type { CommandContext } from "./validate-command.ts";

interface PlanArgs extends ScenarioArgs {
  readonly replications?: number;
  readonly nPlusOne: boolean;
  readonly out?: string;
  readonly force: boolean;
}

/** Objectives that WFE capacity can move; the others are reported by `run`, not planned for. */
const isCapacityObjective = (metric: string) =>
  metric.startsWith("wfe.") || metric.startsWith("login.p") || metric.startsWith("loginSystem.");

export function judgeCapacityObjectives(
  scenario: ResolvedScenario,
  results: readonly RunResult[],
): Judgement {
  const verdicts = judgeSlos(scenario, results).verdicts.filter((v) => isCapacityObjective(v.metric));
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

function planMarkdown(
  scenario: ResolvedScenario,
  replications: number,
  normal: CapacityAnswer[],
  worst: CapacityAnswer[] | null,
  objectives: string[],
): string {
  const name = scenario.name;
  const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
  const lines = [
    `# Capacity plan for ${name}`,
    "",
    `WFE instances per datacenter meeting ${objectives.map((o) => `\`${o}\``).join(", ")}, judged on the mean of ${replications} replication(s) with the same seed.`,
    "",
    `| datacenter | today | recommended | confidence | peak utilisation at recommendation | headroom | binding objective (fails with one fewer) | offered-load estimate |${worst ? " N+1 (worst single loss) |" : ""}`,
    `| --- | --- | --- | --- | --- | --- | --- | --- |${worst ? " --- |" : ""}`,
  ];
  const hours = scenario.simulation.duration / 3600;
  const costLines = normal.map((a, i) => {
    const price = scenario.datacenters[i].wfe.pricePerInstanceHour;
    const n = worst?.[i].recommended ?? a.recommended;
    if (n === null) return `| ${a.datacenter} | — | — | — |`;
    const instanceHours = n * hours;
    const today = a.current * hours;
    const money = (x: number) => (price === null ? "—" : (x * price).toFixed(2));
    return `| ${a.datacenter} | ${instanceHours.toFixed(2)} (today ${today.toFixed(2)}) | ${money(instanceHours)} | ${money(today)} |`;
  });
  normal.forEach((a, i) => {
    const n1 = worst ? ` ${worst[i].recommended ?? "not reachable"} |` : "";
    const util = a.peakUtilisation;
    lines.push(
      `| ${a.datacenter} | ${a.current} | ${a.recommended ?? `not reachable (${a.binding})`} | ${a.confidence ?? "—"} | ${pct(util)} | ${util === null ? "—" : pct(1 - util)} | ${a.binding ?? "none: 1 instance suffices"} | ${a.estimate} |${n1}`,
    );
  });
  lines.push(
    "",
    `Instance-hours over the simulated ${hours.toFixed(2)} h at the recommendation${worst ? " (N+1)" : ""}, and their cost where the scenario gives \`wfe.pricePerInstanceHour\`:`,
    "",
    "| datacenter | instance-hours | cost | cost today |",
    "| --- | --- | --- | --- |",
    ...costLines,
    "",
    "Confidence: _clear_ when every objective's 95% interval over the replications lies on the passing side at the recommendation and the binding objective's on the failing side with one instance fewer; _marginal_ when an interval straddles a threshold (another seed could move the answer by one: add replications).",
    "",
  );
  return lines.join("\n");
}

export async function runPlan(args: PlanArgs, ctx: CommandContext): Promise<void> {
  const { io } = ctx;
  const overrides = [
    ...args.set,
    ...(args.replications === undefined ? [] : [`simulation.replications=${args.replications}`]),
  ];
  const loaded = loadScenarioFile(args.file, { overrides });
  if (!loaded.ok) {
    for (const p of loaded.problems) io.err(formatProblem(p));
    ctx.setExitCode(ExitCode.badInput);
    return;
  }
  const scenario = loaded.scenario;
  const objectives = scenario.slos.filter((s) => isCapacityObjective(s.metric)).map((s) => s.text);
  if (objectives.length === 0) {
    io.err(
      "plan needs at least one capacity objective in slos: wfe.utilisation.peak, wfe.queueLength.peak, login.p95, loginSystem.p95, ...",
    );
    ctx.setExitCode(ExitCode.badInput);
    return;
  }
  const out = args.out ?? `output/${scenario.name}-plan`;
  checkOutputFolder(out, { force: args.force });
  const started = performance.now();
  let probes = 0;
  const onProbe = (dc: string, n: number, pass: boolean) =>
    io.err(
      `plan: probe ${++probes}: ${dc} with ${n} instance(s) ${pass ? "meets" : "misses"} (${((performance.now() - started) / 1000).toFixed(0)} s elapsed)`,
    );
  const normal = searchCapacity(scenario, { judge: judgeCapacityObjectives, onProbe });
  let worst: CapacityAnswer[] | null = null;
  if (args.nPlusOne) {
    const perFailure = scenario.datacenters.map((_, f) =>
      searchCapacity(scenario, { judge: judgeCapacityObjectives, failed: f, onProbe }),
    );
    worst = scenario.datacenters.map((d, i) => {
      const options = perFailure.map((answers) => answers[i]).filter((a) => a.binding !== "down (N+1 case)");
      const unreachable = options.find((a) => a.recommended === null);
      const max = options.reduce((m, a) => Math.max(m, a.recommended ?? 0), normal[i].recommended ?? 0);
      return { ...normal[i], datacenter: d.name, recommended: unreachable ? null : max };
    });
  }
  const replications = scenario.simulation.replications;
  const md = planMarkdown(scenario, replications, normal, worst, objectives);
  let charts = new Map<string, Uint8Array>();
  try {
    charts = await (await import("../report/charts/plan-chart.ts")).renderPlanCharts(scenario.name, normal);
  } catch (e) {
    io.err(`warning: plan charts not drawn: ${e instanceof Error ? e.message : String(e)}`);
  }
  writeOutputFolder(
    out,
    new Map<string, string | Uint8Array>([
      ...charts,
      ["plan.html", markdownPage(`Capacity plan for ${scenario.name}`, md, charts)],
      ["plan.md", md],
      [
        "plan.json",
        `${JSON.stringify({ scenario: scenario.name, replications, objectives, normal, nPlusOne: worst }, null, 2)}\n`,
      ],
      [
        "run.json",
        `${JSON.stringify({ command: "plan", file: args.file, set: args.set, nPlusOne: args.nPlusOne }, null, 2)}\n`,
      ],
    ]),
    { force: args.force },
  );
  io.out(md.trimEnd());
  io.out(`output: ${out}`);
  if (normal.some((a) => a.recommended === null)) ctx.setExitCode(ExitCode.failure);
}

export function planCommand(ctx: CommandContext): CommandModule<object, PlanArgs> {
  return {
    command: "plan <file>",
    describe: "Recommend WFE instances per datacenter that meet the scenario's capacity objectives",
    builder: (y) =>
      withScenarioOptions(y)
        .option("replications", {
          type: "number",
          describe: "Replications per probe (overrides simulation.replications)",
        })
        .option("n-plus-one", {
          type: "boolean",
          default: false,
          describe: "Also survive the loss of any one datacenter",
        })
        .option("out", { type: "string", describe: "Output folder (default output/<scenario>-plan)" })
        .option("force", {
          type: "boolean",
          default: false,
          describe: "Replace an existing output folder",
        }) as never,
    handler: (args) => runPlan(args, ctx),
  };
}
