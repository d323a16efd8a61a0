/**
 * `authsim compare`: rows from two summaries, Welch significance only where both runs have
 * replications, and the CLI's refusal of folders that hold no summary.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../../src/cli/program.ts";
import { type ComparableSummary, compareSummaries, formatComparison } from "../../src/report/compare.ts";

const single = (p95: number): ComparableSummary => ({
  scenarioName: "s",
  seed: 1,
  replications: 1,
  headline: { "login.p95": p95, "renewal.p95": null },
  replicationStats: null,
});

const replicated = (values: number[]): ComparableSummary => ({
  scenarioName: "s",
  seed: 1,
  replications: values.length,
  headline: { "login.p95": values[0] },
  replicationStats: { metrics: { "login.p95": { values } } },
});

describe("compareSummaries", () => {
  it("gives difference and relative change, and no significance with one replication", () => {
    const [row, missing] = compareSummaries(single(2), single(3));
    expect(row).toMatchObject({ metric: "login.p95", a: 2, b: 3, difference: 1, relative: 0.5 });
    expect(row.significance).toBe("n/a (1 replication)");
    expect(missing).toMatchObject({ metric: "renewal.p95", difference: null, significance: "n/a" });
  });

  it("calls a clear shift significant and overlapping samples not", () => {
    const shifted = compareSummaries(replicated([1.0, 1.1, 0.9, 1.05]), replicated([2.0, 2.1, 1.9, 2.05]))[0];
    expect(shifted.significance).toBe("significant");
    expect(shifted.interval?.[0]).toBeGreaterThan(0);
    const same = compareSummaries(replicated([1.0, 1.2, 0.8, 1.1]), replicated([1.05, 0.9, 1.15, 1.0]))[0];
    expect(same.significance).toBe("not significant");
    expect(same.interval?.[0]).toBeLessThan(0);
    expect(same.interval?.[1]).toBeGreaterThan(0);
  });

  it("formats one aligned line per metric under a header", () => {
    const text = formatComparison(compareSummaries(single(2), single(3)), "A", "B").split("\n");
    expect(text[0]).toMatch(/^metric\s+A\s+B\s+B - A\s+B vs A\s+significance/);
    expect(text[1]).toMatch(/^login\.p95\s+2\s+3\s+1\s+\+50\.0%/);
    expect(new Set(text.map((l) => l.length)).size).toBe(1);
  });
});

describe("authsim compare", () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
  };

  it("exits 2 with a clear message for a missing folder or a file that is not a summary", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authsim-compare-"));
    writeFileSync(join(dir, "summary.json"), JSON.stringify({ hello: 1 }));
    const c = io();
    expect(await runProgram(["compare", dir, join(dir, "nope")], c.io)).toBe(2);
    expect(c.err.join("\n")).toMatch(/not an authsim summary\.json/);
    expect(c.err.join("\n")).toMatch(/nope.*no such file/);
  });

  it("compares two summaries on disk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "authsim-compare-"));
    const a = join(dir, "a.json");
    const b = join(dir, "b.json");
    writeFileSync(a, JSON.stringify({ format: 1, ...single(2) }));
    writeFileSync(b, JSON.stringify({ format: 1, ...single(4) }));
    const c = io();
    expect(await runProgram(["compare", a, b], c.io)).toBe(0);
    expect(c.out.join("\n")).toMatch(/login\.p95\s+2\s+4\s+2\s+\+100\.0%/);
  });
});
