// One mapping of output-folder errors to exit codes, shared by every command that writes a folder:
// run, sweep, plan and merge give the same code, and say the same thing, for an existing folder
// without --force (2), a folder with foreign files under --force (2, the files kept), a file in
// the way (73), a name too long (73) and a folder nobody may create in (73) — each found before
// anything is simulated.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { OUTPUT_EXIT_CODES } from "../../src/cli/exit-codes.ts";
import { runProgram } from "../../src/cli/program.ts";
import { processDeps } from "../../src/cli/run-deps.ts";
import { runSweep } from "../../src/cli/sweep-command.ts";
import { writeOutputFolder } from "../../src/report/index.ts";

const dir = mkdtempSync(join(tmpdir(), "authsim-exit-"));
const TINY = ["--set", "simulation.duration=1m", "--set", "simulation.warmUp=0s", "--replications", "1"];
const part = join(dir, "part");

/** Each command that writes a folder, as argv ending where `--out <folder>` goes. */
const COMMANDS: Record<string, () => string[]> = {
  run: () => ["run", "scenarios/quickstart.yaml", ...TINY, "--workers", "1"],
  sweep: () => ["sweep", "scenarios/quickstart.yaml", "--vary", "identityProvider.ssoShare=50%,60%", ...TINY],
  plan: () => ["plan", "scenarios/quickstart.yaml", ...TINY, "--workers", "1"],
  merge: () => ["merge", part],
};

async function exitOf(argv: string[]) {
  const err: string[] = [];
  const started = performance.now();
  const code = await runProgram(argv, { out: () => {}, err: (l) => err.push(l) });
  return { code, err: err.join("\n"), ms: performance.now() - started };
}

beforeAll(async () => {
  // merge needs a real part: one shard holding the whole (one-variant, one-minute) sweep.
  const made = await exitOf([...COMMANDS.sweep(), "--shard", "1/1", "--workers", "1", "--out", part]);
  expect(made.code, made.err).toBe(0);
}, 30_000);

describe("output-folder exit codes, the same for every command", () => {
  const proj = join(dir, "proj");
  const done = join(dir, "done");
  const file = join(dir, "a-file");
  beforeAll(() => {
    mkdirSync(join(proj, "src"), { recursive: true });
    writeFileSync(join(proj, "run.json"), "{}");
    writeFileSync(join(proj, "thesis.tex"), "years of work");
    writeOutputFolder(done, new Map([["summary.json", "{}\n"]]));
    writeFileSync(file, "x");
  });

  const cases: ReadonlyArray<{
    what: string;
    out: () => string;
    extra: string[];
    code: number;
    says: RegExp;
  }> = [
    { what: "exists, no --force", out: () => done, extra: [], code: 2, says: /already exists; .*--force/ },
    {
      what: "foreign files, --force",
      out: () => proj,
      extra: ["--force"],
      code: 2,
      says: /not replacing it even with --force/,
    },
    {
      what: "a file in the way",
      out: () => join(file, "sub"),
      extra: [],
      code: 73,
      says: /is a file, not a folder/,
    },
    {
      what: "a 300-byte name",
      out: () => join(dir, "n".repeat(300)),
      extra: [],
      code: 73,
      says: /ENAMETOOLONG/,
    },
    ...(existsSync("/proc/self")
      ? [{ what: "nowhere to create", out: () => "/proc/authsim-x", extra: [], code: 73, says: /\/proc/ }]
      : []),
  ];

  for (const c of cases) {
    it(`${c.what}: exit ${c.code} from run, sweep, plan and merge, before any simulation`, async () => {
      for (const [name, argv] of Object.entries(COMMANDS)) {
        const r = await exitOf([...argv(), "--out", c.out(), ...c.extra]);
        expect(r.code, `${name}: ${r.err}`).toBe(c.code);
        expect(r.err, name).toMatch(c.says);
        expect(r.err, name).not.toMatch(/\n\s+at /);
        expect(r.ms, name).toBeLessThan(2000);
      }
      expect(readFileSync(join(proj, "thesis.tex"), "utf8")).toBe("years of work");
      expect(existsSync(join(proj, "src"))).toBe(true);
    });
  }

  it("the table gives every reason a code: user's to fix 2, cannot write 73, a bug 70, stopped 130", () => {
    expect(OUTPUT_EXIT_CODES).toEqual({
      exists: 2,
      notOutput: 2,
      badName: 70,
      io: 73,
      noSpace: 73,
      interrupted: 130,
    });
  });

  it("sweep judges the place before starting a worker (no pool is made)", async () => {
    let pools = 0;
    const deps = {
      ...processDeps(),
      makePool: () => {
        pools++;
        throw new Error("a pool was made");
      },
    };
    let code = 0;
    const err: string[] = [];
    const ctx = {
      io: { out: () => {}, err: (l: string) => err.push(l) },
      setExitCode: (c: number) => (code = c),
    };
    const args = { file: "scenarios/quickstart.yaml", set: [], vary: ["identityProvider.ssoShare=50%,60%"] };
    await runSweep({ ...args, out: join(file, "sub"), force: false }, ctx, deps);
    expect(code).toBe(73);
    expect(pools).toBe(0);
  });
});
