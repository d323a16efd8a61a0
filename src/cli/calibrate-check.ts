/**
 * `calibrate --check`'s model half, for calibrate-command.ts: the function that runs a scenario's
 * replication with the model's sign-in log wired to calibrate's sink (calibrate cannot import the
 * model, so it is handed this), and the check's output folder: check.txt, check.json and the
 * charts (check-starts-<user base>.png, check-mix.png) drawn with the report's renderer.
 */

import { existsSync } from "node:fs";
import {
  type Calibration,
  type CheckResult,
  formatCheck,
  type ModelCheck,
  modelCheckCharts,
  type SimulateSignIns,
} from "../calibrate/index.ts";
import { RandomStreams } from "../engine/random/index.ts";
import { runReplication } from "../model/index.ts";
import { writeOutputFolder } from "../report/index.ts";
import { outputIdentity } from "./output-guard.ts";

/** Replication `replication` of `scenario`, its every sign-in and renewal to `sink`. */
export const simulateSignIns: SimulateSignIns = (scenario, replication, sink) => {
  const streams = new RandomStreams(scenario.simulation.seed).forReplication(replication);
  runReplication(scenario, streams, replication, scenario.simulation.replications, {
    signInSink: { record: sink },
  });
};

const pad = (n: number) => String(n).padStart(2, "0");

/** `output/check-<scenario>-<YYYYMMDD-HHMMSS>` in local time, `-2`, `-3` ... when that exists. */
export function defaultCheckFolder(name: string, at: Date): string {
  const safe =
    name
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^[.-]+/, "")
      .slice(0, 180) || "scenario";
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  const base = `output/check-${safe}-${stamp}`;
  let out = base;
  for (let k = 2; existsSync(out); k++) out = `${base}-${k}`;
  return out;
}

/** The model rows as text lines, after the parameter rows (formatCheck's layout). */
export function modelCheckLines(model: ModelCheck): string[] {
  const hours = (model.span.duration / 3600).toFixed(1);
  const lines = formatCheck({ rows: model.rows, hourly: [], pass: model.pass });
  return [
    `model run: ${model.replications} replication(s) over the log's span (${hours} h), ${model.signIns.toLocaleString("en-US")} simulated sign-ins each`,
    ...lines.slice(0, -2),
    "",
    model.pass ? "model: every residual within its tolerance" : "model: some residual beyond its tolerance",
  ];
}

/** Writes the check's folder; the charts are drawn here (the canvas is loaded on use). */
export async function writeCheckFolder(
  out: string,
  parts: {
    readonly calibration: Calibration;
    readonly check: CheckResult;
    readonly model: ModelCheck;
    readonly text: readonly string[];
    readonly version: string;
    readonly force: boolean;
  },
): Promise<void> {
  const { renderChart } = await import("../report/charts/index.ts");
  const files = new Map<string, string | Uint8Array>();
  files.set("check.txt", `${parts.text.join("\n")}\n`);
  files.set(
    "check.json",
    `${JSON.stringify({ check: parts.check, model: parts.model, source: { records: parts.calibration.source.records, from: parts.calibration.source.from, to: parts.calibration.source.to } }, null, 2)}\n`,
  );
  for (const [name, config] of modelCheckCharts(parts.model)) files.set(name, await renderChart(config));
  writeOutputFolder(out, files, { force: parts.force, identity: outputIdentity("calibrate", parts.version) });
}
