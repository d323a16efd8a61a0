/**
 * Document path -> line:column in the source text, through the `yaml` CST ranges. A path that
 * does not exist (a missing key) points at the deepest part that does: the parent's key.
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { PathSegment } from "./problem.ts";

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

function keyMatches(key: unknown, seg: PathSegment): boolean {
  const value = isScalar(key) ? key.value : key;
  return String(value) === String(seg);
}

/** Finds the pair for `seg` in a map node, following `<<` merge keys. */
function findPair(
  doc: Document,
  map: Node,
  seg: PathSegment,
  depth = 0,
): { key: Node | null; value: Node | null } | null {
  if (!isMap(map) || depth > 10) return null;
  for (const item of map.items) {
    if (isPair(item) && keyMatches(item.key, seg)) {
      return { key: (item.key as Node) ?? null, value: (item.value as Node) ?? null };
    }
  }
  for (const item of map.items) {
    if (isPair(item) && keyMatches(item.key, "<<")) {
      const merged = resolve(doc, item.value as Node);
      const sources = isSeq(merged) ? merged.items.map((n) => resolve(doc, n as Node)) : [merged];
      for (const src of sources) {
        const found = src ? findPair(doc, src, seg, depth + 1) : null;
        if (found) return found;
      }
    }
  }
  return null;
}

function resolve(doc: Document, node: Node | null | undefined): Node | null {
  if (!node) return null;
  if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? null;
  return node;
}

/** The position of the value at `path` (or of its key when `atKey`). */
export function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PathSegment[],
  atKey = false,
): SourcePosition {
  let node = resolve(doc, doc.contents as Node | null);
  let best: Node | null = node;
  // The key of the innermost pair reached: a missing key is reported at its parent's key.
  let parentKey: Node | null = null;
  for (let i = 0; i < path.length && node; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    let next: Node | null = null;
    if (isSeq(node) && typeof seg === "number") {
      next = resolve(doc, node.items[seg] as Node | undefined);
      if (!next) {
        best = parentKey ?? node;
        break;
      }
    } else {
      const pair = findPair(doc, node, seg);
      if (!pair) {
        best = parentKey ?? node;
        break;
      }
      parentKey = pair.key;
      next = last && atKey ? pair.key : resolve(doc, pair.value);
      if (!next) {
        best = pair.key ?? node;
        break;
      }
    }
    node = next;
    best = node;
  }
  const offset = best?.range?.[0] ?? 0;
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
