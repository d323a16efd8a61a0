/**
 * Keeps the layer arrows of docs STYLE.md honest by reading every import in src/**\/*.ts:
 *
 *   cli -> study -> model -> engine, cli -> report -> model, and cli -> scenario; cli -> calibrate ->
 *   scenario, study, engine/stats (log readers and fitters; nothing else imports it). study (the
 *   experiments: SLO judge, capacity search, sweep grid, shards) and model take scenario types
 *   only; report takes scenario and study types only (it presents verdicts, never makes them);
 *   engine imports nothing else from src/; scenario imports no other layer (one type-only
 *   exception below); nothing imports cli or src/index.ts.
 *
 * and that no file outside the edges reads the wall clock or an unseeded random source.
 *
 * "Type-only" means `import type` / `export type ... from`: erased at compile time. Under
 * verbatimModuleSyntax `import { type A } from "x"` still loads "x" at run time, so it counts as
 * a value import here.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findImports, listTs, ROOT, repoPath, stripSource } from "./source-scan.ts";

const SRC = join(ROOT, "src");

const LAYERS = ["engine", "scenario", "model", "study", "report", "calibrate", "cli", "index"] as const;
type Layer = (typeof LAYERS)[number];

/** Which layers each layer may import, at run time (value) or for types only. */
const MAY_IMPORT: Record<Layer, { readonly value: readonly Layer[]; readonly typeOnly: readonly Layer[] }> = {
  engine: { value: [], typeOnly: [] },
  scenario: { value: [], typeOnly: [] },
  model: { value: ["engine"], typeOnly: ["scenario"] },
  study: { value: ["model", "engine"], typeOnly: ["scenario"] },
  report: { value: ["model", "engine"], typeOnly: ["scenario", "study"] },
  // Logs in, a fitted scenario out: the scenario layer, the study's judge, the engine's statistics.
  calibrate: { value: ["scenario", "study", "engine"], typeOnly: [] },
  cli: { value: ["engine", "scenario", "model", "study", "report", "calibrate"], typeOnly: [] },
  // The public API re-exports every layer but the CLI.
  index: { value: ["engine", "scenario", "model", "study", "report", "calibrate"], typeOnly: [] },
};

/** Named single files a layer may import across the rules above, each with its reason. */
const EXCEPTIONS: ReadonlyArray<{ from: Layer; file: string; typeOnly: boolean; why: string }> = [
  {
    from: "scenario",
    file: "src/engine/random/distribution-spec.ts",
    typeOnly: true,
    why: "the resolved scenario speaks the engine's DistributionSpec",
  },
];

/**
 * Layers other layers enter through one file: the model's and the study's folders are theirs to
 * rearrange, so nothing outside imports past the index.
 */
const ENTRY_POINTS: Partial<Record<Layer, string>> = {
  model: "src/model/index.ts",
  study: "src/study/index.ts",
  calibrate: "src/calibrate/index.ts",
};

/** Imports allowed past an entry point, each with its reason. */
const ENTRY_EXCEPTIONS: ReadonlyArray<{ from: string; target: string; why: string }> = [
  {
    from: "src/cli/commands/plan.ts",
    target: "src/study/capacity-targets.ts",
    why: "`authsim --help` loads only the option tables; study/index.ts would load the whole model",
  },
];

/**
 * Files that may read the clock or Math.random, beyond src/cli/**. Empty on purpose: a report
 * that stamps runs receives the stamp from the CLI. Add a file here only with its reason.
 */
const CLOCK_ALLOWED: readonly string[] = [];

/** Wall-clock reads and unseeded randomness (matched in code, never in comments or strings). */
const WORLD_CALLS: ReadonlyArray<[RegExp, string]> = [
  [/\bMath\s*\.\s*random\b/, "Math.random"],
  [/\bDate\s*\.\s*now\b/, "Date.now"],
  [/\bperformance\s*\.\s*now\b/, "performance.now"],
  [/\bnew\s+Date\s*\(\s*\)/, "new Date()"],
  [/\bcrypto\s*\.\s*(?:randomUUID|getRandomValues|randomBytes|randomInt)\b/, "crypto random"],
];

function layerOf(path: string): Layer | undefined {
  const parts = path.split("/"); // ["src", layer, ...] or ["src", "index.ts"]
  if (parts[0] !== "src") return undefined;
  if (parts.length === 2) return parts[1] === "index.ts" ? "index" : undefined;
  return (LAYERS as readonly string[]).includes(parts[1]) ? (parts[1] as Layer) : undefined;
}

/** Why importing `target` from `file` breaks an arrow, or undefined when it is allowed. */
function arrowViolation(file: string, target: string, typeOnly: boolean): string | undefined {
  const from = layerOf(file);
  const to = layerOf(target);
  if (from === undefined) return `${file} is in no layer (expected src/<${LAYERS.join("|")}>/…)`;
  if (to === undefined) return `it imports ${target}, which is in no layer`;
  if (to === "cli" && from !== "cli") return "nothing imports cli";
  if (to === "index" && from !== "index") return "nothing inside src imports the public API src/index.ts";
  if (from === to) return undefined;
  const why = layerViolation(from, to, target, typeOnly);
  if (why !== undefined) return why;
  const entry = ENTRY_POINTS[to];
  const excepted = ENTRY_EXCEPTIONS.some((e) => e.from === file && e.target === target);
  return entry !== undefined && target !== entry && !excepted
    ? `other layers import ${to} through ${entry}`
    : undefined;
}

/** Whether layer `from` may import `target` of layer `to` at all (MAY_IMPORT and EXCEPTIONS). */
function layerViolation(from: Layer, to: Layer, target: string, typeOnly: boolean): string | undefined {
  if (from === "calibrate" && to === "engine" && target !== "src/engine/stats/index.ts")
    return "calibrate uses the engine's statistics only, through src/engine/stats/index.ts";
  const rule = MAY_IMPORT[from];
  if (rule.value.includes(to)) return undefined;
  if (rule.typeOnly.includes(to)) {
    return typeOnly ? undefined : `${from} may import ${to} for types only (use \`import type\`)`;
  }
  const exception = EXCEPTIONS.find((e) => e.from === from && e.file === target);
  if (exception !== undefined && (typeOnly || !exception.typeOnly)) return undefined;
  if (exception !== undefined) return `${from} may import ${target} for types only (use \`import type\`)`;
  const allowed = [...rule.value, ...rule.typeOnly.map((l) => `${l} (types)`)];
  return `${from} may import ${allowed.length > 0 ? allowed.join(", ") : "nothing else from src/"}, not ${to}`;
}

const sources = listTs(SRC).map((absolute) => {
  const text = readFileSync(absolute, "utf8");
  return { absolute, path: repoPath(absolute), ...stripSource(text) };
});

describe("architecture: the layer arrows of STYLE.md", () => {
  it("finds the source tree (a scan of nothing would pass anything)", () => {
    expect(sources.length).toBeGreaterThan(20);
    expect(sources.some((s) => s.path === "src/engine/station/index.ts")).toBe(true);
  });

  it("every import in src/ follows the arrows", () => {
    const violations: string[] = [];
    let relativeImports = 0;
    for (const source of sources) {
      for (const ref of findImports(source.code)) {
        if (!ref.specifier.startsWith(".")) continue; // packages and node: builtins
        relativeImports++;
        const target = repoPath(resolve(dirname(source.absolute), ref.specifier));
        const why = arrowViolation(source.path, target, ref.typeOnly);
        if (why !== undefined) {
          const kind = ref.typeOnly ? "import type" : "import";
          violations.push(`${source.path}: ${kind} "${ref.specifier}" (${target}): ${why}`);
        }
      }
    }
    expect(relativeImports).toBeGreaterThan(50);
    expect(violations, `layer arrows broken:\n${violations.join("\n")}`).toEqual([]);
  });

  it("no src file outside src/cli reads the clock or an unseeded random source", () => {
    const violations: string[] = [];
    for (const source of sources) {
      if (source.path.startsWith("src/cli/") || CLOCK_ALLOWED.includes(source.path)) continue;
      const lines = source.bare.split("\n");
      for (const [pattern, name] of WORLD_CALLS) {
        lines.forEach((line, index) => {
          if (pattern.test(line)) violations.push(`${source.path}:${index + 1}: calls ${name}`);
        });
      }
    }
    expect(violations, `clock or randomness outside the edges:\n${violations.join("\n")}`).toEqual([]);
  });

  it("the exceptions and allow-lists name files that exist", () => {
    const paths = new Set(sources.map((s) => s.path));
    for (const e of EXCEPTIONS) expect(paths.has(e.file), e.file).toBe(true);
    for (const file of CLOCK_ALLOWED) expect(paths.has(file), file).toBe(true);
    for (const e of ENTRY_EXCEPTIONS) expect(paths.has(e.from) && paths.has(e.target), e.target).toBe(true);
    for (const entry of Object.values(ENTRY_POINTS)) expect(paths.has(entry), entry).toBe(true);
  });
});

describe("architecture: the scanner itself", () => {
  it("finds every import form and tells type-only imports from value imports", () => {
    const code = stripSource(
      [
        'import { a } from "./a.ts";',
        'import type { B } from "../b.ts";',
        'import { type C } from "./c.ts"; // still loaded at run time',
        'import * as d from "./d.ts";',
        'import e, { f } from "./e.ts";',
        'import "./side.ts";',
        'export * from "./star.ts";',
        'export type { G } from "./g.ts";',
        "export {",
        "  h,",
        '} from "./h.ts";',
        'const lazy = await import("./lazy.ts");',
      ].join("\n"),
    ).code;
    expect(findImports(code).sort((x, y) => x.specifier.localeCompare(y.specifier))).toEqual([
      { specifier: "../b.ts", typeOnly: true, dynamic: false },
      { specifier: "./a.ts", typeOnly: false, dynamic: false },
      { specifier: "./c.ts", typeOnly: false, dynamic: false },
      { specifier: "./d.ts", typeOnly: false, dynamic: false },
      { specifier: "./e.ts", typeOnly: false, dynamic: false },
      { specifier: "./g.ts", typeOnly: true, dynamic: false },
      { specifier: "./h.ts", typeOnly: false, dynamic: false },
      { specifier: "./lazy.ts", typeOnly: false, dynamic: true },
      { specifier: "./side.ts", typeOnly: false, dynamic: false },
      { specifier: "./star.ts", typeOnly: false, dynamic: false },
    ]);
  });

  it("ignores comments and the insides of strings, templates and regexes, but not template placeholders", () => {
    const { code, bare } = stripSource(
      [
        '// import { x } from "../cli/x.ts";',
        '/* import "../model/y.ts"; Math.random() */',
        'const s = "Math.random() // not a comment";',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
        "const t = `Date.now() ${Math.random()} and ${`${Date.now()}`}`;",
        "const r = /[\"'/]Date.now/g.test(s) ? a / b : c; // Date.now",
        "const after = Math.random;",
      ].join("\n"),
    );
    expect(findImports(code)).toEqual([]);
    expect(code).toContain('"Math.random() // not a comment"');
    const calls = bare.split("\n").map((line) => WORLD_CALLS.filter(([p]) => p.test(line)).map(([, n]) => n));
    expect(calls).toEqual([[], [], [], ["Math.random", "Date.now"], [], ["Math.random"]]);
  });

  it("applies the arrows as written", () => {
    expect(arrowViolation("src/engine/x.ts", "src/engine/y.ts", false)).toBeUndefined();
    expect(arrowViolation("src/engine/x.ts", "src/model/y.ts", true)).toMatch(
      /engine may import nothing else/,
    );
    expect(
      arrowViolation("src/scenario/x.ts", "src/engine/random/distribution-spec.ts", true),
    ).toBeUndefined();
    expect(arrowViolation("src/scenario/x.ts", "src/engine/random/distribution-spec.ts", false)).toMatch(
      /types only/,
    );
    expect(arrowViolation("src/scenario/x.ts", "src/engine/random/sampler.ts", true)).toMatch(/not engine/);
    expect(arrowViolation("src/model/x.ts", "src/scenario/y.ts", true)).toBeUndefined();
    expect(arrowViolation("src/model/x.ts", "src/scenario/y.ts", false)).toMatch(/types only/);
    expect(arrowViolation("src/model/x.ts", "src/report/y.ts", true)).toMatch(/not report/);
    expect(arrowViolation("src/report/x.ts", "src/model/index.ts", false)).toBeUndefined();
    expect(arrowViolation("src/report/x.ts", "src/cli/y.ts", true)).toBe("nothing imports cli");
    expect(arrowViolation("src/index.ts", "src/cli/main.ts", false)).toBe("nothing imports cli");
    expect(arrowViolation("src/cli/x.ts", "src/report/y.ts", false)).toBeUndefined();
    // The study layer: above the model, below the CLI; the report reads its verdicts' types only.
    expect(arrowViolation("src/study/x.ts", "src/model/index.ts", false)).toBeUndefined();
    expect(arrowViolation("src/study/x.ts", "src/report/y.ts", true)).toMatch(/not report/);
    expect(arrowViolation("src/model/x.ts", "src/study/y.ts", true)).toMatch(/not study/);
    expect(arrowViolation("src/report/x.ts", "src/study/index.ts", true)).toBeUndefined();
    expect(arrowViolation("src/report/x.ts", "src/study/index.ts", false)).toMatch(/types only/);
    expect(arrowViolation("src/cli/x.ts", "src/study/index.ts", false)).toBeUndefined();
    expect(arrowViolation("src/cli/x.ts", "src/study/y.ts", false)).toMatch(/through src\/study\/index.ts/);
    expect(arrowViolation("src/report/x.ts", "src/model/run/y.ts", true)).toMatch(
      /through src\/model\/index.ts/,
    );
    expect(arrowViolation("src/model/x.ts", "src/index.ts", false)).toMatch(/public API/);
    expect(arrowViolation("src/helpers.ts", "src/engine/y.ts", false)).toMatch(/in no layer/);
    // calibrate: over scenario, study and the engine's statistics; under cli and the public API only.
    expect(arrowViolation("src/calibrate/x.ts", "src/scenario/index.ts", false)).toBeUndefined();
    expect(arrowViolation("src/calibrate/x.ts", "src/study/index.ts", false)).toBeUndefined();
    expect(arrowViolation("src/calibrate/x.ts", "src/engine/stats/index.ts", false)).toBeUndefined();
    expect(arrowViolation("src/calibrate/x.ts", "src/engine/random/index.ts", false)).toMatch(
      /statistics only/,
    );
    expect(arrowViolation("src/calibrate/x.ts", "src/model/index.ts", true)).toMatch(/not model/);
    expect(arrowViolation("src/calibrate/x.ts", "src/report/index.ts", false)).toMatch(/not report/);
    expect(arrowViolation("src/cli/x.ts", "src/calibrate/index.ts", false)).toBeUndefined();
    expect(arrowViolation("src/report/x.ts", "src/calibrate/index.ts", true)).toMatch(/not calibrate/);
    expect(arrowViolation("src/model/x.ts", "src/calibrate/index.ts", true)).toMatch(/not calibrate/);
  });
});
