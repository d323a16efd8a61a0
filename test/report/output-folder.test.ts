// The output folder: written in a hidden temporary sibling and renamed into place, never over an
// existing folder without force, never over a folder that is not authsim output, and nothing
// left behind when a write fails.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkOutputFolder, OutputFolderError, writeOutputFolder } from "../../src/report/index.ts";

const root = mkdtempSync(join(tmpdir(), "authsim-out-"));
let n = 0;
/** A fresh parent folder per test, so leftovers are easy to see. */
const parent = () => {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir);
  return dir;
};

const files = (summary = "{}\n") =>
  new Map<string, string | Uint8Array>([
    ["summary.json", summary],
    ["chart.png", new Uint8Array([1, 2, 3])],
  ]);

const reason = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return e instanceof OutputFolderError ? e.reason : `other: ${(e as Error).message}`;
  }
  return "no error";
};

describe("writeOutputFolder", () => {
  it("writes every file, creating parent folders, and leaves no temporary folder", () => {
    const p = parent();
    const out = join(p, "nested", "run");
    writeOutputFolder(out, files());
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("{}\n");
    expect([...readFileSync(join(out, "chart.png"))]).toEqual([1, 2, 3]);
    expect(readdirSync(join(p, "nested"))).toEqual(["run"]);
    expect(statSync(out).mode & 0o777).toBe(0o755);
  });

  it("refuses an existing folder without force and leaves it untouched", () => {
    const out = join(parent(), "run");
    writeOutputFolder(out, files("old\n"));
    expect(reason(() => writeOutputFolder(out, files("new\n")))).toBe("exists");
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("old\n");
    expect(reason(() => checkOutputFolder(out))).toBe("exists");
  });

  it("replaces an earlier output folder with force, old files gone", () => {
    const p = parent();
    const out = join(p, "run");
    writeOutputFolder(
      out,
      new Map([
        ["summary.json", "old\n"],
        ["extra.csv", "x\n"],
      ]),
    );
    writeOutputFolder(out, files("new\n"), { force: true });
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("new\n");
    expect(existsSync(join(out, "extra.csv"))).toBe(false);
    expect(readdirSync(p)).toEqual(["run"]);
  });

  it("will not replace a folder that is not authsim output, even with force", () => {
    const p = parent();
    const precious = join(p, "home");
    mkdirSync(precious);
    writeFileSync(join(precious, "thesis.tex"), "years of work");
    expect(reason(() => writeOutputFolder(precious, files(), { force: true }))).toBe("notOutput");
    expect(readFileSync(join(precious, "thesis.tex"), "utf8")).toBe("years of work");
    const file = join(p, "a-file");
    writeFileSync(file, "x");
    expect(reason(() => checkOutputFolder(file, { force: true }))).toBe("notOutput");
    // An empty folder is fair game.
    const empty = join(p, "empty");
    mkdirSync(empty);
    writeOutputFolder(empty, files(), { force: true });
    expect(existsSync(join(empty, "summary.json"))).toBe(true);
  });

  it("leaves nothing behind when a write fails half-way", () => {
    const p = parent();
    const out = join(p, "run");
    const broken = new Map<string, string | Uint8Array>([
      ["summary.json", "{}\n"],
      // Not text or bytes: writeFileSync throws after the first file was written.
      ["bad.csv", 42 as unknown as string],
    ]);
    expect(reason(() => writeOutputFolder(out, broken))).toBe("io");
    expect(readdirSync(p)).toEqual([]);
  });

  it("keeps the old folder when a forced replacement fails", () => {
    const p = parent();
    const out = join(p, "run");
    writeOutputFolder(out, files("old\n"));
    const broken = new Map<string, string | Uint8Array>([["bad.csv", 42 as unknown as string]]);
    expect(reason(() => writeOutputFolder(out, broken, { force: true }))).toBe("io");
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("old\n");
    expect(readdirSync(p)).toEqual(["run"]);
  });

  it("rejects file names that would leave the folder, before writing anything", () => {
    const p = parent();
    for (const name of ["../escape.txt", "a/b.txt", "", ".."]) {
      expect(reason(() => writeOutputFolder(join(p, "run"), new Map([[name, "x"]])))).toBe("badName");
    }
    expect(readdirSync(p)).toEqual([]);
  });
});
