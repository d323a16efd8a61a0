/**
 * JSON text for files people diff: 2-space indent, trailing newline, non-finite numbers as null
 * and -0 as 0. Key order is the order the object was built in (the report layer builds its
 * objects field by field); `canonicalJson` sorts keys instead, for hashing.
 */

function clean(_key: string, value: unknown): unknown {
  if (typeof value !== "number") return value;
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}

/** Pretty JSON with a trailing newline. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, clean, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

/** Compact JSON with keys sorted at every level: equal data gives equal text whatever its build order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), clean);
}
