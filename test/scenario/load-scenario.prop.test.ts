// A few hundred generated bad documents, mutated from a valid one: the loader never throws and
// always reports at least one problem with a real line and column.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { loadScenarioText } from "../../src/scenario/index.ts";

const VALID = parse(
  readFileSync(new URL("../../scenarios/dc-outage-failover.yaml", import.meta.url), "utf8"),
) as Record<string, unknown>;

type Path = (string | number)[];
function paths(v: unknown, prefix: Path = []): Path[] {
  if (v === null || typeof v !== "object") return [prefix];
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
  return [prefix, ...entries.flatMap(([k, x]) => paths(x, [...prefix, k]))];
}
const ALL_PATHS = paths(VALID).filter((p) => p.length > 0);

function mutate(
  doc: unknown,
  path: readonly (string | number)[],
  f: (old: unknown, parent: Record<string | number, unknown>, key: string | number) => void,
) {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let parent = copy;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  const key = path[path.length - 1];
  f(parent[key], parent, key);
  return copy;
}

const badValue = fc.oneof(
  fc.constant(-1),
  fc.constant("5 parsecs"),
  fc.constant(true),
  fc.constant([]),
  fc.constant({ bogus: 1 }),
  fc.constant("x".repeat(3)),
  fc.constant(12.5),
);

const mutation = fc.oneof(
  // A wrong-typed or malformed value somewhere.
  fc.record({ kind: fc.constant("value" as const), path: fc.constantFrom(...ALL_PATHS), value: badValue }),
  // An unknown key next to a real one.
  fc.record({
    kind: fc.constant("key" as const),
    path: fc.constantFrom(...ALL_PATHS),
    key: fc.constantFrom("nmae", "regoin", "instance", "zzz"),
  }),
  // A required key removed.
  fc.record({
    kind: fc.constant("drop" as const),
    path: fc.constantFrom(
      ["name"],
      ["datacenters"],
      ["userBases", 0, "region"],
      ["datacenters", 0, "name"],
      ["faults", 0, "start"],
    ),
  }),
  // Bad units.
  fc.record({
    kind: fc.constant("unit" as const),
    path: fc.constantFrom(["simulation", "duration"], ["trafficManager", "ttl"], ["faults", 0, "duration"]),
    value: fc.constantFrom(60, "60", "60 sec", "1y", ""),
  }),
  // Garbage YAML appended or a line cut.
  fc.record({
    kind: fc.constant("garbage" as const),
    text: fc.constantFrom("\n  : : [", "\n\tbad: tab", "\n{unclosed", "\nname: dup"),
  }),
);

describe("loader on generated bad documents", () => {
  it("never throws and always places at least one problem", () => {
    fc.assert(
      fc.property(mutation, (m) => {
        let text: string;
        if (m.kind === "garbage") text = stringify(VALID) + m.text;
        else if (m.kind === "drop")
          text = stringify(
            mutate(VALID, m.path, (_o, parent, key) => {
              if (Array.isArray(parent)) parent.splice(Number(key), 1);
              else delete parent[key];
            }),
          );
        else if (m.kind === "key") {
          const parentPath = m.path.slice(0, -1);
          text = stringify(
            parentPath.length === 0
              ? { ...VALID, [m.key]: 1 }
              : mutate(VALID, parentPath, (old) => {
                  if (old && typeof old === "object" && !Array.isArray(old))
                    (old as Record<string, unknown>)[m.key] = 1;
                  else if (Array.isArray(old)) old.push({ [m.key]: 1 });
                }),
          );
          if (text === stringify(VALID)) return;
        } else text = stringify(mutate(VALID, m.path, (_o, parent, key) => (parent[key] = m.value)));
        const r = loadScenarioText(text, "gen.yaml");
        // Some value mutations are still valid (e.g. a boolean where a boolean belongs).
        if (r.ok) return;
        expect(r.problems.length).toBeGreaterThan(0);
        for (const p of r.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.column).toBeGreaterThanOrEqual(1);
          expect(p.expected.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400, seed: 20251126 },
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = loadScenarioText(text, "junk.yaml");
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.problems[0].line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
