/**
 * `authsim rerun <summary.json>`: runs again the scenario a summary.json echoes (every default
 * filled in, seed and replications included) and says whether the new summary is byte-identical
 * to the old one. Exit 0 identical, 1 different (the first differing line is shown), 2 when the
 * file is not an authsim summary. Identical results need the same authsim version and the same
 * Node major version; a difference in either is reported first, as is a recorded run that a guard
 * (--max-events, --max-wall) stopped early, which no full rerun can match.
 */
import { buildSummary, scenarioHash, serializeSummary } from "../report/index.ts";
import type { ResolvedScenario } from "../scenario/index.ts";
import { judgeRun } from "../study/index.ts";
import type { CommandContext } from "./command-context.ts";
import { ExitCode } from "./exit-codes.ts";
import type { RunDeps } from "./run-deps.ts";
import { echoProblem, readSummaryFile } from "./summary-file.ts";

export interface RerunArgs {
  readonly summary: string;
}

interface EchoedSummary {
  readonly scenario: ResolvedScenario;
  readonly replications: number;
  readonly authsim: { readonly version: string; readonly node: string; readonly platform: string };
  /** Replication 1's figures; `complete` is false when a guard stopped it early. */
  readonly metrics?: { readonly complete?: boolean };
}

const major = (v: string) => v.replace(/^v/, "").split(".")[0];

export async function runRerun(args: RerunArgs, ctx: CommandContext, deps: RunDeps): Promise<void> {
  const read = readSummaryFile(args.summary);
  const echo = read.ok ? echoProblem(read.summary) : null;
  if (!read.ok || echo !== null) {
    for (const line of read.ok ? [`${read.file}: not an authsim summary: ${echo}`] : read.lines)
      ctx.io.err(line);
    ctx.setExitCode(ExitCode.badInput);
    return;
  }
  const { file, text: oldText } = read;
  const echoed = read.summary as unknown as EchoedSummary;
  if (echoed.authsim.version !== deps.version || major(echoed.authsim.node) !== major(process.version)) {
    ctx.io.err(
      `note: recorded with authsim ${echoed.authsim.version} on Node ${echoed.authsim.node}; ` +
        `this is authsim ${deps.version} on Node ${process.version}: results may differ for that reason alone`,
    );
  }
  if (echoed.metrics?.complete === false) {
    ctx.io.err(
      "note: the recorded run was stopped early by --max-events or --max-wall and its summary is partial; " +
        "the rerun goes to the end, so it cannot be identical",
    );
  }
  const handle = deps.runner(echoed.scenario, {});
  const results = await handle.results;
  const summary = buildSummary(judgeRun(echoed.scenario, results), {
    version: echoed.authsim.version,
    nodeVersion: echoed.authsim.node,
    platform: echoed.authsim.platform,
    scenarioHash: scenarioHash(echoed.scenario),
  });
  const newText = serializeSummary(summary);
  if (newText === oldText) {
    ctx.io.out(
      `identical: ${echoed.scenario.name}, seed ${echoed.scenario.simulation.seed}, ${results.length} replication(s) reproduce ${file} byte for byte`,
    );
    return;
  }
  const a = oldText.split("\n");
  const b = newText.split("\n");
  let line = 0;
  while (line < a.length && a[line] === b[line]) line++;
  ctx.io.out(`different: the rerun's summary.json first differs at line ${line + 1}`);
  ctx.io.out(`  recorded: ${(a[line] ?? "<end of file>").trim()}`);
  ctx.io.out(`  now:      ${(b[line] ?? "<end of file>").trim()}`);
  ctx.setExitCode(ExitCode.failure);
}
