/**
 * `import { ... } from "authsim"` from another project: package.json's exports lead to
 * bin/library.js, which re-exports src/index.ts from the CLI's bundle. Checks that its list of
 * names is src/index.ts's, and runs the program docs/architecture.md shows, from a project whose
 * node_modules/authsim is this package.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.ts";

const root = resolve(import.meta.dirname, "..");

/** The names between `export const {` and `} = lib;` in bin/library.js. */
function libraryNames(): string[] {
  const text = readFileSync(join(root, "bin/library.js"), "utf8");
  const list = /export const \{([^}]*)\} = lib;/.exec(text)?.[1] ?? "";
  return list
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n !== "");
}

/** The ```js block under "authsim as a library" in docs/architecture.md. */
function documentedProgram(): string {
  const doc = readFileSync(join(root, "docs/architecture.md"), "utf8");
  const section = doc.slice(doc.indexOf("## authsim as a library"));
  const program = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (program === undefined)
    throw new Error("docs/architecture.md has no js program under 'authsim as a library'");
  return program;
}

describe("the library entry", () => {
  it("re-exports every runtime name of src/index.ts, and no other", () => {
    expect(libraryNames().sort()).toEqual(Object.keys(api).sort());
  });

  it("package.json points the package's entry at it", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(pkg.exports["."].default).toBe("./bin/library.js");
    expect(pkg.exports["."].types).toBe("./src/index.ts");
  });

  it("runs the program of docs/architecture.md from another project", { timeout: 60_000 }, () => {
    const project = mkdtempSync(join(tmpdir(), "authsim-library-"));
    mkdirSync(join(project, "node_modules"));
    symlinkSync(root, join(project, "node_modules", "authsim"), "dir");
    cpSync(join(root, "scenarios/quickstart.yaml"), join(project, "scenarios/quickstart.yaml"));
    writeFileSync(join(project, "package.json"), '{ "type": "module" }\n');
    writeFileSync(join(project, "program.js"), documentedProgram());
    const out = execFileSync(process.execPath, ["program.js"], { cwd: project, encoding: "utf8" });
    const lines = out.trim().split("\n");
    // Two replications, each with its logins and both datacenters, then one line per SLO.
    expect(lines.filter((l) => /^replication \d: \d+ logins, p95 \d+\.\d\d s$/.test(l))).toHaveLength(2);
    expect(lines.filter((l) => /^ {2}(weu|neu): WFE \d+\.\d% busy$/.test(l))).toHaveLength(4);
    const scenario = api.loadScenario(join(root, "scenarios/quickstart.yaml"));
    expect(lines.filter((l) => /: (pass|miss)$/.test(l))).toHaveLength(scenario.slos.length);
  });
});
