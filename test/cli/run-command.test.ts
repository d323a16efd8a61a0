// `authsim run`: bad input exits 2 with every problem and writes nothing; a run writes the whole
// folder and exits 0/1 by the SLOs; Ctrl-C exits 130 and writes nothing; a model failure is a
// one-line "please report" with exit 70. The world is faked through RunDeps; one test at the end
// runs the real model on a worker thread when the model is ready.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../../src/cli/program.ts";
import { type RunArgs, runRun } from "../../src/cli/run-command.ts";
import { processDeps, type RunDeps } from "../../src/cli/run-deps.ts";
import { ModelError, RunKilled, type ScenarioRunner } from "../../src/cli/scenario-runner.ts";
import type { RunResult } from "../../src/model/run/run-result.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { fabricate, quickstart } from "../report/fixtures/fabricated-run.ts";

const dir = mkdtempSync(join(tmpdir(), "authsim-run-"));
let n = 0;
const freshOut = () => join(dir, `out-${++n}`);

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const resolved =
  (results: RunResult[]): ScenarioRunner =>
  () => ({
    results: Promise.resolve(results),
    stop: () => {},
    kill: () => {},
  });

function fakeDeps(overrides: Partial<RunDeps> = {}): RunDeps {
  let clock = Date.UTC(2025, 0, 7, 9, 30, 0);
  return {
    runner: resolved([fabricate()]),
    makePool: () => {
      throw new Error("run uses the runner, not a pool");
    },
    now: () => {
      clock += 1000;
      return new Date(clock);
    },
    env: {},
    stderr: { isTTY: false, columns: 80, write: () => {} },
    stdoutIsTTY: false,
    onInterrupt: () => () => {},
    renderCharts: async () => new Map([["wfe-load.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47])]]),
    version: "0.0.0-test",
    stopGrace: 10,
    ...overrides,
  };
}

const args = (overrides: Partial<RunArgs> = {}): RunArgs => ({
  file: "scenarios/quickstart.yaml",
  set: [],
  quiet: false,
  json: false,
  force: false,
  out: freshOut(),
  ...overrides,
});

describe("authsim run: bad input", () => {
  it("prints every problem, exits 2 and creates no folder", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "name: bad\ndatacenters:\n  - { name: a, region: westeurop }\nuserBases: []\n");
    const out = freshOut();
    const err: string[] = [];
    const code = await runProgram(["run", bad, "--out", out], { out: () => {}, err: (l) => err.push(l) });
    expect(code).toBe(2);
    expect(err.join("\n")).toContain('did you mean "westeurope"?');
    expect(err.join("\n")).toContain("userBases: expected at least one user base");
    expect(err.join("\n")).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it("rejects a bad --seed, --replications or --set with exit 2", async () => {
    for (const extra of [
      ["--seed", "-1"],
      ["--replications", "0"],
      ["--seed", "abc"],
      ["--set", "simulation.duration=abc"],
    ]) {
      const out = freshOut();
      const code = await runProgram(["run", "scenarios/quickstart.yaml", "--out", out, ...extra], {
        out: () => {},
        err: () => {},
      });
      expect(code, extra.join(" ")).toBe(2);
      expect(existsSync(out)).toBe(false);
    }
  });

  it("refuses an existing output folder without --force, before running", async () => {
    const out = freshOut();
    mkdirSync(out);
    writeFileSync(join(out, "summary.json"), "old");
    let ran = false;
    const c = capture();
    const runner: ScenarioRunner = (s, h) => {
      ran = true;
      return resolved([fabricate()])(s, h);
    };
    expect(await runRun(args({ out }), c.io, fakeDeps({ runner }))).toBe(2);
    expect(ran).toBe(false);
    expect(c.err.join("\n")).toContain("--force");
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("old");
  });
});

describe("authsim run: a run", () => {
  it("writes the output folder, prints the table and the path, exits 0 when every SLO passes", async () => {
    const c = capture();
    const out = freshOut();
    expect(await runRun(args({ out }), c.io, fakeDeps())).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      ".authsim-manifest.json",
      "report.html",
      "report.md",
      "run.json",
      "summary.json",
      "timeseries.csv",
      "wfe-load.png",
    ]);
    expect(c.out[0]).toBe("quickstart: 15m simulated, seed 42, 1 replication");
    expect(c.out.at(-1)).toBe(`output: ${out}`);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("data:image/png;base64,");
    // Only the drawn chart is placed in the markdown.
    const md = readFileSync(join(out, "report.md"), "utf8");
    expect(md).toContain("(wfe-load.png)");
    expect(md).not.toContain("(token-issuance.png)");
    const run = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
    expect(run.startedAt).toBe("2025-01-07T09:30:01.000Z");
  });

  it("exits 1 when an SLO fails", async () => {
    const c = capture();
    const deps = fakeDeps({ runner: resolved([fabricate({ loginP95: 4 })]) });
    expect(await runRun(args(), c.io, deps)).toBe(1);
    expect(c.out.join("\n")).toContain("FAIL  login.p95 < 3s");
  });

  it("writes byte-identical summary.json for the same scenario and seed, whatever the clock", async () => {
    const a = freshOut();
    const b = freshOut();
    await runRun(args({ out: a }), capture().io, fakeDeps());
    await runRun(args({ out: b }), capture().io, fakeDeps({ now: () => new Date(2030, 5, 1) }));
    expect(readFileSync(join(b, "summary.json"), "utf8")).toBe(readFileSync(join(a, "summary.json"), "utf8"));
  });

  it("prints summary.json on stdout with --json, and one CSV per replication", async () => {
    const c = capture();
    const out = freshOut();
    const runner = resolved([0, 1].map((i) => fabricate({ replication: i, seed: 42 + i })));
    expect(await runRun(args({ out, json: true, replications: 2 }), c.io, fakeDeps({ runner }))).toBe(0);
    const printed = c.out.join("\n");
    expect(`${printed}\n`).toBe(readFileSync(join(out, "summary.json"), "utf8"));
    expect(JSON.parse(printed).scenario.simulation.replications).toBe(2);
    expect(c.err).toContain(`output: ${out}`);
    expect(existsSync(join(out, "timeseries-r1.csv"))).toBe(true);
    expect(existsSync(join(out, "timeseries-r2.csv"))).toBe(true);
    expect(existsSync(join(out, "timeseries.csv"))).toBe(false);
  });

  it("passes --seed into the scenario the model runs and the summary echoes", async () => {
    let seen = -1;
    const runner: ScenarioRunner = (s, h) => {
      seen = s.simulation.seed;
      return resolved([fabricate()])(s, h);
    };
    const out = freshOut();
    await runRun(args({ out, seed: 7 }), capture().io, fakeDeps({ runner }));
    expect(seen).toBe(7);
    expect(JSON.parse(readFileSync(join(out, "summary.json"), "utf8")).seed).toBe(7);
  });

  it("writes the rest with a warning when charts cannot be drawn", async () => {
    const c = capture();
    const out = freshOut();
    const renderCharts = async () => {
      throw new Error("no canvas");
    };
    expect(await runRun(args({ out }), c.io, fakeDeps({ renderCharts }))).toBe(0);
    expect(c.err.join("\n")).toContain("warning: charts not drawn: no canvas");
    expect(existsSync(join(out, "report.md"))).toBe(true);
  });

  it("replaces an earlier run's folder with --force", async () => {
    const out = freshOut();
    await runRun(args({ out }), capture().io, fakeDeps());
    expect(await runRun(args({ out, force: true }), capture().io, fakeDeps())).toBe(0);
  });
});

describe("authsim run: stopping and failing", () => {
  it("stops on Ctrl-C, says so, exits 130 and writes nothing", async () => {
    let interrupt = () => {};
    let stopped = false;
    const runner: ScenarioRunner = () => {
      let finish: (r: RunResult[]) => void = () => {};
      const results = new Promise<RunResult[]>((resolve) => (finish = resolve));
      // The model notices the flag at its next progress check and returns what it finished.
      setTimeout(() => interrupt(), 5);
      const stop = () => {
        stopped = true;
        finish([]);
      };
      return { results, stop, kill: () => {} };
    };
    const onInterrupt = (h: () => void) => {
      interrupt = h;
      return () => {};
    };
    const c = capture();
    const out = freshOut();
    expect(await runRun(args({ out }), c.io, fakeDeps({ runner, onInterrupt }))).toBe(130);
    expect(stopped).toBe(true);
    expect(c.err).toContain("stopped: no output written");
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes("partial"))).toEqual([]);
  });

  it("kills a run that ignores the stop request", async () => {
    let interrupt = () => {};
    const runner: ScenarioRunner = () => {
      let fail: (e: Error) => void = () => {};
      const results = new Promise<RunResult[]>((_, reject) => (fail = reject));
      setTimeout(() => interrupt(), 5);
      return { results, stop: () => {}, kill: () => fail(new RunKilled("killed")) };
    };
    const c = capture();
    const onInterrupt = (h: () => void) => {
      interrupt = h;
      return () => {};
    };
    const deps = fakeDeps({ runner, onInterrupt });
    expect(await runRun(args(), c.io, deps)).toBe(130);
  });

  it("reports a model failure in one line with 'please report', exit 70", async () => {
    const runner: ScenarioRunner = () => ({
      results: Promise.reject(new ModelError("boom", "Error: boom\n    at x (y.ts:1:1)")),
      stop: () => {},
      kill: () => {},
    });
    const c = capture();
    const out = freshOut();
    expect(await runRun(args({ out }), c.io, fakeDeps({ runner }))).toBe(70);
    expect(c.err[0]).toBe("authsim: the model failed: boom");
    expect(c.err.join("\n")).toContain("please report");
    expect(c.err.join("\n")).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});

describe("authsim run: guards before the run", () => {
  const noRun = () => {
    const calls = { n: 0 };
    const runner: ScenarioRunner = (...a) => {
      calls.n++;
      return resolved([fabricate()])(...a);
    };
    return { calls, runner };
  };

  it("refuses a run that cannot fit in memory: exit 2, the estimate, how to shrink it, nothing written", async () => {
    const { calls, runner } = noRun();
    const c = capture();
    const out = freshOut();
    const set = ["userBases[0].dailyActiveUsers=100000000000"];
    expect(await runRun(args({ out, set }), c.io, fakeDeps({ runner }))).toBe(2);
    const err = c.err.join("\n");
    expect(err).toMatch(/would need about [\d.]+ GiB of memory \([\d,]+ concurrent sessions at the peak\)/);
    expect(err).toMatch(/Shrink it: fewer daily users/);
    expect(calls.n).toBe(0);
    expect(existsSync(out)).toBe(false);
  });

  it("warns on stderr, and runs, when the estimate exceeds ten minutes", async () => {
    const { calls, runner } = noRun();
    const c = capture();
    const set = [
      "userBases[0].dailyActiveUsers=4000000",
      "simulation.duration=1d",
      "simulation.backEndCalls.model=exact",
    ];
    expect(await runRun(args({ set }), c.io, fakeDeps({ runner }))).not.toBe(2);
    expect(c.err.join("\n")).toMatch(
      /^warning: about \d+ M events, roughly \d+ min .*--max-wall or --max-events/m,
    );
    expect(calls.n).toBe(1);
  });

  it("does not warn about a small run", async () => {
    const c = capture();
    await runRun(args(), c.io, fakeDeps());
    expect(c.err.join("\n")).not.toMatch(/warning: about/);
  });

  it("rejects a bad --max-events or --max-wall with exit 2", async () => {
    for (const bad of [{ maxEvents: 0 }, { maxEvents: 1.5 }, { maxWall: "10" }, { maxWall: "0s" }]) {
      const c = capture();
      expect(await runRun(args(bad), c.io, fakeDeps())).toBe(2);
      expect(c.err.join("\n")).toMatch(/--max-(events|wall): expected/);
    }
  });
});

describe("authsim run with the real model", () => {
  it("the model runs a minute of the quickstart (a throwing model fails here, it is never skipped)", () => {
    expect(runScenario(quickstart(["simulation.duration=1m", "simulation.warmUp=0s"]))).toHaveLength(1);
  });

  it("--max-events and --max-wall stop the run cleanly and write a report marked incomplete", async () => {
    const deps = { ...processDeps(), renderCharts: async () => new Map<string, Uint8Array>() };
    for (const guard of [{ maxEvents: 20_000 }, { maxWall: "1ms" }]) {
      const out = freshOut();
      const c = capture();
      const code = await runRun(args({ out, quiet: true, ...guard }), c.io, deps);
      expect([0, 1]).toContain(code);
      expect(c.err.join("\n")).toMatch(
        /replication 1 stopped early \(--max-events\/--max-wall\): figures are partial/,
      );
      const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
      expect(summary.metrics.complete).toBe(false);
      if ("maxEvents" in guard) expect(summary.metrics.events).toBe(20_000);
      expect(readFileSync(join(out, "report.md"), "utf8")).toMatch(
        /Warning: replication 1 stopped before the end of simulated time; its figures are partial\./,
      );
    }
  });

  it("runs on a worker thread and gives byte-identical summaries for one seed", async () => {
    const deps = { ...processDeps(), renderCharts: async () => new Map<string, Uint8Array>() };
    const set = ["simulation.duration=2m", "simulation.warmUp=30s"];
    const [a, b] = [freshOut(), freshOut()];
    const codes = [];
    for (const out of [a, b]) codes.push(await runRun(args({ out, set, quiet: true }), capture().io, deps));
    expect(codes.every((c) => c === 0 || c === 1)).toBe(true);
    expect(readFileSync(join(b, "summary.json"), "utf8")).toBe(readFileSync(join(a, "summary.json"), "utf8"));
    expect(readFileSync(join(a, "timeseries.csv"), "utf8").split("\n")[0]).toMatch(/^t_s,utc,/);
  });
});
