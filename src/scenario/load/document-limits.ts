/**
 * Limits on a parsed YAML document, checked before anything recursive (toJS, zod, the reference
 * checks) sees it: nesting depth, YAML tags beyond the plain ones (`!!omap`, `!!set`, `!!binary`
 * become Maps, Sets and Buffers that the schema would silently ignore), keys that are lists or
 * mappings, and alias expansion (an alias bomb). Each problem carries the offset of the node it is
 * about, so it is reported at file:line:col like every other problem. The walk is iterative, so a
 * document nested 10,000 deep cannot overflow the stack here.
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node } from "yaml";

/** Deeper than any scenario needs (a mixture of mixtures is about 12); far below stack limits. */
export const MAX_DEPTH = 64;

/** Values expanded from aliases, in total (yaml's maxAliasCount): a bomb stops here. */
export const MAX_ALIAS_EXPANSION = 10_000;

export interface DocumentProblem {
  /** Character offset in the text. */
  readonly offset: number;
  readonly expected: string;
  readonly found: string;
}

const CORE = "tag:yaml.org,2002:";
const PLAIN_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => CORE + t));

const shortTag = (tag: string) => (tag.startsWith(CORE) ? `!!${tag.slice(CORE.length)}` : tag);
const offsetOf = (node: unknown) => (node as { range?: [number, number, number] }).range?.[0] ?? 0;

/** Every limit the document breaks (at most one problem per kind, at its first place). */
export function checkDocument(doc: Document): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const reported = new Set<string>();
  const add = (kind: string, node: unknown, expected: string, found: string) => {
    if (reported.has(kind)) return;
    reported.add(kind);
    problems.push({ offset: offsetOf(node), expected, found });
  };
  const stack: Array<[unknown, number]> = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || node === undefined) continue;
    if (isAlias(node)) continue;
    const tag = isScalar(node) || isMap(node) || isSeq(node) ? node.tag : undefined;
    if (tag !== undefined && !PLAIN_TAGS.has(tag)) {
      add(
        "tag",
        node,
        "plain YAML values (no tags such as !!omap, !!set or !custom)",
        `the tag ${shortTag(tag)}`,
      );
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > MAX_DEPTH) {
      add("depth", node, `at most ${MAX_DEPTH} levels of nesting`, "a document nested deeper");
      continue;
    }
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        const key = item.key as Node | null;
        if (isMap(key) || isSeq(key)) {
          add("key", key, "a plain key (a name)", isMap(key) ? "a mapping as a key" : "a list as a key");
        }
        stack.push([item.value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  for (const w of doc.warnings) {
    add("warning", { range: w.pos }, "plain YAML", w.message.split("\n")[0]);
  }
  return problems;
}

/** The first alias in the document (where an alias bomb is reported), or null. */
function firstAlias(doc: Document): Node | null {
  const stack: unknown[] = [doc.contents];
  let first: Node | null = null;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      if (first === null || offsetOf(node) < offsetOf(first)) first = node;
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) stack.push(isPair(item) ? item.value : item);
    }
  }
  return first;
}

/** The document as plain JavaScript, with alias expansion bounded; a problem instead of a throw. */
export function documentToJs(
  doc: Document,
):
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: DocumentProblem } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION }) };
  } catch (e) {
    const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
    if (/unresolved alias/i.test(message)) {
      const name = /: (\S+)$/.exec(message)?.[1];
      return {
        ok: false,
        problem: {
          offset: offsetOf(firstAlias(doc)),
          expected: "an alias (*name) after its anchor (&name)",
          found: name ? `*${name} with no &${name} before it` : "an alias with no anchor",
        },
      };
    }
    if (/alias/i.test(message)) {
      return {
        ok: false,
        problem: {
          offset: offsetOf(firstAlias(doc)),
          expected: `aliases (*name) that expand to at most ${MAX_ALIAS_EXPANSION.toLocaleString("en-US")} values in all`,
          found: "more (too many aliases, or aliases of aliases: an alias bomb)",
        },
      };
    }
    return { ok: false, problem: { offset: 0, expected: "a document of reasonable size", found: message } };
  }
}
