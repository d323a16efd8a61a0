// The hidden staging folders beside an output folder (`.<name>.partial-<pid>-XXXXXX`, and `-old`
// for a folder being replaced): a write stopped by a signal leaves none; those a killed process
// left (SIGKILL, really sent to a child here) are removed by the next write to the same place, a
// replaced folder is put back when its replacement never arrived, and anything that is not
// wholly authsim's, or belongs to a live process, is left alone.
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkOutputFolder,
  MANIFEST_NAME,
  OutputFolderError,
  writeOutputFolder,
} from "../../src/report/index.ts";

const root = mkdtempSync(join(tmpdir(), "authsim-staging-"));
let n = 0;
const parent = () => {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir);
  return dir;
};

/** Above Linux's largest pid_max (2^22): no process has it. */
const DEAD_PID = 2 ** 30;

const files = (summary = "{}\n") =>
  new Map<string, string | Uint8Array>([
    ["summary.json", summary],
    ["report.md", "# report\n"],
    ["chart.png", new Uint8Array([1, 2, 3])],
  ]);

/** A staging folder as a run killed after writing `written` of `files` leaves it. */
function leftover(dir: string, target: string, pid: number, written: string[], suffix = ""): string {
  const path = join(dir, `.${target}.partial-${pid}-a1B2c3${suffix}`);
  mkdirSync(path);
  const manifest = { format: "authsim-output-manifest", version: 1, identity: { command: "run" }, target };
  writeFileSync(
    join(path, MANIFEST_NAME),
    JSON.stringify({ ...manifest, files: [...files().keys()].sort() }),
  );
  for (const name of written) writeFileSync(join(path, name), "x");
  return path;
}

describe("staging folders left by a killed run", () => {
  it("are removed by the next check of the same place, and reported", () => {
    const p = parent();
    const half = leftover(p, "run", DEAD_PID, ["summary.json"]);
    const empty = join(p, `.run.partial-${DEAD_PID}-zzzzzz`);
    mkdirSync(empty);
    const { stale } = checkOutputFolder(join(p, "run"));
    expect(stale.map((s) => [s.path, s.action]).sort()).toEqual([
      [half, "removed"],
      [empty, "removed"],
    ]);
    expect(readdirSync(p)).toEqual([]);
  });

  it("a folder set aside for replacement goes back when the new one never arrived", () => {
    const p = parent();
    const out = join(p, "run");
    writeOutputFolder(out, files("old\n"));
    const aside = `${leftover(p, "run", DEAD_PID, [...files().keys()])}-old`;
    renameSync(out, aside);
    checkOutputFolder(out, { force: true });
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("old\n");
    expect(readdirSync(p)).toEqual(["run"]);
  });

  it("a folder set aside is deleted when its replacement is in place", () => {
    const p = parent();
    const out = join(p, "run");
    writeOutputFolder(out, files("new\n"));
    const aside = join(p, `.run.partial-${DEAD_PID}-q9q9q9-old`);
    writeOutputFolder(aside, files("old\n"));
    checkOutputFolder(out, { force: true });
    expect(readdirSync(p)).toEqual(["run"]);
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("new\n");
  });

  it("leaves a live process's, a foreign-holding one, another target's and an unmarked one alone", () => {
    const p = parent();
    const live = leftover(p, "run", process.ppid, ["summary.json"]);
    const foreign = leftover(p, "run", DEAD_PID, ["summary.json", "thesis.tex"]);
    const other = join(p, `.run.partial-${DEAD_PID}-other1`);
    mkdirSync(other);
    writeFileSync(
      join(other, MANIFEST_NAME),
      JSON.stringify({
        format: "authsim-output-manifest",
        version: 1,
        identity: { command: "run" },
        target: "run2",
        files: [],
      }),
    );
    const unmarked = join(p, ".run.partial-Xy12ab"); // no pid: not ours to judge
    mkdirSync(unmarked);
    expect(checkOutputFolder(join(p, "run")).stale).toEqual([]);
    for (const dir of [live, foreign, other, unmarked]) expect(existsSync(dir), dir).toBe(true);
  });

  it("a SIGKILL mid-write leaves a staging folder; the next write removes it", async () => {
    const p = parent();
    const out = join(p, "run");
    // A child that writes the folder and kills itself outright after the second file.
    const code = `
      import { writeOutputFolder } from "./src/report/index.ts";
      const files = new Map(["a.txt", "b.txt", "c.txt"].map((f) => [f, "x"]));
      let written = 0;
      writeOutputFolder(${JSON.stringify(out)}, files, {
        onFile: () => { if (++written === 2) process.kill(process.pid, "SIGKILL"); },
      });`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      stdio: "ignore",
    });
    const signal = await new Promise((resolve) => child.on("exit", (_, s) => resolve(s)));
    expect(signal).toBe("SIGKILL");
    const left = readdirSync(p);
    expect(left).toEqual([expect.stringMatching(new RegExp(`^\\.run\\.partial-${child.pid}-\\w{6}$`))]);
    expect(readdirSync(join(p, left[0])).sort()).toEqual([MANIFEST_NAME, "a.txt", "b.txt"]);
    const check = writeOutputFolder(out, files());
    expect(check.stale.map((s) => s.pid)).toEqual([child.pid]);
    expect(readdirSync(p)).toEqual(["run"]);
  });
});

describe("a write stopped by its AbortSignal (Ctrl-C, SIGTERM)", () => {
  const stop = (after: string) => {
    const controller = new AbortController();
    return {
      signal: controller.signal,
      onFile: (name: string) => (name === after ? controller.abort() : undefined),
    };
  };
  const reason = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof OutputFolderError ? e.reason : String(e);
    }
    return "no error";
  };

  it("mid-write leaves no folder and no staging folder", () => {
    const p = parent();
    expect(reason(() => writeOutputFolder(join(p, "run"), files(), stop("report.md")))).toBe("interrupted");
    expect(readdirSync(p)).toEqual([]);
  });

  it("after the last file, before the rename, still leaves nothing", () => {
    const p = parent();
    expect(reason(() => writeOutputFolder(join(p, "run"), files(), stop("chart.png")))).toBe("interrupted");
    expect(readdirSync(p)).toEqual([]);
  });

  it("during a forced replacement keeps the old folder whole", () => {
    const p = parent();
    const out = join(p, "run");
    writeOutputFolder(out, files("old\n"));
    const forced = { force: true, ...stop("summary.json") };
    expect(reason(() => writeOutputFolder(out, files("new\n"), forced))).toBe("interrupted");
    expect(readdirSync(p)).toEqual(["run"]);
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("old\n");
  });
});
