/**
 * A seeded generator of hostile inputs for the hostile-input suites: mutations of the bundled
 * scenarios, each invalid by construction (a typed value replaced by one of another type or a
 * prototype key, a required key dropped, an unknown or prototype key added, an impossible
 * distribution, a bad time zone, YAML attacks: alias bombs, deep nesting, tags, duplicate keys,
 * binary, broken syntax). The same seed gives the same cases, so a failure names a case that
 * can be run again.
 */
import { parseDocument, stringify } from "yaml";

/** mulberry32: small, fast, good enough to pick mutations. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(rnd: Random, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

export const PROTO_KEYS = [
  "constructor",
  "__proto__",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
];

/** Values that no typed leaf (count, duration, rate, share, enum, region, boolean) accepts. */
const FOREIGN_VALUES: readonly unknown[] = [
  ...PROTO_KEYS,
  "",
  "-5s",
  "1e3s",
  "NaN",
  "Infinity",
  "5 parsecs",
  "x".repeat(5000),
  null,
  [],
  {},
  [[[]]],
  { constant: "constructor" },
];

/** Keys whose string values are free text or names (another value there may be valid). */
const FREE_TEXT = new Set(["name", "description", "$schema"]);

interface Leaf {
  readonly path: readonly (string | number)[];
  readonly value: unknown;
}

function leaves(value: unknown, path: (string | number)[] = [], out: Leaf[] = []): Leaf[] {
  if (Array.isArray(value))
    value.forEach((v, i) => {
      leaves(v, [...path, i], out);
    });
  else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
  else if (!FREE_TEXT.has(String(path[path.length - 1]))) out.push({ path, value });
  return out;
}

function setIn(root: unknown, path: readonly (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
}

function mappings(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) mappings(v, [...path, i], out);
  } else if (value !== null && typeof value === "object") {
    out.push(path);
    for (const [k, v] of Object.entries(value)) mappings(v, [...path, k], out);
  }
  return out;
}

const getIn = (root: unknown, path: readonly (string | number)[]) =>
  path.reduce<unknown>((n, seg) => (n as Record<string | number, unknown>)[seg], root);

const BAD_DISTRIBUTIONS: readonly unknown[] = [
  { normal: { mean: "20ms", sd: "10ms" } },
  { normal: { mean: "1ms", sd: "1us", min: "1s" } },
  { lognormal: { median: "100ms", p99: "50ms" } },
  {
    empirical: [
      [0.5, "80ms"],
      [0.4, "90ms"],
    ],
  },
  { empirical: [] },
  { mixture: [{ weight: 0, dist: "1ms" }] },
  { uniform: { min: "2s", max: "1s" } },
  { gamma: { shape: -1, scale: "1ms" } },
  { erlang: { k: 0.5, mean: "1ms" } },
  { constant: "5" },
  { normal: { mean: "1ms", sd: "1ms" }, constant: "1ms" },
  { weibull: { k: 1 } },
];

/** One document-level mutation of `doc` (a plain object), with a label saying what it did. */
function mutateDocument(rnd: Random, doc: Record<string, unknown>): string {
  const kind = pick(rnd, ["leaf", "leaf", "leaf", "drop", "key", "slo", "dist", "tz", "region"]);
  switch (kind) {
    case "leaf": {
      const leaf = pick(rnd, leaves(doc));
      const value = pick(rnd, FOREIGN_VALUES);
      setIn(doc, leaf.path, value);
      return `leaf ${leaf.path.join(".")} = ${JSON.stringify(value)?.slice(0, 30)}`;
    }
    case "drop": {
      const key = pick(rnd, ["name", "datacenters", "userBases"]);
      delete doc[key];
      return `drop ${key}`;
    }
    case "key": {
      const at = pick(rnd, mappings(doc));
      const key = pick(rnd, [...PROTO_KEYS, "x y", "nmae"]);
      const target = getIn(doc, at) as Record<string, unknown>;
      Object.defineProperty(target, key, { value: 1, enumerable: true, configurable: true, writable: true });
      return `key ${[...at, key].join(".")}`;
    }
    case "slo": {
      const metric = pick(rnd, [...PROTO_KEYS, "login.p95@constructor", "login.p42", "wfe.utilisation.peak"]);
      doc.slos = [`${metric} < ${pick(rnd, ["1s", "70%", "abc", "-1s", "1"])}`];
      // wfe.utilisation.peak < 1s / < 1 / < abc / < -1s are all invalid; < 70% is not: make it so.
      if (metric === "wfe.utilisation.peak") doc.slos = ["wfe.utilisation.peak < 1s"];
      return `slo ${String(doc.slos)}`;
    }
    case "dist": {
      const dist = pick(rnd, BAD_DISTRIBUTIONS);
      const dcs = doc.datacenters as Record<string, unknown>[];
      if (!Array.isArray(dcs) || dcs.length === 0) return mutateDocument(rnd, doc);
      const dc = dcs[0] as { wfe?: Record<string, unknown> };
      dc.wfe = { ...(dc.wfe ?? {}), serviceTime: { callback: dist } };
      return `dist ${JSON.stringify(dist)}`;
    }
    case "tz": {
      const zone = pick(rnd, ["Mars/Olympus", "UTC+15", "constructor", "Europe/Lodnon", "+99:00"]);
      doc.geography = { regions: [{ name: "moon", lat: 1, lon: 1, timeZone: zone }] };
      return `tz ${zone}`;
    }
    default: {
      const region = pick(rnd, ["tokyo", "constructor", "westeurop", "", "__proto__", "Mars"]);
      const ubs = doc.userBases as Record<string, unknown>[];
      if (!Array.isArray(ubs) || ubs.length === 0) return mutateDocument(rnd, doc);
      ubs[0].region = region;
      return `region ${region}`;
    }
  }
}

/** One text-level (YAML) attack on `text`. */
function mutateText(rnd: Random, text: string): [string, string] {
  const kind = pick(rnd, ["bomb", "deep", "tag", "dup", "nul", "syntax", "alias", "key", "quote"]);
  switch (kind) {
    case "bomb": {
      const width = 5 + Math.floor(rnd() * 20);
      const lines = [`b0: &b0 [${Array(width).fill("x").join(",")}]`];
      for (let i = 1; i < 8; i++)
        lines.push(
          `b${i}: &b${i} [${Array(width)
            .fill(`*b${i - 1}`)
            .join(",")}]`,
        );
      return [`${text}\n${lines.join("\n")}\n`, `alias bomb ${width}^8`];
    }
    case "deep": {
      const depth = 70 + Math.floor(rnd() * 3000);
      const [open, close] = rnd() < 0.5 ? ["[", "]"] : ["{a: ", "}"];
      return [`${text}\ndeep: ${open.repeat(depth)}1${close.repeat(depth)}\n`, `deep ${depth}`];
    }
    case "tag": {
      const tag = pick(rnd, ["!!omap", "!!set", "!!binary", "!!timestamp", "!custom", "!!pairs"]);
      const line =
        tag === "!!binary"
          ? `extra: ${tag} aGVsbG8=`
          : tag === "!!timestamp"
            ? `extra: ${tag} 2020-01-01`
            : tag === "!!set"
              ? `extra: ${tag} { a, b }`
              : `extra: ${tag} [ { a: 1 } ]`;
      return [`${text}\n${line}\n`, `tag ${tag}`];
    }
    case "dup":
      return [`${text}\nname: again\n`, "duplicate key"];
    case "nul": {
      const at = Math.floor(rnd() * text.length);
      return [`${text.slice(0, at)}\u0000${text.slice(at)}`, `NUL at ${at}`];
    }
    case "syntax": {
      const bad = pick(rnd, [
        "\tname: tab",
        "x: [1, 2",
        "x: {a: 1",
        "x: 'open",
        "- stray",
        ": nokey",
        "x: @at",
      ]);
      return [`${text}\n${bad}\n`, `syntax ${JSON.stringify(bad)}`];
    }
    case "alias":
      return [`${text}\nextra: *nowhere\n`, "undefined alias"];
    case "key":
      return [`${text}\n? [a, b]\n: 1\n`, "collection key"];
    default: {
      const cut = `${text}\nextra: "never closed\n  more text\n`;
      return [cut, "unterminated double quote"];
    }
  }
}

export interface HostileCase {
  readonly label: string;
  readonly text: string;
}

/** `count` hostile variants of `source` (YAML text), reproducible from `rnd`. */
export function hostileScenarios(rnd: Random, source: string, count: number): HostileCase[] {
  const out: HostileCase[] = [];
  for (let i = 0; i < count; i++) {
    if (rnd() < 0.35) {
      const [text, label] = mutateText(rnd, source);
      out.push({ label, text });
      continue;
    }
    const doc = parseDocument(source).toJS() as Record<string, unknown>;
    const label = mutateDocument(rnd, doc);
    // JSON for prototype keys (defineProperty keeps them own); YAML otherwise.
    const text = rnd() < 0.3 ? JSON.stringify(doc, null, 1) : stringify(doc);
    out.push({ label, text });
  }
  return out;
}
