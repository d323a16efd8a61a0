/**
 * `authsim calibrate <logs...> --out <scenario.yaml> [--check <scenario.yaml>]`: reads Entra ID
 * sign-in logs (files or folders, gzip too) with a progress bar on a terminal, writes the
 * fitted scenario with its provenance comments, and with --check prints each residual of a
 * scenario against the logs, its parameters first, then a run of the model over the log's span
 * fitted as the log is (calibrate-check.ts), and writes the check's folder with charts (exit 1
 * when a residual is beyond its tolerance). Bad input (no logs, an unknown format, a
 * scenario that does not load) is exit 2 with file:line; malformed records are counted and the
 * first of them listed, never a stack trace. Nothing printed names a user.
 */
import { existsSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import {
  type Calibration,
  calibrate,
  checkAgainstModel,
  checkScenario,
  formatCheck,
  InputError,
  listLogFiles,
  MAX_PROBLEMS,
  type ModelCheck,
  writeScenario,
} from "../calibrate/index.ts";
import { SIGN_IN_LOG_FAILURES } from "../model/index.ts";
import { formatProblem, loadScenarioFile, parseShare } from "../scenario/index.ts";
import { defaultCheckFolder, modelCheckLines, simulateSignIns, writeCheckFolder } from "./calibrate-check.ts";
import type { Output } from "./command-context.ts";
import { ExitCode } from "./exit-codes.ts";
import { outputFailure } from "./output-guard.ts";
import { packageVersion } from "./package-version.ts";
import { WorkProgressBar } from "./progress-bar.ts";

export interface CalibrateArgs {
  readonly logs: readonly string[];
  readonly out?: string;
  readonly check?: string;
  readonly name?: string;
  readonly minShare: string;
  readonly resolution: "15m" | "1h";
  readonly force: boolean;
  readonly quiet: boolean;
  readonly json: boolean;
  /** --check: the model's seed (overrides simulation.seed) and replications (default 1). */
  readonly seed?: number;
  readonly replications?: number;
  /** --check: where the check's text, JSON and charts go (default output/check-<scenario>-<time>). */
  readonly checkOut?: string;
  /** --check: compare the scenario's parameters only, without running the model. */
  readonly model: boolean;
}

export async function runCalibrate(args: CalibrateArgs, io: Output): Promise<ExitCode> {
  const minShare = parseShare(args.minShare);
  if (!minShare.ok || minShare.value >= 1) {
    io.err(`--min-share: expected a share below 100%, e.g. 2%, found ${JSON.stringify(args.minShare)}`);
    return ExitCode.badInput;
  }
  if (args.out !== undefined && existsSync(args.out) && !args.force) {
    io.err(`${args.out} exists: give --force to replace it`);
    return ExitCode.badInput;
  }
  // Load the scenario to check before reading GBs of logs, so its mistakes show at once.
  const overrides = args.seed === undefined ? [] : [`simulation.seed=${args.seed}`];
  const checked = args.check === undefined ? null : loadScenarioFile(args.check, { overrides });
  if (checked !== null && !checked.ok) {
    for (const p of checked.problems) io.err(formatProblem(p));
    return ExitCode.badInput;
  }
  let calibration: Calibration;
  const bar =
    process.stderr.isTTY && !args.quiet && !process.env.CI
      ? new WorkProgressBar({
          write: (t) => process.stderr.write(t),
          now: Date.now,
          columns: process.stderr.columns,
        })
      : null;
  try {
    const files = listLogFiles(args.logs);
    calibration = await calibrate(files, {
      minShare: minShare.value,
      onProgress: (p) =>
        bar?.update({
          done: p.bytesRead,
          total: p.bytesTotal,
          events: p.records,
          details: [
            `${(p.bytesRead / 2 ** 20).toFixed(0)} of ${(p.bytesTotal / 2 ** 20).toFixed(0)} MiB`,
            `${p.records.toLocaleString("en-US")} sign-ins`,
          ],
        }),
    });
  } catch (error) {
    bar?.done();
    if (error instanceof InputError) {
      io.err(error.message);
      return ExitCode.badInput;
    }
    throw error;
  }
  bar?.done();
  reportReading(calibration, args, io);
  if (calibration.source.records === 0) {
    io.err("no user sign-ins in the logs: nothing to fit");
    return ExitCode.badInput;
  }
  if (args.out !== undefined) {
    const name =
      args.name ??
      (basename(args.out)
        .replace(/\.(ya?ml)$/i, "")
        .replace(/[^A-Za-z0-9_.-]/g, "-") ||
        "calibrated");
    try {
      writeFileSync(
        args.out,
        writeScenario(calibration, { name, generator: "`authsim calibrate`", resolution: args.resolution }),
      );
    } catch (error) {
      io.err(`${args.out}: cannot write (${(error as Error).message})`);
      return ExitCode.cannotWrite;
    }
    if (!args.quiet && !args.json) io.err(`wrote ${args.out}`);
  }
  const check = checked?.ok ? checkScenario(calibration, checked.scenario) : null;
  let model: ModelCheck | null = null;
  if (checked?.ok && args.model) {
    const replications = args.replications ?? 1;
    if (!args.quiet && !args.json)
      io.err(`running ${checked.scenario.name} over the log's span (${replications} replication(s)) ...`);
    model = checkAgainstModel(calibration, checked.scenario, {
      simulate: simulateSignIns,
      failures: SIGN_IN_LOG_FAILURES,
      replications,
    });
  }
  const text = [
    ...(check === null ? [] : formatCheck(check)),
    ...(model === null ? [] : ["", ...modelCheckLines(model)]),
  ];
  if (args.json) io.out(JSON.stringify({ calibration: jsonOf(calibration), check, model }));
  else for (const line of text) io.out(line);
  if (check !== null && model !== null) {
    const out =
      args.checkOut ?? defaultCheckFolder(checked?.ok ? checked.scenario.name : "check", new Date());
    try {
      await writeCheckFolder(out, {
        calibration,
        check,
        model,
        text,
        version: packageVersion(),
        force: args.force,
      });
    } catch (error) {
      const code = outputFailure(error, io);
      if (code !== undefined) return code;
      throw error;
    }
    if (!args.quiet && !args.json) io.err(`check: ${out} (check.txt, check.json, charts)`);
  }
  const pass = (check === null || check.pass) && (model === null || model.pass);
  return pass ? ExitCode.ok : ExitCode.failure;
}

function reportReading(c: Calibration, args: CalibrateArgs, io: Output): void {
  const s = c.source;
  for (const p of s.problems) io.err(`${p.file}:${p.line}: ${p.message}`);
  if (s.malformed > s.problems.length) io.err(`... and ${s.malformed - MAX_PROBLEMS} more malformed records`);
  if (args.quiet || args.json) return;
  const days = ((s.to - s.from) / 86400).toFixed(1);
  io.err(
    `read ${s.files.length} file(s): ${s.records.toLocaleString("en-US")} user sign-ins over ${days} days, ${s.skipped.toLocaleString("en-US")} workload sign-ins left out, ${s.malformed.toLocaleString("en-US")} malformed; ${c.userBases.length} user base(s)`,
  );
}

/** The calibration for --json: everything but the per-quarter weekly arrays' NaNs (as null). */
function jsonOf(c: Calibration) {
  return {
    ...c,
    userBases: c.userBases.map((u) => ({
      ...u,
      profile: {
        ...u.profile,
        weeklyQuarters: [...u.profile.weeklyQuarters].map((x) => (Number.isNaN(x) ? null : x)),
      },
    })),
  };
}
