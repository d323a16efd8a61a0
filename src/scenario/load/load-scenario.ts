/**
 * Scenario text (YAML or JSON) -> a ResolvedScenario, or every problem with its file, line and
 * column. Order: YAML syntax, `--set` overrides, schema (shapes, units, per-section checks), name
 * references (always, so a misspelt region shows up with the rest), then resolution and
 * cross-section checks once the document is well-formed. Never throws on bad input.
 */
import { type Document, LineCounter, parseDocument } from "yaml";
import { resolveScenario } from "../resolve/resolve-scenario.ts";
import type { ResolvedScenario } from "../resolved/resolved-scenario.ts";
import { ScenarioSchema } from "../schema/scenario-schema.ts";
import { checkReferences } from "../validate/references.ts";
import { checkDocument, documentToJs, MAX_DEPTH } from "./document-limits.ts";
import { blameOverrides } from "./override-blame.ts";
import { type AppliedOverride, applyOverrides } from "./overrides.ts";
import { describeValue, formatPath, type PathSegment, type Problem, type RawProblem } from "./problem.ts";
import { locate } from "./source-map.ts";
import { issueToProblems } from "./zod-issues.ts";

export type LoadResult =
  | { readonly ok: true; readonly scenario: ResolvedScenario; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly warnings: readonly Problem[] };

export interface LoadOptions {
  /** `path=value` overrides, applied before validation. */
  readonly overrides?: readonly string[];
}

const startsWith = (path: readonly PathSegment[], prefix: readonly PathSegment[]) =>
  prefix.length <= path.length && prefix.every((seg, i) => String(seg) === String(path[i]));

/** Places raw problems in the text (or on the `--set` that introduced the value). */
function placer(file: string, doc: Document, lineCounter: LineCounter, applied: readonly AppliedOverride[]) {
  return (p: RawProblem): Problem => {
    const override = [...applied].reverse().find((o) => startsWith(p.path, o.path));
    const where = override
      ? { file: `--set ${override.text}`, line: 1, column: override.text.indexOf("=") + 2 }
      : { file, ...locate(doc, lineCounter, p.path, p.atKey) };
    return {
      ...where,
      path: formatPath(p.path),
      expected: p.expected,
      found: p.found,
      suggestion: p.suggestion ?? null,
    };
  };
}

function sortProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.file}|${p.line}|${p.column}|${p.path}|${p.expected}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
}

/** [expected, found] for a yaml error: its first line; running out of stack means nesting. */
function yamlError(message: string): [string, string] {
  const first = message.split("\n")[0];
  return /call stack/i.test(first)
    ? [`at most ${MAX_DEPTH} levels of nesting`, "a document nested deeper"]
    : ["valid YAML or JSON", first];
}

export function loadScenarioText(text: string, file: string, options: LoadOptions = {}): LoadResult {
  const result = loadOnce(text, file, options);
  const overrides = options.overrides ?? [];
  if (result.ok || overrides.length === 0) return result;
  const problems = blameOverrides(result.problems, file, overrides, (o) =>
    loadOnce(text, file, { overrides: o }),
  );
  return { ...result, problems: sortProblems(problems) };
}

function loadOnce(text: string, file: string, options: LoadOptions): LoadResult {
  const fail = (problems: Problem[], warnings: Problem[] = []): LoadResult => ({
    ok: false,
    problems: sortProblems(problems),
    warnings,
  });
  if (text.includes("\u0000")) {
    return fail([
      {
        file,
        line: 1,
        column: 1,
        path: "",
        expected: "a YAML or JSON text file",
        found: "binary data",
        suggestion: null,
      },
    ]);
  }
  const lineCounter = new LineCounter();
  const at = (offset: number, expected: string, found: string): Problem => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, path: "", expected, found, suggestion: null };
  };
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    // yaml records its own errors; a throw is a resource limit (the stack), said in words.
    return fail([at(0, ...yamlError((e as Error).message))]);
  }
  if (doc.errors.length > 0) {
    return fail(doc.errors.map((e) => at(e.pos[0], ...yamlError(e.message))));
  }
  const limits = checkDocument(doc);
  if (limits.length > 0) return fail(limits.map((p) => at(p.offset, p.expected, p.found)));
  // Expanded once before the overrides, so an alias bomb is the file's problem, not a --set's.
  const expanded = documentToJs(doc);
  if (!expanded.ok)
    return fail([at(expanded.problem.offset, expanded.problem.expected, expanded.problem.found)]);

  const overrides = applyOverrides(doc, ScenarioSchema, options.overrides ?? []);
  const place = placer(file, doc, lineCounter, overrides.applied);
  const overrideProblems = overrides.problems.map((p) => ({
    file: `--set ${p.override}`,
    line: 1,
    column: 1,
    path: formatPath(p.path),
    expected: p.expected,
    found: p.found,
    suggestion: p.suggestion ?? null,
  }));

  const js = documentToJs(doc);
  if (!js.ok)
    return fail([...overrideProblems, at(js.problem.offset, js.problem.expected, js.problem.found)]);
  const raw = js.value;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    const expected = "a mapping of sections (name, datacenters, userBases, ...)";
    return fail([
      ...overrideProblems,
      {
        ...place({ path: [], expected, found: describeValue(raw ?? undefined) }),
        found: raw == null ? "an empty document" : describeValue(raw),
      },
    ]);
  }

  const parsed = ScenarioSchema.safeParse(raw, { reportInput: true });
  const problems: RawProblem[] = parsed.success
    ? []
    : parsed.error.issues.flatMap((i) => issueToProblems(i, ScenarioSchema, raw));
  problems.push(...checkReferences(raw));
  if (!parsed.success || problems.length > 0 || overrideProblems.length > 0) {
    return fail([...overrideProblems, ...problems.map(place)]);
  }
  const outcome = resolveScenario(parsed.data, file);
  const warnings = sortProblems(outcome.warnings.map(place));
  if (outcome.scenario === null) return fail(outcome.problems.map(place), warnings);
  return { ok: true, scenario: outcome.scenario, warnings };
}
