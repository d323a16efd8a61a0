/**
 * What differs between two runs' scenarios, read from the scenario echo in each summary.json
 * (every default filled in, units in seconds and fractions): one change per path whose value
 * differs, `datacenters[weu].wfe.instances: 10 -> 12`. Lists of named things (datacenters, user
 * bases, tenants, regions) are matched by name, so reordering them is no change and an added
 * datacenter is one change; other lists by position. `source` (the file it was read from) is left
 * out: the same scenario from another path is the same scenario. Pure: JSON in, rows out.
 */

export interface ScenarioChange {
  /** `simulation.seed`, `datacenters[weu].wfe.instances`, `userBases[paris]`. */
  readonly path: string;
  /** The value in A, or undefined where A has no such path (an added item or key). */
  readonly a: unknown;
  readonly b: unknown;
}

/** Paths left out of the diff. */
const IGNORED = new Set(["source"]);
/** Deeper than this, a differing value is reported as one change at that depth (hostile files). */
const MAX_DEPTH = 64;

type Json = unknown;

const isObject = (x: Json): x is Record<string, Json> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

/** The name of every item when each is an object with a distinct string `name`; else null. */
function namesOf(items: readonly Json[]): string[] | null {
  const names = items.map((x) => (isObject(x) && typeof x.name === "string" ? x.name : null));
  if (names.some((n) => n === null)) return null;
  return new Set(names).size === names.length ? (names as string[]) : null;
}

/** Equal as JSON values (key order ignored), without recursing past MAX_DEPTH. */
function same(a: Json, b: Json, depth = 0): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (depth > MAX_DEPTH || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => same(x, b[i], depth + 1));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  const rb = b as Record<string, Json>;
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.hasOwn(rb, k) && same((a as Record<string, Json>)[k], rb[k], depth + 1))
  );
}

/** Every path at which `a` and `b` differ, in A's order, B's additions after. */
export function diffScenarios(a: Json, b: Json): ScenarioChange[] {
  const out: ScenarioChange[] = [];
  walk(a, b, "", 0, out);
  return out;
}

function walk(a: Json, b: Json, path: string, depth: number, out: ScenarioChange[]): void {
  if (same(a, b)) return;
  const change = { path: path === "" ? "(scenario)" : path, a, b };
  if (depth >= MAX_DEPTH) {
    out.push(change);
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))];
    for (const k of keys) {
      const sub = path === "" ? k : `${path}.${k}`;
      if (depth === 0 && IGNORED.has(k)) continue;
      walk(
        Object.hasOwn(a, k) ? a[k] : undefined,
        Object.hasOwn(b, k) ? b[k] : undefined,
        sub,
        depth + 1,
        out,
      );
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const na = namesOf(a);
    const nb = namesOf(b);
    // Plain lists (numbers, strings, or a list that became longer): one change for the list.
    if (na === null || nb === null) {
      if (a.length !== b.length || !a.every(isObject) || !b.every(isObject)) {
        out.push(change);
        return;
      }
      for (let i = 0; i < a.length; i++) walk(a[i], b[i], `${path}[${i}]`, depth + 1, out);
      return;
    }
    const byName = new Map(b.map((x, i) => [nb[i], x]));
    for (let i = 0; i < a.length; i++) {
      walk(a[i], byName.has(na[i]) ? byName.get(na[i]) : undefined, `${path}[${na[i]}]`, depth + 1, out);
    }
    const inA = new Set(na);
    b.forEach((x, i) => {
      if (!inA.has(nb[i])) walk(undefined, x, `${path}[${nb[i]}]`, depth + 1, out);
    });
    return;
  }
  out.push(change);
}

/** A value as one short line: JSON for scalars and small values, a count for long lists. */
export function formatScenarioValue(x: unknown): string {
  if (x === undefined) return "(absent)";
  if (Array.isArray(x) && x.length > 6) return `[${x.length} items]`;
  if (isObject(x)) {
    const keys = Object.keys(x);
    if (typeof x.name === "string") return `{ name: ${JSON.stringify(x.name)}, ... }`;
    if (keys.length > 4) return `{ ${keys.length} keys }`;
  }
  let text: string;
  try {
    text = JSON.stringify(x) ?? String(x);
  } catch {
    return "(too deep to show)";
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
