/**
 * zod issues -> RawProblems with a plain "expected" and "found", and a "did you mean" for unknown
 * keys and bad enum values. "found" is read from the document as written (before unit
 * conversion), so a message quotes what the user typed.
 */
import type { z } from "zod";
import { describeValue, type PathSegment, type RawProblem } from "./problem.ts";
import { knownKeysAt } from "./schema-walk.ts";
import { didYouMean } from "./suggest.ts";

const TYPE_NAMES: Record<string, string> = {
  object: "a mapping",
  array: "a list",
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
};

/** zod's built-in messages start like this; ours are phrased as what is expected. */
const isDefaultMessage = (m: string) => /^(Invalid|Too (small|big)|Unrecognized|Expected)/.test(m);

/** Value at `path` in the raw document, or undefined. */
export function valueAt(raw: unknown, path: readonly PathSegment[]): unknown {
  let v = raw;
  for (const seg of path) {
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function listOf(values: readonly unknown[]): string {
  const shown = values.slice(0, 12).map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  return values.length > 12 ? `${shown.join(", ")}, ...` : shown.join(", ");
}

function expectedOf(issue: z.core.$ZodIssue): string {
  if (!isDefaultMessage(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return Object.hasOwn(TYPE_NAMES, issue.expected) ? TYPE_NAMES[issue.expected] : issue.expected;
    case "too_small":
      return issue.origin === "array" ? `at least ${issue.minimum} item(s)` : `a value >= ${issue.minimum}`;
    case "too_big":
      return issue.origin === "array" ? `at most ${issue.maximum} item(s)` : `a value <= ${issue.maximum}`;
    case "invalid_value":
      return `one of ${listOf(issue.values)}`;
    default:
      return issue.message;
  }
}

/** Converts one issue (recursing into unions) to problems, relative to `base`. */
export function issueToProblems(
  issue: z.core.$ZodIssue,
  root: z.ZodType,
  raw: unknown,
  base: readonly PathSegment[] = [],
): RawProblem[] {
  const path = [...base, ...(issue.path as PathSegment[])];
  const here = valueAt(raw, path);
  const found = here !== undefined ? describeValue(here) : describeValue(issue.input);

  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeysAt(root, path, raw) ?? [];
      return issue.keys.map((key) => ({
        path: [...path, key],
        expected: `a known key (${listOf(known)})`,
        found: `unknown key "${key}"`,
        suggestion: didYouMean(key, known),
        atKey: true,
      }));
    }
    case "invalid_value": {
      const suggestion =
        typeof here === "string"
          ? didYouMean(here, issue.values.filter((v) => typeof v === "string") as string[])
          : null;
      return [{ path, expected: expectedOf(issue), found, suggestion }];
    }
    case "invalid_union": {
      if ("discriminator" in issue && issue.discriminator !== undefined) {
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        const tag = valueAt(raw, path);
        return [
          {
            path,
            expected: `a ${issue.discriminator} (${listOf(options)})`,
            found: describeValue(tag),
            suggestion: typeof tag === "string" ? didYouMean(tag, options) : null,
          },
        ];
      }
      // Report the branch the value was evidently meant for: the one that got past the type check.
      const fitting = issue.errors.filter(
        (errs) => !errs.every((e) => e.code === "invalid_type" && e.path.length === 0),
      );
      if (fitting.length === 1) return fitting[0].flatMap((e) => issueToProblems(e, root, raw, path));
      if (!isDefaultMessage(issue.message)) return [{ path, expected: issue.message, found }];
      const typeMessages = issue.errors.flatMap((errs) =>
        errs.filter((e) => !isDefaultMessage(e.message)).map((e) => e.message),
      );
      if (typeMessages.length > 0) return [{ path, expected: typeMessages[0], found }];
      const types = issue.errors.flatMap((errs) =>
        errs.map((e) => (e.code === "invalid_type" ? (TYPE_NAMES[e.expected] ?? e.expected) : "")),
      );
      return [
        {
          path,
          expected: listOf([...new Set(types.filter(Boolean))]).replace(/, ([^,]*)$/, " or $1"),
          found,
        },
      ];
    }
    case "invalid_element":
    case "invalid_key":
      return issue.issues.flatMap((e) => issueToProblems(e, root, raw, path));
    case "invalid_type":
      return [
        {
          path,
          expected: expectedOf(issue),
          found: here === undefined && issue.input === undefined ? "nothing (required)" : found,
        },
      ];
    default:
      return [{ path, expected: expectedOf(issue), found }];
  }
}
