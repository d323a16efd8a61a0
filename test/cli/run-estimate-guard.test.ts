/**
 * The pre-run estimate as a guard: a run the estimate puts at hours is refused (exit 2, nothing
 * run or written) unless --max-wall or --max-events bounds it; shorter runs only warn.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type RunArgs, runRun } from "../../src/cli/run-command.ts";
import type { RunDeps } from "../../src/cli/run-deps.ts";
import { fabricate } from "../report/fixtures/fabricated-run.ts";

const dir = mkdtempSync(join(tmpdir(), "authsim-guard-"));

function deps(calls: { n: number }): RunDeps {
  let clock = Date.UTC(2025, 0, 7, 9, 30, 0);
  return {
    runner: () => {
      calls.n++;
      return { results: Promise.resolve([fabricate()]), stop: () => {}, kill: () => {} };
    },
    makePool: () => {
      throw new Error("run uses the runner");
    },
    now: () => {
      clock += 1000;
      return new Date(clock);
    },
    env: {},
    stderr: { isTTY: false, columns: 80, write: () => {} },
    stdoutIsTTY: false,
    onInterrupt: () => () => {},
    renderCharts: async () => new Map(),
    version: "0.0.0-test",
    stopGrace: 10,
  };
}

// The quickstart for a week with 20 M users in Amsterdam, every API call played one by one: the
// estimate says many hours.
const HOURS = [
  "userBases[0].dailyActiveUsers=20000000",
  "simulation.duration=7d",
  "simulation.backEndCalls.model=exact",
];

const args = (overrides: Partial<RunArgs>): RunArgs => ({
  file: "scenarios/quickstart.yaml",
  set: HOURS,
  quiet: true,
  json: false,
  force: false,
  out: join(dir, `out-${Math.random().toString(36).slice(2)}`),
  ...overrides,
});

describe("authsim run: the estimate guard", () => {
  it("refuses a run of hours without a bound: exit 2, the estimate, the way out, nothing run", async () => {
    const calls = { n: 0 };
    const err: string[] = [];
    const a = args({});
    expect(await runRun(a, { out: () => {}, err: (l) => err.push(l) }, deps(calls))).toBe(2);
    expect(err.join("\n")).toMatch(/would take roughly [\d.]+ h .*nothing written/);
    expect(err.join("\n")).toMatch(/--max-wall 3h/);
    expect(calls.n).toBe(0);
    expect(existsSync(a.out!)).toBe(false);
  });

  it("runs it with --max-wall or --max-events", async () => {
    for (const bound of [{ maxWall: "2h" }, { maxEvents: 1_000_000 }]) {
      const calls = { n: 0 };
      const code = await runRun(args(bound), { out: () => {}, err: () => {} }, deps(calls));
      expect(code).not.toBe(2);
      expect(calls.n).toBe(1);
    }
  });
});
