/**
 * Identifiers -> 53-bit numbers (two 32-bit FNV-1a hashes with different offsets, combined), so
 * user and correlation ids can be counted and grouped without keeping their text. Collisions:
 * about n²/2^54 pairs among n ids (10 M ids: ~3 collisions), far below any figure's precision.
 * Never 0: 0 means "absent".
 */

const FNV_PRIME = 0x01000193;

function fnv1a(text: string, offset: number): number {
  let h = offset;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** A 53-bit hash of `text`, or 0 for an empty or missing id. */
export function hashKey(text: string | null | undefined): number {
  if (text === null || text === undefined || text === "") return 0;
  const lo = fnv1a(text, 0x811c9dc5);
  const hi = fnv1a(text, 0x050c5d1f) & 0x1fffff; // 21 bits
  const h = hi * 2 ** 32 + lo;
  return h === 0 ? 1 : h;
}

/** A 53-bit hash of a few numbers (for composite keys such as user × day). */
export function hashNumbers(a: number, b: number, c: number): number {
  return hashKey(`${a}|${b}|${c}`);
}
