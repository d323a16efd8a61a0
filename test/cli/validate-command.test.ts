// `authsim validate`: a summary and exit 0 for a good file; every problem and exit 2 for a bad
// one, a missing file, or a command-line mistake; never a stack trace.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../../src/cli/program.ts";

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runProgram(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const dir = mkdtempSync(join(tmpdir(), "authsim-validate-"));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("authsim validate", () => {
  it("prints a one-line summary for a good scenario", async () => {
    const r = await run("validate", "scenarios/quickstart.yaml");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok: quickstart — 3 user bases .*2 datacenters/);
  });

  it("--json: one object on stdout, problems with file, line and column; --quiet: nothing when ok", async () => {
    const good = await run("validate", "scenarios/quickstart.yaml", "--json");
    expect(good.code).toBe(0);
    const ok = JSON.parse(good.out);
    expect(ok).toMatchObject({ ok: true, problems: [], scenario: { name: "quickstart", datacenters: 2 } });
    const file = write(
      "bad-json.yaml",
      "name: bad\ndatacenters:\n  - { name: a, region: westeurop }\nuserBases: []\n",
    );
    const bad = await run("validate", file, "--json");
    expect(bad.code).toBe(2);
    expect(bad.err).toBe("");
    const report = JSON.parse(bad.out);
    expect(report.ok).toBe(false);
    expect(report.scenario).toBeNull();
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        file,
        line: 3,
        column: 24,
        path: "datacenters[0].region",
        suggestion: "westeurope",
      }),
    );
    const quiet = await run("validate", "scenarios/quickstart.yaml", "--quiet");
    expect([quiet.code, quiet.out, quiet.err]).toEqual([0, "", ""]);
  });

  it("prints every problem with file:line:column and exits 2", async () => {
    const file = write(
      "bad.yaml",
      "name: bad\ndatacenters:\n  - { name: a, region: westeurop }\nuserBases: []\n",
    );
    const r = await run("validate", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}:3:24: datacenters[0].region:`);
    expect(r.err).toContain('did you mean "westeurope"?');
    expect(r.err).toContain("userBases: expected at least one user base");
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("applies --set and validates the result", async () => {
    expect((await run("validate", "scenarios/quickstart.yaml", "--set", "simulation.duration=1h")).code).toBe(
      0,
    );
    const bad = await run("validate", "scenarios/quickstart.yaml", "--set", "simulation.duration=abc");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--set simulation.duration=abc");
  });

  it("handles a missing file, a directory and a non-YAML file", async () => {
    expect((await run("validate", join(dir, "nope.yaml"))).err).toContain("no such file");
    expect((await run("validate", dir)).err).toContain("a directory");
    const binary = write("blob.bin", "\u0000\u0001\u0002");
    const r = await run("validate", binary);
    expect(r.code).toBe(2);
    expect(r.err).toContain("binary data");
  });

  it("answers unknown commands, unknown options and missing arguments with usage and exit 2", async () => {
    for (const argv of [
      ["frobnicate"],
      ["validate", "scenarios/quickstart.yaml", "--bogus"],
      ["validate"],
      [],
    ]) {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toContain("authsim --help");
      expect(r.out).toBe("");
    }
  });
});
