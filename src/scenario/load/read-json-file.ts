/**
 * Reads a JSON file authsim wrote earlier (a summary.json, a sweep or plan part) and validates it
 * against a zod schema, with the scenario loader's problems: file:line:column, the document path,
 * what was expected and what was found. The file goes through readUserFile (regular files only,
 * bounded size); JSON.parse does the fast path, and only a file that fails is parsed again with
 * the YAML parser to place each problem in the text.
 */
import { type Document, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { checkDocument } from "./document-limits.ts";
import { formatPath, type Problem, type RawProblem } from "./problem.ts";
import { readUserFile } from "./read-user-file.ts";
import { locate } from "./source-map.ts";
import { issueToProblems } from "./zod-issues.ts";

export type JsonFileResult<T> =
  | {
      readonly ok: true;
      readonly value: T;
      /** The value as JSON.parse gave it (key order as written; zod's output may reorder). */
      readonly raw: unknown;
      readonly text: string;
    }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export interface JsonFileOptions {
  /** What the file should be, for messages: "an authsim summary.json". */
  readonly what: string;
  readonly maxBytes: number;
}

/** Where each raw problem is in `text` (1:1 when the text cannot be parsed for positions). */
function placeAll(text: string, file: string, raws: readonly RawProblem[]): Problem[] {
  const lineCounter = new LineCounter();
  let doc: Document | null = null;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
    if (doc.errors.length > 0 || checkDocument(doc).length > 0) doc = null;
  } catch {
    doc = null;
  }
  return raws.map((p) => {
    const pos = doc ? locate(doc, lineCounter, p.path, p.atKey) : { line: 1, column: 1 };
    return {
      file,
      ...pos,
      path: formatPath(p.path),
      expected: p.expected,
      found: p.found,
      suggestion: p.suggestion ?? null,
    };
  });
}

/** Line and column of a JSON syntax error, from V8's "at position N" or "(line L column C)". */
function syntaxPosition(text: string, message: string): { line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const at = /position (\d+)/.exec(message);
  if (!at) return { line: 1, column: 1 };
  const before = text.slice(0, Number(at[1]));
  const line = before.split("\n").length;
  return { line, column: before.length - before.lastIndexOf("\n") };
}

/** The validated content of `file`, or its problems (never throws on bad input). */
export function readJsonFile<T>(
  file: string,
  schema: z.ZodType<T>,
  options: JsonFileOptions,
): JsonFileResult<T> {
  const at = (line: number, column: number, expected: string, found: string): JsonFileResult<T> => ({
    ok: false,
    problems: [{ file, line, column, path: "", expected, found, suggestion: null }],
  });
  const read = readUserFile(file, options.maxBytes);
  if (!read.ok) return at(1, 1, `${options.what} (a readable regular file)`, read.reason);
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = syntaxPosition(read.text, message);
    return at(pos.line, pos.column, `${options.what} (valid JSON)`, message.split("\n")[0]);
  }
  let parsed: ReturnType<typeof schema.safeParse>;
  try {
    parsed = schema.safeParse(value, { reportInput: true });
  } catch {
    // Only a value nested past the stack gets here (the schemas themselves do not throw).
    return at(1, 1, options.what, "a document nested too deep to read");
  }
  if (parsed.success) return { ok: true, value: parsed.data, raw: value, text: read.text };
  const raws = parsed.error.issues.slice(0, 20).flatMap((i) => issueToProblems(i, schema, value));
  return { ok: false, problems: placeAll(read.text, file, raws) };
}
