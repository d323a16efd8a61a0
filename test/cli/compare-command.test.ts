/**
 * `authsim compare <runA> <runB>`: reads two output folders (or their summary.json), prints the
 * table or, with --json, the rows; a missing folder or a file that is not a summary is exit 2.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../../src/cli/program.ts";
import { fabricate } from "../report/fixtures/fabricated-run.ts";
import { fabricatedSummaryText } from "../report/fixtures/fabricated-summary.ts";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

/** An output folder holding `text` as summary.json. */
function folder(root: string, name: string, text: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "summary.json"), text);
  return dir;
}

describe("authsim compare", () => {
  const root = mkdtempSync(join(tmpdir(), "authsim-compare-"));
  const runA = folder(
    root,
    "a",
    fabricatedSummaryText([2.0, 2.1, 1.9].map((loginP95, i) => fabricate({ replication: i, loginP95 }))),
  );
  const runB = folder(
    root,
    "b",
    fabricatedSummaryText([3.0, 3.1, 2.9].map((loginP95, i) => fabricate({ replication: i, loginP95 }))),
  );

  it("prints both runs and the table (exit 0)", async () => {
    const c = capture();
    expect(await runProgram(["compare", runA, runB], c.io)).toBe(0);
    const text = c.out.join("\n");
    expect(text).toContain(`A: ${runA} (quickstart, seed 42, 3 replications: means)`);
    expect(text).toMatch(/login\.p95\s+2\.000 s\s+3\.000 s\s+\+1\.000 s\s+\+50\.0%\s+significant, 95% CI/);
    expect(text).toMatch(/wfe\.utilisation\.peak@weu\s+42\.0%\s+42\.0%\s+0\.0 pp/);
    expect(c.err).toEqual([]);
  });

  it("accepts a summary.json path as well as its folder", async () => {
    const c = capture();
    expect(await runProgram(["compare", join(runA, "summary.json"), runA], c.io)).toBe(0);
    expect(c.out.join("\n")).toMatch(/login\.p95\s+2\.000 s\s+2\.000 s\s+0\.0 ms\s+0\.0%\s+not significant/);
  });

  it("prints the comparison as JSON with --json", async () => {
    const c = capture();
    expect(await runProgram(["compare", runA, runB, "--json"], c.io)).toBe(0);
    const json = JSON.parse(c.out.join("\n"));
    expect(json.a).toEqual({ path: runA, scenarioName: "quickstart", seed: 42, replications: 3 });
    const p95 = json.rows.find((r: { metric: string }) => r.metric === "login.p95");
    expect(p95).toMatchObject({ kind: "latency", a: 2, b: 3, difference: 1, significance: "significant" });
    expect(p95.interval).toHaveLength(2);
  });

  it("exits 2 naming each folder that is missing or holds no authsim summary", async () => {
    const junk = folder(root, "junk", JSON.stringify({ hello: 1 }));
    const c = capture();
    expect(await runProgram(["compare", junk, join(root, "nope")], c.io)).toBe(2);
    expect(c.out).toEqual([]);
    expect(c.err.join("\n")).toMatch(/junk.summary\.json: not an authsim summary/);
    expect(c.err.join("\n")).toMatch(/junk.summary\.json:1:1: scenarioName: expected/);
    expect(c.err.join("\n")).toMatch(/nope:1:1: .*found no such file/);
  });

  it("exits 2 for a folder without summary.json and for text that is not JSON", async () => {
    const empty = join(root, "empty");
    mkdirSync(empty);
    const broken = folder(root, "broken", "{ not json");
    const c = capture();
    expect(await runProgram(["compare", empty, broken], c.io)).toBe(2);
    expect(c.err.join("\n")).toMatch(/empty.summary\.json:1:1: .*found no such file/);
    expect(c.err.join("\n")).toMatch(/broken.summary\.json:1:\d+: .*\(valid JSON\)/);
  });

  it("exits 2 with usage when a run is not given", async () => {
    const c = capture();
    expect(await runProgram(["compare", runA], c.io)).toBe(2);
  });
});
