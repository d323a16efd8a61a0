/**
 * Generated hostile summaries and merge parts (fixed seed), read in-process the way compare,
 * rerun and merge read them: every one is refused with problems at file:line:col and "not an
 * authsim summary" / "not a sweep or plan part", never an exception. Then a handful through the
 * real executable (a named pipe, an alias bomb, a prototype-key SLO, a wrong summary, a null
 * row): exit 2, the message, no stack trace, no hang.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { readPart } from "../../src/cli/part-files.ts";
import { echoProblem, readSummaryFile } from "../../src/cli/summary-file.ts";
import { buildSummary, scenarioHash, serializeSummary } from "../../src/report/index.ts";
import { judgeRun } from "../../src/study/index.ts";
import { fabricate, quickstart } from "../report/fixtures/fabricated-run.ts";
import { PROTO_KEYS, pick, type Random, seeded } from "./mutations.ts";

const dir = mkdtempSync(join(tmpdir(), "authsim-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;
const write = (text: string) => {
  const file = join(dir, `f${fileCount++}.json`);
  writeFileSync(file, text);
  return file;
};
const PLACED = /^\S+:\d+:\d+: \S.*: expected .+, found .+/;
const LEAKS = /is not a function|Cannot read|\[object Object\]|Maximum call stack|\n\s+at /;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every leaf path of a JSON value (capped per list, so a summary's long arrays do not dominate). */
function leafPaths(v: Json, path: (string | number)[] = [], out: (string | number)[][] = []) {
  if (Array.isArray(v))
    v.slice(0, 3).forEach((x, i) => {
      leafPaths(x, [...path, i], out);
    });
  else if (v !== null && typeof v === "object")
    for (const [k, x] of Object.entries(v)) leafPaths(x, [...path, k], out);
  else out.push(path);
  return out;
}
const getIn = (v: Json, path: readonly (string | number)[]) =>
  path.reduce<Json>((n, s) => (n as Record<string | number, Json>)[s], v);
function setIn(v: Json, path: readonly (string | number)[], x: Json | undefined) {
  const parent = getIn(v, path.slice(0, -1)) as Record<string | number, Json>;
  if (x === undefined) delete parent[path[path.length - 1]];
  else parent[path[path.length - 1]] = x;
}

/** A value of another type than `original` (so no schema that accepted the original accepts it). */
function foreign(rnd: Random, original: Json): Json {
  if (typeof original === "string") return pick(rnd, [42, [], {}, true, null]);
  if (typeof original === "number") return pick(rnd, [...PROTO_KEYS, "1", [], {}, true]);
  if (typeof original === "boolean") return pick(rnd, ["constructor", 1, [], null]);
  if (original === null) return pick(rnd, [[], true, {}, [[[]]]]);
  if (Array.isArray(original)) return pick(rnd, [true, {}, "x", 1]);
  return pick(rnd, [[], true, "x", 1, [[[]]]]);
}

/**
 * Mutations of a valid JSON document: leaves in `required` get a value of another type, a
 * top-level field is dropped, or the text is reshaped, cut, nested deep, or given prototype keys.
 */
function mutants(
  rnd: Random,
  valid: Json,
  count: number,
  required: readonly (string | number)[][],
): string[] {
  const out: string[] = [];
  const text = JSON.stringify(valid, null, 2);
  for (let i = 0; i < count; i++) {
    const doc = structuredClone(valid);
    const kind = pick(rnd, ["leaf", "leaf", "leaf", "drop", "shape", "syntax", "deep", "proto"]);
    let label = kind;
    if (kind === "leaf") {
      const path = pick(rnd, required);
      setIn(doc, path, foreign(rnd, getIn(doc, path)));
      label = `leaf ${path.join(".")}`;
    } else if (kind === "drop") {
      const path = pick(rnd, required).slice(0, 1);
      setIn(doc, path, undefined);
      label = `drop ${path[0]}`;
    } else if (kind === "shape") {
      out.push(JSON.stringify(pick(rnd, [[], 1, "summary", null, [valid]] as Json[])));
      continue;
    } else if (kind === "syntax") {
      out.push(text.slice(0, Math.floor(rnd() * (text.length - 2))));
      continue;
    } else if (kind === "deep") {
      const depth = 100 + Math.floor(rnd() * 5000);
      const path = pick(rnd, required);
      out.push(
        JSON.stringify(doc).replace(
          `"${path[0]}":`,
          `"${path[0]}":${"[".repeat(depth)}${"]".repeat(depth)},"x${i}":`,
        ),
      );
      continue;
    } else {
      // A prototype key where the schema names the fields: JSON keeps it as an own property.
      const path = pick(rnd, required).slice(0, 1);
      const value = JSON.stringify(foreign(rnd, getIn(valid, path)));
      out.push(
        text.replace(`"${path[0]}":`, `"__proto__": {"polluted": true}, "${path[0]}": ${value}, "x${i}":`),
      );
      continue;
    }
    // Says what was done (both readers pass unknown top-level keys through).
    out.push(JSON.stringify({ mutation: label, ...(doc as Record<string, Json>) }, null, 2));
  }
  return out;
}

function validSummary(): Json {
  const scenario = quickstart();
  const summary = buildSummary(judgeRun(scenario, [fabricate()]), {
    version: "0.1.0",
    nodeVersion: process.version,
    platform: "linux-x64",
    scenarioHash: scenarioHash(scenario),
  });
  return JSON.parse(serializeSummary(summary)) as Json;
}

const sweepPart: Json = {
  format: "authsim-sweep-part",
  scenario: "quickstart",
  vary: ["simulation.seed=1,2"],
  replications: 1,
  gridSize: 2,
  shard: { index: 1, count: 2 },
  rows: [
    {
      index: 0,
      row: {
        values: { "simulation.seed": "1" },
        metrics: { "login.p50": { mean: 0.5, low: null, high: null, n: 1 } },
      },
    },
  ],
};

const planPart: Json = {
  format: "authsim-plan-part",
  context: {
    scenario: "quickstart",
    scenarioHash: `sha256:${"0".repeat(64)}`,
    replications: 1,
    hours: 0.25,
    datacenters: ["weu", "neu"],
    prices: [null, 1.5],
    objectives: ["wfe.utilisation.peak < 70%"],
    components: ["wfe"],
    nPlusOne: false,
  },
  unitCount: 2,
  shard: { index: 1, count: 1 },
  answers: [
    {
      index: 0,
      answer: {
        component: "wfe",
        datacenter: "weu",
        current: 4,
        recommended: 3,
        binding: "wfe.utilisation.peak < 70%",
        unreachable: null,
        estimate: 2.5,
        peakUtilisation: 0.6,
        peakUtilisationToday: 0.45,
        probes: 3,
        confidence: "clear",
        history: [
          {
            instances: 3,
            pass: true,
            objectives: [
              {
                text: "wfe.utilisation.peak < 70%",
                threshold: 0.7,
                value: 0.6,
                low: null,
                high: null,
                pass: true,
                clear: null,
              },
            ],
            peakUtilisation: 0.6,
          },
        ],
      },
    },
  ],
};

/** The leaves each reader checks (of a summary, what compare and rerun read; of a part, all). */
const SUMMARY_FIELDS: (string | number)[][] = [
  ["format"],
  ["scenarioName"],
  ["scenarioHash"],
  ["seed"],
  ["replications"],
  ["authsim", "version"],
  ["authsim", "node"],
  ["metrics", "complete"],
  ["headline", "login.p50"],
  ["headline", "login.p95"],
  ["scenario", "name"],
  ["scenario", "simulation", "seed"],
  ["scenario", "simulation", "replications"],
];

describe("hostile summaries and parts, in-process", () => {
  it("100 summaries: each refused at file:line:col, then 'not an authsim summary'", () => {
    const valid = validSummary();
    const ok = readSummaryFile(write(JSON.stringify(valid)));
    expect(ok.ok && echoProblem(ok.summary)).toBeNull();
    const rnd = seeded(20261203);
    for (const text of mutants(rnd, valid, 100, SUMMARY_FIELDS)) {
      const r = readSummaryFile(write(text));
      expect(r.ok, text.length > 3000 ? text.slice(0, 200) : text).toBe(false);
      if (r.ok) continue;
      expect(r.lines.at(-1)).toMatch(/: not an authsim summary \(give/);
      for (const line of r.lines.slice(0, -1)) expect(line).toMatch(PLACED);
      expect(r.lines.join("\n")).not.toMatch(LEAKS);
    }
  });

  it("an edited scenario echo is not rerun (its hash no longer matches)", () => {
    const rnd = seeded(7);
    const valid = validSummary();
    for (let i = 0; i < 20; i++) {
      const doc = structuredClone(valid);
      const path = pick(
        rnd,
        leafPaths(getIn(doc, ["scenario"])).filter((p) => p[0] !== "source"),
      );
      const value = getIn(doc, ["scenario", ...path]);
      setIn(doc, ["scenario", ...path], typeof value === "number" ? value + 1 : "edited");
      const r = readSummaryFile(write(JSON.stringify(doc)));
      expect(r.ok && echoProblem(r.summary), path.join(".")).toMatch(/does not match its scenarioHash/);
    }
  });

  it("150 merge parts: each refused at file:line:col, then 'not a sweep or plan part'", () => {
    for (const valid of [sweepPart, planPart])
      expect(Array.isArray(readPart(write(JSON.stringify(valid))))).toBe(false);
    const rnd = seeded(20261204);
    const texts = [
      ...mutants(rnd, sweepPart, 75, leafPaths(sweepPart)),
      ...mutants(rnd, planPart, 75, leafPaths(planPart)),
    ];
    // The issue's own cases.
    const issue = (patch: Record<string, Json | undefined>) =>
      JSON.stringify({ ...(sweepPart as Record<string, Json>), ...patch });
    texts.push(
      issue({ rows: undefined }),
      issue({ rows: [null] }),
      issue({ gridSize: -1 }),
      issue({ gridSize: 1e9 }),
    );
    for (const text of texts) {
      const r = readPart(write(text));
      expect(Array.isArray(r), text).toBe(true);
      if (!Array.isArray(r)) continue;
      expect(r.at(-1)).toMatch(/: not a sweep or plan part/);
      for (const line of r.slice(0, -1)) expect(line).toMatch(PLACED);
      expect(r.join("\n")).not.toMatch(LEAKS);
    }
  });

  it("refuses what is not a regular file, before opening it", () => {
    const fifo = join(dir, "pipe");
    mkdirSync(join(dir, "empty-folder"));
    symlinkSync(join(dir, "nowhere"), join(dir, "dangling"));
    const paths = ["/dev/zero", join(dir, "empty-folder"), join(dir, "dangling"), join(dir, "missing")];
    try {
      execFileSync("mkfifo", [fifo], { stdio: "ignore" });
      paths.push(fifo);
    } catch {
      // No mkfifo here: the pipe case runs on the machines that have it.
    }
    for (const p of paths) {
      const r = readSummaryFile(p);
      expect(r.ok, p).toBe(false);
      if (!r.ok) expect(r.lines[0], p).toMatch(PLACED);
    }
  });
});

const run = promisify(execFile);
const BIN = join(import.meta.dirname, "../../bin/authsim.js");

/** Runs the real executable; resolves to its exit code and stderr (never rejects). */
async function authsim(args: string[]): Promise<{ code: number; err: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { timeout: 30_000 });
    return { code: 0, err: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stderr?: string; killed?: boolean };
    return { code: x.killed ? -1 : (x.code ?? -1), err: x.stderr ?? "" };
  }
}

describe("hostile input through the real executable", () => {
  it("exit 2 with a placed message and no stack trace, for each kind of file", async () => {
    const quick = "scenarios/quickstart.yaml";
    const bomb = join(dir, "bomb.yaml");
    const lines = ["a0: &a0 [x,x,x,x,x,x,x,x,x,x]"];
    for (let i = 1; i < 9; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(",")}]`,
      );
    writeFileSync(bomb, `${lines.join("\n")}\n`);
    const deep = join(dir, "deep.yaml");
    writeFileSync(deep, `name: x\nd: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`);
    const part = write(JSON.stringify({ ...(sweepPart as Record<string, Json>), rows: [null] }));
    const summary = write(JSON.stringify({ format: 1, scenarioName: "x", headline: { a: "x" } }));
    const cases: Array<[string[], RegExp]> = [
      [["validate", "/dev/zero"], /dev\/zero:1:1: .*found a character device/],
      [["validate", bomb], /bomb\.yaml:\d+:\d+: .*alias bomb/],
      [["validate", deep], /deep\.yaml:\d+:\d+: .*at most 64 levels of nesting/],
      [
        ["run", quick, "--set", 'slos=["constructor < 1s"]', "--out", join(dir, "o1")],
        /slos\[0\]: expected a known metric/,
      ],
      [["compare", summary, summary], /not an authsim summary/],
      [["rerun", summary], /not an authsim summary/],
      [["merge", part], /rows\[0\]: expected a mapping, found null/],
    ];
    const results = await Promise.all(cases.map(([args]) => authsim(args)));
    results.forEach((r, i) => {
      expect(r.code, cases[i][0].join(" ")).toBe(2);
      expect(r.err, cases[i][0].join(" ")).toMatch(cases[i][1]);
      expect(r.err).not.toMatch(LEAKS);
    });
  }, 60_000);
});
