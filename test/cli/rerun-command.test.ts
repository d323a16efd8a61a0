/** `authsim rerun`: a summary reproduces byte for byte; a tampered one is reported; junk is exit 2. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProgram } from "../../src/cli/program.ts";
import { processDeps } from "../../src/cli/run-deps.ts";
import { runScenario } from "../../src/model/run/run-scenario.ts";
import { buildSummary, scenarioHash, serializeSummary } from "../../src/report/index.ts";
import { loadScenarioFile } from "../../src/scenario/index.ts";
import { judgeRun } from "../../src/study/index.ts";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe("authsim rerun", () => {
  const dir = mkdtempSync(join(tmpdir(), "authsim-rerun-"));
  const loaded = loadScenarioFile("scenarios/quickstart.yaml", {
    overrides: ["simulation.duration=5m", "simulation.warmUp=1m"],
  });
  if (!loaded.ok) throw new Error("quickstart.yaml does not load");
  const text = serializeSummary(
    buildSummary(judgeRun(loaded.scenario, runScenario(loaded.scenario)), {
      version: processDeps().version,
      nodeVersion: process.version,
      platform: `${process.platform}-${process.arch}`,
      scenarioHash: scenarioHash(loaded.scenario),
    }),
  );

  it("reproduces a summary byte for byte (exit 0)", async () => {
    const file = join(dir, "summary.json");
    writeFileSync(file, text);
    const c = capture();
    expect(await runProgram(["rerun", file], c.io)).toBe(0);
    expect(c.out.join("\n")).toMatch(/^identical: quickstart, seed 42/);
  });

  it("reports the first differing line of a summary that does not reproduce (exit 1)", async () => {
    const file = join(dir, "tampered.json");
    writeFileSync(
      file,
      text.replace(/"completed": (\d+)/, (_, n) => `"completed": ${Number(n) + 1}`),
    );
    const c = capture();
    expect(await runProgram(["rerun", file], c.io)).toBe(1);
    expect(c.out.join("\n")).toMatch(/different: .* line \d+[\s\S]*recorded: "completed"/);
  });

  it("says why a summary of a run stopped early by a guard cannot reproduce (exit 1)", async () => {
    const file = join(dir, "partial.json");
    const partial = buildSummary(
      judgeRun(loaded.scenario, runScenario(loaded.scenario, { maxEvents: 5_000 })),
      {
        version: processDeps().version,
        nodeVersion: process.version,
        platform: `${process.platform}-${process.arch}`,
        scenarioHash: scenarioHash(loaded.scenario),
      },
    );
    writeFileSync(file, serializeSummary(partial));
    const c = capture();
    expect(await runProgram(["rerun", file], c.io)).toBe(1);
    expect(c.err.join("\n")).toMatch(/stopped early by --max-events or --max-wall .* cannot be identical/);
    expect(c.out.join("\n")).toMatch(/^different: /);
  });

  it("refuses a file that is not an authsim summary (exit 2)", async () => {
    const file = join(dir, "junk.json");
    writeFileSync(file, "[1, 2, 3]");
    const c = capture();
    expect(await runProgram(["rerun", file], c.io)).toBe(2);
    expect(await runProgram(["rerun", join(dir, "missing.json")], c.io)).toBe(2);
  });
});
