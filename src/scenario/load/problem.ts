/**
 * A problem found in a scenario: where (file, line, column, document path), what was expected,
 * what was found, and a "did you mean" when a close known name exists. Loading reports all of
 * them at once; none is ever thrown.
 */

export type PathSegment = string | number;

/** A problem before it is placed in the source text. */
export interface RawProblem {
  readonly path: readonly PathSegment[];
  readonly expected: string;
  readonly found: string;
  readonly suggestion?: string | null;
  /** Point at the key itself (unknown keys) rather than its value. */
  readonly atKey?: boolean;
}

export interface Problem {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** Document path, e.g. `datacenters[2].wfe.instances`; "" for the whole document. */
  readonly path: string;
  readonly expected: string;
  readonly found: string;
  readonly suggestion: string | null;
}

/** `datacenters[2].wfe.instances`; odd keys are quoted: `tenants["a b"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** One line: `file:line:col: path: expected X, found Y; did you mean "Z"?` (`--set a=b: path: ...`). */
export function formatProblem(p: Problem): string {
  // A `--set path=value` is one line of its own: the option is the place.
  const where = p.file.startsWith("--set ") ? p.file : `${p.file}:${p.line}:${p.column}`;
  const path = p.path === "" ? "(document)" : p.path;
  const hint = p.suggestion ? `; did you mean "${p.suggestion}"?` : "";
  return `${where}: ${path}: expected ${p.expected}, found ${p.found}${hint}`;
}

/** A short, safe description of any value for "found ...". */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing (missing)";
  if (value === null) return "null (empty value)";
  if (typeof value === "string") {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return "a mapping";
  return typeof value;
}
