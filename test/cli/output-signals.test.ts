// A signal at any moment of the write phase leaves the complete folder or nothing: Ctrl-C or
// SIGTERM while charts are drawn or files written (the writer is hooked to send it mid-write)
// exits 130 with no folder and no staging folder, a forced replacement keeps the old folder;
// a real SIGTERM sent to a process mid-write lets the write finish whole (without the guard it
// kills the process half-way); and staging folders left by a killed run are cleaned up, with a
// note, by the next run that targets the same place.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type RunArgs, runRun } from "../../src/cli/run-command.ts";
import { processDeps, type RunDeps } from "../../src/cli/run-deps.ts";
import type { ScenarioRunner } from "../../src/cli/scenario-runner.ts";
import { runSweep } from "../../src/cli/sweep-command.ts";
import { MANIFEST_NAME } from "../../src/report/index.ts";
import { fabricate } from "../report/fixtures/fabricated-run.ts";

const dir = mkdtempSync(join(tmpdir(), "authsim-signal-"));
let n = 0;
/** A fresh parent folder per test: what is left in it is all the test made. */
const place = () => {
  const p = join(dir, `case-${++n}`);
  mkdirSync(p);
  return p;
};

function capture() {
  const err: string[] = [];
  return { io: { out: () => {}, err: (l: string) => err.push(l) }, err };
}

/** Interrupts as the process would deliver them, sent by the test when it chooses. */
function fakeSignals() {
  const handlers = new Set<() => void>();
  return {
    onInterrupt: (h: () => void) => {
      handlers.add(h);
      return () => handlers.delete(h);
    },
    send: () => {
      for (const h of [...handlers]) h();
    },
  };
}

const runner: ScenarioRunner = () => ({
  results: Promise.resolve([fabricate()]),
  stop: () => {},
  kill: () => {},
});

function fakeDeps(overrides: Partial<RunDeps> = {}): RunDeps {
  return {
    ...processDeps(),
    runner,
    env: {},
    stderr: { isTTY: false, columns: 80, write: () => {} },
    stdoutIsTTY: false,
    renderCharts: async () => new Map([["wfe-load.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47])]]),
    version: "0.0.0-test",
    stopGrace: 10,
    ...overrides,
  };
}

const args = (out: string, extra: Partial<RunArgs> = {}): RunArgs => ({
  file: "scenarios/quickstart.yaml",
  set: [],
  quiet: true,
  json: false,
  force: false,
  out,
  ...extra,
});

describe("authsim run: a signal in the write phase", () => {
  it("while files are written: exit 130, no folder, no staging folder", async () => {
    const p = place();
    const signals = fakeSignals();
    const written: string[] = [];
    const onOutputFile = (name: string) => {
      written.push(name);
      if (name === "summary.json") signals.send();
    };
    const c = capture();
    const code = await runRun(args(join(p, "run")), c.io, fakeDeps({ ...signals, onOutputFile }));
    expect(code).toBe(130);
    expect(written).toEqual(["summary.json"]); // it stopped at the next file
    expect(c.err.join("\n")).toMatch(/stopped before .*run was complete: nothing written/);
    expect(readdirSync(p)).toEqual([]);
  });

  it("while charts are drawn: exit 130, nothing created", async () => {
    const p = place();
    const signals = fakeSignals();
    const renderCharts = async () => {
      signals.send();
      return new Map<string, Uint8Array>();
    };
    const code = await runRun(args(join(p, "run")), capture().io, fakeDeps({ ...signals, renderCharts }));
    expect(code).toBe(130);
    expect(readdirSync(p)).toEqual([]);
  });

  it("while replacing a folder with --force: the old folder stays whole", async () => {
    const p = place();
    const out = join(p, "run");
    expect(await runRun(args(out), capture().io, fakeDeps())).toBe(0);
    // The manifest holds the run id, new for every run: the same one after means the same folder.
    const before = readFileSync(join(out, MANIFEST_NAME), "utf8");
    const signals = fakeSignals();
    const onOutputFile = (name: string) => (name === "report.md" ? signals.send() : undefined);
    const deps = fakeDeps({ ...signals, onOutputFile });
    expect(await runRun(args(out, { force: true }), capture().io, deps)).toBe(130);
    expect(readdirSync(p)).toEqual(["run"]);
    expect(readFileSync(join(out, MANIFEST_NAME), "utf8")).toBe(before);
    expect(readdirSync(out)).toHaveLength(7);
  });

  it("a staging folder a killed run left is removed by the next run there, with a note", async () => {
    const p = place();
    const stale = join(p, `.run.partial-${2 ** 30}-k1ll3d`);
    mkdirSync(stale);
    const manifest = {
      format: "authsim-output-manifest",
      version: 1,
      identity: { command: "run" },
      target: "run",
    };
    writeFileSync(join(stale, MANIFEST_NAME), JSON.stringify({ ...manifest, files: ["summary.json"] }));
    writeFileSync(join(stale, "summary.json"), "{");
    const c = capture();
    expect(await runRun(args(join(p, "run")), c.io, fakeDeps())).toBe(0);
    expect(readdirSync(p)).toEqual(["run"]);
    expect(c.err.join("\n")).toContain(`note: removed ${stale}, left by a stopped run (pid ${2 ** 30})`);
  });
});

describe("authsim sweep: a signal in the write phase", () => {
  it("exit 130, no folder, no staging folder", async () => {
    const p = place();
    const signals = fakeSignals();
    const deps = fakeDeps({ ...signals, onOutputFile: () => signals.send() });
    let code = 0;
    const ctx = { io: capture().io, setExitCode: (c: number) => (code = c) };
    const sweep = {
      file: "scenarios/quickstart.yaml",
      set: ["simulation.duration=1m", "simulation.warmUp=0s"],
      vary: ["identityProvider.ssoShare=50%,60%"],
      replications: 1,
      workers: 1,
      shard: "1/1",
      out: join(p, "sweep"),
      force: false,
    };
    await runSweep(sweep, ctx, deps);
    expect(code).toBe(130);
    expect(readdirSync(p)).toEqual([]);
  }, 20_000);
});

describe("a real SIGTERM sent to a process in the middle of its write", () => {
  /** A child that writes three files and sends itself SIGTERM after the first; its exit. */
  async function child(guarded: boolean, out: string) {
    const write = guarded
      ? `const { writeFolder } = await import("./src/cli/output-guard.ts");
         const { processInterrupts } = await import("./src/cli/interrupts.ts");
         await writeFolder({ out: OUT, force: false, command: "run", version: "t", onInterrupt: processInterrupts, expectedBytes: 0, onFile }, () => files);`
      : `const { writeOutputFolder } = await import("./src/report/index.ts");
         writeOutputFolder(OUT, files, { onFile });`;
    const code = `
      const OUT = ${JSON.stringify(out)};
      const files = new Map(["a.txt", "b.txt", "c.txt"].map((f) => [f, "x"]));
      let written = 0;
      const onFile = () => { if (++written === 1) process.kill(process.pid, "SIGTERM"); };
      ${write}`;
    const proc = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    proc.stderr.on("data", (d) => (stderr += d));
    return new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
      proc.on("exit", (code, signal) => resolve({ code, signal, stderr })),
    );
  }

  it("with the write guard, the folder is written whole and nothing else is left", async () => {
    const p = place();
    const r = await child(true, join(p, "run"));
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(p)).toEqual(["run"]);
    expect(readdirSync(join(p, "run")).sort()).toEqual([MANIFEST_NAME, "a.txt", "b.txt", "c.txt"]);
  }, 20_000);

  it("without it the process dies half-way and leaves a staging folder, which the next write removes", async () => {
    const p = place();
    const r = await child(false, join(p, "run"));
    expect(r.signal).toBe("SIGTERM");
    expect(readdirSync(p)).toEqual([expect.stringMatching(/^\.run\.partial-\d+-\w{6}$/)]);
    const c = capture();
    expect(await runRun(args(join(p, "run")), c.io, fakeDeps())).toBe(0);
    expect(readdirSync(p)).toEqual(["run"]);
    expect(existsSync(join(p, "run", "summary.json"))).toBe(true);
  }, 20_000);
});
