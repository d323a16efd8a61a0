// Every output location is judged before any simulation, in milliseconds: a file where a folder
// is needed, a folder nobody may create in (/proc refuses even root; a chmod 555 folder refuses
// everyone else: as root that case runs as nobody in a child process), a name or path too long, too little free space. Each is an `io` or `noSpace`
// error (exit 73) that says why, and the check leaves nothing behind.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildSync } from "esbuild";
import { describe, expect, it } from "vitest";
import { checkOutputFolder, OutputFolderError, writeOutputFolder } from "../../src/report/index.ts";

const root = mkdtempSync(join(tmpdir(), "authsim-where-"));
let n = 0;
const parent = () => {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir);
  return dir;
};

/** The reason, the message and how long the check took [ms]. */
function judge(out: string, expectedBytes?: number) {
  const started = performance.now();
  try {
    checkOutputFolder(out, { expectedBytes });
    return { reason: "no error", message: "", ms: performance.now() - started };
  } catch (e) {
    if (!(e instanceof OutputFolderError)) throw e;
    return { reason: e.reason, message: e.message, ms: performance.now() - started };
  }
}

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/**
 * judge(out) in a child process running as user `uid` (needs root); what it found. The child runs
 * a one-file bundle of output-folder.ts placed in the test's own folder: the checkout itself may
 * not be readable by that user (a private temporary folder, a home directory).
 */
function judgeAs(uid: number, out: string): { reason: string; message: string; ms: number } {
  const bundle = join(root, "check-output-folder.mjs");
  if (!existsSync(bundle)) {
    buildSync({
      entryPoints: [fileURLToPath(new URL("../../src/report/output-folder.ts", import.meta.url))],
      outfile: bundle,
      bundle: true,
      format: "esm",
      platform: "node",
      logLevel: "silent",
    });
    chmodSync(bundle, 0o644);
  }
  const code = `
    import { checkOutputFolder } from ${JSON.stringify(pathToFileURL(bundle).href)};
    const started = performance.now();
    let found = { reason: "no error", message: "" };
    try { checkOutputFolder(${JSON.stringify(out)}); } catch (e) { found = { reason: e.reason, message: e.message }; }
    console.log(JSON.stringify({ ...found, ms: performance.now() - started }));`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
    uid,
    gid: uid,
    cwd: root,
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`child failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

describe("the output location, before anything runs", () => {
  it("a file where a folder is needed (--out some-file/sub): io, in well under a second", () => {
    const p = parent();
    writeFileSync(join(p, "some-file"), "x");
    for (const out of [join(p, "some-file", "sub"), join(p, "some-file", "a", "b")]) {
      const r = judge(out);
      expect(r.reason).toBe("io");
      expect(r.message).toContain(`${join(p, "some-file")} is a file, not a folder`);
      expect(r.ms).toBeLessThan(100);
    }
    expect(readdirSync(p)).toEqual(["some-file"]);
  });

  it.runIf(existsSync("/proc/self"))("a folder nobody may create in, root included (/proc): io", () => {
    const r = judge("/proc/authsim-test/run");
    expect(r.reason).toBe("io");
    expect(r.message).toMatch(/^cannot create \/proc\/authsim-test\/run: nothing can be created in \/proc: /);
    expect(r.ms).toBeLessThan(100);
  });

  it("a read-only parent folder (chmod 555): io, permission denied, for a user other than root", () => {
    const p = parent();
    chmodSync(root, 0o755); // mkdtemp made it private; the other user must reach `locked`
    chmodSync(p, 0o755);
    const locked = join(p, "locked");
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    const out = join(locked, "run");
    // Root writes through chmod, so as root the check runs as nobody, in a child process.
    const r = isRoot ? judgeAs(NOBODY, out) : judge(out);
    expect(r.reason).toBe("io");
    expect(r.message).toBe(
      `cannot create ${out}: nothing can be created in ${locked}: permission denied (EACCES)`,
    );
    expect(r.ms).toBeLessThan(100);
    expect(readdirSync(locked)).toEqual([]);
  });

  it("a name longer than 255 bytes, here or in a folder still to create: io, ENAMETOOLONG", () => {
    const p = parent();
    const long = "n".repeat(300);
    for (const out of [join(p, long), join(p, long, "run"), join(p, "ok", `${"é".repeat(130)}`)]) {
      const r = judge(out);
      expect(r.reason, out).toBe("io");
      expect(r.message).toMatch(/is \d+ bytes; file systems allow 255 \(ENAMETOOLONG\)/);
    }
    const deep = join(p, ...Array.from({ length: 40 }, () => "d".repeat(120)));
    expect(judge(deep).message).toMatch(/the path is \d+ bytes; file systems allow 4095/);
    expect(readdirSync(p)).toEqual([]);
  });

  it("a 250-byte name is fine: the staging folder's name is cut to fit", () => {
    const out = join(parent(), "r".repeat(250));
    expect(judge(out).reason).toBe("no error");
    writeOutputFolder(out, new Map([["summary.json", "{}\n"]]));
    expect(existsSync(join(out, "summary.json"))).toBe(true);
  });

  it("too little free space for what the output is expected to take: noSpace", () => {
    const p = parent();
    const r = judge(join(p, "run"), 2 ** 60);
    expect(r.reason).toBe("noSpace");
    expect(r.message).toMatch(/MiB free on the file system of .*; the output needs about \d+\.\d MiB/);
    expect(judge(join(p, "run"), 1024).reason).toBe("no error");
    expect(readdirSync(p)).toEqual([]);
  });

  it("parents that do not exist yet are fine, and are not created by the check", () => {
    const p = parent();
    expect(judge(join(p, "a", "b", "run")).reason).toBe("no error");
    expect(readdirSync(p)).toEqual([]);
  });
});
