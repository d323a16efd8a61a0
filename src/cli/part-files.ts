/**
 * Reading the parts `authsim merge` joins (sweep-part.json, plan-part.json, written by `sweep
 * --shard` and `plan --shard`), validated by a schema like a scenario: each problem at
 * file:line:col, then "not a sweep or plan part". Beyond shapes, a part must be self-consistent:
 * a sweep's gridSize is the number of combinations its --vary values make, a plan's unitCount
 * the searches its datacenters, components and N+1 flag make, and every row or answer index lies
 * inside them; so merge never allocates from a number a file made up.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { formatProblem, readJsonFile } from "../scenario/index.ts";
import { CAPACITY_COMPONENTS, sweepGrid } from "../study/index.ts";
import type { PlanPart } from "./plan-command.ts";
import type { SweepPart } from "./sweep-command.ts";

/** Parts hold one row or answer per variant or search; far below this in any real study. */
const MAX_PART_BYTES = 256 * 2 ** 20;
/** More variants or searches than this is no sweep or plan anyone ran. */
export const MAX_PIECES = 100_000;

const count = (min: number) =>
  z
    .number()
    .int({ error: `a whole number >= ${min}` })
    .min(min);
const numberOrNull = z.number().nullable();

const ShardSchema = z
  .strictObject({ index: count(1), count: count(1) })
  .refine((s) => s.index <= s.count, { error: "index at most count", path: ["index"] });

const SweepRowSchema = z.looseObject({
  values: z.record(z.string(), z.string()),
  metrics: z.record(
    z.string(),
    z.looseObject({ mean: numberOrNull, low: numberOrNull, high: numberOrNull, n: count(0) }),
  ),
});

/** Variants a list of --vary options makes, without building the grid (it could be huge). */
function gridSizeOf(vary: readonly string[]): number | null {
  let size = 1;
  for (const v of vary) {
    const axis = sweepGrid([v]);
    if (axis.problems.length > 0) return null;
    size *= axis.grid.length;
  }
  return size;
}

const SweepPartSchema = z
  .looseObject({
    format: z.literal("authsim-sweep-part"),
    scenario: z.string(),
    vary: z.array(z.string()).min(1),
    replications: count(1),
    gridSize: count(1).max(MAX_PIECES),
    shard: ShardSchema,
    rows: z.array(z.strictObject({ index: count(0), row: SweepRowSchema })),
  })
  .superRefine((p, ctx) => {
    const size = Array.isArray(p.vary) ? gridSizeOf(p.vary) : null;
    if (size !== p.gridSize)
      ctx.addIssue({
        code: "custom",
        path: ["gridSize"],
        message: `the number of combinations of vary (${size ?? "vary is malformed"})`,
      });
    // Defensive: zod may run this on a value whose other fields already failed.
    const paths = Array.isArray(p.vary) ? p.vary.map((v) => v.slice(0, Math.max(0, v.indexOf("=")))) : [];
    (Array.isArray(p.rows) ? p.rows : []).forEach((r, i) => {
      const keys = r?.row?.values ? Object.keys(r.row.values) : null;
      if (keys !== null && keys.join("\n") !== paths.join("\n"))
        ctx.addIssue({
          code: "custom",
          path: ["rows", i, "row", "values"],
          message: `a value for each varied path (${paths.join(", ")})`,
        });
      if (typeof r?.index === "number" && r.index >= p.gridSize)
        ctx.addIssue({
          code: "custom",
          path: ["rows", i, "index"],
          message: `an index below gridSize (${p.gridSize})`,
        });
    });
  });

const ReadingSchema = z.looseObject({
  text: z.string(),
  threshold: z.number(),
  value: numberOrNull,
  low: numberOrNull,
  high: numberOrNull,
  pass: z.boolean(),
  clear: z.boolean().nullable(),
});

const AnswerSchema = z.looseObject({
  component: z.enum(CAPACITY_COMPONENTS),
  datacenter: z.string(),
  current: count(0),
  recommended: count(0).nullable(),
  binding: z.string().nullable(),
  unreachable: z.string().nullable(),
  estimate: z.number(),
  peakUtilisation: numberOrNull,
  peakUtilisationToday: numberOrNull,
  probes: count(0),
  confidence: z.enum(["clear", "marginal", "single replication"]).nullable(),
  history: z.array(
    z.looseObject({
      instances: count(0),
      pass: z.boolean(),
      objectives: z.array(ReadingSchema),
      peakUtilisation: z.number(),
    }),
  ),
});

const ContextSchema = z
  .looseObject({
    scenario: z.string(),
    scenarioHash: z.string(),
    replications: count(1),
    hours: z.number().positive(),
    datacenters: z.array(z.string()).min(1).max(1000),
    prices: z.array(numberOrNull),
    objectives: z.array(z.string()),
    components: z.array(z.enum(CAPACITY_COMPONENTS)).min(1),
    nPlusOne: z.boolean(),
  })
  .refine((c) => c.prices?.length === c.datacenters?.length, {
    error: "one price (or null) per datacenter",
    path: ["prices"],
  });

/** capacityUnits(...).length, counted rather than built. */
function unitCountOf(c: z.output<typeof ContextSchema>): number {
  const d = c.datacenters.length;
  const wfe = c.components.includes("wfe");
  const backEnd = c.components.includes("backEnd");
  const shared = new Set(c.components.filter((x) => x !== "wfe" && x !== "backEnd")).size;
  return (wfe ? d : 0) + (backEnd ? d : 0) + shared + (wfe && c.nPlusOne ? d * (d - 1) : 0);
}

const PlanPartSchema = z
  .looseObject({
    format: z.literal("authsim-plan-part"),
    context: ContextSchema,
    unitCount: count(1).max(MAX_PIECES),
    shard: ShardSchema,
    answers: z.array(z.strictObject({ index: count(0), answer: AnswerSchema })),
  })
  .superRefine((p, ctx) => {
    if (!Array.isArray(p.context?.datacenters) || !Array.isArray(p.context?.components)) return;
    const units = unitCountOf(p.context);
    if (units !== p.unitCount)
      ctx.addIssue({
        code: "custom",
        path: ["unitCount"],
        message: `the number of searches the context makes (${units})`,
      });
    (Array.isArray(p.answers) ? p.answers : []).forEach((a, i) => {
      if (typeof a?.index === "number" && a.index >= p.unitCount)
        ctx.addIssue({
          code: "custom",
          path: ["answers", i, "index"],
          message: `an index below unitCount (${p.unitCount})`,
        });
    });
  });

const PartSchema = z.discriminatedUnion("format", [SweepPartSchema, PlanPartSchema]);

/** The part in `path` (a part file or the folder holding one), or the lines to print. */
export function readPart(path: string): SweepPart | PlanPart | string[] {
  let file = path;
  try {
    if (statSync(path).isDirectory()) {
      const found = [join(path, "sweep-part.json"), join(path, "plan-part.json")].find((f) => existsSync(f));
      if (found === undefined)
        return [`${path}: no part found (give the folders written by authsim sweep --shard or plan --shard)`];
      file = found;
    }
  } catch {
    // Missing or unreadable: readJsonFile says which.
  }
  const read = readJsonFile(file, PartSchema, { what: "a sweep or plan part", maxBytes: MAX_PART_BYTES });
  // The value as written (validated): merge writes it back in the same key order.
  if (read.ok) return read.raw as SweepPart | PlanPart;
  return [
    ...read.problems.map(formatProblem),
    `${file}: not a sweep or plan part (authsim sweep --shard and plan --shard write them)`,
  ];
}
