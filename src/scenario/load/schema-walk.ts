/**
 * Walks the zod schema along a document path to learn what is allowed there: the keys of the
 * object at that path (for "did you mean" on unknown keys and for checking `--set` paths) and the
 * tags of a discriminated union. Reads zod's public `_zod.def` structure; the raw document value
 * picks the branch of a union.
 */
import type { z } from "zod";
import type { PathSegment } from "./problem.ts";

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly discriminator?: string;
  readonly valueType?: z.ZodType;
  readonly items?: readonly z.ZodType[];
  readonly values?: readonly unknown[];
  readonly getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Strips wrappers (optional, default, pipe, lazy...) down to a structural schema. */
function unwrap(schema: z.ZodType): z.ZodType {
  for (let i = 0; i < 50; i++) {
    const def = defOf(schema);
    if (def.innerType) schema = def.innerType;
    else if (def.type === "pipe" && def.in) schema = def.in;
    else if (def.type === "lazy" && def.getter) schema = def.getter();
    else return schema;
  }
  return schema;
}

/** The union options that fit `raw` (by discriminator when there is one), or all of them. */
function branches(schema: z.ZodType, raw: unknown): z.ZodType[] {
  const def = defOf(schema);
  if (def.type !== "union" || !def.options) return [schema];
  const options = def.options.map(unwrap);
  if (def.discriminator && raw && typeof raw === "object") {
    const tag = (raw as Record<string, unknown>)[def.discriminator];
    const match = options.filter((o) => literalValues(defOf(o).shape?.[def.discriminator!]).includes(tag));
    if (match.length > 0) return match;
  }
  const structural = options.filter((o) => {
    const t = defOf(o).type;
    return (
      (t === "object" && raw !== null && typeof raw === "object" && !Array.isArray(raw)) ||
      (t === "array" && Array.isArray(raw))
    );
  });
  return structural.length > 0 ? structural : options;
}

function literalValues(schema: z.ZodType | undefined): unknown[] {
  if (!schema) return [];
  const def = defOf(unwrap(schema));
  return def.values ? [...def.values] : [];
}

/** The schemas that may hold the value at `path` (several when a union is ambiguous). */
export function schemasAt(root: z.ZodType, path: readonly PathSegment[], rawRoot: unknown): z.ZodType[] {
  let current: { schema: z.ZodType; raw: unknown }[] = [{ schema: root, raw: rawRoot }];
  for (const seg of path) {
    const next: { schema: z.ZodType; raw: unknown }[] = [];
    for (const { schema, raw } of current) {
      for (const s of branches(unwrap(schema), raw)) {
        const def = defOf(s);
        const childRaw =
          raw && typeof raw === "object" && Object.hasOwn(raw, seg)
            ? (raw as Record<string, unknown>)[seg as string]
            : undefined;
        if (def.type === "object" && def.shape && typeof seg === "string" && Object.hasOwn(def.shape, seg)) {
          next.push({ schema: def.shape[seg], raw: childRaw });
        } else if (def.type === "array" && def.element && typeof seg === "number") {
          next.push({ schema: def.element, raw: childRaw });
        } else if (def.type === "tuple" && def.items && typeof seg === "number" && def.items[seg]) {
          next.push({ schema: def.items[seg], raw: childRaw });
        } else if (def.type === "record" && def.valueType && typeof seg === "string") {
          next.push({ schema: def.valueType, raw: childRaw });
        }
      }
    }
    current = next;
  }
  return current.flatMap(({ schema, raw }) => branches(unwrap(schema), raw));
}

/** Keys allowed in the object at `path`; null when that is not an object with a fixed shape. */
export function knownKeysAt(
  root: z.ZodType,
  path: readonly PathSegment[],
  rawRoot: unknown,
): string[] | null {
  const keys = new Set<string>();
  let sawObject = false;
  for (const s of schemasAt(root, path, rawRoot)) {
    const def = defOf(s);
    if (def.type === "record") return null;
    if (def.type === "object" && def.shape) {
      sawObject = true;
      for (const k of Object.keys(def.shape)) keys.add(k);
    }
  }
  return sawObject ? [...keys] : null;
}

/** Is the value at `path` a list (so `[n]` segments make sense)? */
export function isListAt(root: z.ZodType, path: readonly PathSegment[], rawRoot: unknown): boolean {
  return schemasAt(root, path, rawRoot).some((s) => ["array", "tuple"].includes(defOf(s).type));
}

/** Is the value at `path` a record with free keys (e.g. a user base's tenant weights)? */
export function isRecordAt(root: z.ZodType, path: readonly PathSegment[], rawRoot: unknown): boolean {
  return schemasAt(root, path, rawRoot).some((s) => defOf(s).type === "record");
}

/** Tag values of the discriminated union at `path`, e.g. the fault types. */
export function discriminatorValuesAt(
  root: z.ZodType,
  path: readonly PathSegment[],
  rawRoot: unknown,
): string[] {
  const parent = schemasAt(root, path.slice(0, -1), rawRoot);
  const last = path[path.length - 1];
  const out: string[] = [];
  for (const p of parent) {
    const def = defOf(p);
    const holder = def.type === "array" ? def.element : def.shape?.[last as string];
    if (!holder) continue;
    const u = defOf(unwrap(holder));
    if (u.type === "union" && u.discriminator && u.options) {
      for (const o of u.options)
        out.push(...literalValues(defOf(unwrap(o)).shape?.[u.discriminator]).map(String));
    }
  }
  return out;
}
