/**
 * One set of CLI conventions on every command: the shared options exist wherever they make sense
 * and mean the same, and a mistake in one is a usage error (exit 2) naming the option, never a
 * crash (`--out a --out b` was exit 70, `--seed abc` said "found NaN", plan --quiet was unknown).
 */
import { describe, expect, it } from "vitest";
import { runProgram } from "../../src/cli/program.ts";

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runProgram(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const SIMULATING = [
  ["run", "scenarios/quickstart.yaml"],
  ["sweep", "scenarios/quickstart.yaml", "--vary", "simulation.seed=1,2"],
  ["plan", "scenarios/quickstart.yaml"],
];

describe("shared options", () => {
  it.each(SIMULATING)(
    "%s: --out twice, --seed abc, --replications 0, --workers x are usage errors",
    async (...cmd) => {
      for (const [bad, message] of [
        [["--out", "a", "--out", "b"], /--out given 2 times \(a, b\): give it once/],
        [["--seed", "abc"], /--seed: expected a whole number >= 0, found "abc"/],
        [["--seed", "-1"], /--seed: expected a whole number >= 0/],
        [["--replications", "0"], /--replications: expected a whole number >= 1, found "0"/],
        [["--workers", "x"], /--workers: expected a whole number >= 1/],
        [["--out", ""], /--out: expected a folder path, found nothing/],
      ] as const) {
        const r = await cli([...cmd, ...bad]);
        expect(r.code, bad.join(" ")).toBe(2);
        expect(r.err).toMatch(message);
      }
    },
  );

  it.each(SIMULATING)(
    "%s takes --quiet, --json, --seed, --force (a missing file is what it says)",
    async (...cmd) => {
      const argv = [cmd[0], "nowhere.yaml", ...cmd.slice(2), "--quiet", "--json", "--seed", "7", "--force"];
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(r.err).not.toMatch(/Unknown argument/);
      expect(r.err).toMatch(/nowhere\.yaml:1:1: .*found no such file/);
    },
  );

  it("merge takes --out and --force; -h and --version answer", async () => {
    expect((await cli(["merge", "nowhere", "--out", "a", "--out", "b"])).err).toMatch(/--out given 2 times/);
    expect((await cli(["-h"])).code).toBe(0);
    expect((await cli(["--version"])).code).toBe(0);
  });
});
