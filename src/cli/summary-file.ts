/**
 * Reading a summary.json back (`compare`, `rerun`): the file, or the output folder holding it,
 * validated against a schema of the parts those commands read, with file:line:col problems. A
 * rerun also needs the scenario echo to be the one the run simulated: its hash must match the
 * recorded scenarioHash, so a hand-edited echo is "not an authsim summary" rather than a scenario
 * the model was never checked against.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { ComparableSummary } from "../report/compare.ts";
import { scenarioHash } from "../report/index.ts";
import { formatProblem, type ResolvedScenario, readJsonFile } from "../scenario/index.ts";

/** summary.json holds replication 1's metrics and CDFs; a few hundred KiB at most in practice. */
const MAX_SUMMARY_BYTES = 64 * 2 ** 20;

const finiteOrNull = z.number({ error: "a number or null" }).nullable();

const SummarySchema = z.looseObject({
  format: z.literal(1, { error: "summary format 1 (written by this authsim)" }),
  scenarioName: z.string({ error: "the scenario's name" }),
  scenarioHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, { error: "sha256:<64 hex digits>" }),
  seed: z.number().int().min(0),
  replications: z.number().int().min(1),
  authsim: z.looseObject({ version: z.string(), node: z.string(), platform: z.string() }),
  metrics: z.looseObject({ complete: z.boolean().optional() }),
  headline: z.record(z.string(), finiteOrNull),
  replicationStats: z
    .looseObject({
      metrics: z.record(z.string(), z.looseObject({ values: z.array(finiteOrNull) })),
    })
    .nullable(),
  slos: z.looseObject({
    verdicts: z.array(z.looseObject({ text: z.string(), pass: z.boolean() })),
  }),
  scenario: z.looseObject({
    name: z.string(),
    simulation: z.looseObject({ seed: z.number().int().min(0), replications: z.number().int().min(1) }),
  }),
});

export type ReadSummary = z.output<typeof SummarySchema> & ComparableSummary;

/** The summary, or the lines to print (each problem, then what the file is not). */
export function readSummaryFile(
  path: string,
): { ok: true; file: string; text: string; summary: ReadSummary } | { ok: false; lines: string[] } {
  let file = path;
  try {
    if (statSync(path).isDirectory()) file = join(path, "summary.json");
  } catch {
    // Missing or unreadable: readJsonFile says which.
  }
  const read = readJsonFile(file, SummarySchema, {
    what: "an authsim summary.json",
    maxBytes: MAX_SUMMARY_BYTES,
  });
  if (!read.ok) {
    return {
      ok: false,
      lines: [
        ...read.problems.map(formatProblem),
        `${file}: not an authsim summary (give an authsim output folder or its summary.json)`,
      ],
    };
  }
  // The value as written (validated), not zod's copy: rerun echoes its scenario in the same key order.
  return { ok: true, file, text: read.text, summary: read.raw as ReadSummary };
}

/** Why the echoed scenario cannot be rerun as it is, or null (its hash matches the recorded one). */
export function echoProblem(summary: ReadSummary): string | null {
  let hash: string;
  try {
    hash = scenarioHash(summary.scenario as unknown as ResolvedScenario);
  } catch {
    return "its scenario echo cannot be read";
  }
  return hash === summary.scenarioHash
    ? null
    : "its scenario echo does not match its scenarioHash (was it edited? authsim reruns only what it wrote)";
}
