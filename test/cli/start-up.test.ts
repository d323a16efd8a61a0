/**
 * `authsim --help` and `authsim validate` must start fast (issue 13: well under 0.5 s). Speed is
 * not timed here (this machine's speed swings; bench/ measures it); what makes it fast is checked:
 * the modules loaded before a command runs are only yargs and the option tables, and the real
 * executable runs from the bundle bin/cli-build.js makes, not through tsx.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findImports, ROOT, stripSource } from "../source-scan.ts";

/** Every src file loaded when `start` loads: static value imports, not `import type` or `import()`. */
function loadedAtStart(start: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = stripSource(readFileSync(file, "utf8")).code;
    for (const ref of findImports(code)) {
      if (ref.typeOnly || ref.dynamic || !ref.specifier.startsWith(".")) continue;
      visit(resolve(dirname(file), ref.specifier));
    }
  };
  visit(join(ROOT, start));
  return [...seen].map((f) => f.slice(ROOT.length)).sort();
}

const BIN = join(ROOT, "bin", "authsim.js");
const run = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8" });

describe("start-up", () => {
  it("loads only the command table before a command runs: no model, report, engine or scenario code", () => {
    const loaded = loadedAtStart("src/cli/main.ts");
    expect(loaded).toContain("src/cli/program.ts");
    expect(loaded).toContain("src/cli/commands/run.ts");
    // plan's --components help lists the components from the one place they are declared.
    const outsideCli = loaded.filter((f) => !f.startsWith("src/cli/"));
    expect(outsideCli).toEqual(["src/study/capacity-targets.ts"]);
    const heavy = loaded.filter((f) => /-command\.ts$|worker-pool|run-deps/.test(f));
    expect(heavy).toEqual([]);
    expect(loaded.length).toBeLessThan(20);
  });

  it("the executable answers --help, --version, -h and validate from its bundle", () => {
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("authsim validate <file>");
    expect(help.stdout).toContain("authsim plan <file>");
    expect(run("-h").stdout).toBe(help.stdout);

    const version = run("--version");
    expect(version.status).toBe(0);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);

    const ok = run("validate", "scenarios/quickstart.yaml");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^ok: quickstart — /);

    const bad = run("validate", "scenarios/no-such-file.yaml");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("scenarios/no-such-file.yaml:1:1");
    expect(bad.stderr).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  });

  it("the bundle is plain JavaScript named after the sources, and runs without tsx", async () => {
    const { cliEntry } = (await import(join(ROOT, "bin", "cli-build.js"))) as {
      cliEntry: () => Promise<string | null>;
    };
    const entry = await cliEntry();
    expect(entry).toMatch(/\/\.build\/cli-[0-9a-f]{16}\/main\.js$/);
    expect(await cliEntry()).toBe(entry); // same sources, same bundle
    // A bare Node with no loader hooks: a .ts module anywhere in the path would fail to load.
    const probe = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", `await import("${entry}")`, "_", "--version"],
      {
        encoding: "utf8",
      },
    );
    expect(probe.stderr).toBe("");
    expect(probe.status).toBe(0);
    expect(probe.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
