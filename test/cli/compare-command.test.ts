/**
 * `authsim compare <runA> <runB>`: reads two output folders (or their summary.json), prints the
 * table or, with --json, the rows; a missing folder or a file that is not a summary is exit 2.
 * It names differing seeds, the scenario paths that differ and the SLO verdicts that flip, and
 * --fail-on-regression exits 1 only on a significant worsening (never on one replication).
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

/** The parts of summary.json the tests edit. */
interface EditableSummary {
  seed: number;
  scenario: { simulation: { seed: number }; identityProvider: { ssoShare: number }; source: string };
  slos: { verdicts: { pass: boolean }[] };
}

async function capturedJson(argv: string[]): Promise<string[]> {
  const c = capture();
  await runProgram(argv, c.io);
  return c.out;
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

  /** A summary's text with its scenario echo and seed edited as another run would have them. */
  const edited = (text: string, edit: (s: EditableSummary) => void) => {
    const summary = JSON.parse(text);
    edit(summary);
    return JSON.stringify(summary, null, 2);
  };

  it("names differing seeds, the scenario paths that differ and the SLO verdicts that flip", async () => {
    const text = fabricatedSummaryText(
      [3.0, 3.1, 2.9].map((loginP95, i) => fabricate({ replication: i, loginP95 })),
    );
    const other = folder(
      root,
      "other",
      edited(text, (s) => {
        s.seed = 7;
        s.scenario.simulation.seed = 7;
        s.scenario.identityProvider.ssoShare = 0.5;
        s.scenario.source = "elsewhere/quickstart.yaml"; // the same scenario from another path
        s.slos.verdicts[0].pass = !s.slos.verdicts[0].pass;
      }),
    );
    const c = capture();
    expect(await runProgram(["compare", runB, other], c.io)).toBe(0);
    const text2 = c.out.join("\n");
    expect(text2).toContain("Seeds differ (A 42, B 7)");
    expect(text2).toMatch(
      /Scenarios differ at 1 path \(A -> B\):\n {2}identityProvider\.ssoShare: 0\.8 -> 0\.5\n/,
    );
    expect(text2).toMatch(/SLO verdicts that flip \(A -> B\):\n {2}\S.*: (pass -> miss|miss -> pass)/);
    const json = JSON.parse((await capturedJson(["compare", runB, other, "--json"])).join("\n"));
    expect(json.seeds).toEqual({ a: 42, b: 7, differ: true });
    expect(json.scenarioChanges).toEqual([{ path: "identityProvider.ssoShare", a: 0.8, b: 0.5 }]);
    expect(json.sloFlips).toHaveLength(1);
  });

  it("--fail-on-regression: exit 1 when B is significantly worse, 0 when it is better or the same", async () => {
    const worse = capture();
    expect(await runProgram(["compare", runA, runB, "--fail-on-regression"], worse.io)).toBe(1);
    expect(worse.out.join("\n")).toMatch(/login\.p95 .*significant, 95% CI .*\(worse\)/);
    expect(worse.out.join("\n")).toContain(
      "Regressions: login.p50, login.p95, login.p99 (significantly worse in B, Welch 95%).",
    );
    const better = capture();
    expect(await runProgram(["compare", runB, runA, "--fail-on-regression"], better.io)).toBe(0);
    expect(better.out.join("\n")).toContain("Regressions: none");
    // Without the flag a regression is reported, not an error.
    expect(await runProgram(["compare", runA, runB], capture().io)).toBe(0);
  });

  it("--fail-on-regression never fails on one replication: it says significance cannot be judged", async () => {
    const single = folder(root, "single", fabricatedSummaryText([fabricate({ loginP95: 9 })]));
    const c = capture();
    expect(await runProgram(["compare", runA, single, "--fail-on-regression"], c.io)).toBe(0);
    expect(c.out.join("\n")).toMatch(/Regressions: cannot be judged \(B has 1 replication/);
  });

  it("exits 2 with usage when a run is not given", async () => {
    const c = capture();
    expect(await runProgram(["compare", runA], c.io)).toBe(2);
  });
});
