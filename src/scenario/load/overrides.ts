/**
 * `--set path=value` overrides, applied to the parsed YAML document before validation so the
 * result is validated exactly like the file. Paths: `simulation.duration`,
 * `datacenters[0].wfe.instances`, or by name: `datacenters[weu].wfe.instances`. Values are YAML
 * (scalars or flow: `2h`, `42`, `[eastus, westus]`, `{ constant: 5ms }`). Every path segment is
 * checked against the schema, with a "did you mean" for misspelt keys.
 */
import { type Document, isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { z } from "zod";
import { checkDocument, documentToJs } from "./document-limits.ts";
import { formatPath, type PathSegment, type RawProblem } from "./problem.ts";
import { isListAt, isRecordAt, knownKeysAt } from "./schema-walk.ts";
import { didYouMean } from "./suggest.ts";
import { valueAt } from "./zod-issues.ts";

export interface AppliedOverride {
  readonly text: string;
  readonly path: readonly PathSegment[];
}

export interface OverrideProblem extends RawProblem {
  readonly override: string;
}

const TOKEN_RE = /([^.[\]]+)|\[([^\]]*)\]/g;

/** Applies one override; returns its resolved path or the problems it has. */
function applyOne(doc: Document, schema: z.ZodType, text: string): AppliedOverride | OverrideProblem[] {
  const eq = text.indexOf("=");
  const fail = (
    path: PathSegment[],
    expected: string,
    found: string,
    suggestion: string | null = null,
  ): OverrideProblem[] => [{ path, expected, found, suggestion, override: text }];
  if (eq <= 0) return fail([], "an override path=value, e.g. simulation.duration=2h", JSON.stringify(text));
  const pathText = text.slice(0, eq).trim();
  const valueText = text.slice(eq + 1);
  const path: PathSegment[] = [];
  const js = documentToJs(doc);
  if (!js.ok) return fail([], js.problem.expected, js.problem.found);
  const raw = js.value;
  for (const m of pathText.matchAll(TOKEN_RE)) {
    const here = valueAt(raw, path);
    if (m[2] !== undefined) {
      if (!isListAt(schema, path, raw))
        return fail(
          path,
          `a key after ${formatPath(path) || "the top level"} (it is not a list)`,
          `[${m[2]}]`,
        );
      const list = Array.isArray(here) ? (here as unknown[]) : [];
      const index = /^\d+$/.test(m[2])
        ? Number(m[2])
        : list.findIndex(
            (item) => item !== null && typeof item === "object" && (item as { name?: unknown }).name === m[2],
          );
      if (index < 0 || index >= list.length) {
        const names = list.flatMap((item) =>
          item && typeof item === "object" && typeof (item as { name?: unknown }).name === "string"
            ? [(item as { name: string }).name]
            : [],
        );
        return fail(
          path,
          `an index below ${list.length} or a name (${names.join(", ")})`,
          `[${m[2]}]`,
          didYouMean(m[2], names),
        );
      }
      path.push(index);
    } else {
      const key = m[1];
      if (!isRecordAt(schema, path, raw)) {
        const known = knownKeysAt(schema, path, raw);
        if (known === null)
          return fail(path, `nothing below ${formatPath(path)} (it is a value, not a section)`, `.${key}`);
        if (!known.includes(key))
          return fail(
            [...path, key],
            `a known key (${known.join(", ")})`,
            `unknown key "${key}"`,
            didYouMean(key, known),
          );
      }
      path.push(key);
    }
  }
  if (path.length === 0) return fail([], "a path before =", JSON.stringify(text));
  const valueDoc = parseDocument(valueText, { merge: true, uniqueKeys: true, prettyErrors: false });
  const expectedValue = "a YAML value (scalar, [list] or { mapping })";
  if (valueDoc.errors.length > 0) return fail(path, expectedValue, valueDoc.errors[0].message.split("\n")[0]);
  const limit = checkDocument(valueDoc)[0];
  if (limit !== undefined) return fail(path, limit.expected, limit.found);
  const parsedValue = documentToJs(valueDoc);
  if (!parsedValue.ok) return fail(path, parsedValue.problem.expected, parsedValue.problem.found);
  const value = parsedValue.value;
  // Create missing parent maps, so `--set identityProvider.mfa.share=90%` works on a minimal file.
  for (let i = 1; i < path.length; i++) {
    const parent = doc.getIn(path.slice(0, i), true);
    if (parent === undefined || (isScalar(parent) && parent.value === null))
      doc.setIn(path.slice(0, i), doc.createNode({}));
    else if (!isMap(parent) && !isSeq(parent))
      return fail(path.slice(0, i), "a section to set a key in", "a value");
  }
  doc.setIn(path, doc.createNode(value));
  return { text, path };
}

/** Applies every override in order; problems for the bad ones. */
export function applyOverrides(
  doc: Document,
  schema: z.ZodType,
  overrides: readonly string[],
): { applied: AppliedOverride[]; problems: OverrideProblem[] } {
  const applied: AppliedOverride[] = [];
  const problems: OverrideProblem[] = [];
  for (const text of overrides) {
    const r = applyOne(doc, schema, text);
    if (Array.isArray(r)) problems.push(...r);
    else applied.push(r);
  }
  return { applied, problems };
}
