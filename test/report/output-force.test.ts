// --force replaces only a folder authsim wrote: one whose every entry is on its manifest
// (.authsim-manifest.json). Anything else, with the user's files in it, is refused (reason
// "notOutput", exit 2) with the foreign files named, and nothing in it is touched.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkOutputFolder,
  MANIFEST_NAME,
  OutputFolderError,
  readManifest,
  writeOutputFolder,
} from "../../src/report/index.ts";

const root = mkdtempSync(join(tmpdir(), "authsim-force-"));
let n = 0;
const parent = () => {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir);
  return dir;
};

const files = (summary = "{}\n") =>
  new Map<string, string | Uint8Array>([
    ["summary.json", summary],
    ["run.json", "{}\n"],
    ["chart.png", new Uint8Array([1, 2, 3])],
  ]);

/** The error's reason and message, or "no error". */
function refusal(f: () => unknown): { reason: string; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof OutputFolderError) return { reason: e.reason, message: e.message };
    throw e;
  }
  return { reason: "no error", message: "" };
}

/** Every file under `dir` with its content, to show nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(e.parentPath, e.name);
    out[path.slice(dir.length)] = e.isFile() ? readFileSync(path, "utf8") : "<dir>";
  }
  return out;
}

describe("the manifest", () => {
  it("lists every file written, with who wrote it and the folder's name", () => {
    const out = join(parent(), "run");
    writeOutputFolder(out, files(), { identity: { command: "run", runId: "r-1", authsim: "9.9.9" } });
    const manifest = readManifest(out);
    expect(manifest?.files).toEqual(["chart.png", "run.json", "summary.json"]);
    expect(manifest?.identity).toEqual({ command: "run", runId: "r-1", authsim: "9.9.9" });
    expect(manifest?.target).toBe("run");
    expect(readdirSync(out).sort()).toEqual([MANIFEST_NAME, "chart.png", "run.json", "summary.json"]);
  });
});

describe("--force", () => {
  it("replaces a folder authsim wrote, old files gone", () => {
    const p = parent();
    const out = join(p, "run");
    writeOutputFolder(out, new Map([...files("old\n"), ["extra.csv", "x\n"]]));
    writeOutputFolder(out, files("new\n"), { force: true });
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("new\n");
    expect(existsSync(join(out, "extra.csv"))).toBe(false);
    expect(readdirSync(p)).toEqual(["run"]);
  });

  it("the issue's case: a project folder with a run.json keeps thesis.tex and src/", () => {
    const proj = join(parent(), "proj");
    mkdirSync(join(proj, "src"), { recursive: true });
    writeFileSync(join(proj, "run.json"), "{}");
    writeFileSync(join(proj, "thesis.tex"), "years of work");
    writeFileSync(join(proj, "src", "main.c"), "int main;");
    const before = snapshot(proj);
    const r = refusal(() => writeOutputFolder(proj, files(), { force: true }));
    expect(r.reason).toBe("notOutput");
    expect(r.message).toContain(`has no ${MANIFEST_NAME}`);
    expect(r.message).toContain("run.json, src/, thesis.tex");
    expect(snapshot(proj)).toEqual(before);
    expect(refusal(() => checkOutputFolder(proj, { force: true })).reason).toBe("notOutput");
  });

  it("refuses an authsim folder the user added files to, naming only those files", () => {
    const p = parent();
    const out = join(p, "run");
    writeOutputFolder(out, files("old\n"));
    writeFileSync(join(out, "notes.txt"), "mine");
    mkdirSync(join(out, "analysis"));
    writeFileSync(join(out, "analysis", "fit.py"), "import numpy");
    const before = snapshot(out);
    const r = refusal(() => writeOutputFolder(out, files("new\n"), { force: true }));
    expect(r.reason).toBe("notOutput");
    expect(r.message).toMatch(/holds files authsim did not write: analysis\/, notes\.txt;/);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(p)).toEqual(["run"]); // no staging folder left either
  });

  it("refuses a listed name that is now a folder, and a manifest that is not authsim's", () => {
    const a = join(parent(), "run");
    writeOutputFolder(a, files());
    rmSync(join(a, "chart.png"));
    mkdirSync(join(a, "chart.png"));
    writeFileSync(join(a, "chart.png", "keep.txt"), "mine");
    expect(refusal(() => checkOutputFolder(a, { force: true })).message).toContain("chart.png/");
    const b = join(parent(), "run");
    mkdirSync(b);
    writeFileSync(join(b, MANIFEST_NAME), '{"files": ["thesis.tex"]}');
    writeFileSync(join(b, "thesis.tex"), "years of work");
    expect(refusal(() => checkOutputFolder(b, { force: true })).reason).toBe("notOutput");
    expect(readFileSync(join(b, "thesis.tex"), "utf8")).toBe("years of work");
  });

  it("refuses a file and a symbolic link, and replaces an empty folder", () => {
    const p = parent();
    const file = join(p, "a-file");
    writeFileSync(file, "x");
    expect(refusal(() => checkOutputFolder(file, { force: true })).message).toContain("is a file");
    const real = join(p, "real");
    writeOutputFolder(real, files());
    const link = join(p, "link");
    symlinkSync(real, link);
    expect(refusal(() => checkOutputFolder(link, { force: true })).message).toContain("symbolic link");
    const empty = join(p, "empty");
    mkdirSync(empty);
    writeOutputFolder(empty, files(), { force: true });
    expect(existsSync(join(empty, "summary.json"))).toBe(true);
  });

  it("without --force an existing folder is refused as 'exists'", () => {
    const out = join(parent(), "run");
    writeOutputFolder(out, files());
    expect(refusal(() => checkOutputFolder(out)).reason).toBe("exists");
  });

  it("refuses a foreign file that appears while the run runs, at the moment of replacing", () => {
    const out = join(parent(), "run");
    writeOutputFolder(out, files("old\n"));
    // The check before the run passes; the user then saves a file into the folder mid-write.
    const onFile = (name: string) => {
      if (name === "summary.json") writeFileSync(join(out, "late.txt"), "mine");
    };
    const r = refusal(() => writeOutputFolder(out, files("new\n"), { force: true, onFile }));
    expect(r.reason).toBe("notOutput");
    expect(readFileSync(join(out, "late.txt"), "utf8")).toBe("mine");
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("old\n");
  });
});
